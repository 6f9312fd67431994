/**
 * The ESC/POS interpreter: executes framed commands against the mode state, the line buffer
 * and the page, and closes a print-log segment at each cut. It knows nothing of ports or time;
 * the emulator feeds it frames and charges print time for the dots it reports as fed.
 */
import { cachedGlyph, glyphFor, styleCode, type Glyph, type GlyphStyle } from './glyphs.js'
import { LineBuffer, type LineBitmap, type LineStyle } from './line.js'
import { NvStore } from './nv-store.js'
import { Page } from './page.js'
import { initialState, type ModeState } from './state.js'
import { byteTable, cjkLength, decodeCjk, type CjkEncoding } from './text-codec.js'
import type { PrintedBarcode, PrintedImage, PrintedLine, PrintedQr, PrintedSegment, PrintWarning } from './types.js'
import { execCommand } from './commands.js'

export interface InterpreterConfig {
  width: number
  maxHeight: number
  chineseEncoding: CjkEncoding
  chineseAtPowerOn: boolean
}

/** What the interpreter needs from the printer around it. */
export interface InterpreterHooks {
  warn(offset: number, message: string): void
  /** Bytes to send back to the host (GS r, GS I, GS ( k size …), in buffer order. */
  reply(bytes: number[]): void
  segment(segment: Omit<PrintedSegment, 'index' | 't'>): void
  /** Commands that change the printer, not the paper: ASB enable, drawer pulse. */
  control(type: 'asb', value: number): void
  control(type: 'drawer', value: { pin: number; onMs: number; offMs: number }): void
  /** Status bits for GS r (in buffer order). */
  paperStatus(): { nearEnd: boolean; out: boolean; drawer: boolean }
}

interface SegmentLog {
  lines: PrintedLine[]
  qr: PrintedQr[]
  images: PrintedImage[]
  barcodes: PrintedBarcode[]
  warnings: PrintWarning[]
}

export class Interpreter {
  st: ModeState
  readonly page: Page
  readonly line = new LineBuffer()
  /** NV graphics and logos: they survive ESC @ and cuts, as flash memory does. */
  readonly nv = new NvStore()
  log: SegmentLog = emptyLog()
  /** Dots of paper moved by the command being executed (print time is charged on them). */
  fed = 0
  /** Stream offset of the command being executed. */
  offset = 0
  private carry: Uint8Array | undefined
  private clipWarned = false

  constructor(
    readonly config: InterpreterConfig,
    readonly hooks: InterpreterHooks,
  ) {
    this.st = initialState(config.chineseAtPowerOn)
    this.page = new Page(config.width, config.maxHeight)
  }

  get width(): number {
    return this.config.width
  }

  /** Executes bytes [start, end) of `buf` (one frame); returns the dots of paper it fed. */
  exec(buf: Uint8Array, start: number, end: number, isText: boolean, offset: number): number {
    this.fed = 0
    this.offset = offset
    if (isText) {
      if (this.st.enabled) this.text(buf, start, end)
    } else {
      if (this.carry) {
        this.warn('incomplete two-byte character dropped')
        this.carry = undefined
      }
      // ESC = is the one command a disabled printer still obeys.
      if (this.st.enabled || (buf[start] === 0x1b && buf[start + 1] === 0x3d)) execCommand(this, buf, start, end)
    }
    if (this.page.clipped && !this.clipWarned) {
      this.clipWarned = true
      this.warn(`segment longer than ${this.config.maxHeight} dots: the rest of it is not printed (height cap)`)
    }
    return this.fed
  }

  warn(message: string): void {
    if (this.log.warnings.length < 1000) this.log.warnings.push({ offset: this.offset, message })
    this.hooks.warn(this.offset, message)
  }

  /** ESC @: modes back to power-on values; the line buffer is cleared, NV memory is kept. */
  reset(): void {
    this.st = initialState(this.config.chineseAtPowerOn)
    this.line.reset()
    this.carry = undefined
  }

  private text(buf: Uint8Array, start: number, end: number): void {
    if (this.carry) {
      const joined = new Uint8Array(this.carry.length + end - start)
      joined.set(this.carry)
      joined.set(buf.subarray(start, end), this.carry.length)
      this.carry = undefined
      buf = joined
      start = 0
      end = joined.length
    }
    const st = this.st
    const enc = this.config.chineseEncoding
    const table = this.table()
    // A text run holds no command, so all its single-byte characters share one style.
    const glyphs = this.byteGlyphs()
    const ul = st.reverse ? 0 : st.underline
    const line = this.line
    for (let i = start; i < end; ) {
      const b = buf[i]!
      if (b === 0x0e || b === 0x0f) {
        i++
        continue
      }
      if (st.chinese) {
        const len = cjkLength(buf, i, end, enc)
        if (len < 0) {
          this.carry = buf.slice(i, end)
          return
        }
        if (len > 0) {
          const s = decodeCjk(buf, i, len, enc)
          this.putCjk(s, s.codePointAt(0)!)
          i += len
          continue
        }
      }
      const g = glyphs[b] ?? this.byteGlyph(glyphs, table, b)
      if (line.cursor + g.w <= line.area && !line.empty) line.addGlyph(g, ul)
      else this.place(g, ul)
      line.addCode(table[b]!)
      if (line.style === undefined) line.style = this.lineStyle(false, st.underline, st.wm, st.hm)
      i++
    }
  }

  private tableKey = -1
  private tableCache: Uint16Array | undefined

  /** The byte → code point table of the current ESC t / ESC R selection (cached). */
  private table(): Uint16Array {
    const key = this.st.codePage * 256 + this.st.intlSet
    if (key !== this.tableKey || !this.tableCache) {
      this.tableCache = byteTable(this.st.codePage, this.st.intlSet)
      this.tableKey = key
    }
    return this.tableCache
  }

  /** Glyphs of single-byte characters by byte, per style and code table of the current run (filled on first use). */
  private readonly byteGlyphTables = new Map<number, Array<Glyph | undefined>>()
  private glyphStyle: GlyphStyle | undefined
  private glyphCode = 0

  private byteGlyphs(): Array<Glyph | undefined> {
    const st = this.st
    const style: GlyphStyle = {
      font: st.fontB ? 'B' : 'A',
      bold: st.bold || st.doubleStrike,
      wm: st.wm,
      hm: st.hm,
      rotate: st.rotate,
      upsideDown: st.upsideDown,
      reverse: st.reverse,
      spacing: st.charSpacing,
    }
    this.glyphStyle = style
    this.glyphCode = styleCode(style)
    const key = this.glyphCode * 65536 + this.tableKey
    let glyphs = this.byteGlyphTables.get(key)
    if (!glyphs) {
      if (this.byteGlyphTables.size >= 64) this.byteGlyphTables.clear()
      this.byteGlyphTables.set(key, (glyphs = new Array<Glyph | undefined>(256).fill(undefined)))
    }
    return glyphs
  }

  private byteGlyph(glyphs: Array<Glyph | undefined>, table: Uint16Array, b: number): Glyph {
    return (glyphs[b] = glyphFor(table[b]!, this.glyphStyle!, this.glyphCode))
  }

  /** Puts a two-byte (Chinese mode) character into the line buffer. */
  private putCjk(s: string, cp: number): void {
    const st = this.st
    const wm = st.cjkDoubleWidth ? Math.max(st.wm, 2) : st.wm
    const hm = st.cjkDoubleHeight ? Math.max(st.hm, 2) : st.hm
    const c = cp > 0xffff ? 0xfffd : cp
    const style: GlyphStyle = {
      font: 'CJK',
      bold: st.bold || st.doubleStrike,
      wm,
      hm,
      rotate: st.rotate,
      upsideDown: st.upsideDown,
      reverse: st.reverse,
      spacing: st.cjkLeftSpacing + st.cjkRightSpacing,
    }
    const code = styleCode(style)
    const ul = st.cjkUnderline || st.underline
    this.place(cachedGlyph(c, code) ?? glyphFor(c, style, code), st.reverse ? 0 : ul)
    this.line.addText(s)
    if (!this.line.style) this.line.style = this.lineStyle(true, ul, wm, hm)
  }

  /** Adds a character, printing the line first when it does not fit. */
  private place(g: Glyph, ul: number): void {
    const line = this.line
    if (line.empty) this.beginLine()
    else if (!line.fits(g.w)) {
      this.printLine(this.st.lineSpacing)
      this.beginLine()
    }
    line.addGlyph(g, ul)
  }

  /** The print-log style of a line, taken from its first character. */
  private lineStyle(cjk: boolean, underline: 0 | 1 | 2, width: number, height: number): LineStyle {
    const st = this.st
    return {
      align: this.line.align,
      font: st.fontB && !cjk ? 'B' : 'A',
      bold: st.bold || st.doubleStrike,
      underline,
      width,
      height,
      reverse: st.reverse,
      upsideDown: st.upsideDown,
      chinese: cjk,
    }
  }

  /** Adds an in-line bit image (ESC *) to the line buffer. */
  putBitmap(item: LineBitmap): void {
    this.beginLine()
    if (!this.line.fits(item.w) && !this.line.empty) {
      this.printLine(this.st.lineSpacing)
      this.beginLine()
    }
    this.line.addBitmap(item)
    this.page.inked = true
  }

  /** Moves the line cursor (HT, ESC $, ESC \); `x` is in dots from the print area's left. */
  moveCursor(x: number): void {
    this.beginLine()
    if (x >= 0 && x <= this.line.area) this.line.cursor = x
  }

  private beginLine(): void {
    if (!this.line.empty) return
    const margin = Math.min(this.st.leftMargin, this.width - 1)
    const area = Math.max(1, Math.min(this.st.areaWidth ?? this.width, this.width - margin))
    this.line.begin(this.st.align, margin, area)
  }

  /** Prints the line buffer and feeds `feed` dots, or the line's height when that is more. */
  printLine(feed: number): void {
    const line = this.line
    let advance = feed
    if (!line.empty) {
      const y = this.page.y
      const { x, height } = line.render(this.page, y, this.st.upsideDown)
      const text = line.text.trimEnd()
      if (text.trimStart() !== '' && line.style) {
        const st = line.style
        this.log.lines.push({
          text,
          y,
          x,
          lineHeight: height,
          align: st.align,
          font: st.font,
          bold: st.bold,
          underline: st.underline,
          width: st.width,
          height: st.height,
          reverse: st.reverse,
          upsideDown: st.upsideDown,
          chinese: st.chinese,
        })
        this.page.inked = true
      }
      advance = Math.max(feed, height)
    }
    line.reset()
    this.feed(advance)
  }

  feed(dots: number): void {
    this.page.feed(dots)
    this.fed += Math.max(0, dots)
  }

  /**
   * Prints a block (QR, barcode, raster image) at the start of a line, aligned in the print
   * area; any pending line is printed first. `draw` gets the block's left and top.
   */
  placeBlock(w: number, h: number, draw: (x: number, y: number) => void): { x: number; y: number } {
    if (!this.line.empty) this.printLine(0)
    const margin = Math.min(this.st.leftMargin, this.width - 1)
    const area = Math.max(1, Math.min(this.st.areaWidth ?? this.width, this.width - margin))
    const free = Math.max(0, area - w)
    const x = margin + (this.st.align === 'center' ? Math.floor(free / 2) : this.st.align === 'right' ? free : 0)
    const y = this.page.y
    draw(x, y)
    this.page.inked = true
    this.feed(h)
    return { x, y }
  }

  /** Width in dots of the print area a block is placed in (left margin GS L, width GS W), as placeBlock uses it. */
  printAreaWidth(): number {
    const margin = Math.min(this.st.leftMargin, this.width - 1)
    return Math.max(1, Math.min(this.st.areaWidth ?? this.width, this.width - margin))
  }

  /** GS V and friends: closes the segment. */
  cut(type: 'full' | 'partial', feed: number): void {
    if (!this.line.empty) {
      this.warn('cut with text in the line buffer: the line is printed before cutting')
      this.printLine(this.st.lineSpacing)
    }
    this.feed(feed)
    this.closeSegment(type)
  }

  /** End of a run: prints an unterminated line; returns false when nothing was printed. */
  finish(): boolean {
    if (this.carry) {
      this.warn('incomplete two-byte character at the end of the stream')
      this.carry = undefined
    }
    if (!this.line.empty) {
      this.warn('text without a final LF: printed at the end of the run')
      this.printLine(0)
    }
    if (!this.page.inked) return false
    this.closeSegment('none')
    return true
  }

  private closeSegment(cut: 'full' | 'partial' | 'none'): void {
    const raster = this.page.take()
    const log = this.log
    this.log = emptyLog()
    this.clipWarned = false
    this.hooks.segment({ cut, raster, ...log })
  }
}

function emptyLog(): SegmentLog {
  return { lines: [], qr: [], images: [], barcodes: [], warnings: [] }
}
