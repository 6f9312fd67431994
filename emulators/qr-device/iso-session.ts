import type { AckBody } from '../../protocols/device-link/jsonl.js'
import { fromMinorUnits } from '../../protocols/emv/currency.js'
import type { DecodedMessage, Iso8583Message } from '../../protocols/iso8583/codec.js'
import { frame, FrameSplitter } from '../../protocols/iso8583/framing.js'
import { decodeFrame, envelopeFields, envelopeOf, MTI, NETWORK_CODE, registerRequest, RESPONSE, signMessage, verifyMessage, type IsoEnvelope } from '../../protocols/iso8583/profile.js'
import { fromDe7, toDe7 } from '../../protocols/iso8583/time.js'
import { awaitReply, nonceHex, registerBody, type ServerSession, type ServerSessionOptions } from './server-session.js'
import type { DeviceTransaction } from './transaction.js'

/** Largest frame the firmware buffers from the server (its own largest is a 0200 of ~1.2 KiB). */
const MAX_FRAME = 8192

/**
 * The firmware's side of the `iso8583` device link (protocols/iso8583/profile.ts): 2-byte
 * length-prefixed binary ISO 8583 frames, each with DE7 transmission time, DE11 STAN, DE41
 * terminal id, DE48 nonce and a DE64 MAC (first 8 bytes of HMAC-SHA256 under the terminal
 * key). 0800/001 signs on after connecting, 0200 registers (answered by 0210, matched by
 * STAN), the server's 0620 paid notification is answered by 0630, 0800/301 is the heartbeat.
 */
export class IsoServerSession implements ServerSession {
  private stan = 0
  /** Waiting requests by STAN: the host echoes DE11 in every response. */
  private readonly waiting = new Map<string, (m: DecodedMessage) => void>()
  private readonly splitter: FrameSplitter

  constructor(private readonly o: ServerSessionOptions) {
    this.splitter = new FrameSplitter(
      (body) => this.frame(body),
      (n) => o.note(`discarded a frame announcing ${n} bytes from the server`),
      MAX_FRAME,
    )
  }

  nextStan(): string {
    this.stan = (this.stan % 999_999) + 1
    return String(this.stan).padStart(6, '0')
  }

  receive(data: Buffer): void {
    this.splitter.push(data)
  }

  /** 0800 sign-on (DE70 001); the host must answer 0810 approved before anything else is sent. */
  async open(): Promise<void> {
    const stan = this.nextStan()
    const reply = await this.request({ mti: MTI.network, fields: { ...this.envelope(stan), 70: NETWORK_CODE.signOn } }, stan, 'no sign-on response')
    const code = reply.fields[39]
    if (code !== RESPONSE.approved) throw new Error(`sign-on refused: DE39 ${code ?? 'missing'}${reply.fields[63] ? ` (${reply.fields[63]})` : ''}`)
  }

  async register(txn: DeviceTransaction): Promise<AckBody> {
    const msg = registerRequest(this.identity(txn.stan), registerBody(txn))
    // DE7 is when this message leaves (a stored registration is sent later than it was printed);
    // the printed time stays in the QR payload.
    msg.fields[7] = toDe7(this.o.clock.now())
    const reply = await this.request(msg, txn.stan, `no 0210 for ${txn.reference}`)
    const code = reply.fields[39]
    if (code === RESPONSE.approved) return { reference: txn.reference, result: 'accepted' }
    const reason = `DE39 ${code ?? 'missing'}${reply.fields[63] ? `: ${reply.fields[63]}` : ''}`
    return { reference: txn.reference, result: 'rejected', reason }
  }

  /** 0800 echo test (DE70 301); its 0810 needs no waiting for. */
  heartbeat(): Promise<void> {
    return this.write({ mti: MTI.network, fields: { ...this.envelope(this.nextStan()), 70: NETWORK_CODE.echo } })
  }

  /** DE7 now, DE11, DE41 and a fresh DE48 nonce. */
  private identity(stan: string): IsoEnvelope {
    return { terminalId: this.o.config.terminalId, stan, time: toDe7(this.o.clock.now()), nonce: nonceHex(this.o.random) }
  }

  private envelope(stan: string): Record<number, string> {
    return envelopeFields(this.identity(stan))
  }

  private async request(msg: Iso8583Message, stan: string, what: string): Promise<DecodedMessage> {
    const reply = new Promise<DecodedMessage>((resolve) => this.waiting.set(stan, resolve))
    try {
      await this.write(msg)
      return await awaitReply(this.o.clock, reply, this.o.config.timeouts.ack, what)
    } finally {
      this.waiting.delete(stan)
    }
  }

  private write(msg: Iso8583Message): Promise<void> {
    return this.o.send(frame(signMessage(msg, this.o.config.terminalKey)))
  }

  private frame(body: Buffer): void {
    let m: DecodedMessage
    try {
      m = decodeFrame(body)
    } catch (err) {
      this.o.note(`ignored a bad frame from the server: ${(err as Error).message}`)
      return
    }
    const env = envelopeOf(m.fields)
    if (env.terminalId !== this.o.config.terminalId || !verifyMessage(body, m, this.o.config.terminalKey)) {
      this.o.note(`ignored a ${m.mti} with a bad MAC or terminal id`)
      return
    }
    if (m.mti === MTI.registerResponse || m.mti === MTI.networkResponse) {
      const waiter = env.stan !== undefined ? this.waiting.get(env.stan) : undefined
      if (waiter) waiter(m)
      else if (m.fields[39] !== RESPONSE.approved) this.o.note(`server refusal ${m.mti} DE39 ${m.fields[39] ?? ''}: ${m.fields[63] ?? ''}`)
    } else if (m.mti === MTI.paid) this.paid(m)
    else this.o.note(`ignored an unexpected ${m.mti} from the server`)
  }

  /** 0620: DE62 reference, DE4 amount in minor units, DE49 currency, DE13/DE12 when paid. */
  private paid(m: DecodedMessage): void {
    const f = m.fields
    const reference = f[62]
    const minor = f[4]
    const currency = f[49]
    if (!reference || minor === undefined || currency === undefined || f[11] === undefined) {
      this.o.note('ignored a 0620 without DE62, DE4, DE49 or DE11')
      return
    }
    const now = this.o.clock.now()
    const at = f[13] && f[12] ? fromDe7(`${f[13]}${f[12]}`, now) : NaN
    const body = { reference, amount: fromMinorUnits(Number(minor), currency), currency, paidAt: new Date(Math.floor(Number.isNaN(at) ? now : at)).toISOString() }
    const stan = f[11]
    const ack = (): Promise<void> => {
      // A response echoes the request's DE7 and DE11; the nonce is the device's own.
      const echo: Record<number, string> = { ...this.envelope(stan), 39: RESPONSE.approved, 62: reference, 4: minor, 49: currency }
      if (f[7] !== undefined) echo[7] = f[7]
      if (f[3] !== undefined) echo[3] = f[3]
      return this.write({ mti: MTI.paidResponse, fields: echo })
    }
    this.o.onPaid({ body, stan, ack })
  }
}
