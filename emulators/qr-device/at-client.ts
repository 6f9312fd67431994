import type { Duplex } from 'node:stream'
import type { Clock } from '../../protocols/runtime/clock.js'
import { ModemError } from './errors.js'

export interface AtReply {
  /** Information lines between the command and its final result. */
  lines: string[]
  final: string
  /** Raw bytes that followed a data-announcing line (Quectel `+QIRD: <len>`), when any. */
  data?: Buffer
}

export interface AtClientOptions {
  /** Which lines are unsolicited result codes. Default isUrc (the SIM800 set). */
  isUrc?: (line: string) => boolean
  /**
   * For a reply line that announces raw bytes after its line break (Quectel `+QIRD: <len>`),
   * their count; undefined for any other line. The bytes land in the reply's `data`.
   */
  dataLength?: (line: string) => number | undefined
}

interface RawRead {
  left: number
  /** The announcing line ended in CR: a following LF belongs to the line break, not the data. */
  skipLf: boolean
  chunks: Buffer[]
}

interface Waiter {
  match: (line: string) => boolean
  resolve: (line: string) => void
}

const FINAL = /^(OK|ERROR|\+CME ERROR:.*|\+CMS ERROR:.*|NO CARRIER)$/
const FAILURE = /^(ERROR|\+CME ERROR:.*|\+CMS ERROR:.*|NO CARRIER)$/
const IPD = /^\+IPD,(\d+):/

/**
 * The firmware's AT command client: one command at a time, CR-terminated; parses the
 * modem's byte stream into result lines, URCs, the `> ` prompt and `+IPD,<len>:` data.
 */
export class AtClient {
  private buf = Buffer.alloc(0)
  private pending: { lines: string[]; data?: Buffer; resolve: (r: AtReply) => void; command: string; final: RegExp } | undefined
  private raw: RawRead | undefined
  private readonly isUrc: (line: string) => boolean
  private readonly waiters: Waiter[] = []
  private promptWaiter: (() => void) | undefined
  private queue: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly port: Duplex,
    private readonly clock: Clock,
    private readonly onUrc: (line: string) => void,
    private readonly onData: (data: Buffer) => void,
    private readonly options: AtClientOptions = {},
  ) {
    this.isUrc = options.isUrc ?? isUrc
    port.on('data', (chunk: Buffer) => this.receive(chunk))
  }

  /**
   * Sends `AT…` and resolves with its reply; rejects on ERROR or after `timeoutMs`.
   * `final` overrides what ends the reply (AT+CIFSR answers with the bare IP address, no OK).
   */
  command(command: string, timeoutMs: number, final = FINAL): Promise<AtReply> {
    return this.serial(() => this.exchange(command, timeoutMs, final))
  }

  /** Like command(), but resolves on ERROR too (for probing). */
  probe(command: string, timeoutMs: number): Promise<AtReply | undefined> {
    return this.command(command, timeoutMs).catch(() => undefined)
  }

  /**
   * Sends `command` (default AT+CIPSEND=<len>; Quectel AT+QISEND=<id>,<len>), waits for `> `,
   * writes the bytes, resolves on SEND OK.
   */
  send(data: Buffer, timeoutMs: number, command = `AT+CIPSEND=${data.length}`): Promise<void> {
    return this.serial(async () => {
      const prompt = new Promise<void>((resolve) => (this.promptWaiter = resolve))
      const cmd = command
      const errored = this.waitLine((l) => l === 'ERROR' || l.startsWith('+CME ERROR'), timeoutMs)
      this.port.write(cmd + '\r')
      const first = await this.race(Promise.race([prompt.then(() => 'prompt'), errored]), timeoutMs, cmd)
      this.promptWaiter = undefined
      if (first !== 'prompt') throw new ModemError(`${cmd} refused: ${first}`, cmd, first)
      const done = this.waitLine((l) => /^(SEND OK|SEND FAIL|DATA ACCEPT:.*|ERROR)$/.test(l), timeoutMs)
      this.port.write(data)
      const result = await this.race(done, timeoutMs, cmd)
      if (result === 'SEND FAIL' || result === 'ERROR') throw new ModemError(`send failed: ${result}`, cmd, result)
    })
  }

  /**
   * Resolves with the next line matching `match`, or rejects after `timeoutMs` or when
   * `signal` aborts (so an abandoned wait cannot swallow a later attempt's line).
   */
  waitLine(match: (line: string) => boolean, timeoutMs: number, signal?: AbortSignal): Promise<string> {
    const waiter: Waiter = { match, resolve: () => {} }
    const p = new Promise<string>((resolve, reject) => {
      waiter.resolve = resolve
      signal?.addEventListener('abort', () => reject(new ModemError('wait for a modem line cancelled', 'waiting for a modem line')), { once: true })
    })
    this.waiters.push(waiter)
    return this.race(p, timeoutMs, 'waiting for a modem line').finally(() => {
      const i = this.waiters.indexOf(waiter)
      if (i >= 0) this.waiters.splice(i, 1)
    })
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn)
    this.queue = run.catch(() => undefined)
    return run
  }

  private async exchange(command: string, timeoutMs: number, final: RegExp): Promise<AtReply> {
    const reply = new Promise<AtReply>((resolve) => (this.pending = { lines: [], resolve, command, final }))
    this.port.write(command + '\r')
    try {
      const r = await this.race(reply, timeoutMs, command)
      if (FAILURE.test(r.final)) throw new ModemError(`${command} failed: ${r.final}`, command, r.final)
      return r
    } finally {
      this.pending = undefined
    }
  }

  private race<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = this.clock.setTimeout(() => reject(new ModemError(`no reply to ${what} within ${ms} ms`, what)), ms)
      p.then(
        (v) => {
          this.clock.clearTimeout(timer)
          resolve(v)
        },
        (e: unknown) => {
          this.clock.clearTimeout(timer)
          reject(e)
        },
      )
    })
  }

  private receive(chunk: Buffer): void {
    this.buf = Buffer.concat([this.buf, chunk])
    for (;;) {
      if (this.raw) {
        if (!this.takeRaw(this.raw)) return
        continue
      }
      // Leading line breaks separate responses; they carry nothing.
      let skip = 0
      while (skip < this.buf.length && (this.buf[skip] === 0x0d || this.buf[skip] === 0x0a)) skip++
      if (skip) this.buf = this.buf.subarray(skip)
      if (this.buf.length === 0) return
      if (this.buf[0] === 0x3e && this.promptWaiter) {
        // The `> ` prompt has no line ending.
        this.buf = this.buf.subarray(this.buf[1] === 0x20 ? 2 : 1)
        this.promptWaiter()
        continue
      }
      const head = this.buf.subarray(0, 16).toString('latin1')
      const ipd = IPD.exec(head)
      if (ipd) {
        const len = Number(ipd[1])
        const start = ipd[0].length
        if (this.buf.length < start + len) return
        this.onData(Buffer.from(this.buf.subarray(start, start + len)))
        this.buf = this.buf.subarray(start + len)
        continue
      }
      const cr = this.buf.indexOf(0x0d)
      const lf = this.buf.indexOf(0x0a)
      const end = cr < 0 ? lf : lf < 0 ? cr : Math.min(cr, lf)
      if (end < 0) {
        if (this.buf.length > 4096) this.buf = Buffer.alloc(0) // garbage without line breaks
        return
      }
      const line = this.buf.subarray(0, end).toString('latin1').trim()
      const endedWithCr = this.buf[end] === 0x0d
      this.buf = this.buf.subarray(end + 1)
      if (!line) continue
      this.line(line)
      const length = this.pending ? this.options.dataLength?.(line) : undefined
      if (length !== undefined && length > 0) this.raw = { left: length, skipLf: endedWithCr, chunks: [] }
    }
  }

  /** Takes announced raw bytes from the buffer; true once all have arrived. */
  private takeRaw(raw: RawRead): boolean {
    if (this.buf.length === 0) return false
    if (raw.skipLf) {
      raw.skipLf = false
      if (this.buf[0] === 0x0a) this.buf = this.buf.subarray(1)
    }
    const n = Math.min(raw.left, this.buf.length)
    raw.chunks.push(Buffer.from(this.buf.subarray(0, n)))
    this.buf = this.buf.subarray(n)
    raw.left -= n
    if (raw.left > 0) return false
    this.raw = undefined
    const data = Buffer.concat(raw.chunks)
    if (this.pending) this.pending.data = this.pending.data ? Buffer.concat([this.pending.data, data]) : data
    else this.onData(data)
    return true
  }

  private line(line: string): void {
    const waiter = this.waiters.find((w) => w.match(line))
    if (waiter) {
      this.waiters.splice(this.waiters.indexOf(waiter), 1)
      waiter.resolve(line)
      return
    }
    const p = this.pending
    if (p) {
      if (line === p.command) return // echo (ATE1)
      if (p.final.test(line) || FAILURE.test(line)) {
        p.resolve({ lines: p.lines, final: line, ...(p.data ? { data: p.data } : {}) })
        return
      }
      if (!this.isUrc(line) || answers(p.command, line)) {
        p.lines.push(line)
        return
      }
    }
    this.onUrc(line)
  }
}

/** Unsolicited result codes the firmware reacts to, whenever they come. */
export function isUrc(line: string): boolean {
  return /^(CLOSED|\d, CLOSED|\+PDP: DEACT|RDY|\+CFUN:.*|\+CPIN:.*|Call Ready|SMS Ready|CONNECT OK|CONNECT FAIL|ALREADY CONNECT|\*PSUTTZ.*|DST:.*|\+CTZV:.*|NORMAL POWER DOWN|UNDER-VOLTAGE.*)$/.test(line)
}

/** `+CPIN: READY` answers `AT+CPIN?` but is a URC at any other time. */
function answers(command: string, line: string): boolean {
  const name = /^AT(\+[A-Z]+)/.exec(command)?.[1]
  return name !== undefined && line.startsWith(name + ':')
}
