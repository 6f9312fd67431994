import type { Glyph } from './glyphs.js'

/** A fixed-size 1-byte-per-dot raster that glyphs, bitmaps and rectangles are drawn into (clipped). */
export class Sheet {
  readonly data: Uint8Array

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.data = new Uint8Array(width * height)
  }

  drawGlyph(g: Glyph, x: number, y: number): void {
    const W = this.width
    const d = this.data
    const { dx, dy, n } = g
    if (x >= 0 && x + g.w <= W && y >= 0 && y + g.h <= this.height) {
      // Fast path, the whole glyph on the sheet: one store per black dot.
      if (g.offStride !== W) {
        const off = new Int32Array(n)
        for (let i = 0; i < n; i++) off[i] = dy[i]! * W + dx[i]!
        g.off = off
        g.offStride = W
      }
      const off = g.off!
      const base = y * W + x
      for (let i = 0; i < n; i++) d[base + off[i]!] = 1
      return
    }
    for (let i = 0; i < n; i++) {
      const px = x + dx[i]!
      const py = y + dy[i]!
      if (px >= 0 && px < W && py >= 0 && py < this.height) d[py * W + px] = 1
    }
  }

  /** Draws a 1-byte-per-pixel bitmap (1 = black) with integer scale factors. */
  drawBitmap(px: Uint8Array, w: number, h: number, x: number, y: number, sx: number, sy: number): void {
    const W = this.width
    const d = this.data
    for (let r = 0; r < h; r++) {
      for (let c = 0; c < w; c++) {
        if (!px[r * w + c]) continue
        for (let yy = 0; yy < sy; yy++) {
          const py = y + r * sy + yy
          if (py < 0 || py >= this.height) continue
          const row = py * W
          for (let xx = 0; xx < sx; xx++) {
            const qx = x + c * sx + xx
            if (qx >= 0 && qx < W) d[row + qx] = 1
          }
        }
      }
    }
  }

  fillRect(x: number, y: number, w: number, h: number): void {
    const x0 = Math.max(0, x)
    const x1 = Math.min(this.width, x + w)
    if (x1 <= x0) return
    const y1 = Math.min(this.height, y + h)
    for (let py = Math.max(0, y); py < y1; py++) this.data.fill(1, py * this.width + x0, py * this.width + x1)
  }
}
