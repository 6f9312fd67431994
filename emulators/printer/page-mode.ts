/**
 * Page mode (Epson ESC/POS Command Reference: ESC L, ESC S, ESC W, ESC T, GS $, GS \, ESC FF,
 * FF, CAN; Epson TM-T88III Specification (STANDARD) rev. B, 3.12 Page Mode). Printing commands
 * develop their data in a page buffer instead of printing it; ESC FF prints the buffer and keeps
 * it, FF prints it and returns to standard mode, ESC S returns without printing.
 *
 * Coordinates. ESC W sets the print area (x0, y0, dx, dy) on the page, in dots. ESC T picks the
 * direction data is developed in; data is laid out in a "frame" whose x runs along the text and
 * whose y runs down the lines, from the start point of that direction:
 *   0 left to right, start upper left      frame (fx, fy) → page (x0 + fx,          y0 + fy)
 *   1 bottom to top, start lower left                      → page (x0 + fy,          y0 + dy - 1 - fx)
 *   2 right to left, start lower right (upside down)       → page (x0 + dx - 1 - fx, y0 + dy - 1 - fy)
 *   3 top to bottom, start upper right                     → page (x0 + dx - 1 - fy, y0 + fx)
 * The vertical print position is the baseline of the text (3.12.3: "when a character is printed,
 * point A is the baseline"); it starts where a Font A character just fits below the top of the
 * area (Figure 3.12.2: 21 dots of the 24-dot cell above the baseline, 3 below). Images, barcodes
 * and symbols sit with their bottom-left corner on the baseline and move the position to their
 * right end.
 */
import type { Glyph } from './glyphs.js'
import type { Surface } from './page.js'
import type { PrintedBarcode, PrintedImage, PrintedLine, PrintedQr, PrintWarning } from './types.js'

export type Direction = 0 | 1 | 2 | 3

/** Print elements logged since the last cut (or, in page mode, since the page began). */
export interface SegmentLog {
  lines: PrintedLine[]
  qr: PrintedQr[]
  images: PrintedImage[]
  barcodes: PrintedBarcode[]
  warnings: PrintWarning[]
}

export function emptyLog(): SegmentLog {
  return { lines: [], qr: [], images: [], barcodes: [], warnings: [] }
}

/** Rows of a Font A cell above the baseline (Figure 3.12.2 of the TM-T88III specification: 24 - 3). */
export const ASCENT = 21
/** Rows of a Font A cell below the baseline. */
export const DESCENT = 3

/**
 * Default print area height in dots. Epson's default is dyL = 126, dyH = 6 (1662 vertical
 * units: 117 mm at the TM-T88III's 1/360 inch); on 203-dpi models page data reaches 831 dots
 * down the paper (Citizen CT-S310 / iDP-3221 command references, Page mode appendix). GUESS for
 * any one Epson 203-dpi model.
 */
export const DEFAULT_AREA_HEIGHT = 831

export interface Spacing {
  charSpacing: number
  lineSpacing: number
  cjkLeft: number
  cjkRight: number
}

export interface Area {
  x: number
  y: number
  w: number
  h: number
}

export class PageMode implements Surface {
  /** In page mode (ESC L … FF / ESC S / ESC @). */
  active = false
  /** ESC W and ESC T: kept in standard mode too (the "internal flag"), used from the next ESC L. */
  area: Area
  direction: Direction = 0
  /** Print position in the frame: x along the text, y the baseline. */
  x = 0
  y = ASCENT
  /** Page buffer, 1 byte per dot (colour bits), `width` wide, `rows` rows; grown as ink goes lower. */
  private canvas: Uint8Array | undefined
  private rows = 0
  /** One past the lowest row with page data (the printed page reaches at least the current area's bottom). */
  bottom = 0
  /** Dots developed since the page began (the accounting of commands reads it). */
  drawn = 0
  /** Print-log entries of the page, with x, y on the page (shifted onto the paper when printed). */
  log: SegmentLog = emptyLog()
  /**
   * The settings standard and page mode keep apart (ESC SP, ESC 2/3, FS S: TM-T88III
   * Specification 3.12.2): `saved` holds standard mode's while page mode runs; `pageSpacing`
   * page mode's between pages.
   */
  saved: Spacing | undefined
  pageSpacing: Spacing | undefined

  constructor(
    readonly width: number,
    readonly maxHeight: number,
  ) {
    this.area = this.defaultArea()
  }

  defaultArea(): Area {
    return { x: 0, y: 0, w: this.width, h: Math.min(DEFAULT_AREA_HEIGHT, this.maxHeight) }
  }

  /** Width of the frame: the extent along the text. */
  get frameWidth(): number {
    return this.direction === 1 || this.direction === 3 ? this.area.h : this.area.w
  }

  /** Height of the frame: the extent down the lines. */
  get frameHeight(): number {
    return this.direction === 1 || this.direction === 3 ? this.area.w : this.area.h
  }

  /** Moves the position to the start point of the direction (ESC L, ESC W, ESC T). */
  home(): void {
    this.x = 0
    this.y = ASCENT
  }

  /** Page-relative box of a frame rectangle. */
  toPage(fx: number, fy: number, w: number, h: number): Area {
    const a = this.area
    switch (this.direction) {
      case 0:
        return { x: a.x + fx, y: a.y + fy, w, h }
      case 1:
        return { x: a.x + fy, y: a.y + a.h - fx - w, w: h, h: w }
      case 2:
        return { x: a.x + a.w - fx - w, y: a.y + a.h - fy - h, w, h }
      default:
        return { x: a.x + a.w - fy - h, y: a.y + fx, w: h, h: w }
    }
  }

  /** Sets one dot of the frame (clipped to the print area). */
  private plot(fx: number, fy: number, ink: number): void {
    const a = this.area
    let X: number
    let Y: number
    switch (this.direction) {
      case 0:
        if (fx < 0 || fy < 0 || fx >= a.w || fy >= a.h) return
        X = a.x + fx
        Y = a.y + fy
        break
      case 1:
        if (fx < 0 || fy < 0 || fx >= a.h || fy >= a.w) return
        X = a.x + fy
        Y = a.y + a.h - 1 - fx
        break
      case 2:
        if (fx < 0 || fy < 0 || fx >= a.w || fy >= a.h) return
        X = a.x + a.w - 1 - fx
        Y = a.y + a.h - 1 - fy
        break
      default:
        if (fx < 0 || fy < 0 || fx >= a.h || fy >= a.w) return
        X = a.x + a.w - 1 - fy
        Y = a.y + fx
    }
    if (X < 0 || X >= this.width || Y < 0 || Y >= this.maxHeight) return
    if (Y >= this.rows) this.grow(Y + 1)
    if (Y >= this.bottom) this.bottom = Y + 1
    this.canvas![Y * this.width + X] |= ink
    this.drawn++
  }

  private grow(rows: number): void {
    const next = Math.min(this.maxHeight, Math.max(rows, 2 * this.rows, 256))
    const c = new Uint8Array(this.width * next)
    if (this.canvas) c.set(this.canvas)
    this.canvas = c
    this.rows = next
  }

  drawGlyph(g: Glyph, x: number, y: number, ink = 1): void {
    for (let i = 0; i < g.n; i++) this.plot(x + g.dx[i]!, y + g.dy[i]!, ink)
  }

  drawBitmap(px: Uint8Array, w: number, h: number, x: number, y: number, sx = 1, sy = 1): void {
    for (let r = 0; r < h; r++) {
      for (let c = 0; c < w; c++) {
        const v = px[r * w + c]!
        if (!v) continue
        for (let j = 0; j < sy; j++) for (let i = 0; i < sx; i++) this.plot(x + c * sx + i, y + r * sy + j, v)
      }
    }
  }

  fillRect(x: number, y: number, w: number, h: number, ink = 1): void {
    for (let j = 0; j < h; j++) for (let i = 0; i < w; i++) this.plot(x + i, y + j, ink)
  }

  /** The printed page: a copy of the buffer's rows [0, bottom) (the buffer itself is kept). */
  snapshot(): { px: Uint8Array; height: number } {
    const height = Math.min(this.maxHeight, Math.max(this.bottom, this.area.y + this.area.h))
    const px = new Uint8Array(this.width * height)
    if (this.canvas) px.set(this.canvas.subarray(0, Math.min(this.canvas.length, px.length)))
    return { px, height }
  }

  /** CAN: deletes the data in the current print area (and log entries that lie in it). */
  clearArea(): void {
    const a = this.area
    if (this.canvas) {
      for (let Y = a.y; Y < Math.min(a.y + a.h, this.rows); Y++) this.canvas.fill(0, Y * this.width + a.x, Y * this.width + Math.min(this.width, a.x + a.w))
    }
    const inside = (e: { x: number; y: number }): boolean => e.x >= a.x && e.x < a.x + a.w && e.y >= a.y && e.y < a.y + a.h
    this.log.lines = this.log.lines.filter((e) => !inside(e))
    this.log.qr = this.log.qr.filter((e) => !inside(e))
    this.log.images = this.log.images.filter((e) => !inside(e))
    this.log.barcodes = this.log.barcodes.filter((e) => !inside(e))
    this.drawn++
  }

  /** Forgets the page (FF after printing, ESC S, ESC @). */
  clearPage(): void {
    this.canvas = undefined
    this.rows = 0
    this.log = emptyLog()
    this.bottom = 0
    this.drawn = 0
  }
}
