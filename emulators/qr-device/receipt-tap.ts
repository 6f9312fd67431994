import iconv from 'iconv-lite'
import { frameAt } from '../../protocols/escpos/framing.js'

/** What the tap learned about one receipt when its cut arrived. */
export interface ReceiptSeen {
  /** Text lines as printed, decoded to Unicode. */
  lines: string[]
  /** The amount of the last line matching the total pattern, normalised ("1234.50"); undefined when none. */
  total?: string
  /** The raw line the total came from. */
  totalLine?: string
}

export interface ReceiptTapOptions {
  /** Regular expressions whose first group is the amount, in order of preference. */
  totalPatterns: string[]
  /** Decimal places of the amount as it goes into the QR. Default 2. */
  currencyExponent?: number
  /** iconv-lite encoding of single-byte text. */
  encoding: string
  /** Encoding of text while Chinese mode (FS &) is on. Default 'gb18030'. */
  chineseEncoding?: string
  /**
   * Called at each cut with what the receipt held; returns the bytes to print before the cut,
   * or a promise of them (the operator has yet to confirm the total): then everything after
   * waits for it, in order.
   */
  onCut: (receipt: ReceiptSeen) => Buffer | Promise<Buffer>
}

/** ESC t n → code page, for the tables a register commonly selects. */
const CODE_PAGES: Record<number, string> = { 0: 'cp437', 2: 'cp850', 3: 'cp860', 4: 'cp863', 5: 'cp865', 16: 'cp1252', 17: 'cp866', 19: 'cp858' }

const LINE_ENDS = new Set(['LF', 'FF', 'ESC d', 'ESC J', 'CR'])

/**
 * The device's view of the register → printer stream. Bytes pass through unchanged and at
 * once — except a cut, which is held so the payment QR can be printed before it. Long
 * commands (images) are forwarded as they arrive; text is decoded to find the total.
 */
export class ReceiptTap {
  private held: Buffer = Buffer.alloc(0)
  private skip = 0
  private line: Buffer[] = []
  private lines: string[] = []
  private codePage: string
  private chinese = false
  /** Something arrived since the last cut. */
  private dirty = false
  private readonly totals: RegExp[]

  constructor(private readonly options: ReceiptTapOptions) {
    this.codePage = options.encoding
    this.totals = options.totalPatterns.map((p) => new RegExp(p, 'i'))
  }

  /** True between receipts: nothing received since the last cut. */
  get idle(): boolean {
    return !this.dirty && this.held.length === 0 && this.skip === 0
  }

  /** Takes bytes from the register; returns the bytes to send to the printer now (onCut must answer at once). */
  push(chunk: Buffer): Buffer {
    const parts = this.pushParts(chunk)
    if (parts.some((p) => !Buffer.isBuffer(p))) throw new TypeError('onCut answered later: use pushParts()')
    return parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts as Buffer[])
  }

  /** Like push(), but a part may be a promise (a held cut); the parts go to the printer in order. */
  pushParts(chunk: Buffer): Array<Buffer | Promise<Buffer>> {
    const data = this.held.length ? Buffer.concat([this.held, chunk]) : chunk
    this.held = Buffer.alloc(0)
    const out: Array<Buffer | Promise<Buffer>> = []
    let i = 0
    while (i < data.length) {
      if (this.skip > 0) {
        this.dirty = true
        const n = Math.min(this.skip, data.length - i)
        out.push(data.subarray(i, i + n))
        this.skip -= n
        i += n
        continue
      }
      const f = frameAt(data, i)
      if (f.kind === 'need') {
        this.dirty = true
        if (f.end !== undefined && data[i + 1] !== 0x56) {
          // A long command whose length is known: pass it on as it arrives.
          out.push(data.subarray(i))
          this.skip = f.end - data.length
          i = data.length
        } else {
          this.held = Buffer.from(data.subarray(i))
          i = data.length
        }
        break
      }
      const bytes = data.subarray(f.start, f.end)
      this.dirty = true
      if (f.kind === 'text') this.line.push(bytes)
      else if (f.name === 'GS V') {
        this.endLine()
        out.push(this.options.onCut(this.finishReceipt()))
        this.dirty = false
      } else this.command(f.name, bytes)
      out.push(bytes)
      i = f.end
    }
    return out
  }

  private command(name: string, bytes: Buffer): void {
    if (LINE_ENDS.has(name)) this.endLine()
    else if (name === 'ESC @') {
      this.chinese = false
      this.codePage = this.options.encoding
    } else if (name === 'ESC t') this.codePage = CODE_PAGES[bytes[2]!] ?? this.codePage
    else if (name === 'FS &') this.chinese = true
    else if (name === 'FS .') this.chinese = false
  }

  private endLine(): void {
    if (this.line.length === 0) return
    const raw = Buffer.concat(this.line)
    this.line = []
    const encoding = this.chinese || this.options.encoding === 'gb18030' ? this.options.chineseEncoding ?? 'gb18030' : this.codePage
    this.lines.push(iconv.decode(raw, encoding).replace(/\s+$/, ''))
  }

  private finishReceipt(): ReceiptSeen {
    const lines = this.lines
    this.lines = []
    for (const pattern of this.totals) {
      for (let i = lines.length - 1; i >= 0; i--) {
        const m = pattern.exec(lines[i]!)
        if (m?.[1]) return { lines, total: normaliseAmount(m[1], this.options.currencyExponent ?? 2), totalLine: lines[i] }
      }
    }
    return { lines }
  }
}

/** "1,234.5" → "1234.50" (exponent 2); thousands separators dropped. */
export function normaliseAmount(text: string, exponent = 2): string {
  const n = Number(text.replace(/,/g, ''))
  return Number.isFinite(n) ? n.toFixed(exponent) : text
}
