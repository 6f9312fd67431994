/**
 * Writing segments out: one PNG per segment and a JSON print log (text lines, symbols with the
 * payload jsQR reads back from the raster, images, barcodes, warnings). Used by `rig render`
 * and `rig emulate printer`.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import jsQRModule from 'jsqr'

type JsQr = typeof jsQRModule.default
/** jsqr is CommonJS: under Node's ESM its function is the module itself, under some loaders `.default`. */
const jsQR: JsQr = ((jsQRModule as unknown as { default?: JsQr }).default ?? jsQRModule) as JsQr
import { rasterToPng } from './png.js'
import type { PrintedQr, PrintedSegment, Raster } from './types.js'

export interface SegmentLogEntry extends Omit<PrintedSegment, 'raster' | 'qr'> {
  png: string
  width: number
  height: number
  qr: Array<PrintedQr & { decoded: string | null }>
}

/** Reads a printed QR back from the raster with jsQR (with a white quiet zone added). */
export function decodePrintedQr(r: Raster, q: PrintedQr): string | null {
  const pad = Math.max(8, q.moduleSize * 4)
  const W = q.size + 2 * pad
  const rgba = new Uint8ClampedArray(W * W * 4).fill(255)
  for (let y = 0; y < q.size; y++) {
    const sy = q.y + y
    if (sy < 0 || sy >= r.height) continue
    for (let x = 0; x < q.size; x++) {
      const sx = q.x + x
      if (sx >= 0 && sx < r.width && r.data[sy * r.width + sx]) {
        const o = ((y + pad) * W + x + pad) * 4
        rgba[o] = rgba[o + 1] = rgba[o + 2] = 0
      }
    }
  }
  return jsQR(rgba, W, W)?.data ?? null
}

/** Writes `<prefix>-<index>.png` and returns the log entry of the segment. */
export async function writeSegment(dir: string, prefix: string, s: PrintedSegment): Promise<SegmentLogEntry> {
  await mkdir(dir, { recursive: true })
  const png = `${prefix}-${String(s.index).padStart(3, '0')}.png`
  await writeFile(join(dir, png), await rasterToPng(s.raster))
  const { raster, qr, ...rest } = s
  return {
    ...rest,
    png,
    width: raster.width,
    height: raster.height,
    qr: qr.map((q) => ({ ...q, decoded: decodePrintedQr(raster, q) })),
  }
}
