/** How a command was written: `AT+X` exec, `AT+X?` read, `AT+X=?` test, `AT+X=...` set. */
export type CommandKind = 'exec' | 'read' | 'test' | 'set'

/** One command of a command line (`AT+CIFSR;E0` holds two). */
export interface AtCommand {
  /** Upper-case name: `+CIPSTART`, `E`, `&F`, `S0`, `I`. */
  readonly name: string
  readonly kind: CommandKind
  /** The parameters as written (basic commands: the digits after the letter, if any). */
  readonly args: Args
  /** The command as written, without the `AT` prefix. */
  readonly text: string
}

/** A final result that is an error; `cme`/`cms` codes are shown per AT+CMEE. */
export type AtError = { error: 'plain' } | { error: 'cme'; code: number } | { error: 'cms'; code: number }

/** What a handler answers. */
export interface Reply {
  /**
   * Information responses, each sent as `\r\n<text>\r\n` before the final result. One entry is
   * one response: the lines of a multi-line response are joined by a single CRLF (`lines()` does
   * that), as real modules send them (V.250 §5.7: one header and one trailer per information response).
   */
  lines?: string[]
  /**
   * Raw bytes (latin1) sent right after the information lines, with no CRLF of their own:
   * the payload of CIPRXGET=2, HTTPREAD, QIRD, which clients read by count after the header's LF.
   */
  data?: string
  /**
   * The final result. `'OK'` (default), an error, or `'none'` for commands whose
   * last line is the answer itself (`AT+CIFSR` gives the IP alone, `AT+CIPSHUT` gives `SHUT OK`).
   */
  final?: 'OK' | 'none' | AtError
  /** Enter data mode after the lines (`> ` prompt for CIPSEND/CMGS, `DOWNLOAD` for HTTPDATA). */
  prompt?: DataEntry
  /** Runs once the reply is on the wire (kick off a connect whose URC must follow the OK). */
  after?: () => void
}

/** A data-entry phase after a prompt: fixed length, or up to Ctrl-Z (ESC cancels). */
export interface DataEntry {
  /** Bytes written as the prompt, verbatim (e.g. `\r\n> `). */
  readonly prompt: string
  /** Exact byte count, or undefined for Ctrl-Z terminated input. */
  readonly length?: number
  /** Longest input accepted in Ctrl-Z mode; more is discarded. */
  readonly max?: number
  /** Input stops after this long (ms) with whatever arrived (HTTPDATA's time parameter). */
  readonly timeoutMs?: number
  /** Sent after each CR typed in Ctrl-Z mode (SMS text mode: `\r\n> `, 3GPP TS 27.005 §3.5.1). */
  readonly linePrompt?: string
  /** Whether the modem echoes the typed data when ATE1 (text modes do). Default true. */
  readonly echo?: boolean
  /** Called with the data; its reply finishes the command. */
  complete(data: Buffer): Reply | Promise<Reply>
  /** Called on ESC (Ctrl-Z mode only). Default reply: OK. */
  cancel?(): Reply | Promise<Reply>
}

export type Handler = (cmd: AtCommand) => Reply | Promise<Reply>

export const OK: Reply = {}
export const ERROR: Reply = { final: { error: 'plain' } }
export function cme(code: number): Reply {
  return { final: { error: 'cme', code } }
}
export function cms(code: number): Reply {
  return { final: { error: 'cms', code } }
}
/** One information response of one or more lines (`ATI`: `\r\nQuectel\r\nBG96\r\nRevision: …\r\n`). */
export function lines(...l: string[]): Reply {
  return l.length === 0 ? {} : { lines: [l.join('\r\n')] }
}

/**
 * Parameters of a command, split on commas outside double quotes.
 * Accessors return undefined for a missing or malformed value, so handlers answer ERROR.
 */
export class Args {
  constructor(readonly raw: string[]) {}

  get length(): number {
    return this.raw.length
  }

  /** Unquoted string value; a bare (unquoted) token is accepted as is. */
  str(i: number): string | undefined {
    const v = this.raw[i]?.trim()
    if (v === undefined || v === '') return undefined
    if (v.startsWith('"')) return v.length >= 2 && v.endsWith('"') ? v.slice(1, -1) : undefined
    return v
  }

  /** Decimal integer value within [min, max]. */
  int(i: number, min = -Infinity, max = Infinity): number | undefined {
    const v = this.raw[i]?.trim().replace(/^"(.*)"$/, '$1')
    if (v === undefined || !/^\d{1,9}$/.test(v)) return undefined
    const n = Number(v)
    return n >= min && n <= max ? n : undefined
  }

  /** Whether parameter i is present and non-empty. */
  has(i: number): boolean {
    return (this.raw[i]?.trim() ?? '') !== ''
  }
}
