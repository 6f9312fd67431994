import { luhnValid } from '../../protocols/checks/luhn.js'
import type { PayloadCheck } from '../../protocols/emv/check-payload.js'
import { toMinorUnits } from '../../protocols/emv/currency.js'
import type { RegisterBody } from '../../protocols/device-link/jsonl.js'
import type { Ledger } from './ledger.js'
import type { Transaction } from './types.js'

export type RegisterOutcome =
  | { result: 'accepted'; txn: Transaction; duplicate: boolean }
  | { result: 'rejected'; reason: string; message: string }

export interface RegisterContext {
  terminalId: string
  stan: string
  now: number
  expiryMs: number
  /** The payload validator (memoised by the server). */
  check: (payload: string) => PayloadCheck
}

const FORMATS: Array<[keyof RegisterBody, RegExp, string]> = [
  ['reference', /^[\x20-\x7e]{1,25}$/, '1-25 printable ASCII characters'],
  ['pan', /^\d{12,19}$/, '12-19 digits'],
  ['processingCode', /^\d{6}$/, 'six digits'],
  ['amount', /^\d{1,10}(\.\d{1,3})?$/, 'a decimal amount such as "12.30"'],
  ['transmissionTime', /^(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])([01]\d|2[0-3])[0-5]\d[0-5]\d$/, 'MMDDhhmmss'],
  ['merchantType', /^\d{4}$/, 'four digits'],
  ['currency', /^\d{3}$/, 'an ISO 4217 numeric code'],
  ['payload', /^[\s\S]{1,2000}$/, 'the printed QR text'],
]

/**
 * Checks a device's registration (body formats, Luhn, the printed payload and its
 * agreement with the body) and records the transaction. A repeat of an accepted
 * registration (same reference, terminal, amount and payload) is accepted again without
 * a second ledger entry; anything else reusing a reference is refused.
 */
export function registerTransaction(ledger: Ledger, body: Record<string, unknown>, ctx: RegisterContext): RegisterOutcome {
  const reject = (reason: string, message: string): RegisterOutcome => ({ result: 'rejected', reason, message })
  for (const [key, re, want] of FORMATS) {
    const v = body[key]
    if (typeof v !== 'string' || !re.test(v)) return reject('bad-body', `register.${key} must be ${want}, got ${JSON.stringify(v)?.slice(0, 40)}`)
  }
  const b = body as unknown as RegisterBody
  if (!luhnValid(b.pan)) return reject('bad-pan', 'register.pan fails the Luhn check digit')
  const minor = toMinorUnits(b.amount, b.currency)
  if (minor === undefined || minor <= 0) return reject('bad-body', `register.amount ${b.amount} is not a positive amount in currency ${b.currency}`)

  const check = ctx.check(b.payload)
  if (!check.valid) return reject(check.kind === 'url' ? 'url-payload' : 'invalid-payload', check.errors.map((e) => e.message).join('; '))
  const q = check.request
  const mismatch: string[] = []
  if (q.reference !== b.reference) mismatch.push(`reference ${JSON.stringify(q.reference)} vs ${JSON.stringify(b.reference)}`)
  if (q.amount === undefined || toMinorUnits(q.amount, b.currency) !== minor) mismatch.push(`amount ${JSON.stringify(q.amount)} vs "${b.amount}"`)
  if (q.currency !== b.currency) mismatch.push(`currency ${JSON.stringify(q.currency)} vs "${b.currency}"`)
  if (q.pan !== undefined && q.pan !== b.pan) mismatch.push('PAN differs')
  if (q.terminalId !== undefined && q.terminalId !== ctx.terminalId) mismatch.push(`terminal ${JSON.stringify(q.terminalId)} vs "${ctx.terminalId}"`)
  if (mismatch.length > 0) return reject('payload-mismatch', `the printed payload disagrees with the registration: ${mismatch.join(', ')}`)

  const existing = ledger.get(b.reference)
  if (existing) {
    const same = existing.terminalId === ctx.terminalId && existing.payload === b.payload && existing.amount === b.amount
    if (same) return { result: 'accepted', txn: existing, duplicate: true }
    return reject('duplicate-reference', `reference ${b.reference} is already registered for another transaction`)
  }
  const txn: Transaction = {
    reference: b.reference,
    terminalId: ctx.terminalId,
    pan: b.pan,
    processingCode: b.processingCode,
    amount: b.amount,
    currency: b.currency,
    merchantType: b.merchantType,
    transmissionTime: b.transmissionTime,
    payload: b.payload,
    stan: ctx.stan,
    state: 'registered',
    registeredAt: ctx.now,
    expiresAt: ctx.now + ctx.expiryMs,
    notifyAttempts: 0,
    history: [{ state: 'registered', t: ctx.now }],
  }
  ledger.add(txn)
  return { result: 'accepted', txn, duplicate: false }
}
