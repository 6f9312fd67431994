import { readFile as readFileFs } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { renderReceipt, type ReceiptDefinition } from '../../emulators/register/index.js'
import { StepUsageError } from '../expect/errors.js'
import type { StepDefinition } from './types.js'

interface Args {
  /** An inline receipt definition. */
  receipt?: ReceiptDefinition
  /** A receipt definition file (YAML or JSON), relative to the scenario file. */
  file?: string
  /** A captured byte stream sent unchanged, relative to the scenario file. */
  raw?: string
}

/** The register prints one job; resolves when the job has left the register's port. */
export const registerPrint: StepDefinition<Args> = {
  kind: 'register.print',
  summary: 'the cash register prints a receipt (inline definition, definition file, or raw byte stream)',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      receipt: { type: 'object' },
      file: { type: 'string' },
      raw: { type: 'string' },
      timeout: { $ref: '#/$defs/duration' },
    },
    oneOf: [{ required: ['receipt'] }, { required: ['file'] }, { required: ['raw'] }],
  },
  defaultTimeoutMs: 120_000,
  async run(ctx, args) {
    const base = dirname(ctx.scenario.file)
    // File reads are real I/O: hold virtual time while they are in flight.
    const readBytes = (path: string): Promise<Buffer> => ctx.clock.busy(readFileFs(path))
    if (args.raw !== undefined) {
      const bytes = await readBytes(resolve(base, args.raw))
      const result = await ctx.bench.register.print(bytes)
      return { ...result }
    }
    let def = args.receipt
    if (args.file !== undefined) {
      const text = (await readBytes(resolve(base, args.file))).toString('utf8')
      def = (args.file.endsWith('.json') ? JSON.parse(text) : parseYaml(text)) as ReceiptDefinition
    }
    if (!def) throw new StepUsageError('register.print needs receipt, file or raw')
    const rendered = renderReceipt(def)
    const result = await ctx.bench.register.print(def)
    return { ...result, total: rendered.total, lines: rendered.lines }
  },
}
