/**
 * Bit images: ESC * (column format, in the line), GS v 0 (raster), GS * / GS / (downloaded
 * bit image), FS q / FS p (NV bit images). Layouts per the Epson ESC/POS reference: raster rows
 * are MSB-first, 1 = black; column format is top-to-bottom bytes per column.
 */
import { u16le } from '../../protocols/escpos/framing.js'
import type { Interpreter } from './interpreter.js'
import type { StoredImage } from './nv-store.js'

/** Largest image side kept in memory; larger images are clipped (and warned about). */
export const MAX_IMAGE_SIDE = 8192

/**
 * Raster data (rows of ceil(w/8) bytes) → 1 byte per dot, clipped to maxW x maxH. Bytes
 * missing at the end of `buf` count as white.
 */
export function rasterBits(buf: Uint8Array, off: number, end: number, w: number, h: number, maxW = MAX_IMAGE_SIDE, maxH = MAX_IMAGE_SIDE): StoredImage {
  const cw = Math.min(w, maxW)
  const ch = Math.min(h, maxH)
  const stride = Math.ceil(w / 8)
  const px = new Uint8Array(cw * ch)
  for (let y = 0; y < ch; y++) {
    const row = off + y * stride
    for (let x = 0; x < cw; x++) {
      const i = row + (x >> 3)
      if (i < end && (buf[i]! >> (7 - (x & 7))) & 1) px[y * cw + x] = 1
    }
  }
  return { w: cw, h: ch, px }
}

/** Column data (each column ceil(h/8) bytes, top byte first, MSB on top) → 1 byte per dot. */
export function columnBits(buf: Uint8Array, off: number, end: number, w: number, h: number, maxW = MAX_IMAGE_SIDE, maxH = MAX_IMAGE_SIDE): StoredImage {
  const cw = Math.min(w, maxW)
  const ch = Math.min(h, maxH)
  const perCol = Math.ceil(h / 8)
  const px = new Uint8Array(cw * ch)
  for (let x = 0; x < cw; x++) {
    for (let y = 0; y < ch; y++) {
      const i = off + x * perCol + (y >> 3)
      if (i < end && (buf[i]! >> (7 - (y & 7))) & 1) px[y * cw + x] = 1
    }
  }
  return { w: cw, h: ch, px }
}

/** The colour planes an image holds (bit 0 colour 1, bit 1 colour 2). */
export function colorsOf(px: Uint8Array): Array<1 | 2> {
  let bits = 0
  for (let i = 0; i < px.length && bits !== 3; i++) bits |= px[i]!
  return bits === 3 ? [1, 2] : bits === 2 ? [2] : [1]
}

/** Prints a stored image as a block; sx/sy are the dot multipliers. */
export function printImage(it: Interpreter, img: StoredImage, sx: number, sy: number, source: string, declared?: { w: number; h: number }, key?: string): void {
  const w = (declared?.w ?? img.w) * sx
  const h = (declared?.h ?? img.h) * sy
  if (w > it.width) it.warn(`image ${w} dots wide is clipped to the ${it.width}-dot ${it.pm.active ? 'print area' : 'paper'}`)
  const { x, y } = it.placeBlock(Math.min(w, it.width), h, (x, y) => it.page.drawBitmap(img.px, img.w, img.h, x, y, sx, sy))
  it.log.images.push({ source, x, y, width: w, height: h, ...(key !== undefined ? { key } : {}), colors: colorsOf(img.px) })
}

/** FS p, FS q and GS v 0 are "not available in page mode" (TM-T88III Specification, ESC L Details). */
function refusedInPageMode(it: Interpreter): boolean {
  if (!it.pm.active) return false
  it.warn('not available in page mode (Epson TM-T88III Specification, ESC L Details): skipped')
  return true
}

/** ESC * m nL nH d: one stripe of a column-format image, placed in the line buffer. */
export function escStar(it: Interpreter, buf: Uint8Array, s: number, e: number): void {
  const m = buf[s + 2]!
  const n = u16le(buf, s + 3)
  const modes: Record<number, [number, number, number]> = { 0: [8, 2, 3], 1: [8, 1, 3], 32: [24, 2, 1], 33: [24, 1, 1] }
  const mode = modes[m]
  if (!mode) return it.warn(`ESC *: mode ${m} not defined: image skipped`)
  const [dots, sx, sy] = mode
  const img = columnBits(buf, s + 5, e, Math.min(n, it.width), dots)
  const w = Math.min(n * sx, it.width)
  it.putBitmap({ px: img.px, bw: img.w, bh: img.h, sx, sy, w, h: dots * sy })
  const h = dots * sy
  const at = it.pm.active ? it.pm.toPage(it.line.cursor - w, it.pm.y - h, w, h) : { x: it.line.margin + it.line.cursor - w, y: it.paper.y }
  it.log.images.push({ source: 'ESC *', x: at.x, y: at.y, width: n * sx, height: h, colors: [1] })
}

/** GS v 0 m xL xH yL yH d: raster bit image; m bit 0 doubles width, bit 1 doubles height. */
export function gsV0(it: Interpreter, buf: Uint8Array, s: number, e: number): void {
  if (buf[s + 2] !== 0x30 && buf[s + 2] !== 0) return it.warn(`GS v: function ${buf[s + 2]} unknown, skipped`)
  if (refusedInPageMode(it)) return
  const m = buf[s + 3]! & 3
  const w = 8 * u16le(buf, s + 4)
  const h = u16le(buf, s + 6)
  if (w === 0 || h === 0) return it.warn('GS v 0: empty image')
  const sx = m & 1 ? 2 : 1
  const sy = m & 2 ? 2 : 1
  const img = rasterBits(buf, s + 8, e, w, h, Math.ceil(it.width / sx), Math.ceil(it.config.maxHeight / sy))
  printImage(it, img, sx, sy, 'GS v 0', { w, h })
}

/** GS * x y d: define the downloaded bit image (x*8 by y*8 dots, column format). */
export function gsStar(it: Interpreter, buf: Uint8Array, s: number, e: number): void {
  const x = buf[s + 2]!
  const y = buf[s + 3]!
  if (x === 0 || y === 0) return it.warn('GS *: empty image')
  it.nv.bitImage = columnBits(buf, s + 4, e, x * 8, y * 8)
}

/** GS / m: print the downloaded bit image. */
export function gsSlash(it: Interpreter, m: number): void {
  const img = it.nv.bitImage
  if (!img) return it.warn('GS /: no downloaded bit image defined (GS *)')
  const k = m >= 48 ? m - 48 : m
  printImage(it, img, k & 1 ? 2 : 1, k & 2 ? 2 : 1, 'GS /')
}

/** FS q n [xL xH yL yH d]…: replaces all NV bit images (x*8 by y*8 dots, column format). */
export function fsQ(it: Interpreter, buf: Uint8Array, s: number, e: number): void {
  if (refusedInPageMode(it)) return
  const count = buf[s + 2]!
  const logos: StoredImage[] = []
  let i = s + 3
  for (let k = 0; k < count && i + 4 <= e; k++) {
    const x = u16le(buf, i)
    const y = u16le(buf, i + 2)
    const bytes = x * y * 8
    logos.push(columnBits(buf, i + 4, Math.min(e, i + 4 + bytes), x * 8, y * 8))
    i += 4 + bytes
  }
  it.nv.logos = logos
}

/** FS p n m: print NV bit image n (from 1); m 0/48 normal, 1/49 double width, 2/50 double height, 3/51 both. */
export function fsP(it: Interpreter, n: number, m: number): void {
  if (refusedInPageMode(it)) return
  const img = it.nv.logos[n - 1]
  if (!img) return it.warn(`FS p: no NV bit image ${n} defined`)
  const k = m >= 48 ? m - 48 : m
  printImage(it, img, k & 1 ? 2 : 1, k & 2 ? 2 : 1, 'FS p', undefined, String(n))
}
