import { readFileSync } from 'node:fs'
import jsQRModule from 'jsqr'

type JsQr = typeof jsQRModule.default
/** jsqr is CommonJS: under Node's ESM its function is the module itself, under some loaders `.default`. */
const jsQR: JsQr = ((jsQRModule as unknown as { default?: JsQr }).default ?? jsQRModule) as JsQr
import { VirtualClock } from '../../rig/clock/virtual-clock.js'
import { PrinterEmulator, type PrinterOptions, type PrintedSegment, type Raster } from '../../emulators/printer/index.js'

export const FIXTURES = new URL('../fixtures/escpos-php/', import.meta.url)

export function fixture(name: string): Buffer {
  return readFileSync(new URL(name, FIXTURES))
}

/** Renders a whole stream and returns every segment (the uncut remainder last). */
export function render(bytes: Uint8Array, options: Partial<PrinterOptions> = {}): { printer: PrinterEmulator; segments: PrintedSegment[] } {
  const printer = new PrinterEmulator({ clock: new VirtualClock(), ...options })
  printer.write(bytes)
  printer.flush()
  return { printer, segments: printer.segments }
}

/** Cuts a region out of a raster with a white border of `pad` dots around it. */
export function crop(r: Raster, x: number, y: number, w: number, h: number, pad = 0): Raster {
  const W = w + 2 * pad
  const H = h + 2 * pad
  const data = new Uint8Array(W * H)
  for (let yy = 0; yy < h; yy++) {
    for (let xx = 0; xx < w; xx++) {
      const sx = x + xx
      const sy = y + yy
      if (sx >= 0 && sx < r.width && sy >= 0 && sy < r.height) data[(yy + pad) * W + xx + pad] = r.data[sy * r.width + sx]!
    }
  }
  return { width: W, height: H, data }
}

/** jsQR on a raster (black dots → dark pixels). */
export function decodeQr(r: Raster): { data: string; binary: number[] } | null {
  const rgba = new Uint8ClampedArray(r.width * r.height * 4).fill(255)
  for (let i = 0; i < r.width * r.height; i++) if (r.data[i]) rgba[i * 4] = rgba[i * 4 + 1] = rgba[i * 4 + 2] = 0
  const res = jsQR(rgba, r.width, r.height)
  return res ? { data: res.data, binary: res.binaryData } : null
}

/** Bounding box of black dots in a region, or undefined when it is white. */
export function inkBox(r: Raster, x0 = 0, y0 = 0, x1 = r.width, y1 = r.height): { x: number; y: number; w: number; h: number } | undefined {
  let minX = Infinity, minY = Infinity, maxX = -1, maxY = -1
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      if (r.data[y * r.width + x]) {
        if (x < minX) minX = x
        if (x > maxX) maxX = x
        if (y < minY) minY = y
        if (y > maxY) maxY = y
      }
    }
  }
  return maxX < 0 ? undefined : { x: minX, y: minY, w: maxX - minX + 1, h: maxY - minY + 1 }
}
