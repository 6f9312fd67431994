/**
 * GNU Unifont bitmaps (8x16 and 16x16) from the committed unifont.bin.gz (see build-glyphs.ts
 * for the format and LICENSE-unifont.txt for the license). Loaded once per process, lazily.
 */
import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'

export interface SourceGlyph {
  /** 8 or 16 */
  w: number
  h: 16
  /** 1 byte per pixel, 1 = ink, row-major. */
  px: Uint8Array
}

let widths: Uint8Array | undefined
let offsets: Uint32Array | undefined
let blob: Buffer | undefined
const cache = new Map<number, SourceGlyph | null>()

function load(): void {
  if (blob) return
  const raw = gunzipSync(readFileSync(fileURLToPath(new URL('./unifont.bin.gz', import.meta.url))))
  widths = new Uint8Array(raw.buffer, raw.byteOffset, 65536)
  offsets = new Uint32Array(65536)
  let at = 65536
  for (let cp = 0; cp < 65536; cp++) {
    offsets[cp] = at
    at += widths[cp]! * 16
  }
  blob = raw
}

/** The Unifont glyph of a BMP code point, or undefined when Unifont has none. */
export function unifontGlyph(cp: number): SourceGlyph | undefined {
  const hit = cache.get(cp)
  if (hit !== undefined) return hit ?? undefined
  load()
  if (cp < 0 || cp > 0xffff || !widths![cp]) {
    cache.set(cp, null)
    return undefined
  }
  const bytesPerRow = widths![cp]!
  const w = bytesPerRow * 8
  const px = new Uint8Array(w * 16)
  const base = offsets![cp]!
  for (let y = 0; y < 16; y++) {
    for (let b = 0; b < bytesPerRow; b++) {
      const byte = blob![base + y * bytesPerRow + b]!
      for (let bit = 0; bit < 8; bit++) px[y * w + b * 8 + bit] = (byte >> (7 - bit)) & 1
    }
  }
  const glyph: SourceGlyph = { w, h: 16, px }
  cache.set(cp, glyph)
  return glyph
}
