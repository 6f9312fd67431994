import type { EventLog } from '../../../protocols/runtime/event-log.js'

/** One SMS the DUT sent through the modem. */
export interface SmsMessage {
  /** Clock time the modem accepted it. */
  readonly t: number
  /** Destination number as given (text mode) or decoded from the PDU. */
  readonly to: string
  /** Message text, decoded (GSM 7-bit, UCS2 or 8-bit data shown as latin1). */
  readonly text: string
  readonly mode: 'text' | 'pdu'
  /** Message reference returned in +CMGS. */
  readonly mr: number
  /** The raw PDU in hex (PDU mode). */
  readonly pdu?: string
}

/** Messages sent by the DUT, in order; scenarios read them. Bounded like the event log. */
export class Outbox {
  readonly messages: SmsMessage[] = []
  private mr = 0

  constructor(
    private readonly events: EventLog,
    private readonly limit = 10_000,
  ) {}

  /** The next TP-Message-Reference (0..255, wrapping). */
  nextReference(): number {
    this.mr = (this.mr + 1) & 0xff
    return this.mr
  }

  add(message: SmsMessage): void {
    this.messages.push(message)
    if (this.messages.length > this.limit) this.messages.shift()
    this.events.emit('sms', message)
  }
}
