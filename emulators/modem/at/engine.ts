import type { Clock, TimerHandle } from '../../../protocols/runtime/clock.js'
import { errorText, infoLine, resultLine, type Verbosity } from './format.js'
import { parseCommandLine } from './parse.js'
import type { AtCommand, DataEntry, Reply } from './types.js'

const CR = 0x0d
const LF = 0x0a
const BS = 0x08
const CTRL_Z = 0x1a
const ESC = 0x1b

export interface AtEngineOptions {
  clock: Clock
  /** Sends bytes to the host. */
  write(bytes: Buffer): void
  /** Runs one command (the dialect's command table). */
  dispatch(cmd: AtCommand): Reply | Promise<Reply>
  /** Virtual-time delay before a command's reply (simple commands a few ms, CIICR seconds). */
  delayFor(cmd: AtCommand | undefined): number
  /** Each line the modem sends, in order; may return it changed, repeated or dropped (line faults). Default: as is. */
  filterLine?(wire: string): string[]
  /** Reports a finished command line and everything sent for it. */
  onCommand?(command: string, response: string): void
  /** Reports bytes that formed no command (no `AT` prefix) and handler failures. */
  onIgnored?(what: 'garbage' | 'overflow' | 'handler-error', detail: string): void
  /** Waits in virtual time; default clock.sleep. */
  sleep?(ms: number): Promise<void>
  /** Longest command line accepted (SIMCom: 556 characters). Default 556. */
  maxLine?: number
}

type Mode = 'command' | 'busy' | 'data'

/**
 * The AT command interpreter: V.250 framing (CR ends a line, a following LF is ignored),
 * echo per ATE, one command line at a time (type-ahead waits), `;` chaining, final result
 * codes per AT+CMEE, data entry after a prompt, and URCs held while a reply is being
 * produced so they only ever appear between replies.
 */
export class AtEngine implements Verbosity {
  echo = true
  cmee: 0 | 1 | 2 = 0
  verbose = true
  private mode: Mode = 'command'
  private readonly input: Buffer[] = []
  private inputPos = 0
  private line: number[] = []
  private overflow = false
  private lastWasCR = false
  private lastLine = ''
  private entry: DataEntry | undefined
  private entryData: number[] = []
  /** Fixed-length entries are taken in slices of the input chunks, not byte by byte. */
  private entryChunks: Buffer[] = []
  private entryCount = 0
  private entryTimer: TimerHandle | undefined
  private readonly held: string[] = []
  private closed = false
  private readonly maxLine: number

  constructor(private readonly o: AtEngineOptions) {
    this.maxLine = o.maxLine ?? 556
  }

  /** Whether the engine is between replies (a URC would go out now). */
  get idle(): boolean {
    return this.mode === 'command'
  }

  /** Bytes from the host. */
  feed(bytes: Buffer): void {
    if (this.closed || bytes.length === 0) return
    if (this.mode === 'busy' && this.lastWasCR && bytes[0] === LF) {
      // The LF of a CRLF-terminated command line arrived in a later chunk, while the command runs.
      // On the wire it follows the CR within one character time, long before any reply: it is
      // echoed now (ATE1 echoes every character received, V.250 §6.2.4), whatever the chunking.
      this.lastWasCR = false
      if (this.echo) this.send('\n', false)
      bytes = bytes.subarray(1)
      if (bytes.length === 0) return
    }
    this.input.push(bytes)
    this.pump()
  }

  /** An unsolicited line (`CLOSED`, `+CIPRXGET: 1,0`): sent now if idle, else right after the current reply. */
  urc(text: string): void {
    this.send(this.wire([text]), true)
  }

  /** Unsolicited raw bytes (socket data in transparent single-connection mode, `+IPD,n:` payloads). */
  urcRaw(bytes: string): void {
    this.send(bytes, true)
  }

  /** Forgets a half-typed line, any data entry and held URCs (modem reboot). */
  reset(): void {
    this.clock().clearTimeout(this.entryTimer)
    this.entry = undefined
    this.entryData = []
    this.entryChunks = []
    this.entryCount = 0
    this.line = []
    this.input.length = 0
    this.inputPos = 0
    this.held.length = 0
    this.mode = 'command'
    this.echo = true
    this.cmee = 0
    this.verbose = true
  }

  close(): void {
    this.closed = true
    this.clock().clearTimeout(this.entryTimer)
    this.input.length = 0
    this.held.length = 0
  }

  private clock(): Clock {
    return this.o.clock
  }

  private send(text: string, unsolicited: boolean): void {
    if (this.closed || text === '') return
    if (unsolicited && this.mode !== 'command') this.held.push(text)
    else this.o.write(Buffer.from(text, 'latin1'))
  }

  private flushHeld(): void {
    while (this.mode === 'command' && this.held.length > 0) this.send(this.held.shift()!, false)
  }

  /** Wire form of information lines, through the line-fault filter. */
  private wire(texts: string[]): string {
    let out = ''
    for (const t of texts) {
      const w = infoLine(t, this)
      for (const x of this.o.filterLine ? this.o.filterLine(w) : [w]) out += x
    }
    return out
  }

  private nextByte(): number | undefined {
    while (this.input.length > 0) {
      const head = this.input[0]!
      if (this.inputPos < head.length) return head[this.inputPos++]
      this.input.shift()
      this.inputPos = 0
    }
    return undefined
  }

  private peekByte(): number | undefined {
    const head = this.input[0]
    if (head && this.inputPos < head.length) return head[this.inputPos]
    return this.input[1]?.[0]
  }

  private pump(): void {
    let echo = ''
    while (!this.closed && this.mode !== 'busy') {
      const b = this.nextByte()
      if (b === undefined) break
      if (this.mode === 'data') {
        // The LF of a command's CRLF may arrive after the prompt: it is not data.
        const strayLf = b === LF && this.lastWasCR && this.entryData.length === 0 && this.entryCount === 0
        this.lastWasCR = false
        if (strayLf) continue
        if (this.dataByte(b, (s) => (echo += s))) break
        continue
      }
      if (b === LF && this.lastWasCR) {
        this.lastWasCR = false
        if (this.echo) echo += '\n'
        continue
      }
      this.lastWasCR = b === CR
      if (this.echo) echo += String.fromCharCode(b)
      if (b === CR) {
        if (this.peekByte() === LF) {
          this.nextByte()
          this.lastWasCR = false
          if (this.echo) echo += '\n'
        }
        this.send(echo, false)
        echo = ''
        this.endOfLine()
      } else if (b === 0x2f && this.line.length === 1 && (this.line[0] === 0x41 || this.line[0] === 0x61)) {
        // A/ repeats the previous command line at once, without a CR (V.250 §5.2.4).
        this.line = []
        this.send(echo, false)
        echo = ''
        if (this.lastLine) this.startLine(this.lastLine, this.lastLine.slice(2))
      } else if (b === BS) this.line.pop()
      else if (this.line.length < this.maxLine) this.line.push(b)
      else this.overflow = true
    }
    this.send(echo, false)
  }

  private endOfLine(): void {
    const text = Buffer.from(this.line).toString('latin1')
    const overflow = this.overflow
    this.line = []
    this.overflow = false
    if (overflow) {
      this.o.onIgnored?.('overflow', text.slice(0, 40))
      this.startLine(text, undefined)
      return
    }
    const at = text.search(/AT/i)
    if (at < 0) {
      if (text.trim() !== '') this.o.onIgnored?.('garbage', text)
      return
    }
    const command = text.slice(at)
    this.lastLine = command
    this.startLine(command, command.slice(2))
  }

  private startLine(command: string, body: string | undefined): void {
    this.mode = 'busy'
    void this.runLine(body).then(
      (out) => this.finish(command, out),
      (err: unknown) => {
        if (this.closed) return
        this.o.onIgnored?.('handler-error', String((err as Error)?.stack ?? err))
        this.finish(command, { text: resultLine('ERROR', this) })
      },
    )
  }

  /** Executes the commands of one line; stops at the first error or prompt. */
  private async runLine(body: string | undefined): Promise<{ text: string; reply?: Reply }> {
    const cmds = body === undefined ? undefined : parseCommandLine(body)
    if (!cmds) return { text: resultLine('ERROR', this) }
    let text = ''
    let last: Reply = {}
    const afters: Array<() => void> = []
    if (cmds.length === 0) await this.sleep(this.o.delayFor(undefined))
    for (const cmd of cmds) {
      await this.sleep(this.o.delayFor(cmd))
      if (this.closed) return { text: '' }
      const reply = await this.o.dispatch(cmd)
      text += this.wire(reply.lines ?? []) + (reply.data ?? '')
      if (reply.after) afters.push(reply.after)
      last = reply
      const final = reply.final
      if (final !== undefined && final !== 'OK' && final !== 'none') {
        return { text: text + this.finalText(errorText(final, this)), reply: { after: chain(afters) } }
      }
      if (reply.prompt) return { text: text + reply.prompt.prompt, reply: { prompt: reply.prompt, after: chain(afters) } }
    }
    if (last.final !== 'none') text += this.finalText('OK')
    return { text, reply: { after: chain(afters) } }
  }

  private finalText(code: string): string {
    const w = resultLine(code, this)
    return this.o.filterLine ? this.o.filterLine(w).join('') : w
  }

  private sleep(ms: number): Promise<void> | void {
    if (ms > 0) return this.o.sleep ? this.o.sleep(ms) : this.clock().sleep(ms)
  }

  private finish(command: string, out: { text: string; reply?: Reply }): void {
    if (this.closed) return
    this.send(out.text, false)
    this.o.onCommand?.(command, out.text)
    const entry = out.reply?.prompt
    if (entry) {
      this.entry = entry
      this.entryData = []
      this.entryChunks = []
      this.entryCount = 0
      this.mode = 'data'
      if (entry.timeoutMs !== undefined) {
        this.entryTimer = this.clock().setTimeout(() => this.endEntry('done'), entry.timeoutMs)
      }
    } else this.mode = 'command'
    out.reply?.after?.()
    this.flushHeld()
    this.pump()
  }

  /** One byte of data entry; returns true when the entry ended (a reply is being produced). */
  private dataByte(b: number, echo: (s: string) => void): boolean {
    const entry = this.entry!
    const typedEcho = this.echo && entry.echo !== false
    if (entry.length === undefined) {
      if (b === CTRL_Z) return this.endEntry('done')
      if (b === ESC) return this.endEntry('cancel')
      if (b === BS) this.entryData.pop()
      else if (this.entryData.length < (entry.max ?? Infinity)) this.entryData.push(b)
      if (typedEcho) echo(String.fromCharCode(b))
      if (b === CR && entry.linePrompt) echo(entry.linePrompt)
      return false
    }
    // `b` was input[0][inputPos - 1]: take it and what follows in that chunk, up to the length.
    const head = this.input[0]!
    const n = Math.min(entry.length - this.entryCount, head.length - this.inputPos + 1)
    const slice = head.subarray(this.inputPos - 1, this.inputPos - 1 + n)
    this.inputPos += n - 1
    this.entryChunks.push(slice)
    this.entryCount += n
    if (typedEcho) echo(slice.toString('latin1'))
    return this.entryCount >= entry.length ? this.endEntry('done') : false
  }

  private endEntry(how: 'done' | 'cancel'): true {
    const entry = this.entry
    if (!entry || this.mode !== 'data') return true
    this.clock().clearTimeout(this.entryTimer)
    this.entry = undefined
    this.mode = 'busy'
    const data = entry.length === undefined ? Buffer.from(this.entryData) : Buffer.concat(this.entryChunks)
    this.entryData = []
    this.entryChunks = []
    this.entryCount = 0
    const run = async (): Promise<{ text: string }> => {
      const reply = how === 'cancel' ? ((await entry.cancel?.()) ?? {}) : await entry.complete(data)
      let text = this.wire(reply.lines ?? []) + (reply.data ?? '')
      const final = reply.final
      if (final !== undefined && final !== 'OK' && final !== 'none') text += this.finalText(errorText(final, this))
      else if (final !== 'none') text += this.finalText('OK')
      return { text, ...(reply.after ? { reply: { after: reply.after } } : {}) }
    }
    void run().then(
      (out) => this.finish(`<data ${data.length} bytes>`, out),
      (err: unknown) => {
        if (this.closed) return
        this.o.onIgnored?.('handler-error', String((err as Error)?.stack ?? err))
        this.finish('<data>', { text: resultLine('ERROR', this) })
      },
    )
    return true
  }
}

function chain(fns: Array<() => void>): (() => void) | undefined {
  return fns.length === 0 ? undefined : () => fns.forEach((f) => f())
}
