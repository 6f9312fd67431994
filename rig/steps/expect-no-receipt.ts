import type { PrintedSegment } from '../../emulators/printer/index.js'
import { ExpectationError } from '../expect/errors.js'
import { readSegment } from '../expect/receipt-check.js'
import { parseDuration } from '../scenario/duration.js'
import { durationSchema } from './schema-parts.js'
import type { StepDefinition } from './types.js'

interface Args {
  /** How long the printer must stay without a new cut. */
  for: string | number
}

/** Nothing is printed (no cut) for the given time: e.g. no slip after a declined payment. */
export const expectNoReceipt: StepDefinition<Args> = {
  kind: 'expect.noReceipt',
  summary: 'the printer cuts no new receipt for the given time',
  schema: { type: 'object', additionalProperties: false, required: ['for'], properties: { for: durationSchema } },
  defaultTimeoutMs: 24 * 3_600_000,
  async run(ctx, args) {
    const log = ctx.bench.printer.events
    const from = ctx.cursors.get('printer.segment') ?? 0
    const ms = parseDuration(args.for)
    await ctx.clock.sleep(ms, ctx.signal)
    const segments = log.events.slice(Math.max(0, from - log.dropped)).filter((e) => e.type === 'segment')
    if (segments.length > 0) {
      const seen = readSegment(segments[0]!.data as PrintedSegment)
      throw new ExpectationError(
        `expected nothing printed for ${args.for}, but receipt #${seen.index + 1} was cut: ${JSON.stringify(seen.lines.slice(0, 4))}`,
        'no receipt',
        seen.lines,
      )
    }
    return undefined
  },
}
