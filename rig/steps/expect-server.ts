import type { Transaction, TxnState } from '../../emulators/payment-server/index.js'
import { ExpectationError } from '../expect/errors.js'
import { waitFor } from '../expect/wait-for.js'
import { durationSchema } from './schema-parts.js'
import type { StepDefinition } from './types.js'

interface Args {
  reference: string
  state: TxnState
  timeout?: string | number
}

const TERMINAL: TxnState[] = ['acknowledged', 'expired', 'declined']

/** Waits until the server's ledger shows the transaction in the given state. */
export const expectServer: StepDefinition<Args> = {
  kind: 'expect.server',
  summary: "the payment server's ledger holds the transaction in the given state",
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['reference', 'state'],
    properties: {
      reference: { type: 'string' },
      state: { enum: ['registered', 'scanned', 'paid', 'notified', 'acknowledged', 'expired', 'declined'] },
      timeout: durationSchema,
    },
  },
  defaultTimeoutMs: 30_000,
  async run(ctx, args, timeoutMs) {
    const { server } = ctx.bench
    const check = (): Transaction | undefined => {
      const txn = server.ledger.get(args.reference)
      if (txn?.state === args.state) return { ...txn, pan: '' }
      if (txn && TERMINAL.includes(txn.state)) {
        throw new ExpectationError(`transaction ${args.reference}: expected state ${args.state}, actual ${txn.state} (final)`, args.state, txn.state)
      }
      return undefined
    }
    const now = check()
    if (now) return now
    const { result } = await waitFor({
      log: server.events,
      from: server.events.events.length + server.events.dropped,
      clock: ctx.clock,
      timeoutMs,
      signal: ctx.signal,
      what: `transaction ${args.reference} to be ${args.state}`,
      match: () => check(),
    }).catch((err: Error) => {
      const state = server.ledger.get(args.reference)?.state
      throw new ExpectationError(`${err.message}; it is ${state ?? 'unknown to the server'}`, args.state, state)
    })
    return result
  },
}
