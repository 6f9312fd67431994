import iconv from 'iconv-lite'

export type Align = 'left' | 'center' | 'right'
export type QrErrorLevel = 'L' | 'M' | 'Q' | 'H'
export type CutMode = 'full' | 'partial'

export interface QrOptions {
  /** Module size in dots, 1–16. Default 6. */
  size?: number
  /** Default 'M'. */
  errorLevel?: QrErrorLevel
  /** 1 or 2. Default 2. */
  model?: 1 | 2
}

const EC_BYTE: Record<QrErrorLevel, number> = { L: 48, M: 49, Q: 50, H: 51 }

/**
 * Builds ESC/POS byte streams (Epson command set). Text is encoded with iconv-lite
 * in the current encoding (default cp437).
 */
export class EscPosBuilder {
  private readonly parts: Buffer[] = []
  private encoding = 'cp437'

  raw(bytes: ArrayLike<number> | Buffer): this {
    this.parts.push(Buffer.from(bytes as ArrayLike<number>))
    return this
  }

  /** ESC @: reset modes, alignment and QR settings. */
  init(): this {
    return this.raw([0x1b, 0x40])
  }

  /** Sets the encoding used by text(); does not send a code page command. */
  setEncoding(encoding: string): this {
    if (!iconv.encodingExists(encoding)) throw new TypeError(`unknown encoding "${encoding}"`)
    this.encoding = encoding
    return this
  }

  /** ESC t n: select character code table. */
  codePage(n: number): this {
    return this.raw([0x1b, 0x74, n])
  }

  /** FS & / FS .: Chinese (two-byte) character mode on or off. */
  chineseMode(on: boolean): this {
    return this.raw([0x1c, on ? 0x26 : 0x2e])
  }

  text(s: string): this {
    return this.raw(iconv.encode(s, this.encoding))
  }

  line(s = ''): this {
    return this.text(s).raw([0x0a])
  }

  align(a: Align): this {
    return this.raw([0x1b, 0x61, a === 'left' ? 0 : a === 'center' ? 1 : 2])
  }

  bold(on: boolean): this {
    return this.raw([0x1b, 0x45, on ? 1 : 0])
  }

  underline(dots: 0 | 1 | 2): this {
    return this.raw([0x1b, 0x2d, dots])
  }

  /** GS !: width and height multipliers 1–8. */
  size(width: number, height: number): this {
    const w = Math.min(8, Math.max(1, width)) - 1
    const h = Math.min(8, Math.max(1, height)) - 1
    return this.raw([0x1d, 0x21, (w << 4) | h])
  }

  /** ESC d n: print and feed n lines. */
  feed(lines = 1): this {
    return this.raw([0x1b, 0x64, lines])
  }

  /** GS V: cut; with `feedDots`, the long form that feeds first (m = 65/66). */
  cut(mode: CutMode = 'partial', feedDots?: number): this {
    if (feedDots !== undefined) return this.raw([0x1d, 0x56, mode === 'full' ? 65 : 66, feedDots])
    return this.raw([0x1d, 0x56, mode === 'full' ? 0 : 1])
  }

  /** GS ( k: model, module size, error level, store the data, print it. */
  qr(data: string, options: QrOptions = {}): this {
    const { size = 6, errorLevel = 'M', model = 2 } = options
    const payload = Buffer.from(data, 'utf8')
    const storeLen = payload.length + 3
    return this.raw([0x1d, 0x28, 0x6b, 4, 0, 0x31, 0x41, model === 1 ? 49 : 50, 0])
      .raw([0x1d, 0x28, 0x6b, 3, 0, 0x31, 0x43, size])
      .raw([0x1d, 0x28, 0x6b, 3, 0, 0x31, 0x45, EC_BYTE[errorLevel]])
      .raw([0x1d, 0x28, 0x6b, storeLen & 0xff, storeLen >> 8, 0x31, 0x50, 0x30])
      .raw(payload)
      .raw([0x1d, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30])
  }

  build(): Buffer {
    return Buffer.concat(this.parts)
  }
}
