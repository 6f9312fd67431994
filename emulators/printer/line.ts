import type { Glyph } from './glyphs.js'
import type { Page } from './page.js'
import type { Align, PrintedLine } from './types.js'

export type LineItem =
  | { kind: 'glyph'; g: Glyph; x: number; w: number; h: number; ul: 0 | 1 | 2 }
  | { kind: 'bitmap'; px: Uint8Array; bw: number; bh: number; sx: number; sy: number; x: number; w: number; h: number }

/** What the print log records about a line: its style is that of its first character. */
export type LineStyle = Omit<PrintedLine, 'text' | 'y' | 'x' | 'height'>

/**
 * The line buffer: characters and in-line images waiting for LF (or a full line). Items sit on
 * a common baseline at the bottom of the line; alignment, left margin and print area are
 * those in force when the line began (ESC a, GS L, GS W act at the start of a line).
 */
export class LineBuffer {
  items: LineItem[] = []
  /** Cursor in dots from the left of the print area. */
  cursor = 0
  /** Right end of the rightmost item (alignment uses it, not the cursor). */
  right = 0
  height = 0
  text = ''
  style: LineStyle | undefined
  align: Align = 'left'
  margin = 0
  area = 0

  get empty(): boolean {
    return this.items.length === 0 && this.cursor === 0
  }

  begin(align: Align, margin: number, area: number): void {
    this.align = align
    this.margin = margin
    this.area = area
  }

  fits(w: number): boolean {
    return this.cursor + w <= this.area
  }

  add(item: LineItem): void {
    this.items.push(item)
    this.cursor = item.x + item.w
    if (this.cursor > this.right) this.right = this.cursor
    if (item.h > this.height) this.height = item.h
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
    for (const it of this.items) {
      const x = upsideDown ? x0 + width - it.x - it.w : x0 + it.x
      const top = upsideDown ? y : y + h - it.h
      if (it.kind === 'glyph') {
        page.drawGlyph(it.g, x, top)
        if (it.ul) page.fillRect(x, upsideDown ? top : top + it.h - it.ul, it.w, it.ul)
      } else {
        page.drawBitmap(it.px, it.bw, it.bh, x, top, it.sx, it.sy)
      }
    }
    return { x: x0, height: h }
  }

  reset(): void {
    this.items = []
    this.cursor = 0
    this.right = 0
    this.height = 0
    this.text = ''
    this.style = undefined
  }
}
