import { connect, type Socket } from 'node:net'
import { randomBytes } from 'node:crypto'
import { decodeJsonl, encodeJsonl, LineSplitter, verifyMac, type JsonlMessage, type JsonlType } from '../../protocols/device-link/jsonl.js'
import { encodeMpm, type PaymentRequest } from '../../protocols/emv/mpm.js'
import type { Clock } from '../../protocols/runtime/clock.js'

export const KEY = 'k-term-0001-secret'
export const TERMINAL = 'TERM0001'

/** A device-side payment request; `reference` varies per test. */
export function request(reference: string, amount = '12.30'): PaymentRequest {
  return {
    pan: '6011000995500000',
    processingCode: '000000',
    amount,
    transmissionTime: '0115093000',
    merchantType: '5812',
    terminalId: TERMINAL,
    currency: '156',
    reference,
    merchantName: 'NOODLE HOUSE',
    merchantCity: 'SHANGHAI',
    country: 'CN',
  }
}

export function registerBody(req: PaymentRequest, payload = encodeMpm(req)): Record<string, unknown> {
  const { pan, processingCode, amount, transmissionTime, merchantType, currency, reference } = req
  return { reference, pan, processingCode, amount, transmissionTime, merchantType, currency, payload }
}

/** A bare node:net jsonl client, as a device's modem socket would be. */
export class JsonlClient {
  readonly received: JsonlMessage[] = []
  readonly raw: string[] = []
  private waiters: Array<() => void> = []
  private stan = 0
  private constructor(
    readonly socket: Socket,
    private readonly clock: Clock,
    readonly terminalId: string,
    readonly key: string,
  ) {
    const splitter = new LineSplitter((line) => {
      this.raw.push(line)
      this.received.push(decodeJsonl(line))
      for (const w of this.waiters.splice(0)) w()
    })
    socket.on('data', (c: Buffer) => splitter.push(c))
  }

  static async open(port: number, clock: Clock, terminalId = TERMINAL, key = KEY): Promise<JsonlClient> {
    const socket = connect(port, '127.0.0.1')
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject))
    return new JsonlClient(socket, clock, terminalId, key)
  }

  /** Builds a signed line; `over` changes envelope fields (after signing when `afterMac`). */
  line(type: JsonlType, body: Record<string, unknown>, over: Partial<JsonlMessage> = {}, keyOverride?: string): string {
    this.stan = (this.stan % 999_999) + 1
    const m = {
      type,
      terminalId: this.terminalId,
      stan: String(this.stan).padStart(6, '0'),
      time: new Date(Math.floor(this.clock.now())).toISOString(),
      nonce: randomBytes(16).toString('hex'),
      body,
      ...over,
    }
    return encodeJsonl(m, keyOverride ?? this.key)
  }

  send(type: JsonlType, body: Record<string, unknown>, over: Partial<JsonlMessage> = {}): string {
    const l = this.line(type, body, over)
    this.socket.write(l)
    return l
  }

  write(raw: string | Buffer): void {
    this.socket.write(raw)
  }

  /** Waits (real time, bounded) for the next message matching `pred` after index `from`. */
  async next(pred: (m: JsonlMessage) => boolean = () => true, from = 0, ms = 2000): Promise<JsonlMessage> {
    const deadline = performance.now() + ms
    for (;;) {
      const found = this.received.slice(from).find(pred)
      if (found) return found
      const left = deadline - performance.now()
      if (left <= 0) throw new Error(`no matching message within ${ms} ms; got ${this.received.map((m) => m.type).join(',')}`)
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left)
        this.waiters.push(() => {
          clearTimeout(t)
          resolve()
        })
      })
    }
  }

  verify(m: JsonlMessage): boolean {
    return verifyMac(m, m.terminalId === this.terminalId ? this.key : '')
  }

  close(): void {
    this.socket.destroy()
  }
}

/** Lets loopback traffic land (a few real event-loop turns). */
export async function settle(ms = 30): Promise<void> {
  await new Promise((r) => setTimeout(r, ms))
}
