import type { Clock } from '../../protocols/runtime/clock.js'
import type { EventLog } from '../../protocols/runtime/event-log.js'
import { checkPayload, type PayloadCheck } from '../../protocols/emv/check-payload.js'
import { toMinorUnits } from '../../protocols/emv/currency.js'
import { isPaid, type Ledger } from './ledger.js'
import type { DeclineResult, PayResult, ScanResult, Transaction, WalletFailure, WalletReason } from './types.js'

export interface PayOptions {
  /** Amount the consumer pays (major units); default the payload's amount (54). */
  amount?: string
}

/** Hooks the wallet calls after a successful payment (notification, SMS). */
export interface WalletHooks {
  paid(txn: Transaction): void
  /** Fault hooks: next payments declined or paid with a wrong amount. */
  takeDeclineFault(): boolean
  takeAmountFault(): string | undefined
}

/**
 * The consumer's phone: scans the printed QR text, finds the host's transaction by the
 * reference label (62/05) and pays or declines it. Every refusal carries a reason code
 * and a sentence; every outcome is logged (`wallet-scan`, `wallet-refused`, ...).
 */
export class Wallet {
  constructor(
    private readonly clock: Clock,
    private readonly events: EventLog,
    private readonly ledger: Ledger,
    private readonly hooks: WalletHooks,
    private readonly check: (payload: string) => PayloadCheck = checkPayload,
  ) {}

  scan(payload: string): ScanResult {
    const check = this.check(payload)
    if (check.kind === 'url') return this.fail('url-payload', check.errors[0]!.message, { check })
    if (!check.valid) return this.fail('invalid-payload', check.errors.map((e) => e.message).join('; '), { check })
    const reference = check.request.reference
    if (!reference) return this.fail('no-reference', 'the payload carries no reference label (62/05), so no transaction can be found', { check })
    const txn = this.ledger.get(reference)
    if (!txn) return this.fail('unknown-reference', `no transaction with reference ${reference} was registered`, { check })
    const state = this.refusalForState(txn)
    if (state) return this.fail(state[0], state[1], { check, transaction: txn })
    const c = check.request
    if (c.currency !== undefined && c.currency !== txn.currency) {
      return this.fail('payload-mismatch', `payload currency ${c.currency} differs from the registered ${txn.currency}`, { check, transaction: txn })
    }
    if (c.pan !== undefined && c.pan !== txn.pan) {
      return this.fail('payload-mismatch', 'payload PAN differs from the registered PAN', { check, transaction: txn })
    }
    if (c.amount !== undefined && toMinorUnits(c.amount, txn.currency) !== toMinorUnits(txn.amount, txn.currency)) {
      return this.fail('amount-mismatch', `payload amount ${c.amount} differs from the registered ${txn.amount}`, { check, transaction: txn })
    }
    if (txn.state === 'registered') this.ledger.transition(txn, 'scanned', { scannedAt: this.clock.now() })
    this.events.emit('wallet-scan', { reference, amount: txn.amount, state: txn.state })
    return { ok: true, check, transaction: txn }
  }

  /**
   * Pays the transaction the payload names. The check-and-mark is synchronous, so two
   * payments racing for one transaction cannot both succeed.
   */
  async pay(payload: string, options: PayOptions = {}): Promise<PayResult> {
    const scanned = this.scan(payload)
    if (!scanned.ok) return scanned
    const txn = scanned.transaction
    if (this.hooks.takeDeclineFault()) {
      this.decline(payload, 'fault: issuer declined')
      return this.fail('declined', `the issuer declined the payment of ${txn.reference} (fault)`, { transaction: txn })
    }
    const amount = this.hooks.takeAmountFault() ?? options.amount ?? scanned.check.request.amount ?? txn.amount
    if (toMinorUnits(amount, txn.currency) !== toMinorUnits(txn.amount, txn.currency)) {
      return this.fail('amount-mismatch', `paid amount ${amount} differs from the registered ${txn.amount}`, { transaction: txn })
    }
    if (!this.ledger.transition(txn, 'paid', { paidAt: this.clock.now(), paidAmount: amount })) {
      return this.fail('already-paid', `transaction ${txn.reference} is ${txn.state}`, { transaction: txn })
    }
    this.events.emit('wallet-paid', { reference: txn.reference, amount })
    this.hooks.paid(txn)
    return { ok: true, transaction: txn }
  }

  /** The consumer (or the issuer) refuses: the transaction ends declined and is never notified. */
  decline(payload: string, why = 'consumer declined'): DeclineResult {
    const scanned = this.scan(payload)
    if (!scanned.ok) return scanned
    const txn = scanned.transaction
    if (!this.ledger.transition(txn, 'declined', { declinedAt: this.clock.now() })) {
      return this.fail('already-paid', `transaction ${txn.reference} is ${txn.state}`, { transaction: txn })
    }
    this.events.emit('wallet-declined', { reference: txn.reference, why })
    return { ok: true, transaction: txn }
  }

  private refusalForState(txn: Transaction): [WalletReason, string] | undefined {
    if (isPaid(txn.state)) return ['already-paid', `transaction ${txn.reference} was already paid`]
    if (txn.state === 'declined') return ['declined', `transaction ${txn.reference} was declined`]
    if (txn.state === 'expired') return ['expired', `transaction ${txn.reference} expired unpaid`]
    return undefined
  }

  private fail(reason: WalletReason, message: string, extra: Partial<WalletFailure> = {}): WalletFailure {
    this.events.emit('wallet-refused', { reason, message, reference: extra.transaction?.reference ?? extra.check?.request.reference })
    return { ok: false, reason, message, ...extra }
  }
}
