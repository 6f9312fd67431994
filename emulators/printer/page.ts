import type { Glyph } from './glyphs.js'
import { Sheet } from './sheet.js'
import type { Raster } from './types.js'

/** A bitmap or rectangle to draw; glyphs are stored as their Glyph with no wrapper. */
type Shape = { k: 1; px: Uint8Array; w: number; h: number; sx: number; sy: number } | { k: 2; w: number; h: number }

/** Drawing operations: what, and where (parallel arrays: no object per printed character). */
interface Ops {
  refs: Array<Glyph | Shape>
  xs: number[]
  ys: number[]
}

function noOps(): Ops {
  return { refs: [], xs: [], ys: [] }
}

/**
 * The paper of the current segment: the feed position and what was printed on it, kept as a
 * list of drawing operations. The 1-byte-per-dot raster of a cut segment is drawn when it is
 * first read (`raster.data`), so interpreting a stream costs no raster memory until somebody
 * looks. Nothing is drawn below `maxHeight` (`clipped` tells), so a runaway stream cannot
 * exhaust memory.
 */
export class Page {
  private ops: Ops = noOps()
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

  drawGlyph(g: Glyph, x: number, y: number): void {
    if (g.n > 0 && this.visible(x, y, x + g.w, y + g.h)) this.push(g, x, y)
  }

  /** A 1-byte-per-pixel bitmap (1 = black, never modified afterwards) with integer scale factors. */
  drawBitmap(px: Uint8Array, w: number, h: number, x: number, y: number, sx = 1, sy = 1): void {
    if (w > 0 && h > 0 && this.visible(x, y, x + w * sx, y + h * sy)) this.push({ k: 1, px, w, h, sx, sy }, x, y)
  }

  fillRect(x: number, y: number, w: number, h: number): void {
    if (w > 0 && h > 0 && this.visible(x, y, x + w, y + h)) this.push({ k: 2, w, h }, x, y)
  }

  private push(ref: Glyph | Shape, x: number, y: number): void {
    this.ops.refs.push(ref)
    this.ops.xs.push(x)
    this.ops.ys.push(y)
  }

  /** Hands over the printed raster (drawn lazily) and starts a fresh sheet. */
  take(): Raster {
    const height = Math.min(this.maxHeight, Math.max(this.y, this.extent))
    const raster = lazyRaster(this.width, height, this.ops)
    this.ops = noOps()
    this.y = 0
    this.extent = 0
    this.inked = false
    this.clipped = false
    return raster
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
        const { refs, xs, ys } = ops
        for (let i = 0; i < refs.length; i++) {
          const op = refs[i]!
          if (!('k' in op)) sheet.drawGlyph(op, xs[i]!, ys[i]!)
          else if (op.k === 1) sheet.drawBitmap(op.px, op.w, op.h, xs[i]!, ys[i]!, op.sx, op.sy)
          else sheet.fillRect(xs[i]!, ys[i]!, op.w, op.h)
        }
        data = sheet.data
        ops = noOps()
      }
      return data
    },
    set data(value: Uint8Array) {
      data = value
      ops = noOps()
    },
  }
}
