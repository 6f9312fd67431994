import type { TimerHandle } from '../../protocols/runtime/clock.js'
import type { DeviceSession, Host } from './host.js'
import type { Transaction } from './types.js'

type Notice = Pick<Transaction, 'reference' | 'terminalId' | 'amount' | 'currency'> & { paidAt?: number }

/** How long a notification held for the out-of-order fault waits for a partner, ms. */
const REORDER_HOLD_MS = 2000

/**
 * Knows which connection each terminal last authenticated on and delivers `paid`
 * notifications there, applying the delivery faults (slow, duplicated, out of order).
 */
export class NotificationRouter {
  private readonly byTerminal = new Map<string, DeviceSession>()
  private readonly held = new Map<string, { notices: Notice[]; handle: TimerHandle }>()
  private readonly timers = new Set<TimerHandle>()

  constructor(private readonly host: Host) {}

  /** Routes `terminalId` to `session`; true when this is a new route (send what is owed). */
  bind(terminalId: string, session: DeviceSession): boolean {
    if (this.byTerminal.get(terminalId) === session) return false
    this.byTerminal.set(terminalId, session)
    return true
  }

  unbind(session: DeviceSession): void {
    for (const [id, s] of this.byTerminal) if (s === session) this.byTerminal.delete(id)
  }

  isOnline(terminalId: string): boolean {
    return this.byTerminal.has(terminalId)
  }

  /** Sends (or, under a fault, schedules) a notification; false when the terminal is offline. */
  sendPaid(txn: Transaction): boolean {
    if (!this.byTerminal.has(txn.terminalId)) return false
    const notice: Notice = { reference: txn.reference, terminalId: txn.terminalId, amount: txn.paidAmount ?? txn.amount, currency: txn.currency, paidAt: txn.paidAt }
    const faults = this.host.faults
    const delay = faults.value('notifyDelayMs')
    if (delay) {
      this.host.events.emit('fault-applied', { fault: 'notifyDelayMs', reference: txn.reference, delay })
      this.later(() => this.deliver(notice), delay)
      return true
    }
    if (faults.take('reorderNotifications')) return this.hold(notice)
    return this.deliver(notice)
  }

  /** Sends a notice exactly as given (used for the unknown-transaction fault). */
  sendRaw(notice: Notice): boolean {
    return this.byTerminal.get(notice.terminalId)?.sendPaid(notice) ?? false
  }

  close(): void {
    for (const handle of this.timers) this.host.clock.clearTimeout(handle)
    this.timers.clear()
    for (const { handle } of this.held.values()) this.host.clock.clearTimeout(handle)
    this.held.clear()
    this.byTerminal.clear()
  }

  private deliver(notice: Notice): boolean {
    const session = this.byTerminal.get(notice.terminalId)
    if (!session || !session.sendPaid(notice)) return false
    if (this.host.faults.take('duplicateNotifications')) {
      this.host.events.emit('fault-applied', { fault: 'duplicateNotifications', reference: notice.reference })
      session.sendPaid(notice)
    }
    return true
  }

  /** Out-of-order fault: keep this notice until a second one for the terminal comes, then send newest first. */
  private hold(notice: Notice): boolean {
    const slot = this.held.get(notice.terminalId)
    if (slot) {
      this.host.clock.clearTimeout(slot.handle)
      this.held.delete(notice.terminalId)
      this.host.events.emit('fault-applied', { fault: 'reorderNotifications', order: [notice.reference, ...slot.notices.map((n) => n.reference)] })
      this.deliver(notice)
      for (const n of slot.notices) this.deliver(n)
      return true
    }
    const handle = this.host.clock.setTimeout(() => {
      const s = this.held.get(notice.terminalId)
      this.held.delete(notice.terminalId)
      for (const n of s?.notices ?? []) this.deliver(n)
    }, REORDER_HOLD_MS)
    this.held.set(notice.terminalId, { notices: [notice], handle })
    return true
  }

  private later(fn: () => void, ms: number): void {
    const handle = this.host.clock.setTimeout(() => {
      this.timers.delete(handle)
      fn()
    }, ms)
    this.timers.add(handle)
  }
}
