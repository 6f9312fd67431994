import jsQRModule from 'jsqr'

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

/**
 * Decodes the QR symbols printed in a bitmap, from the pixels alone. With `regions`
 * (hints of where symbols may be, e.g. from the print log) each region is decoded on its
 * own, so several symbols on one receipt are all found; otherwise the whole bitmap is.
 */
export function decodeQrFromBitmap(bitmap: Bitmap, regions?: Array<{ x: number; y: number; size: number }>): DecodedQr[] {
  const areas = regions && regions.length > 0 ? regions.map((r) => grow(r, bitmap)) : [{ x: 0, y: 0, w: bitmap.width, h: bitmap.height }]
  const found: DecodedQr[] = []
  for (const a of areas) {
    const decoded = decodeArea(bitmap, a.x, a.y, a.w, a.h)
    if (decoded && !found.some((f) => f.text === decoded.text && Math.abs(f.location.y - decoded.location.y) < 4)) found.push(decoded)
  }
  return found
}

function grow(r: { x: number; y: number; size: number }, b: Bitmap): { x: number; y: number; w: number; h: number } {
  const pad = Math.max(8, Math.round(r.size * 0.2))
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
  const xs = [code.location.topLeftCorner.x, code.location.topRightCorner.x, code.location.bottomLeftCorner.x, code.location.bottomRightCorner.x]
  const ys = [code.location.topLeftCorner.y, code.location.topRightCorner.y, code.location.bottomLeftCorner.y, code.location.bottomRightCorner.y]
  const left = Math.min(...xs) - MARGIN + x0
  const top = Math.min(...ys) - MARGIN + y0
  return {
    text: code.data,
    location: { x: Math.round(left), y: Math.round(top), width: Math.round(Math.max(...xs) - Math.min(...xs)), height: Math.round(Math.max(...ys) - Math.min(...ys)) },
  }
}
