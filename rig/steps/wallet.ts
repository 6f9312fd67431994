import type { PayResult, WalletReason } from '../../emulators/payment-server/index.js'
import { ExpectationError } from '../expect/errors.js'
import type { StepContext, StepDefinition } from './types.js'

interface Args {
  /** The QR text the consumer's phone scanned (usually `${receipt.qr}`). */
  payload: string
  /** Amount the consumer pays; default the payload's own. */
  amount?: string
  /** 'ok' (default): the wallet must succeed. 'refused': it must refuse (optionally for `reason`). */
  expect?: 'ok' | 'refused'
  reason?: WalletReason
}

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['payload'],
  properties: {
    payload: { type: 'string' },
    amount: { type: 'string' },
    expect: { enum: ['ok', 'refused'] },
    reason: { type: 'string' },
    timeout: { $ref: '#/$defs/duration' },
  },
}

function verdict(action: string, args: Args, result: PayResult): unknown {
  const want = args.expect ?? 'ok'
  if (result.ok) {
    if (want === 'refused') throw new ExpectationError(`wallet ${action}: expected a refusal${args.reason ? ` (${args.reason})` : ''}, actual success`, 'refused', 'ok')
    return { ok: true, reference: result.transaction.reference, amount: result.transaction.amount, state: result.transaction.state }
  }
  if (want === 'ok') throw new ExpectationError(`wallet ${action} refused: ${result.reason}: ${result.message}`, 'ok', result.reason)
  if (args.reason && result.reason !== args.reason) {
    throw new ExpectationError(`wallet ${action}: expected refusal "${args.reason}", actual "${result.reason}" (${result.message})`, args.reason, result.reason)
  }
  return { ok: false, reason: result.reason, message: result.message }
}

function walletStep(kind: string, summary: string, act: (ctx: StepContext, args: Args) => Promise<PayResult> | PayResult): StepDefinition<Args> {
  return { kind, summary, schema, defaultTimeoutMs: 30_000, run: async (ctx, args) => verdict(kind.split('.')[1]!, args, await act(ctx, args)) }
}

export const walletPay = walletStep('wallet.pay', "the consumer's phone pays the scanned QR text", (ctx, args) =>
  ctx.clock.busy(ctx.bench.server.wallet.pay(args.payload, args.amount !== undefined ? { amount: args.amount } : {})),
)

export const walletScan = walletStep('wallet.scan', "the consumer's phone scans the QR text (validates it, finds the transaction)", (ctx, args) =>
  ctx.bench.server.wallet.scan(args.payload) as PayResult,
)

export const walletDecline = walletStep('wallet.decline', 'the consumer declines the payment', (ctx, args) => ctx.bench.server.wallet.decline(args.payload))
