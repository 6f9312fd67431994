import {
  LineSplitter,
  decodeJsonl,
  encodeJsonl,
  verifyMac,
  type AckBody,
  type JsonlMessage,
  type JsonlType,
  type PaidBody,
} from '../../protocols/device-link/jsonl.js'
import { awaitReply, nonceHex, registerBody, type ServerSession, type ServerSessionOptions } from './server-session.js'
import type { DeviceTransaction } from './transaction.js'

/**
 * The firmware's side of the `jsonl` device link: signs what it sends, checks the MAC of
 * what it receives, matches acks to registrations and answers paid notifications.
 */
export class JsonlServerSession implements ServerSession {
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

  /** The jsonl profile has no sign-on: the first message identifies the terminal. */
  async open(): Promise<void> {}

  /** Sends the transaction and waits for the server's ack. */
  async register(txn: DeviceTransaction): Promise<AckBody> {
    const ack = new Promise<AckBody>((resolve) => this.acks.set(txn.reference, resolve))
    try {
      await this.message('register', registerBody(txn) as unknown as Record<string, unknown>, txn.stan)
      return await awaitReply(this.o.clock, ack, this.o.config.timeouts.ack, `no ack for ${txn.reference}`)
    } finally {
      this.acks.delete(txn.reference)
    }
  }

  heartbeat(): Promise<void> {
    return this.message('heartbeat', {})
  }

  private async message(type: JsonlType, body: Record<string, unknown>, stan = this.nextStan()): Promise<void> {
    const nonce = nonceHex(this.o.random)
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
      const body = m.body as unknown as PaidBody
      this.o.onPaid({ body, stan: m.stan, ack: () => this.message('paid-ack', { reference: body.reference }) })
    } else if (m.type === 'error') {
      this.o.note(`server error: ${JSON.stringify(m.body)}`)
    }
  }
}
