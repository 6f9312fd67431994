import type { Glyph } from './glyphs.js'
import type { Surface } from './page.js'
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
 * a common baseline at the bottom of the line; alignment, left margin, print area, upside-down
 * and colour are those in force when the line began (ESC a, GS L, GS W, ESC { and ESC r act at
 * the start of a line: Epson ESC/POS Command Reference, the Notes of each).
 */
export class LineBuffer {
  // Items in parallel arrays (one object per printed character would dominate the cost of
  // interpreting text), reused line after line: entries past the counts are stale. Blank
  // glyphs (spaces) only move the cursor: they are not kept.
  private glyphs: Glyph[] = []
  private gx: number[] = []
  private ng = 0
  private bitmaps: LineBitmap[] = []
  private bx: number[] = []
  /** Underline runs as x, width, thickness: consecutive underlined characters make one run. */
  private uls: number[] = []
  private items = 0
  /** Cursor in dots from the left of the print area. */
  cursor = 0
  /** Right end of the rightmost item (alignment uses it, not the cursor). */
  right = 0
  height = 0
  /** UTF-16 code units of the line's text (a string is built once, when the line prints). */
  private codes: number[] = []
  private nc = 0
  style: LineStyle | undefined
  align: Align = 'left'
  margin = 0
  area = 0
  /** ESC { of the line (taken when it began). */
  upsideDown = false
  /** ESC r colour of the line: 1 black, 2 red. */
  ink: 1 | 2 = 1
  /** The tab stop the last HT of this line moved to (-1: none yet); see tab() in tabs.ts. */
  lastTab = -1

  get empty(): boolean {
    return this.items === 0 && this.cursor === 0
  }

  begin(align: Align, margin: number, area: number, upsideDown = false, ink: 1 | 2 = 1): void {
    this.align = align
    this.margin = margin
    this.area = area
    this.upsideDown = upsideDown
    this.ink = ink
  }

  /** Appends one UTF-16 code unit of text. */
  addCode(unit: number): void {
    this.codes[this.nc++] = unit
  }

  /** Appends a string (a two-byte character). */
  addText(s: string): void {
    for (let i = 0; i < s.length; i++) this.addCode(s.charCodeAt(i))
  }

  get text(): string {
    let out = ''
    for (let i = 0; i < this.nc; i += 4096) out += String.fromCharCode(...this.codes.slice(i, Math.min(this.nc, i + 4096)))
    return out
  }

  fits(w: number): boolean {
    return this.cursor + w <= this.area
  }

  /** Adds a character at the cursor, underlined `ul` dots thick (0 = not underlined). */
  addGlyph(g: Glyph, ul: number): void {
    const x = this.cursor
    if (g.n > 0) {
      this.glyphs[this.ng] = g
      this.gx[this.ng++] = x
    }
    if (ul > 0) {
      const u = this.uls
      const n = u.length
      // Underlines only set dots, so abutting ones of one thickness may be drawn as one.
      if (n > 0 && u[n - 1] === ul && u[n - 3]! + u[n - 2]! === x) u[n - 2] = u[n - 2]! + g.w
      else u.push(x, g.w, ul)
    }
    this.advance(g.w, g.h)
  }

  addBitmap(b: LineBitmap): void {
    this.bitmaps.push(b)
    this.bx.push(this.cursor)
    this.advance(b.w, b.h)
  }

  private advance(w: number, h: number): void {
    this.items++
    this.cursor += w
    if (this.cursor > this.right) this.right = this.cursor
    if (h > this.height) this.height = h
  }

  /**
   * Draws the line with its top at `y`; returns its left edge and height. An upside-down line
   * (ESC {) is turned by 180° as a whole.
   */
  render(page: Surface, y: number): { x: number; height: number } {
    const upsideDown = this.upsideDown
    const ink = this.ink
    const width = this.right
    const free = Math.max(0, this.area - width)
    const x0 = this.margin + (this.align === 'center' ? Math.floor(free / 2) : this.align === 'right' ? free : 0)
    const h = this.height
    // Upside down, an item at [x, x + w) lands at [x0 + width - x - w, ...) with its top at the line's top.
    const flip = x0 + width
    for (let i = 0; i < this.ng; i++) {
      const g = this.glyphs[i]!
      if (upsideDown) page.drawGlyph(g, flip - this.gx[i]! - g.w, y, ink)
      else page.drawGlyph(g, x0 + this.gx[i]!, y + h - g.h, ink)
    }
    for (let i = 0; i < this.bitmaps.length; i++) {
      const b = this.bitmaps[i]!
      const x = upsideDown ? flip - this.bx[i]! - b.w : x0 + this.bx[i]!
      page.drawBitmap(ink === 1 ? b.px : b.px.map((v) => v * ink), b.bw, b.bh, x, upsideDown ? y : y + h - b.h, b.sx, b.sy)
    }
    const u = this.uls
    for (let i = 0; i < u.length; i += 3) {
      const ux = u[i]!
      const uw = u[i + 1]!
      const ul = u[i + 2]!
      page.fillRect(upsideDown ? flip - ux - uw : x0 + ux, upsideDown ? y : y + h - ul, uw, ul, ink)
    }
    return { x: x0, height: h }
  }

  reset(): void {
    // Emptied in place: the arrays are reused line after line.
    this.ng = 0
    if (this.bitmaps.length > 0) {
      this.bitmaps.length = 0
      this.bx.length = 0
    }
    if (this.uls.length > 0) this.uls.length = 0
    this.items = 0
    this.cursor = 0
    this.right = 0
    this.height = 0
    this.nc = 0
    this.style = undefined
    this.lastTab = -1
  }

  /** Items (characters and images) in the line; the accounting of commands reads it. */
  get count(): number {
    return this.items
  }
}
