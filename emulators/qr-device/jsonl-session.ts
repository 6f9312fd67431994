import type { Clock } from '../../protocols/runtime/clock.js'
import type { Random } from '../../protocols/runtime/random.js'
import {
  LineSplitter,
  decodeJsonl,
  encodeJsonl,
  verifyMac,
  type AckBody,
  type JsonlMessage,
  type JsonlType,
  type PaidBody,
  type RegisterBody,
} from '../../protocols/device-link/jsonl.js'
import type { DeviceConfig } from './config.js'
import type { DeviceTransaction } from './transaction.js'

export interface ServerSessionOptions {
  clock: Clock
  config: DeviceConfig
  random: Random
  /** Writes bytes to the open server connection. */
  send: (bytes: Buffer) => Promise<void>
  onPaid: (body: PaidBody, message: JsonlMessage) => void
  note: (what: string) => void
}

/**
 * The firmware's side of the `jsonl` device link: signs what it sends, checks the MAC of
 * what it receives, matches acks to registrations and answers paid notifications.
 */
export class ServerSession {
  private stan = 0
  private readonly acks = new Map<string, (ack: AckBody) => void>()
  private readonly splitter: LineSplitter

  constructor(private readonly o: ServerSessionOptions) {
    this.splitter = new LineSplitter(
      (line) => this.line(line),
      (n) => o.note(`discarded an oversize line of ${n} bytes from the server`),
    )
  }

  /** Next system trace audit number (DE11), 000001–999999. */
  nextStan(): string {
    this.stan = (this.stan % 999_999) + 1
    return String(this.stan).padStart(6, '0')
  }

  receive(data: Buffer): void {
    this.splitter.push(data)
  }

  /** Sends the transaction and waits for the server's ack. */
  async register(txn: DeviceTransaction): Promise<AckBody> {
    const body: RegisterBody = {
      reference: txn.reference,
      pan: txn.request.pan,
      processingCode: txn.request.processingCode,
      amount: txn.request.amount,
      transmissionTime: txn.request.transmissionTime,
      merchantType: txn.request.merchantType,
      currency: txn.request.currency,
      payload: txn.payload,
    }
    const ack = new Promise<AckBody>((resolve) => this.acks.set(txn.reference, resolve))
    await this.message('register', body as unknown as Record<string, unknown>, txn.stan)
    const timeout = this.o.config.timeouts.ack
    const timer = new Promise<never>((_, reject) => {
      const h = this.o.clock.setTimeout(() => reject(new Error(`no ack for ${txn.reference} within ${timeout} ms`)), timeout)
      void ack.then(() => this.o.clock.clearTimeout(h))
    })
    try {
      return await Promise.race([ack, timer])
    } finally {
      this.acks.delete(txn.reference)
    }
  }

  heartbeat(): Promise<void> {
    return this.message('heartbeat', {})
  }

  paidAck(reference: string): Promise<void> {
    return this.message('paid-ack', { reference })
  }

  private async message(type: JsonlType, body: Record<string, unknown>, stan = this.nextStan()): Promise<void> {
    const nonce = Array.from({ length: 8 }, () => this.o.random.int(0, 255).toString(16).padStart(2, '0')).join('')
    const line = encodeJsonl(
      { type, terminalId: this.o.config.terminalId, stan, time: new Date(Math.floor(this.o.clock.now())).toISOString(), nonce, body },
      this.o.config.terminalKey,
    )
    await this.o.send(Buffer.from(line, 'utf8'))
  }

  private line(line: string): void {
    let m: JsonlMessage
    try {
      m = decodeJsonl(line)
    } catch (err) {
      this.o.note(`ignored a bad line from the server: ${(err as Error).message}`)
      return
    }
    if (m.terminalId !== this.o.config.terminalId || !verifyMac(m, this.o.config.terminalKey)) {
      this.o.note(`ignored a ${m.type} message with a bad MAC or terminal id`)
      return
    }
    if (m.type === 'ack') {
      const body = m.body as unknown as AckBody
      this.acks.get(body.reference)?.(body)
    } else if (m.type === 'paid') {
      this.o.onPaid(m.body as unknown as PaidBody, m)
    } else if (m.type === 'error') {
      this.o.note(`server error: ${JSON.stringify(m.body)}`)
    }
  }
}
