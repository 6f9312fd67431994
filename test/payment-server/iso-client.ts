import { connect, type Socket } from 'node:net'
import { randomBytes } from 'node:crypto'
import { frame, FrameSplitter } from '../../protocols/iso8583/framing.js'
import { decodeFrame, envelopeFields, signMessage, verifyMessage } from '../../protocols/iso8583/profile.js'
import { toDe7 } from '../../protocols/iso8583/time.js'
import type { DecodedMessage } from '../../protocols/iso8583/codec.js'
import type { Clock } from '../../protocols/runtime/clock.js'

export interface Received extends DecodedMessage {
  macOk: boolean
}

/** A bare node:net device speaking profile iso8583 (2-byte length prefix). */
export class IsoClient {
  readonly received: Received[] = []
  private waiters: Array<() => void> = []
  private stan = 0

  private constructor(
    readonly socket: Socket,
    private readonly clock: Clock,
    readonly terminalId: string,
    readonly key: string,
  ) {
    const splitter = new FrameSplitter(
      (body) => {
        const m = decodeFrame(body)
        this.received.push({ ...m, macOk: verifyMessage(body, m, key) })
        for (const w of this.waiters.splice(0)) w()
      },
      () => {},
      65535,
    )
    socket.on('data', (c: Buffer) => splitter.push(c))
  }

  static async open(port: number, clock: Clock, terminalId: string, key: string): Promise<IsoClient> {
    const socket = connect(port, '127.0.0.1')
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject))
    return new IsoClient(socket, clock, terminalId, key)
  }

  nextStan(): string {
    this.stan = (this.stan % 999_999) + 1
    return String(this.stan).padStart(6, '0')
  }

  /** Signs and frames a message with this terminal's envelope (DE7, 11, 41, 48) unless `fields` overrides them. */
  bytes(mti: string, fields: Record<number, string>, key = this.key): Buffer {
    const env = envelopeFields({ terminalId: this.terminalId, stan: this.nextStan(), time: toDe7(this.clock.now()), nonce: randomBytes(8).toString('hex') })
    return frame(signMessage({ mti, fields: { ...env, ...fields } }, key))
  }

  send(mti: string, fields: Record<number, string>, key = this.key): Buffer {
    const b = this.bytes(mti, fields, key)
    this.socket.write(b)
    return b
  }

  write(raw: Buffer): void {
    this.socket.write(raw)
  }

  async next(pred: (m: Received) => boolean = () => true, from = 0, ms = 2000): Promise<Received> {
    const deadline = performance.now() + ms
    for (;;) {
      const found = this.received.slice(from).find(pred)
      if (found) return found
      const left = deadline - performance.now()
      if (left <= 0) throw new Error(`no matching frame within ${ms} ms; got ${this.received.map((m) => `${m.mti}/${m.fields[39] ?? ''}`).join(',')}`)
      await new Promise<void>((resolve) => {
        const tm = setTimeout(resolve, left)
        this.waiters.push(() => {
          clearTimeout(tm)
          resolve()
        })
      })
    }
  }

  close(): void {
    this.socket.destroy()
  }
}
