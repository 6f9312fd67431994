import type { Glyph } from './glyphs.js'
import type { Raster } from './types.js'

/**
 * The paper of the current segment: a growing 1-byte-per-dot raster and the feed position.
 * Rows past `maxHeight` are never allocated; drawing there is dropped and `clipped` is set,
 * so a runaway stream cannot exhaust memory.
 */
export class Page {
  data: Uint8Array
  private rows: number
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
  ) {
    this.rows = 256
    this.data = new Uint8Array(width * this.rows)
  }

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

  /** Makes rows [0, bottom) addressable; returns the usable bottom (capped). */
  private reserve(bottom: number): number {
    if (bottom > this.maxHeight) {
      this.clipped = true
      bottom = this.maxHeight
    }
    if (bottom > this.rows) {
      let rows = this.rows
      while (rows < bottom) rows *= 2
      rows = Math.min(rows, this.maxHeight)
      const next = new Uint8Array(this.width * rows)
      next.set(this.data)
      this.data = next
      this.rows = rows
    }
    return bottom
  }

  drawGlyph(g: Glyph, x: number, y: number): void {
    if (g.n === 0) return
    const bottom = this.reserve(y + g.h)
    const W = this.width
    const d = this.data
    const { dx, dy, n } = g
    let ink = false
    for (let i = 0; i < n; i++) {
      const px = x + dx[i]!
      const py = y + dy[i]!
      if (px < 0 || px >= W || py < 0 || py >= bottom) continue
      d[py * W + px] = 1
      ink = true
    }
    if (ink) this.mark(bottom)
  }

  /** Draws a 1-byte-per-pixel bitmap (1 = black) with integer scale factors. */
  drawBitmap(px: Uint8Array, w: number, h: number, x: number, y: number, sx = 1, sy = 1): void {
    const bottom = this.reserve(y + h * sy)
    const W = this.width
    const d = this.data
    let ink = false
    for (let r = 0; r < h; r++) {
      for (let c = 0; c < w; c++) {
        if (!px[r * w + c]) continue
        for (let yy = 0; yy < sy; yy++) {
          const py = y + r * sy + yy
          if (py < 0 || py >= bottom) continue
          const row = py * W
          for (let xx = 0; xx < sx; xx++) {
            const qx = x + c * sx + xx
            if (qx >= 0 && qx < W) {
              d[row + qx] = 1
              ink = true
            }
          }
        }
      }
    }
    if (ink) this.mark(bottom)
  }

  fillRect(x: number, y: number, w: number, h: number): void {
    const bottom = this.reserve(y + h)
    const x0 = Math.max(0, x)
    const x1 = Math.min(this.width, x + w)
    if (x1 <= x0) return
    for (let py = Math.max(0, y); py < bottom; py++) this.data.fill(1, py * this.width + x0, py * this.width + x1)
    if (bottom > y) this.mark(bottom)
  }

  private mark(bottom: number): void {
    this.inked = true
    if (bottom > this.extent) this.extent = bottom
  }

  /** Hands over the printed raster and starts a fresh sheet. */
  take(): Raster {
    const height = Math.min(this.maxHeight, Math.max(this.y, this.extent))
    const data = this.data.slice(0, height * this.width)
    this.data.fill(0, 0, Math.min(this.data.length, Math.max(this.extent, height) * this.width))
    this.y = 0
    this.extent = 0
    this.inked = false
    this.clipped = false
    return { width: this.width, height, data }
  }
}
