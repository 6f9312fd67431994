/**
 * Printer character cells built from Unifont: Font A 12x24 (8x16 scaled by 3/2), Font B 9x17
 * (8x16 in a 9x17 cell), Chinese 24x24 (16x16 scaled by 3/2). A 3/2 scale ORs the two source
 * pixels into the middle dot, so every stroke comes out 2 dots wide, like real 203-dpi fonts.
 * Each styled glyph is cached as the list of its black dots; the sheet turns that into word stores.
 */
import { unifontGlyph } from './fonts/unifont.js'
/** Font A, Font B, or the 24x24 Chinese font. */
export type GlyphFont = 'A' | 'B' | 'CJK'

export interface Glyph {
  w: number
  h: number
  /** Number of black dots; dx/dy hold their positions within the w x h box. */
  n: number
  dx: Int16Array
  dy: Int16Array
  /** How to draw it on a sheet of one stride (built by the sheet on first use, see sheet.ts). */
  plan: GlyphPlan | undefined
  /** The page sheet that last listed it in its palette, and where (see page.ts). */
  sheetId: number
  slot: number
}

/** Precomputed stores of a glyph for sheets `stride` dots wide. */
export interface GlyphPlan {
  stride: number
  /** dy * stride + dx of each black dot (the byte-wise path). */
  off: Int32Array | undefined
  /** Per x phase (x & 3): pairs of [word offset from the glyph's first word, word of 0/1 bytes to OR in]. */
  words: Array<Int32Array | undefined>
}

export interface GlyphStyle {
  font: GlyphFont
  bold: boolean
  /** Width and height multipliers, 1–8. */
  wm: number
  hm: number
  /** ESC V: 90° clockwise. */
  rotate: boolean
  /** ESC {: 180°. */
  upsideDown: boolean
  /** GS B: white on black, over the whole advance including right spacing. */
  reverse: boolean
  /** Right-side spacing in dots before the width multiplier (ESC SP / FS S). */
  spacing: number
}

const CACHE_LIMIT = 20_000
/** Style code → code point → glyph: two small-integer keys (a combined key would be a heap number). */
const cache = new Map<number, Map<number, Glyph>>()
let cached = 0

/** Cell width in dots (before multipliers) of a code point in a font. */
export function cellWidth(cp: number, font: GlyphFont): number {
  if (font === 'CJK') return 24
  const wide = (unifontGlyph(cp)?.w ?? 8) === 16
  return font === 'B' ? (wide ? 18 : 9) : wide ? 24 : 12
}

export function cellHeight(font: GlyphFont): number {
  return font === 'B' ? 17 : 24
}

/** The cache code of a style (fits in 21 bits; two-byte characters have left + right spacing, up to 510). */
export function styleCode(s: GlyphStyle): number {
  const fontCode = s.font === 'A' ? 0 : s.font === 'B' ? 1 : 2
  return (
    fontCode |
    (Number(s.bold) << 2) |
    ((s.wm - 1) << 3) |
    ((s.hm - 1) << 6) |
    (Number(s.rotate) << 9) |
    (Number(s.upsideDown) << 10) |
    (Number(s.reverse) << 11) |
    ((s.spacing & 0x1ff) << 12)
  )
}

/** A cached glyph by code point and style code, if built before. */
export function cachedGlyph(cp: number, code: number): Glyph | undefined {
  return cache.get(code)?.get(cp)
}

export function glyphFor(cp: number, s: GlyphStyle, code = styleCode(s)): Glyph {
  let byCp = cache.get(code)
  let g = byCp?.get(cp)
  if (!g) {
    if (cached >= CACHE_LIMIT) {
      cache.clear()
      cached = 0
      byCp = undefined
    }
    if (!byCp) cache.set(code, (byCp = new Map()))
    g = build(cp, s)
    byCp.set(cp, g)
    cached++
  }
  return g
}

function build(cp: number, s: GlyphStyle): Glyph {
  const src = unifontGlyph(cp) ?? unifontGlyph(0x3f)!
  let w: number
  let h: number
  let px: Uint8Array
  if (s.font === 'B') {
    w = src.w === 16 ? 18 : 9
    h = 17
    px = new Uint8Array(w * h)
    const ox = src.w === 16 ? 1 : 0
    for (let y = 0; y < 16; y++) for (let x = 0; x < src.w; x++) px[(y + 1) * w + x + ox] = src.px[y * src.w + x]!
  } else {
    w = (src.w * 3) / 2
    h = 24
    px = scale3over2(src.px, src.w, 16)
    if (s.font === 'CJK' && src.w === 8) {
      // A narrow glyph in a 24-dot Chinese cell: centre it.
      const wide = new Uint8Array(24 * 24)
      for (let y = 0; y < 24; y++) for (let x = 0; x < 12; x++) wide[y * 24 + x + 6] = px[y * 12 + x]!
      px = wide
      w = 24
    }
  }
  if (s.bold) {
    for (let y = 0; y < h; y++) for (let x = w - 1; x > 0; x--) px[y * w + x] = px[y * w + x]! | px[y * w + x - 1]!
  }
  if (s.rotate) {
    const r = new Uint8Array(w * h)
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) r[x * h + (h - 1 - y)] = px[y * w + x]!
    px = r
    ;[w, h] = [h, w]
  }
  if (s.upsideDown) px.reverse()
  // Right spacing, then multipliers, then reverse over the whole advance.
  const sw = w + s.spacing
  const ow = sw * s.wm
  const oh = h * s.hm
  // One source row serves hm output rows: build the scaled row once, then repeat it.
  const dx = new Int16Array(ow * oh)
  const dy = new Int16Array(ow * oh)
  let n = 0
  const row = new Uint8Array(ow)
  for (let sy = 0; sy < h; sy++) {
    for (let x = 0; x < ow; x++) {
      const sx = Math.floor(x / s.wm)
      // Upside-down moves the spacing to the left of the glyph.
      const gx = s.upsideDown ? sx - s.spacing : sx
      const ink = gx >= 0 && gx < w ? px[sy * w + gx]! : 0
      row[x] = s.reverse ? ink ^ 1 : ink
    }
    for (let r = 0; r < s.hm; r++) {
      const y = sy * s.hm + r
      for (let x = 0; x < ow; x++) {
        if (row[x]) {
          dx[n] = x
          dy[n] = y
          n++
        }
      }
    }
  }
  return { w: ow, h: oh, n, dx: dx.slice(0, n), dy: dy.slice(0, n), plan: undefined, sheetId: 0, slot: 0 }
}

/** Scales a bitmap by 3/2 in both directions; each middle dot is the OR of its two sources. */
function scale3over2(src: Uint8Array, sw: number, sh: number): Uint8Array {
  const w = (sw * 3) / 2
  const h = (sh * 3) / 2
  const wide = new Uint8Array(w * sh)
  for (let y = 0; y < sh; y++) {
    for (let p = 0; p < sw / 2; p++) {
      const a = src[y * sw + 2 * p]!
      const b = src[y * sw + 2 * p + 1]!
      wide[y * w + 3 * p] = a
      wide[y * w + 3 * p + 1] = a | b
      wide[y * w + 3 * p + 2] = b
    }
  }
  const out = new Uint8Array(w * h)
  for (let p = 0; p < sh / 2; p++) {
    for (let x = 0; x < w; x++) {
      const a = wide[2 * p * w + x]!
      const b = wide[(2 * p + 1) * w + x]!
      out[3 * p * w + x] = a
      out[(3 * p + 1) * w + x] = a | b
      out[(3 * p + 2) * w + x] = b
    }
  }
  return out
}
