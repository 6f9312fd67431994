import type { Duplex } from 'node:stream'
import type { Clock } from '../../protocols/runtime/clock.js'
import { EventLog } from '../../protocols/runtime/event-log.js'
import type { ReceiptDefinition } from './receipt-definition.js'
import { renderReceipt } from './render.js'
import { blockingFlag, isStatusReply, statusFlags, type StatusQuery } from './status.js'
import { PrinterNotReadyError, RegisterStateError } from './errors.js'

/** The status-polling habit of a register (DLE EOT n before and after each receipt). */
export interface StatusPollOptions {
  /** DLE EOT n queries sent, in order. Default [1] (printer status). */
  queries?: StatusQuery[]
  /** Poll before sending a job. Default true. */
  before?: boolean
  /** Poll after the job has left the port. Default true. */
  after?: boolean
  /** Wait for each reply, in clock ms, counted from when the query has left the wire. Default 500. */
  timeoutMs?: number
  /** Tries per query before a 'printer-error' is recorded. Default 1. */
  attempts?: number
  /** Not ready before a job: 'print' anyway (default; most registers do) or 'abort' (print() rejects with PrinterNotReadyError). */
  onError?: 'print' | 'abort'
}

export interface RegisterOptions {
  clock: Clock
  /** The serial port to the device's register input; or call attach() later. */
  port?: Duplex
  /** Status polling; default false (the register never asks). */
  poll?: StatusPollOptions | false
  /** Longest wait for a job to drain when the printer holds flow control, clock ms. Default 60000. */
  drainTimeoutMs?: number
  /** Write jobs in pieces of this many bytes, as register firmware feeds its UART driver. Default 0 (whole job at once). */
  chunkSize?: number
  /** Pause after each job before the next back-to-back job, clock ms. Default 0. */
  gapMs?: number
}

export interface PrintResult {
  bytes: number
  /** The total as printed (plain decimal, "12.30"); absent for receipts without a total or raw jobs without one. */
  total?: string
}

/** Line settings of a serialport stream (SerialPortStream and SerialPort keep them in `settings`). */
function portLine(port: Duplex): { baudRate?: number; dataBits?: number; parity?: string; stopBits?: number } | undefined {
  const settings = (port as Duplex & { settings?: Record<string, unknown> }).settings
  if (!settings) return undefined
  const { baudRate, dataBits, parity, stopBits, rtscts, xon, xoff } = settings as Record<string, number & string & boolean>
  return { baudRate, dataBits, parity, stopBits, ...(rtscts ? { rtscts } : {}), ...(xon || xoff ? { xonxoff: true } : {}) }
}

/**
 * A legacy cash register: sends print jobs (rendered receipts or raw captured streams) to its
 * port, one at a time, optionally polling the printer with DLE EOT n before and after each.
 *
 * Events (source 'register'): attached { line }, status-query { n, phase, attempt },
 * status-reply { n, phase, byte, flags }, printer-error { phase, reason, n?, byte?, job? }
 * (reasons: no-reply, offline, cover-open, paper-end, …, flow-timeout), job-start { job, bytes, total?, name? },
 * job-done { job, bytes, total?, drained }, job-aborted { job, reason }, line-warning, port-error.
 */
export class RegisterEmulator {
  readonly events: EventLog
  private readonly clock: Clock
  private readonly poll: Required<StatusPollOptions> | undefined
  private readonly drainTimeoutMs: number
  private readonly chunkSize: number
  private readonly gapMs: number
  private port: Duplex | undefined
  private chain: Promise<unknown> = Promise.resolve()
  private jobs = 0
  private closed = false
  private readonly abort = new AbortController()
  private waiter: ((byte: number) => void) | undefined
  private readonly onError = (err: Error): void => void this.events.emit('port-error', { message: err.message })
  private readonly onData = (data: Buffer): void => {
    for (const byte of data) {
      if (this.waiter && isStatusReply(byte)) {
        const w = this.waiter
        this.waiter = undefined
        w(byte)
      }
    }
  }

  constructor(options: RegisterOptions) {
    this.clock = options.clock
    this.events = new EventLog(options.clock, 'register')
    this.poll = options.poll
      ? { queries: [1], before: true, after: true, timeoutMs: 500, attempts: 1, onError: 'print', ...options.poll }
      : undefined
    this.drainTimeoutMs = options.drainTimeoutMs ?? 60_000
    this.chunkSize = options.chunkSize ?? 0
    this.gapMs = options.gapMs ?? 0
    if (options.port) this.attach(options.port)
  }

  attach(port: Duplex): void {
    if (this.closed) throw new RegisterStateError('register is closed')
    this.detach()
    this.port = port
    port.on('data', this.onData)
    port.on('error', this.onError)
    this.events.emit('attached', { line: portLine(port) })
  }

  /**
   * Sends one job: a receipt definition (rendered) or a raw byte stream sent unchanged.
   * Jobs queue behind each other; resolves when the job's bytes have been handed to the port
   * and drained (and the after-poll, if any, is done).
   */
  print(job: ReceiptDefinition | Buffer | Uint8Array, options: { total?: string } = {}): Promise<PrintResult> {
    const run = this.chain.then(() => this.run(job, options))
    this.chain = run.catch(() => undefined)
    return run
  }

  /** Prints the jobs back to back (with `gapMs` between them). */
  async printAll(jobs: Array<ReceiptDefinition | Buffer>): Promise<PrintResult[]> {
    const results: PrintResult[] = []
    for (const job of jobs) results.push(await this.print(job))
    return results
  }

  /** Sends DLE EOT n and waits for the reply byte; undefined when none came in time. */
  async queryStatus(n: StatusQuery, timeoutMs = this.poll?.timeoutMs ?? 500): Promise<number | undefined> {
    const port = this.requirePort()
    await this.write(port, Buffer.from([0x10, 0x04, n]))
    await this.drain(port)
    return this.waitReply(timeoutMs)
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    this.abort.abort(new RegisterStateError('register closed'))
    this.detach()
    this.port = undefined
    await this.chain
  }

  private async run(job: ReceiptDefinition | Buffer | Uint8Array, options: { total?: string }): Promise<PrintResult> {
    const port = this.requirePort()
    const index = ++this.jobs
    const raw = Buffer.isBuffer(job) || job instanceof Uint8Array
    const rendered = raw ? undefined : renderReceipt(job)
    const bytes = raw ? Buffer.from(job) : rendered!.bytes
    const total = options.total ?? rendered?.total
    const name = raw ? undefined : job.name
    if (this.poll?.before) {
      const problem = await this.pollPrinter('before')
      this.requirePort()
      if (problem && this.poll.onError === 'abort') {
        this.events.emit('job-aborted', { job: index, reason: problem })
        throw new PrinterNotReadyError(`printer not ready before job ${index}: ${problem}`, problem)
      }
    }
    const line = portLine(port)
    if (line?.dataBits !== undefined && line.dataBits < 8) {
      const high = bytes.reduce((n, b) => n + (b >= 1 << line.dataBits! ? 1 : 0), 0)
      // A real UART drops the high bits: the printer will get different characters.
      if (high > 0) this.events.emit('line-warning', { job: index, reason: 'bytes-wider-than-data-bits', dataBits: line.dataBits, count: high })
    }
    this.events.emit('job-start', { job: index, bytes: bytes.length, ...(total !== undefined ? { total } : {}), ...(name ? { name } : {}) })
    const step = this.chunkSize > 0 ? this.chunkSize : bytes.length
    for (let i = 0; i < bytes.length; i += step) await this.write(port, bytes.subarray(i, i + step))
    const drained = await this.drain(port)
    if (!drained) this.events.emit('printer-error', { phase: 'printing', job: index, reason: 'flow-timeout' })
    this.events.emit('job-done', { job: index, bytes: bytes.length, ...(total !== undefined ? { total } : {}), drained })
    if (this.poll?.after) await this.pollPrinter('after')
    if (this.gapMs > 0) await this.clock.sleep(this.gapMs, this.abort.signal)
    return { bytes: bytes.length, ...(total !== undefined ? { total } : {}) }
  }

  /** Runs the configured queries; returns the first problem found (and records it), if any. */
  private async pollPrinter(phase: 'before' | 'after'): Promise<string | undefined> {
    const poll = this.poll!
    let problem: string | undefined
    for (const n of poll.queries) {
      let reply: number | undefined
      for (let attempt = 1; attempt <= poll.attempts && reply === undefined; attempt++) {
        this.requirePort()
        this.events.emit('status-query', { n, phase, attempt })
        reply = await this.queryStatus(n, poll.timeoutMs)
      }
      if (reply === undefined) {
        if (this.closed) break
        this.events.emit('printer-error', { phase, n, reason: 'no-reply' })
        problem ??= 'no-reply'
        continue
      }
      const flags = statusFlags(n, reply)
      this.events.emit('status-reply', { n, phase, byte: reply, flags })
      const blocking = blockingFlag(flags)
      if (blocking) {
        this.events.emit('printer-error', { phase, n, reason: blocking, byte: reply })
        problem ??= blocking
      }
    }
    return problem
  }

  private waitReply(timeoutMs: number): Promise<number | undefined> {
    return new Promise((resolve) => {
      const timer = this.clock.setTimeout(() => {
        this.waiter = undefined
        resolve(undefined)
      }, timeoutMs)
      this.waiter = (byte) => {
        this.clock.clearTimeout(timer)
        resolve(byte)
      }
      this.abort.signal.addEventListener('abort', () => {
        this.clock.clearTimeout(timer)
        resolve(undefined)
      }, { once: true })
    })
  }

  private detach(): void {
    this.port?.off('data', this.onData)
    this.port?.off('error', this.onError)
  }

  private requirePort(): Duplex {
    if (this.closed) throw new RegisterStateError('register is closed')
    if (!this.port) throw new RegisterStateError('register has no port: pass options.port or call attach()')
    return this.port
  }

  private write(port: Duplex, data: Buffer): Promise<void> {
    return new Promise((resolve, reject) => {
      port.write(data, (err?: Error | null) => (err ? reject(err) : resolve()))
    })
  }

  /** Waits until the port has put every byte on the wire (tcdrain); false when flow control held it past drainTimeoutMs. */
  private async drain(port: Duplex): Promise<boolean> {
    const drainFn = (port as Duplex & { drain?: (cb: (err?: Error | null) => void) => void }).drain
    if (typeof drainFn !== 'function') return true
    const ac = new AbortController()
    const done = new Promise<boolean>((resolve) => drainFn.call(port, () => resolve(true)))
    const timeout = this.clock.sleep(this.drainTimeoutMs, AbortSignal.any([ac.signal, this.abort.signal])).then(
      () => false,
      () => true,
    )
    const result = await Promise.race([done, timeout])
    ac.abort()
    return result
  }
}
