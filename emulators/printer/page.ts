import type { Glyph } from './glyphs.js'
import { Sheet } from './sheet.js'
import type { Raster } from './types.js'

/**
 * A bitmap (its bytes are colour bits: 1 black, 2 red, 3 both) or a rectangle of one ink
 * (glyphs are kept apart, see Ops).
 */
type Shape = { k: 1; px: Uint8Array; w: number; h: number; sx: number; sy: number } | { k: 2; w: number; h: number; ink: number }

/** What a line, a symbol or an image is drawn on: the paper of a segment, or the page-mode buffer. */
export interface Surface {
  /** Draws a glyph with its top-left at (x, y), in ink 1 (black) or 2 (red). */
  drawGlyph(g: Glyph, x: number, y: number, ink?: number): void
  /** A 1-byte-per-pixel bitmap of colour bits (never modified afterwards) with integer scale factors. */
  drawBitmap(px: Uint8Array, w: number, h: number, x: number, y: number, sx?: number, sy?: number): void
  fillRect(x: number, y: number, w: number, h: number, ink?: number): void
}

/**
 * Drawing operations of one sheet. Every drawing only sets dots to 1, so their order does not
 * matter and glyphs (nearly all of them) are kept apart from shapes: the distinct glyphs in a
 * palette, and per drawn glyph its palette index, x and y in an Int32Array. Numbers outside
 * the JS heap cost the garbage collector nothing: with one object (or three array slots) per
 * printed character, marking the undrawn pages of a long run took longer than drawing them.
 */
interface Ops {
  palette: Glyph[]
  glyphs: Int32Array
  /** Glyphs in colour 2 (red), same layout: rare, so kept apart from the black ones. */
  red: Int32Array
  shapes: Shape[]
  /** x, y of each shape. */
  sxy: number[]
}

const NO_OPS: Ops = { palette: [], glyphs: new Int32Array(0), red: new Int32Array(0), shapes: [], sxy: [] }

/** Numbers each page's sheets, so a glyph can tell whether it is in the current palette. */
let sheets = 0

/**
 * The paper of the current segment: the feed position and what was printed on it, kept as a
 * list of drawing operations. The 1-byte-per-dot raster of a cut segment is drawn when it is
 * first read (`raster.data`), so interpreting a stream costs no raster memory until somebody
 * looks. Nothing is drawn below `maxHeight` (`clipped` tells), so a runaway stream cannot
 * exhaust memory.
 */
export class Page implements Surface {
  private sheetId = ++sheets
  private palette: Glyph[] = []
  /** Glyph draws of the current sheet (palette index, x, y); reused from sheet to sheet. */
  private glyphOps = new Int32Array(3 * 1024)
  private glyphInts = 0
  private redOps: number[] = []
  private shapes: Shape[] = []
  private sxy: number[] = []
  /** Top of the next line in dots (the paper position under the print head). */
  y = 0
  /** One past the lowest row with ink. */
  extent = 0
  /** Something was printed (ink, or a logged element) since the last cut. */
  inked = false
  clipped = false

  constructor(
    readonly width: number,
    readonly maxHeight: number,
  ) {}

  /** Moves the paper; false when that runs past the height cap. */
  feed(dots: number): boolean {
    this.y += Math.max(0, dots)
    if (this.y > this.maxHeight) {
      this.y = this.maxHeight
      this.clipped = true
      return false
    }
    return true
  }

  /** Records ink over rows [y, bottom) and columns [x, right); false when it is off the paper. */
  private visible(x: number, y: number, right: number, bottom: number): boolean {
    if (bottom > this.maxHeight) this.clipped = true
    if (right <= 0 || x >= this.width || bottom <= 0 || y >= this.maxHeight) return false
    this.inked = true
    const b = Math.min(bottom, this.maxHeight)
    if (b > this.extent) this.extent = b
    return true
  }

  /** Drawing operations recorded since the last cut (the accounting of commands reads it). */
  get opCount(): number {
    return this.glyphInts / 3 + this.redOps.length / 3 + this.shapes.length
  }

  drawGlyph(g: Glyph, x: number, y: number, ink = 1): void {
    if (g.n === 0 || !this.visible(x, y, x + g.w, y + g.h)) return
    // Glyphs are shared by all pages: one listed by another page (or sheet) is listed anew.
    if (g.sheetId !== this.sheetId) {
      g.sheetId = this.sheetId
      g.slot = this.palette.length
      this.palette.push(g)
    }
    if (ink !== 1) {
      this.redOps.push(g.slot, x, y)
      return
    }
    let ops = this.glyphOps
    const i = this.glyphInts
    if (i + 3 > ops.length) {
      ops = new Int32Array(ops.length * 2)
      ops.set(this.glyphOps)
      this.glyphOps = ops
    }
    ops[i] = g.slot
    ops[i + 1] = x
    ops[i + 2] = y
    this.glyphInts = i + 3
  }

  /** A 1-byte-per-pixel bitmap of colour bits (never modified afterwards) with integer scale factors. */
  drawBitmap(px: Uint8Array, w: number, h: number, x: number, y: number, sx = 1, sy = 1): void {
    if (w > 0 && h > 0 && this.visible(x, y, x + w * sx, y + h * sy)) this.push({ k: 1, px, w, h, sx, sy }, x, y)
  }

  fillRect(x: number, y: number, w: number, h: number, ink = 1): void {
    if (w > 0 && h > 0 && this.visible(x, y, x + w, y + h)) this.push({ k: 2, w, h, ink }, x, y)
  }

  private push(shape: Shape, x: number, y: number): void {
    this.shapes.push(shape)
    this.sxy.push(x, y)
  }

  /** Hands over the printed raster (drawn lazily) and starts a fresh sheet. */
  take(): Raster {
    const height = Math.min(this.maxHeight, Math.max(this.y, this.extent))
    const ops: Ops = {
      palette: this.palette,
      glyphs: this.glyphOps.slice(0, this.glyphInts),
      red: Int32Array.from(this.redOps),
      shapes: this.shapes,
      sxy: this.sxy,
    }
    const raster = lazyRaster(this.width, height, ops)
    this.sheetId = ++sheets
    this.palette = []
    this.glyphInts = 0
    this.redOps = []
    this.shapes = []
    this.sxy = []
    this.y = 0
    this.extent = 0
    this.inked = false
    this.clipped = false
    return raster
  }
}

function draw(sheet: Sheet, ops: Ops): void {
  const { palette, glyphs, red, shapes, sxy } = ops
  sheet.drawGlyphs(palette, glyphs)
  if (red.length > 0) sheet.drawGlyphs(palette, red, 2)
  for (let i = 0; i < shapes.length; i++) {
    const op = shapes[i]!
    if (op.k === 1) sheet.drawBitmap(op.px, op.w, op.h, sxy[2 * i]!, sxy[2 * i + 1]!, op.sx, op.sy)
    else sheet.fillRect(sxy[2 * i]!, sxy[2 * i + 1]!, op.w, op.h, op.ink)
  }
}

function lazyRaster(width: number, height: number, ops: Ops): Raster {
  let data: Uint8Array | undefined
  return {
    width,
    height,
    get data(): Uint8Array {
      if (!data) {
        const sheet = new Sheet(width, height)
        draw(sheet, ops)
        data = sheet.data
        ops = NO_OPS
      }
      return data
    },
    set data(value: Uint8Array) {
      data = value
      ops = NO_OPS
    },
  }
}
