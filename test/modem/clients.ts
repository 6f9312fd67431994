/**
 * Test-side models of how two real modem clients READ the modem's replies, written from
 * their published sources so the transcript tests check what those clients would accept:
 * - TinyGSM (vshymanskyy/TinyGSM, TinyGsmClientSIM800.h, TinyGsmClientBG96.h, TinyGsmClientM95.h):
 *   `waitResponse` matches expected replies as SUFFIXES of the bytes read so far and
 *   swallows URCs it knows (`+CIPRXGET: 1,<mux>`, `<mux>, CLOSED`, `*PSUTTZ:` ...).
 * - Adafruit_FONA (Adafruit_FONA.cpp): `readline` skips CR, ignores a leading LF and
 *   returns the first non-empty line (or what arrived when its millisecond budget ends).
 * Timeouts run on the rig's virtual clock.
 */
import type { Duplex } from 'node:stream'
import type { VirtualClock } from '../../rig/clock/virtual-clock.js'

/** Bytes from the modem with blocking reads in virtual time. */
export class ByteReader {
  private data = ''
  private pos = 0
  private waiter: (() => void) | undefined

  constructor(
    readonly stream: Duplex,
    readonly clock: VirtualClock,
  ) {
    stream.on('data', (d: Buffer) => {
      this.data += d.toString('latin1')
      this.waiter?.()
    })
  }

  write(s: string | Buffer): void {
    this.stream.write(typeof s === 'string' ? Buffer.from(s, 'latin1') : s)
  }

  available(): number {
    return this.data.length - this.pos
  }

  /** Next byte as a 1-char string, waiting up to `timeoutMs`; undefined on time-out. */
  async read(timeoutMs: number): Promise<string | undefined> {
    if (this.available() === 0 && !(await this.wait(timeoutMs))) return undefined
    return this.data[this.pos++]
  }

  readNow(): string | undefined {
    return this.available() > 0 ? this.data[this.pos++] : undefined
  }

  peekNow(): string | undefined {
    return this.available() > 0 ? this.data[this.pos] : undefined
  }

  /** Everything received so far, for failure messages. */
  get all(): string {
    return this.data
  }

  private wait(timeoutMs: number): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      const timer = this.clock.setTimeout(() => {
        this.waiter = undefined
        resolve(false)
      }, Math.max(0, timeoutMs))
      this.waiter = () => {
        this.waiter = undefined
        this.clock.clearTimeout(timer)
        resolve(true)
      }
    })
  }
}

const NL = '\r\n'

/** TinyGSM's reply matching for the SIM800 / M95 / BG96 clients. */
export class TinyGsmLike {
  /** Sockets TinyGSM marked as having data (+CIPRXGET: 1 / +QIRDI / +QIURC "recv"). */
  readonly gotData = new Set<number>()
  /** Sockets TinyGSM marked closed (`<mux>, CLOSED` / +QIURC "closed"). */
  readonly closed = new Set<number>()
  /** Text TinyGSM would log as "### Unhandled". */
  readonly unhandled: string[] = []

  constructor(
    readonly io: ByteReader,
    readonly flavour: 'sim800' | 'm95' | 'bg96' = 'sim800',
  ) {}

  sendAT(...parts: Array<string | number>): void {
    this.io.write(`AT${parts.join('')}${NL}`)
  }

  /** Returns 1..n for the expected reply that ended the wait, 0 on time-out; `out.data` gets what was read. */
  async waitResponse(timeoutMs = 1000, expected: string[] = ['OK' + NL, 'ERROR' + NL], out: { data: string } = { data: '' }): Promise<number> {
    const deadline = this.io.clock.now() + timeoutMs
    let data = ''
    for (;;) {
      const left = deadline - this.io.clock.now()
      const c = await this.io.read(Math.max(0, left))
      if (c === undefined) break
      if (c === '\0') continue
      data += c
      const hit = expected.findIndex((r) => data.endsWith(r))
      if (hit >= 0) {
        out.data = data
        return hit + 1
      }
      if (await this.urc(data)) data = ''
    }
    if (data.trim()) this.unhandled.push(data.trim())
    out.data = ''
    return 0
  }

  /** The URCs each TinyGSM client swallows inside waitResponse; true when `data` was one. */
  private async urc(data: string): Promise<boolean> {
    if (this.flavour === 'sim800' && data.endsWith(NL + '+CIPRXGET:')) {
      const mode = await this.getIntBefore(',')
      if (mode === 1) {
        this.gotData.add(await this.getIntBefore('\n'))
        return true
      }
      return false
    }
    if (this.flavour === 'm95' && data.endsWith(NL + '+QIRDI:')) {
      await this.skipUntil(',')
      await this.skipUntil(',')
      this.gotData.add(await this.getIntBefore('\n'))
      return true
    }
    if (this.flavour === 'bg96' && data.endsWith(NL + '+QIURC:')) {
      await this.skipUntil('"')
      const what = await this.readStringUntil('"')
      await this.skipUntil(',')
      if (what === 'recv') this.gotData.add(await this.getIntBefore('\n'))
      else if (what === 'closed') this.closed.add(await this.getIntBefore('\n'))
      else await this.skipUntil('\n')
      return true
    }
    if (this.flavour !== 'bg96' && data.endsWith('CLOSED' + NL)) {
      const nl = data.lastIndexOf(NL, data.length - 8)
      const comma = data.indexOf(',', nl + 2)
      this.closed.add(parseInt(data.substring(nl + 2, comma < 0 ? undefined : comma), 10) || 0)
      return true
    }
    for (const skip of ['*PSNWID:', '*PSUTTZ:', '+CTZV:', 'DST:', '+QNITZ:']) {
      if (data.endsWith(skip)) {
        await this.skipUntil('\n')
        return true
      }
    }
    return false
  }

  async skipUntil(ch: string, timeoutMs = 1000): Promise<boolean> {
    for (;;) {
      const c = await this.io.read(timeoutMs)
      if (c === undefined) return false
      if (c === ch) return true
    }
  }

  async readStringUntil(ch: string, timeoutMs = 1000): Promise<string> {
    let s = ''
    for (;;) {
      const c = await this.io.read(timeoutMs)
      if (c === undefined || c === ch) return s
      s += c
    }
  }

  /** Arduino `String.toInt()` of the text before `ch`. */
  async getIntBefore(ch: string): Promise<number> {
    const s = await this.readStringUntil(ch)
    const n = parseInt(s.trim(), 10)
    return Number.isNaN(n) ? -9999 : n
  }

  /** Arduino `Stream.parseInt()`: skips to the first digit, stops at the first non-digit. */
  async parseInt(timeoutMs = 1000): Promise<number> {
    let c: string | undefined
    do c = await this.io.read(timeoutMs)
    while (c !== undefined && !/[-0-9]/.test(c))
    let s = c ?? ''
    while (/[0-9]/.test(this.io.peekNow() ?? '')) s += this.io.readNow()
    return parseInt(s, 10)
  }

  async readBytes(n: number, timeoutMs = 1000): Promise<string> {
    let s = ''
    for (let i = 0; i < n; i++) {
      const c = await this.io.read(timeoutMs)
      if (c === undefined) break
      s += c
    }
    return s
  }
}

/** Adafruit_FONA's line reading (SIM800 path). */
export class FonaLike {
  reply = ''

  constructor(readonly io: ByteReader) {}

  println(s: string): void {
    this.io.write(s + NL)
  }

  /** Drains input until 40 ms pass without a byte. */
  async flushInput(): Promise<void> {
    while ((await this.io.read(40)) !== undefined);
  }

  /** First non-empty line, CR dropped; with `multiline` everything within the budget. */
  async readline(timeoutMs = 500, multiline = false): Promise<string> {
    let r = ''
    const deadline = this.io.clock.now() + timeoutMs
    for (;;) {
      const c = await this.io.read(Math.max(0, deadline - this.io.clock.now()))
      if (c === undefined || r.length >= 254) break
      if (c === '\r') continue
      if (c === '\n') {
        if (r.length === 0) continue
        if (!multiline) break
      }
      r += c
    }
    this.reply = r
    return r
  }

  async getReply(send: string, timeoutMs = 500): Promise<string> {
    await this.flushInput()
    this.println(send)
    return this.readline(timeoutMs)
  }

  async sendCheckReply(send: string, reply: string, timeoutMs = 500): Promise<boolean> {
    return (await this.getReply(send, timeoutMs)) === reply
  }

  async expectReply(reply: string, timeoutMs = 500): Promise<boolean> {
    return (await this.readline(timeoutMs)) === reply
  }

  /** FONA parseReply: the integer at field `index` after `prefix`, split on `divider`. */
  parseReply(prefix: string, divider = ',', index = 0): number | undefined {
    const at = this.reply.indexOf(prefix)
    if (at < 0) return undefined
    const fields = this.reply.slice(at + prefix.length).split(divider)
    if (fields.length <= index) return undefined
    return parseInt(fields[index]!, 10) || 0
  }

  async sendParseReply(send: string, prefix: string, divider = ',', index = 0): Promise<number | undefined> {
    await this.getReply(send)
    const v = this.parseReply(prefix, divider, index)
    if (v === undefined) return undefined
    await this.readline() // eat OK
    return v
  }

  async readRaw(n: number): Promise<string> {
    let s = ''
    while (s.length < n) {
      const c = await this.io.read(5000)
      if (c === undefined) break
      s += c
    }
    return s
  }
}
