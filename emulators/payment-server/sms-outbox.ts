import type { Clock, TimerHandle } from '../../protocols/runtime/clock.js'
import type { EventLog } from '../../protocols/runtime/event-log.js'

export interface SmsMessage {
  id: number
  to: string
  text: string
  /** Reference of the transaction it reports. */
  reference: string
  status: 'queued' | 'delivered'
  queuedAt: number
  deliveredAt?: number
}

/**
 * The SMS gateway's outbox: the server queues a text to the merchant's phone when a
 * payment lands; the (emulated) carrier delivers it after `deliveryMs`. Tests and the
 * HTTP API read the outbox instead of a real handset.
 */
export class SmsOutbox {
  readonly messages: SmsMessage[] = []
  private nextId = 1
  private readonly timers = new Set<TimerHandle>()

  constructor(
    private readonly clock: Clock,
    private readonly events: EventLog,
    private readonly deliveryMs = 500,
    private readonly onChange: (sms: SmsMessage) => void = () => {},
  ) {}

  send(to: string, text: string, reference: string): SmsMessage {
    const sms: SmsMessage = { id: this.nextId++, to, text, reference, status: 'queued', queuedAt: this.clock.now() }
    this.messages.push(sms)
    this.onChange(sms)
    this.events.emit('sms-queued', { id: sms.id, to, reference })
    this.schedule(sms)
    return sms
  }

  /** Puts back a message read from the journal; undelivered ones are delivered again. */
  restore(sms: SmsMessage): void {
    this.messages.push(sms)
    this.nextId = Math.max(this.nextId, sms.id + 1)
    if (sms.status === 'queued') this.schedule(sms)
  }

  close(): void {
    for (const handle of this.timers) this.clock.clearTimeout(handle)
    this.timers.clear()
  }

  /** Forgets the outbox held in memory (a restart; the journal brings it back). */
  reset(): void {
    this.close()
    this.messages.length = 0
    this.nextId = 1
  }

  private schedule(sms: SmsMessage): void {
    const handle = this.clock.setTimeout(() => {
      this.timers.delete(handle)
      sms.status = 'delivered'
      sms.deliveredAt = this.clock.now()
      this.onChange(sms)
      this.events.emit('sms-delivered', { id: sms.id, to: sms.to, reference: sms.reference })
    }, this.deliveryMs)
    this.timers.add(handle)
  }
}
