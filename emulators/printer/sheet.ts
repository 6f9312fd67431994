import type { Glyph, GlyphPlan } from './glyphs.js'

/** Word stores need the bytes of a 32-bit word in address order: true on every usual host. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1

/**
 * A fixed-size 1-byte-per-dot raster that glyphs, bitmaps and rectangles are drawn into (clipped).
 * Every drawing only ORs colour bits into dots (1 black, 2 red), so the order of drawings does
 * not change the result.
 */
export class Sheet {
  readonly data: Uint8Array
  /** The same bytes as 32-bit words, when rows are whole words (width a multiple of 4). */
  private readonly view32: Int32Array | undefined

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.data = new Uint8Array(width * height)
    if (LITTLE_ENDIAN && width % 4 === 0) this.view32 = new Int32Array(this.data.buffer, 0, (width * height) >> 2)
  }

  /**
   * Draws glyphs listed as (palette index, x, y) triples: the bulk of any receipt, so the
   * word-wide fast path is inlined here with each palette glyph's plans looked up once.
   */
  drawGlyphs(palette: Glyph[], ops: Int32Array, ink = 1): void {
    const d32 = this.view32
    if (!d32 || ink !== 1) {
      // Red text is rare: the byte-wise path serves it.
      for (let i = 0; i < ops.length; i += 3) this.drawGlyph(palette[ops[i]!]!, ops[i + 1]!, ops[i + 2]!, ink)
      return
    }
    const W = this.width
    const H = this.height
    // Word ops of palette glyph k at phase p, at 4 * k + p (resolved on first use).
    const plans: Array<Int32Array | undefined> = new Array<Int32Array | undefined>(4 * palette.length).fill(undefined)
    for (let i = 0; i < ops.length; i += 3) {
      const k = ops[i]!
      const x = ops[i + 1]!
      const y = ops[i + 2]!
      const g = palette[k]!
      if (x < 0 || x + g.w > W || y < 0 || y + g.h > H) {
        this.drawGlyph(g, x, y)
        continue
      }
      const base = y * W + x
      const wops = plans[4 * k + (base & 3)] ?? (plans[4 * k + (base & 3)] = this.wordOps(g, base & 3))
      const b = base >> 2
      for (let j = 0; j < wops.length; j += 2) d32[b + wops[j]!] |= wops[j + 1]!
    }
  }

  private plan(g: Glyph): GlyphPlan {
    return g.plan !== undefined && g.plan.stride === this.width ? g.plan : (g.plan = { stride: this.width, off: undefined, words: [] })
  }

  private wordOps(g: Glyph, phase: number): Int32Array {
    const plan = this.plan(g)
    return plan.words[phase] ?? (plan.words[phase] = wordOps(g, this.width, phase))
  }

  drawGlyph(g: Glyph, x: number, y: number, ink = 1): void {
    const W = this.width
    if (ink !== 1) {
      const { dx, dy, n } = g
      const d = this.data
      for (let i = 0; i < n; i++) {
        const px = x + dx[i]!
        const py = y + dy[i]!
        if (px >= 0 && px < W && py >= 0 && py < this.height) d[py * W + px] |= ink
      }
      return
    }
    if (x >= 0 && x + g.w <= W && y >= 0 && y + g.h <= this.height) {
      // Fast path, the whole glyph on the sheet. A text glyph has some 60 black dots in
      // some 27 words: OR-ing whole words (each byte 0 or 1) halves the stores.
      const base = y * W + x
      const d32 = this.view32
      if (d32) {
        const ops = this.wordOps(g, base & 3)
        const b = base >> 2
        for (let i = 0; i < ops.length; i += 2) d32[b + ops[i]!] |= ops[i + 1]!
        return
      }
      const plan = this.plan(g)
      const off = plan.off ?? (plan.off = dotOffsets(g, W))
      const d = this.data
      for (let i = 0; i < off.length; i++) d[base + off[i]!] |= 1
      return
    }
    const { dx, dy, n } = g
    const d = this.data
    for (let i = 0; i < n; i++) {
      const px = x + dx[i]!
      const py = y + dy[i]!
      if (px >= 0 && px < W && py >= 0 && py < this.height) d[py * W + px] |= 1
    }
  }

  /** Draws a 1-byte-per-pixel bitmap of colour bits (0 white) with integer scale factors. */
  drawBitmap(px: Uint8Array, w: number, h: number, x: number, y: number, sx: number, sy: number): void {
    const W = this.width
    const d = this.data
    for (let r = 0; r < h; r++) {
      const top = Math.max(0, y + r * sy)
      const bottom = Math.min(this.height, y + (r + 1) * sy)
      if (top >= bottom) continue
      // Each run of source dots of one colour is one span of sx-wide dots on each of its sy rows.
      const src = r * w
      for (let c = 0; c < w; c++) {
        const v = px[src + c]!
        if (!v) continue
        const start = c
        while (c + 1 < w && px[src + c + 1] === v) c++
        const a = Math.max(0, x + start * sx)
        const b = Math.min(W, x + (c + 1) * sx)
        if (a >= b) continue
        for (let py = top; py < bottom; py++) orSpan(d, py * W + a, py * W + b, v)
      }
    }
  }

  fillRect(x: number, y: number, w: number, h: number, ink = 1): void {
    const x0 = Math.max(0, x)
    const x1 = Math.min(this.width, x + w)
    if (x1 <= x0) return
    const y1 = Math.min(this.height, y + h)
    for (let py = Math.max(0, y); py < y1; py++) orSpan(this.data, py * this.width + x0, py * this.width + x1, ink)
  }
}

/** ORs colour bits v into d[a, b): a plain fill where nothing of another colour is there yet. */
function orSpan(d: Uint8Array, a: number, b: number, v: number): void {
  if (v === 1 && b - a > 16) {
    // Black over white or black (the common case) is a fill; a dot of another colour keeps its bit.
    let other = false
    for (let q = a; q < b; q++) {
      if (d[q]! & ~1) {
        other = true
        break
      }
    }
    if (!other) {
      d.fill(1, a, b)
      return
    }
  }
  for (let q = a; q < b; q++) d[q] = d[q]! | v
}

function dotOffsets(g: Glyph, stride: number): Int32Array {
  const off = new Int32Array(g.n)
  for (let i = 0; i < g.n; i++) off[i] = g.dy[i]! * stride + g.dx[i]!
  return off
}

/**
 * The words a glyph covers when its left edge sits at byte `phase` of a word: pairs of
 * (word offset, OR mask with byte k = 1 for a black dot at byte k). The dots come row by
 * row, left to right, so the dots of one word are consecutive.
 */
function wordOps(g: Glyph, stride: number, phase: number): Int32Array {
  const ops: number[] = []
  const rowWords = stride >> 2
  let last = -1
  for (let i = 0; i < g.n; i++) {
    const col = phase + g.dx[i]!
    const word = g.dy[i]! * rowWords + (col >> 2)
    const bit = 1 << (8 * (col & 3))
    if (word === last) ops[ops.length - 1] |= bit
    else {
      ops.push(word, bit)
      last = word
    }
  }
  return Int32Array.from(ops)
}
