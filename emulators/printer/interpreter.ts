/**
 * The ESC/POS interpreter: executes framed commands against the mode state, the line buffer
 * and the paper (or, in page mode, the page buffer), and closes a print-log segment at each cut.
 * It knows nothing of ports or time; the emulator feeds it frames and charges print time for
 * the dots it reports as fed.
 */
import { nameAt } from '../../protocols/escpos/framing.js'
import { LineBuffer, type LineBitmap } from './line.js'
import { NvStore } from './nv-store.js'
import { Page, type Surface } from './page.js'
import { emptyLog, PageMode, type SegmentLog } from './page-mode.js'
import { pageLine, placeOnPage } from './page-print.js'
import { GlyphTables } from './text-style.js'
import { initialState, motionDots, type ModeState } from './state.js'
import type { CjkEncoding } from './text-codec.js'
import { printText } from './text.js'
import type { FrameAccount, PrintedSegment } from './types.js'
import { execCommand } from './commands.js'
import { Accountant } from './accounting.js'

export interface InterpreterConfig {
  width: number
  maxHeight: number
  chineseEncoding: CjkEncoding
  chineseAtPowerOn: boolean
  /** See PrinterOptions.onFrame. */
  onFrame?: (frame: FrameAccount) => void
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

export class Interpreter {
  st: ModeState
  /** The paper of the current segment. */
  readonly paper: Page
  /** Page mode: its settings (kept in standard mode too), position and page buffer. */
  readonly pm: PageMode
  readonly line = new LineBuffer()
  /** NV graphics and logos: they survive ESC @ and cuts, as flash memory does. */
  readonly nv = new NvStore()
  /** Print log of the segment being printed (warnings always go here). */
  segLog: SegmentLog = emptyLog()
  /** Dots of paper moved by the command being executed (print time is charged on them). */
  fed = 0
  /** Stream offset of the command being executed. */
  offset = 0
  /** Bytes of the frame being executed (for the command's name in warnings). */
  private frameBuf: Uint8Array = new Uint8Array(0)
  private frameStart = 0
  private frameText = false
  /** The first bytes of a two-byte character cut by a command or a chunk boundary (text.ts). */
  carry: Uint8Array | undefined
  private clipWarned = false
  /** Counts of replies and control actions, warnings and closed segments (the accounting of commands reads them). */
  outputs = 0
  warnCount = 0
  segments = 0
  private readonly accountant: Accountant | undefined
  readonly hooks: InterpreterHooks

  constructor(
    readonly config: InterpreterConfig,
    hooks: InterpreterHooks,
  ) {
    this.hooks = {
      ...hooks,
      reply: (bytes) => {
        this.outputs++
        hooks.reply(bytes)
      },
      control: ((type: 'asb' | 'drawer', value: never) => {
        this.outputs++
        hooks.control(type as 'asb', value)
      }) as InterpreterHooks['control'],
    }
    this.st = initialState(config.chineseAtPowerOn)
    this.paper = new Page(config.width, config.maxHeight)
    this.pm = new PageMode(config.width, config.maxHeight)
    if (config.onFrame) this.accountant = new Accountant(this, config.onFrame)
  }

  /** Where print elements are drawn: the paper, or the page buffer in page mode. */
  get page(): Surface {
    return this.pm.active ? this.pm : this.paper
  }

  /** Where print elements are logged: the segment, or the page (until it prints). */
  get log(): SegmentLog {
    return this.pm.active ? this.pm.log : this.segLog
  }

  /** Width a block can use: the paper, or the page-mode frame. */
  get width(): number {
    return this.pm.active ? this.pm.frameWidth : this.config.width
  }

  /** Left margin (GS L) of a standard-mode line or block starting now, kept on the paper. */
  private get margin(): number {
    return Math.min(this.st.leftMargin, this.config.width - 1)
  }

  /** Width of the print area a line or block starting now gets (GS L, GS W; the frame in page mode). */
  get areaWidth(): number {
    if (this.pm.active) return this.pm.frameWidth
    return Math.max(1, Math.min(this.st.areaWidth ?? this.config.width, this.config.width - this.margin))
  }

  /** Motion units → dots (GS P); in page mode directions 1 and 3 swap the axes (GS P, Notes). */
  units(n: number, axis: 'h' | 'v'): number {
    const swap = this.pm.active && (this.pm.direction === 1 || this.pm.direction === 3)
    const horizontal = (axis === 'h') !== swap
    return motionDots(n, horizontal ? this.st.motionX : this.st.motionY)
  }

  /** Executes bytes [start, end) of `buf` (one frame); returns the dots of paper it fed. */
  exec(buf: Uint8Array, start: number, end: number, isText: boolean, offset: number): number {
    this.fed = 0
    this.offset = offset
    this.frameBuf = buf
    this.frameStart = start
    this.frameText = isText
    const acc = this.accountant
    if (acc) acc.before()
    if (isText) {
      if (this.st.enabled) printText(this, buf, start, end)
      else this.warn(`text: ${end - start} bytes ignored: the printer is disabled by ESC = (Epson ESC/POS Command Reference, ESC =)`)
    } else {
      if (this.carry) {
        this.warn('text: incomplete two-byte character dropped')
        this.carry = undefined
      }
      // ESC = is the one command a disabled printer still obeys.
      if (this.st.enabled || (buf[start] === 0x1b && buf[start + 1] === 0x3d)) execCommand(this, buf, start, end)
      else if (!isRealtime(buf, start)) this.warn(`ignored: the printer is disabled by ESC = (Epson ESC/POS Command Reference, ESC =)`)
    }
    if (this.paper.clipped && !this.clipWarned) {
      this.clipWarned = true
      this.warn(`segment longer than ${this.config.maxHeight} dots: the rest of it is not printed (height cap); its print-log entries are dropped too`)
    }
    if (acc) acc.after(buf, start, end, isText, offset)
    return this.fed
  }

  /** The name of the command being executed, as the Epson reference writes it (`text` for text). */
  get commandName(): string {
    return this.frameText ? 'text' : nameAt(this.frameBuf, this.frameStart)
  }

  /**
   * Warns about the command being executed. Every message starts with the command's name and
   * `: ` (`ESC D: …`, `text: …`); a message that does not gets the name put in front.
   */
  warn(message: string): void {
    const name = this.commandName
    if (!message.startsWith(`${name}: `) && !message.startsWith('text: ')) message = `${name}: ${message}`
    this.warnCount++
    if (this.segLog.warnings.length < 1000) this.segLog.warnings.push({ offset: this.offset, message })
    this.hooks.warn(this.offset, message)
  }

  /** Bytes of an incomplete two-byte character waiting for the next text run. */
  get carrying(): number {
    return this.carry?.length ?? 0
  }

  /** ESC @: modes back to power-on values; the line buffer and page mode are cleared, NV memory is kept. */
  reset(): void {
    this.st = initialState(this.config.chineseAtPowerOn)
    this.line.reset()
    this.carry = undefined
    // "The printer returns to standard mode when … ESC @ is used" (ESC L, Notes): page data is dropped.
    this.pm.active = false
    this.pm.saved = undefined
    this.pm.pageSpacing = undefined
    this.pm.clearPage()
    this.pm.area = this.pm.defaultArea()
    this.pm.direction = 0
  }

  /** Glyph tables of text runs (text.ts). */
  readonly tables = new GlyphTables()

  /** Adds an in-line bit image (ESC *) to the line buffer. */
  putBitmap(item: LineBitmap): void {
    this.beginLine()
    if (!this.line.fits(item.w) && !this.line.empty) {
      this.printLine(this.st.lineSpacing)
      this.beginLine()
    }
    this.line.addBitmap(item)
    if (!this.pm.active) this.paper.inked = true
  }

  /**
   * Moves the print position (HT, ESC $, ESC \); `x` is in dots from the start of the print
   * area. A move forward keeps its gap in the print log's text as spaces of the current
   * character cell, so `PAID\t10.00` reads as it prints.
   */
  moveCursor(x: number, cell = 0): void {
    this.beginLine()
    const line = this.line
    if (cell > 0 && x > line.cursor) {
      const spaces = Math.round((x - line.cursor) / cell)
      for (let i = 0; i < spaces; i++) line.addCode(0x20)
    }
    line.cursor = x
    if (this.pm.active) this.pm.x = x
  }

  /** Width of one character cell of the current font and size, for print-log gaps. */
  get cellWidth(): number {
    const st = this.st
    return ((st.fontB ? 9 : 12) + st.charSpacing) * st.wm
  }

  beginLine(): void {
    const line = this.line
    if (!line.empty) return
    if (this.pm.active) {
      line.begin('left', 0, this.pm.frameWidth, false, this.st.color)
      line.cursor = Math.min(this.pm.x, this.pm.frameWidth)
      this.lineStart = line.cursor
      return
    }
    line.begin(this.st.align, this.margin, this.areaWidth, this.st.upsideDown, this.st.color)
  }

  /** Frame x where the page-mode line began. */
  lineStart = 0

  /** Prints the line buffer and feeds `feed` dots, or the line's height when that is more. */
  printLine(feed: number): void {
    const line = this.line
    if (this.pm.active) return pageLine(this, feed, true)
    let advance = feed
    if (!line.empty) {
      const y = this.paper.y
      const { x, height } = line.render(this.paper, y)
      const text = line.text.trimEnd()
      if (text.trimStart() !== '' && line.style && y < this.config.maxHeight) {
        const st = line.style
        this.segLog.lines.push({
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
          color: st.color,
        })
        this.paper.inked = true
      }
      advance = Math.max(feed, height)
    }
    line.reset()
    this.feed(advance)
  }

  feed(dots: number): void {
    if (this.pm.active) {
      pageLine(this, dots, true)
      return
    }
    this.paper.feed(dots)
    this.fed += Math.max(0, dots)
  }

  /**
   * Prints a block (QR, barcode, raster image) at the start of a line, aligned in the print
   * area; any pending line is printed first. `draw` gets the block's left and top on `it.page`;
   * the return value is where it lands on the paper (or the page), for the print log. In page
   * mode the block sits on the baseline at the print position, which moves to its right end.
   */
  placeBlock(w: number, h: number, draw: (x: number, y: number) => void): { x: number; y: number } {
    if (this.pm.active) return placeOnPage(this, w, h, draw)
    if (!this.line.empty) this.printLine(0)
    const free = Math.max(0, this.areaWidth - w)
    const x = this.margin + (this.st.align === 'center' ? Math.floor(free / 2) : this.st.align === 'right' ? free : 0)
    const y = this.paper.y
    draw(x, y)
    this.paper.inked = true
    this.feed(h)
    return { x, y }
  }

  /**
   * GS V and friends: closes the segment. A cut with nothing printed since the last one cuts
   * no receipt: a real cutter separates nothing the second time.
   */
  cut(type: 'full' | 'partial', feed: number): void {
    if (!this.line.empty) {
      this.warn('cut with text in the line buffer: the line is printed before cutting')
      this.printLine(this.st.lineSpacing)
    }
    this.feed(feed)
    if (!this.paper.inked) {
      const fed = this.paper.y
      this.warn(`cut with nothing printed since the previous cut: no receipt${fed > 0 ? ` (${fed} dots of blank paper fed)` : ''}`)
      this.paper.take()
      return
    }
    this.closeSegment(type)
  }

  /** End of a run: prints an unterminated line; returns false when nothing was printed. */
  finish(): boolean {
    if (this.carry) {
      this.warn('text: incomplete two-byte character at the end of the stream')
      this.carry = undefined
    }
    if (this.pm.active) {
      this.warn('text: the stream ends in page mode (ESC L) without FF or ESC FF: the page is not printed')
    } else if (!this.line.empty) {
      this.warn('text: no LF at the end of the stream: the line is printed')
      this.printLine(0)
    }
    if (!this.paper.inked) return false
    this.closeSegment('none')
    return true
  }

  private closeSegment(cut: 'full' | 'partial' | 'none'): void {
    const raster = this.paper.take()
    this.segments++
    const log = this.segLog
    this.segLog = emptyLog()
    this.clipWarned = false
    // Nothing below the height cap was printed: what lies there is not in the print log either.
    const below = (e: { y: number }): boolean => e.y >= raster.height && raster.height >= this.config.maxHeight
    this.hooks.segment({
      cut,
      raster,
      lines: log.lines.filter((e) => !below(e)),
      qr: log.qr.filter((e) => !below(e)),
      images: log.images.filter((e) => !below(e)),
      barcodes: log.barcodes.filter((e) => !below(e)),
      warnings: log.warnings,
    })
  }

  /** Executes one frame inside the one being executed (see runAsData in normal-data.ts); warnings keep their offsets. */
  execInner(buf: Uint8Array, start: number, end: number, isText: boolean): void {
    const [outerStart, outerText, outerOffset] = [this.frameStart, this.frameText, this.offset]
    this.frameStart = start
    this.frameText = isText
    this.offset = outerOffset + start - outerStart
    if (isText) printText(this, buf, start, end)
    else execCommand(this, buf, start, end)
    this.frameStart = outerStart
    this.frameText = outerText
    this.offset = outerOffset
  }
}

function isRealtime(buf: Uint8Array, s: number): boolean {
  const c = buf[s + 1]
  return buf[s] === 0x10 && (c === 0x04 || c === 0x05 || c === 0x14)
}
