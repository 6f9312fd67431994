import jsQRModule from 'jsqr'
import { findQrRegions } from './find-qr.js'

type JsQr = typeof jsQRModule.default
/** jsqr is CommonJS: under Node's ESM its function is the module itself, under some loaders `.default`. */
export const jsQR: JsQr = ((jsQRModule as unknown as { default?: JsQr }).default ?? jsQRModule) as JsQr

/** The 1-bit picture the printer produced (1 byte per dot, 1 = black). */
export interface Bitmap {
  width: number
  height: number
  data: Uint8Array
}

export interface DecodedQr {
  /** Decoded text (UTF-8 bytes interpreted as text, as jsQR gives them). */
  text: string
  /** Corners of the symbol in dots of the bitmap. */
  location: { x: number; y: number; width: number; height: number }
}

/** White added around a region before decoding: the printer leaves the quiet zone to the paper. */
const MARGIN = 16

type Area = { x: number; y: number; w: number; h: number }

/**
 * Decodes every QR symbol printed in a bitmap, from the pixels alone. Each symbol is decoded in
 * its own box, with everything outside it white, so a symbol against a barcode, a logo or
 * another symbol reads alone, and two symbols with the same payload are two results. The boxes
 * come from `regions` (hints, e.g. the print log) when given, else from the symbols' finder
 * patterns (find-qr.ts); a whole-picture pass then adds any symbol the boxes missed. Results
 * are in reading order (top to bottom, then left to right).
 */
export function decodeQrFromBitmap(bitmap: Bitmap, regions?: Array<{ x: number; y: number; size: number }>): DecodedQr[] {
  const areas: Area[] = regions && regions.length > 0 ? regions.map((r) => grow(r, bitmap)) : findQrRegions(bitmap)
  const found: DecodedQr[] = []
  const add = (d: DecodedQr | undefined): void => {
    if (d && !found.some((f) => sameSymbol(f.location, d.location))) found.push(d)
  }
  for (const a of areas) add(decodeArea(bitmap, a.x, a.y, a.w, a.h))
  if (!regions || regions.length === 0) add(decodeArea(bitmap, 0, 0, bitmap.width, bitmap.height))
  return found.sort((a, b) => a.location.y - b.location.y || a.location.x - b.location.x)
}

/** Two decodes are one symbol when their boxes' centres are within a quarter of the symbol apart. */
function sameSymbol(a: DecodedQr['location'], b: DecodedQr['location']): boolean {
  const tol = Math.max(4, Math.min(a.width, b.width) / 4)
  return Math.abs(a.x + a.width / 2 - (b.x + b.width / 2)) < tol && Math.abs(a.y + a.height / 2 - (b.y + b.height / 2)) < tol
}

/** A logged symbol's box: the log is exact, and a neighbour's ink must stay out (the margin is the quiet zone). */
function grow(r: { x: number; y: number; size: number }, b: Bitmap): Area {
  const pad = 0
  const x = Math.max(0, r.x - pad)
  const y = Math.max(0, r.y - pad)
  return { x, y, w: Math.min(b.width, r.x + r.size + pad) - x, h: Math.min(b.height, r.y + r.size + pad) - y }
}

function decodeArea(b: Bitmap, x0: number, y0: number, w: number, h: number): DecodedQr | undefined {
  if (w <= 0 || h <= 0) return undefined
  const W = w + 2 * MARGIN
  const H = h + 2 * MARGIN
  const rgba = new Uint8ClampedArray(W * H * 4).fill(255)
  for (let y = 0; y < h; y++) {
    const src = (y0 + y) * b.width + x0
    let dst = ((y + MARGIN) * W + MARGIN) * 4
    for (let x = 0; x < w; x++, dst += 4) {
      if (b.data[src + x]) rgba[dst] = rgba[dst + 1] = rgba[dst + 2] = 0
    }
  }
  const code = jsQR(rgba, W, H, { inversionAttempts: 'dontInvert' })
  if (!code) return undefined
  // Byte-mode payloads that are valid UTF-8 read as UTF-8 (jsQR's own text otherwise).
  const bytes = Buffer.from(code.binaryData)
  const utf8 = bytes.toString('utf8')
  const text = Buffer.from(utf8, 'utf8').equals(bytes) ? utf8 : code.data
  const xs = [code.location.topLeftCorner.x, code.location.topRightCorner.x, code.location.bottomLeftCorner.x, code.location.bottomRightCorner.x]
  const ys = [code.location.topLeftCorner.y, code.location.topRightCorner.y, code.location.bottomLeftCorner.y, code.location.bottomRightCorner.y]
  const left = Math.min(...xs) - MARGIN + x0
  const top = Math.min(...ys) - MARGIN + y0
  return {
    text,
    location: { x: Math.round(left), y: Math.round(top), width: Math.round(Math.max(...xs) - Math.min(...xs)), height: Math.round(Math.max(...ys) - Math.min(...ys)) },
  }
}
