import type { PrintedSegment } from '../../emulators/printer/index.js'
import { ExpectationError } from '../expect/errors.js'
import { checkReceipt, readSegment, type ReceiptSeenRecord, type ReceiptSpec } from '../expect/receipt-check.js'
import { waitFor } from '../expect/wait-for.js'
import { durationSchema, stringList } from './schema-parts.js'
import type { StepContext, StepDefinition } from './types.js'
import { compareSnapshot, snapshotPath } from '../expect/snapshot.js'

interface Args extends ReceiptSpec {
  timeout?: string | number
  /** Compare the printed dots with a stored picture (scenario folder, __snapshots__/); --update-snapshots writes it. */
  snapshot?: string
  /** 'next' (default): the next printed segment must match. 'any': wait for one that matches. */
  select?: 'next' | 'any'
}

const CURSOR = 'printer.segment'

/**
 * Waits for a printed segment (a receipt or slip, up to its cut) and checks it: text from
 * the print log, QR symbols decoded from the raster with jsQR, EMV fields and CRC or
 * iso8583-fields data elements.
 */
export const expectReceipt: StepDefinition<Args> = {
  kind: 'expect.receipt',
  summary: 'the printer prints a receipt (up to its cut) with the given text and QR payload',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      timeout: durationSchema,
      select: { enum: ['next', 'any'] },
      text: stringList,
      notText: stringList,
      cut: { enum: ['full', 'partial', 'none', 'any'] },
      noQr: { type: 'boolean' },
      snapshot: { type: 'string', pattern: '^[A-Za-z0-9][\\w.-]*$' },
      qr: {
        type: 'object',
        additionalProperties: false,
        properties: {
          count: { type: 'integer', minimum: 0 },
          text: { type: 'string' },
          // A matrix scenario names the profile with a parameter ("${payload}"), read at run time.
          payload: { anyOf: [{ enum: ['emv-mpm', 'iso8583-fields', 'any'] }, { type: 'string', pattern: '^\\$\\{[^}]+\\}$' }] },
          crc: { enum: ['valid', 'any'] },
          fields: { type: 'object', additionalProperties: { type: ['string', 'number'] } },
          moduleSize: { type: 'integer', minimum: 1, maximum: 16 },
        },
      },
    },
  },
  defaultTimeoutMs: 30_000,
  async run(ctx, args, timeoutMs) {
    const log = ctx.bench.printer.events
    const select = args.select ?? 'next'
    let lastProblems: string[] = []
    let matched: PrintedSegment | undefined
    const { result, next } = await waitFor<ReceiptSeenRecord>({
      log,
      from: ctx.cursors.get(CURSOR) ?? 0,
      clock: ctx.clock,
      timeoutMs,
      signal: ctx.signal,
      what: select === 'next' ? 'the next printed receipt (a cut)' : 'a printed receipt matching the expectation',
      match: (event) => {
        if (event.type !== 'segment') return undefined
        const segment = event.data as PrintedSegment
        const seen = readSegment(segment)
        const problems = checkReceipt(segment, seen, args)
        if (problems.length === 0) {
          matched = segment
          return seen
        }
        lastProblems = problems.map((p) => `receipt #${segment.index + 1}: ${p}`)
        if (select === 'next') throw new ExpectationError(lastProblems.join('\n'))
        return undefined
      },
    }).catch((err: Error) => {
      if (lastProblems.length > 0 && select === 'any') throw new ExpectationError(`${err.message}; the last receipt differed:\n${lastProblems.join('\n')}`)
      throw err
    })
    ctx.cursors.set(CURSOR, next)
    if (args.snapshot) await checkSnapshot(ctx, args.snapshot, matched!)
    return result
  },
}

async function checkSnapshot(ctx: StepContext, name: string, segment: PrintedSegment): Promise<void> {
  const path = snapshotPath(ctx.scenario.file, name)
  const outcome = await ctx.clock.busy(compareSnapshot(segment.raster, path, ctx.updateSnapshots))
  if (outcome.status === 'missing') {
    throw new ExpectationError(`receipt #${segment.index + 1}: no snapshot "${name}" at ${path}; run with --update-snapshots to record it`, path, 'missing')
  }
  if (outcome.status === 'differs') {
    const diff = `${name}.diff.png`
    await ctx.clock.busy(ctx.saveArtifact(diff, outcome.diffPng!))
    const e = outcome.expected!
    throw new ExpectationError(
      `receipt #${segment.index + 1} differs from snapshot "${name}": ${outcome.differentDots} dots differ ` +
        `(expected ${e.width}x${e.height} dots, printed ${outcome.actual.width}x${outcome.actual.height}); see ${ctx.artifactDir}/${diff}`,
      `${e.width}x${e.height}`,
      `${outcome.actual.width}x${outcome.actual.height}`,
    )
  }
}
