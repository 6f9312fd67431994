import type { Clock, TimerHandle } from '../../protocols/runtime/clock.js'
import type { EventLog } from '../../protocols/runtime/event-log.js'
import { maskPan } from '../../protocols/checks/luhn.js'
import type { Transaction, TxnState } from './types.js'

/** Which state may follow which; anything else is a bug or a race the ledger refuses. */
const NEXT: Record<TxnState, readonly TxnState[]> = {
  registered: ['scanned', 'paid', 'expired', 'declined'],
  scanned: ['paid', 'expired', 'declined'],
  paid: ['notified'],
  notified: ['acknowledged'],
  acknowledged: [],
  expired: [],
  declined: [],
}

/** True once money has moved: the transaction can never be paid again. */
export function isPaid(state: TxnState): boolean {
  return state === 'paid' || state === 'notified' || state === 'acknowledged'
}

/** Transaction data safe for logs and reports (PAN masked, payload left out). */
export function publicView(txn: Transaction): Omit<Transaction, 'pan' | 'history'> & { pan: string } {
  const { history: _history, ...rest } = txn
  return { ...rest, pan: maskPan(txn.pan) }
}

/**
 * The host's record of every transaction, keyed by reference label. Each state change is
 * logged (`txn-<state>`) and handed to `onChange` (the journal) before anyone sees it.
 */
export class Ledger {
  private readonly txns = new Map<string, Transaction>()
  private readonly expiry = new Map<string, TimerHandle>()

  constructor(
    private readonly clock: Clock,
    private readonly events: EventLog,
    private readonly onChange: (txn: Transaction) => void = () => {},
  ) {}

  get(reference: string): Transaction | undefined {
    return this.txns.get(reference)
  }

  all(): Transaction[] {
    return [...this.txns.values()]
  }

  get size(): number {
    return this.txns.size
  }

  /** Records a new transaction (state `registered`) and arms its expiry. */
  add(txn: Transaction): void {
    this.txns.set(txn.reference, txn)
    this.onChange(txn)
    this.events.emit('txn-registered', { reference: txn.reference, terminalId: txn.terminalId, amount: txn.amount, currency: txn.currency, pan: maskPan(txn.pan) })
    this.armExpiry(txn)
  }

  /** Puts back a transaction read from the journal, without logging it as new. */
  restore(txn: Transaction): void {
    this.txns.set(txn.reference, txn)
    this.armExpiry(txn)
  }

  /** Moves `txn` to `state` if the ledger allows it; returns false (and changes nothing) otherwise. */
  transition(txn: Transaction, state: TxnState, extra: Partial<Transaction> = {}): boolean {
    if (!NEXT[txn.state].includes(state)) return false
    const t = this.clock.now()
    Object.assign(txn, extra)
    txn.state = state
    txn.history.push({ state, t })
    if (state !== 'registered' && state !== 'scanned') this.disarm(txn.reference)
    this.onChange(txn)
    this.events.emit(`txn-${state}`, { reference: txn.reference, terminalId: txn.terminalId, amount: txn.paidAmount ?? txn.amount })
    return true
  }

  close(): void {
    for (const handle of this.expiry.values()) this.clock.clearTimeout(handle)
    this.expiry.clear()
  }

  /** Forgets everything held in memory (a restart; the journal brings it back). */
  reset(): void {
    this.close()
    this.txns.clear()
  }

  private armExpiry(txn: Transaction): void {
    if (txn.state !== 'registered' && txn.state !== 'scanned') return
    this.disarm(txn.reference)
    const handle = this.clock.setTimeout(() => {
      this.expiry.delete(txn.reference)
      this.transition(txn, 'expired', { expiredAt: this.clock.now() })
    }, txn.expiresAt - this.clock.now())
    this.expiry.set(txn.reference, handle)
  }

  private disarm(reference: string): void {
    const handle = this.expiry.get(reference)
    if (handle) this.clock.clearTimeout(handle)
    this.expiry.delete(reference)
  }
}
