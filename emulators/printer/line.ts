import type { Glyph } from './glyphs.js'
import type { Page } from './page.js'
import type { Align, PrintedLine } from './types.js'

/** An in-line bit image (ESC *): `bw` x `bh` source dots drawn at sx x sy, taking w x h dots. */
export interface LineBitmap {
  px: Uint8Array
  bw: number
  bh: number
  sx: number
  sy: number
  w: number
  h: number
}

/** What the print log records about a line: its style is that of its first character. */
export type LineStyle = Omit<PrintedLine, 'text' | 'y' | 'x' | 'lineHeight'>

/**
 * The line buffer: characters and in-line images waiting for LF (or a full line). Items sit on
 * a common baseline at the bottom of the line; alignment, left margin and print area are
 * those in force when the line began (ESC a, GS L, GS W act at the start of a line).
 */
export class LineBuffer {
  // Items in parallel arrays (a glyph or a bitmap, its x, width, height and underline):
  // one object per printed character would dominate the cost of interpreting text.
  private refs: Array<Glyph | LineBitmap> = []
  private xs: number[] = []
  private ws: number[] = []
  private hs: number[] = []
  private uls: number[] = []
  /** Cursor in dots from the left of the print area. */
  cursor = 0
  /** Right end of the rightmost item (alignment uses it, not the cursor). */
  right = 0
  height = 0
  /** UTF-16 code units of the line's text (a string is built once, when the line prints). */
  private codes: number[] = []
  style: LineStyle | undefined
  align: Align = 'left'
  margin = 0
  area = 0

  get empty(): boolean {
    return this.refs.length === 0 && this.cursor === 0
  }

  begin(align: Align, margin: number, area: number): void {
    this.align = align
    this.margin = margin
    this.area = area
  }

  /** Appends text: one UTF-16 code unit, or a whole string (two-byte characters). */
  addText(unit: number | string): void {
    if (typeof unit === 'number') this.codes.push(unit)
    else for (let i = 0; i < unit.length; i++) this.codes.push(unit.charCodeAt(i))
  }

  get text(): string {
    let out = ''
    for (let i = 0; i < this.codes.length; i += 4096) out += String.fromCharCode(...this.codes.slice(i, i + 4096))
    return out
  }

  fits(w: number): boolean {
    return this.cursor + w <= this.area
  }

  add(ref: Glyph | LineBitmap, w: number, h: number, ul: number): void {
    this.refs.push(ref)
    this.xs.push(this.cursor)
    this.ws.push(w)
    this.hs.push(h)
    this.uls.push(ul)
    this.cursor += w
    if (this.cursor > this.right) this.right = this.cursor
    if (h > this.height) this.height = h
  }

  /**
   * Draws the line with its top at `y`; returns the log entry (text may be empty) and the
   * line height. `upsideDown` turns the whole line by 180°, as ESC { does.
   */
  render(page: Page, y: number, upsideDown: boolean): { x: number; height: number } {
    const width = this.right
    const free = Math.max(0, this.area - width)
    const x0 = this.margin + (this.align === 'center' ? Math.floor(free / 2) : this.align === 'right' ? free : 0)
    const h = this.height
    for (let i = 0; i < this.refs.length; i++) {
      const ref = this.refs[i]!
      const iw = this.ws[i]!
      const ih = this.hs[i]!
      const x = upsideDown ? x0 + width - this.xs[i]! - iw : x0 + this.xs[i]!
      const top = upsideDown ? y : y + h - ih
      if ('dx' in ref) {
        page.drawGlyph(ref, x, top)
        const ul = this.uls[i]!
        if (ul) page.fillRect(x, upsideDown ? top : top + ih - ul, iw, ul)
      } else {
        page.drawBitmap(ref.px, ref.bw, ref.bh, x, top, ref.sx, ref.sy)
      }
    }
    return { x: x0, height: h }
  }

  reset(): void {
    // Emptied in place: the arrays are reused line after line.
    this.refs.length = 0
    this.xs.length = 0
    this.ws.length = 0
    this.hs.length = 0
    this.uls.length = 0
    this.cursor = 0
    this.right = 0
    this.height = 0
    this.codes.length = 0
    this.style = undefined
  }
}
