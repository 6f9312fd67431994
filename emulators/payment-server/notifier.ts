import type { Clock, TimerHandle } from '../../protocols/runtime/clock.js'
import type { EventLog } from '../../protocols/runtime/event-log.js'
import type { Ledger } from './ledger.js'
import type { Transaction } from './types.js'

export interface NotifyRetryOptions {
  /** Delay before the first retry, ms. Default 1000. */
  initialMs?: number
  /** Growth of the delay per attempt. Default 2. */
  factor?: number
  /** Longest delay between attempts, ms. Default 30000. */
  maxMs?: number
}

/** Sends one `paid` notification to the terminal's live connection; false when it has none. */
export type PaidSender = (txn: Transaction) => boolean

/**
 * Delivers `paid` notifications until the device acknowledges each one: the first send
 * right away, then retries with exponential backoff on the clock. A terminal that
 * (re)connects gets its pending notifications at once. Pending work is derived from the
 * ledger (state paid or notified), so a restarted server resumes it from the journal.
 */
export class Notifier {
  private readonly pending = new Map<string, TimerHandle | undefined>()
  private readonly initialMs: number
  private readonly factor: number
  private readonly maxMs: number
  private closed = false
  /** Extra delay before each send (fault: slow notifications). */
  delayMs = 0

  constructor(
    private readonly clock: Clock,
    private readonly events: EventLog,
    private readonly ledger: Ledger,
    private readonly send: PaidSender,
    retry: NotifyRetryOptions = {},
  ) {
    this.initialMs = retry.initialMs ?? 1000
    this.factor = retry.factor ?? 2
    this.maxMs = retry.maxMs ?? 30_000
  }

  /** Starts (or restarts) delivery for a paid transaction. */
  start(txn: Transaction): void {
    if (this.closed) return
    this.cancel(txn.reference)
    this.pending.set(txn.reference, undefined)
    if (this.delayMs > 0) this.schedule(txn, this.delayMs, false)
    else this.attempt(txn)
  }

  /** The device acknowledged: stop retrying. Returns false for a reference with nothing pending. */
  acknowledge(reference: string): boolean {
    const txn = this.ledger.get(reference)
    if (!txn) return false
    const wasPending = this.pending.has(reference)
    this.cancel(reference)
    if (txn.state === 'notified') {
      this.ledger.transition(txn, 'acknowledged', { acknowledgedAt: this.clock.now() })
      this.events.emit('notify-acked', { reference, terminalId: txn.terminalId, attempts: txn.notifyAttempts })
      return true
    }
    return wasPending
  }

  /** A terminal came (back) online: send what it is owed now instead of waiting for the backoff. */
  flush(terminalId: string): void {
    for (const reference of [...this.pending.keys()]) {
      const txn = this.ledger.get(reference)
      if (txn && txn.terminalId === terminalId) {
        this.cancel(reference)
        this.pending.set(reference, undefined)
        this.attempt(txn)
      }
    }
  }

  /** Resumes delivery of every paid-but-unacknowledged transaction (after a restart). */
  resume(): void {
    for (const txn of this.ledger.all()) if (txn.state === 'paid' || txn.state === 'notified') this.start(txn)
  }

  isPending(reference: string): boolean {
    return this.pending.has(reference)
  }

  close(): void {
    this.closed = true
    for (const reference of [...this.pending.keys()]) this.cancel(reference)
  }

  /** Drops pending work and accepts new work again (a restart; resume() rebuilds it from the ledger). */
  reset(): void {
    this.close()
    this.closed = false
  }

  private attempt(txn: Transaction): void {
    if (this.closed || !this.pending.has(txn.reference)) return
    const sent = this.send(txn)
    if (sent) {
      txn.notifyAttempts++
      if (txn.state === 'paid') this.ledger.transition(txn, 'notified', { notifiedAt: this.clock.now() })
      this.events.emit('notify-sent', { reference: txn.reference, terminalId: txn.terminalId, attempt: txn.notifyAttempts })
    } else {
      this.events.emit('notify-deferred', { reference: txn.reference, terminalId: txn.terminalId, reason: 'terminal not connected' })
    }
    const n = Math.max(0, txn.notifyAttempts - 1)
    this.schedule(txn, Math.min(this.maxMs, this.initialMs * this.factor ** n), true)
  }

  private schedule(txn: Transaction, ms: number, isRetry: boolean): void {
    const handle = this.clock.setTimeout(() => {
      if (isRetry && this.pending.has(txn.reference)) this.events.emit('notify-retry', { reference: txn.reference, attempt: txn.notifyAttempts + 1 })
      this.attempt(txn)
    }, ms)
    this.pending.set(txn.reference, handle)
  }

  private cancel(reference: string): void {
    this.clock.clearTimeout(this.pending.get(reference))
    this.pending.delete(reference)
  }
}
