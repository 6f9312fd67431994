/**
 * GS ( L / GS 8 L graphics (Epson ESC/POS Command Reference, GS ( L): the print-buffer graphic
 * (fn 112/113 store, fn 50 — or its alias fn 2 — prints), NV graphics (fn 67/68 define, 69 print,
 * 65/66 delete) and download graphics (fn 83/84 define, 85 print, 81/82 delete). Functions 0–4
 * are the aliases of 48–52. Two-colour data keeps each colour as its own plane: colour 1
 * (c = 49, black) in bit 0 of a dot, colour 2 (c = 50, red on two-colour paper) in bit 1; they
 * print together, as the reference's two-colour printing describes.
 */
import { u16le } from '../../protocols/escpos/framing.js'
import type { Interpreter } from './interpreter.js'
import { columnBits, printImage, rasterBits } from './images.js'
import { keyName, NV_CAPACITY_DOTS, type StoredImage } from './nv-store.js'

const digits = (n: number): number[] => [...String(n)].map((c) => c.charCodeAt(0))

/** c of a plane → colour bit; undefined for colours a two-colour printer does not have. */
function colourBit(c: number | undefined): 1 | 2 | undefined {
  return c === 49 ? 1 : c === 50 ? 2 : undefined
}

/** `GS ( L pL pH m fn …` or `GS 8 L p1 p2 p3 p4 m fn …`; bytes [s, e). */
export function graphicsCommand(it: Interpreter, buf: Uint8Array, s: number, e: number): void {
  const name = buf[s + 1] === 0x28 ? 'GS ( L' : 'GS 8 L'
  const p = buf[s + 1] === 0x28 ? s + 5 : s + 7 // index of m
  const raw = buf[p + 1]
  if (raw === undefined) return it.warn(`${name}: no function byte: skipped`)
  // fn 0–4 are the aliases of fn 48–52 (GS ( L, "fn = 2, 50" …).
  const fn = raw <= 4 ? raw + 48 : raw
  switch (fn) {
    case 48: // transmit NV graphics capacity (reply layout after Epson's "37h 30h …"; GUESS)
      it.hooks.reply([0x37, 0x30, ...digits(NV_CAPACITY_DOTS / 8), 0x00])
      return
    case 49:
      return it.warn(`${name}: fn ${raw} (set reference dot density) not modelled: graphics print at the head's 203 dpi`)
    case 51:
    case 52:
    case 64:
    case 80:
      return it.warn(`${name}: fn ${raw} (transmit ${fn === 64 || fn === 80 ? 'key code list' : 'remaining capacity'}) not emulated: no reply is sent`)
    case 50: {
      const img = it.nv.bufferImage
      if (!img) return it.warn(`${name}: fn ${raw}: no graphics in the print buffer`)
      it.nv.bufferImage = undefined
      return printImage(it, img, img.sx, img.sy, 'GS ( L', { w: img.dw, h: img.dh })
    }
    case 65: // delete all NV graphics ("CLR")
      it.nv.graphics.clear()
      return
    case 66:
      it.nv.graphics.delete(keyName(buf[p + 2]!, buf[p + 3]!))
      return
    case 67:
    case 68: {
      const def = defineImage(it, name, fn, buf, p + 2, e, fn === 68)
      if (def && !it.nv.define(def.key, def.img)) it.warn(`${name}: NV graphics memory full, "${def.key}" not stored`)
      return
    }
    case 69:
    case 85: {
      const key = keyName(buf[p + 2]!, buf[p + 3]!)
      const img = fn === 69 ? it.nv.graphics.get(key) : it.nv.download.get(key)
      if (!img) return it.warn(`${name}: fn ${fn}: no ${fn === 69 ? 'NV' : 'download'} graphics "${key}"`)
      const sx = buf[p + 4] === 2 ? 2 : 1
      const sy = buf[p + 5] === 2 ? 2 : 1
      return printImage(it, img, sx, sy, fn === 69 ? 'GS ( L NV' : 'GS ( L download', undefined, key)
    }
    case 81:
      it.nv.download.clear()
      return
    case 82:
      it.nv.download.delete(keyName(buf[p + 2]!, buf[p + 3]!))
      return
    case 83:
    case 84: {
      const def = defineImage(it, name, fn, buf, p + 2, e, fn === 84)
      if (def) it.nv.download.set(def.key, def.img)
      return
    }
    case 112:
    case 113:
      return storeInBuffer(it, name, fn, buf, p, e)
    default:
      it.warn(`${name}: fn ${raw} not supported, skipped`)
  }
}

/** fn 112/113: `a bx by c xL xH yL yH d…` — one colour plane of the print-buffer graphic. */
function storeInBuffer(it: Interpreter, name: string, fn: number, buf: Uint8Array, p: number, e: number): void {
  const a = buf[p + 2]
  const bx = buf[p + 3] === 2 ? 2 : 1
  const by = buf[p + 4] === 2 ? 2 : 1
  const c = buf[p + 5]
  const w = u16le(buf, p + 6)
  const h = u16le(buf, p + 8)
  if (a !== 48 && a !== 52) return it.warn(`${name}: fn ${fn}: tone ${a} not defined`)
  if (w === 0 || h === 0) return it.warn(`${name}: fn ${fn}: empty image`)
  let bit = colourBit(c)
  if (a === 52) {
    // Multiple tone (TM-T88V): its tone planes print as one black plane here.
    it.warn(`${name}: fn ${fn}: multiple-tone data (a = 52) printed as black dots, tones not modelled`)
    bit = 1
  }
  if (bit === undefined) return it.warn(`${name}: fn ${fn}: colour c = ${c} not available (49 colour 1, 50 colour 2 on two-colour paper): data not stored`)
  const old = it.nv.bufferImage
  if (old && ((old.planes ?? 1) & bit) !== 0) {
    // "In standard mode, each color can be defined only once" (Citizen CT-S310 / Epson GS ( L fn 112 Notes).
    return it.warn(`${name}: fn ${fn}: colour ${bit} already stored in the print buffer: this one is ignored until fn 50 prints it`)
  }
  const bits = fn === 112 ? rasterBits : columnBits
  const img = bits(buf, p + 10, e, w, h, Math.ceil(it.width / bx), Math.ceil(it.config.maxHeight / by))
  if (bit === 2) for (let i = 0; i < img.px.length; i++) img.px[i]! <<= 1
  const plane = { ...img, sx: bx, sy: by, dw: w, dh: h, planes: bit }
  it.nv.bufferImage = old ? mergePlanes(old, plane) : plane
}

type BufferImage = NonNullable<Interpreter['nv']['bufferImage']>

/** Lays two colour planes over each other, both from the top-left corner. */
function mergePlanes(a: BufferImage, b: BufferImage): BufferImage {
  if (a.sx === b.sx && a.sy === b.sy) {
    const w = Math.max(a.w, b.w)
    const h = Math.max(a.h, b.h)
    const px = new Uint8Array(w * h)
    for (const img of [a, b]) for (let y = 0; y < img.h; y++) for (let x = 0; x < img.w; x++) px[y * w + x]! |= img.px[y * img.w + x]!
    return { w, h, px, sx: a.sx, sy: a.sy, dw: Math.max(a.dw, b.dw), dh: Math.max(a.dh, b.dh), planes: (a.planes ?? 1) | (b.planes ?? 1) }
  }
  // Different magnifications: merge at dot level.
  const scaled = (img: BufferImage): BufferImage => {
    const w = img.w * img.sx
    const h = img.h * img.sy
    const px = new Uint8Array(w * h)
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) px[y * w + x] = img.px[Math.floor(y / img.sy) * img.w + Math.floor(x / img.sx)]!
    return { w, h, px, sx: 1, sy: 1, dw: img.dw * img.sx, dh: img.dh * img.sy, planes: img.planes ?? 1 }
  }
  return mergePlanes(scaled(a), scaled(b))
}

/**
 * `a kc1 kc2 b xL xH yL yH [c d…]…` (NV / download definition): b colour planes, each its
 * colour byte c and its data; colour 1 lands in bit 0 of a dot, colour 2 in bit 1.
 */
function defineImage(
  it: Interpreter,
  name: string,
  fn: number,
  buf: Uint8Array,
  q: number,
  e: number,
  column: boolean,
): { key: string; img: StoredImage } | undefined {
  const a = buf[q]
  const key = keyName(buf[q + 1]!, buf[q + 2]!)
  const b = buf[q + 3] ?? 1
  const w = u16le(buf, q + 4)
  const h = u16le(buf, q + 6)
  if (a !== 48 && a !== 52) {
    it.warn(`${name}: fn ${fn}: tone ${a} not defined`)
    return undefined
  }
  if (w === 0 || h === 0 || w > 8192 || h > 2304) {
    it.warn(`${name}: fn ${fn}: graphics "${key}" of ${w}x${h} dots out of range (1–8192 x 1–2304)`)
    return undefined
  }
  const bytes = (column ? Math.ceil(h / 8) * w : Math.ceil(w / 8) * h) + 1
  const px = new Uint8Array(w * h)
  let planes = 0
  for (let k = 0; k < Math.max(1, b); k++) {
    const at = q + 8 + k * bytes
    if (at >= e) {
      it.warn(`${name}: fn ${fn}: graphics "${key}" declares ${b} colour planes but holds ${k}`)
      break
    }
    const bit = colourBit(buf[at])
    if (bit === undefined) {
      it.warn(`${name}: fn ${fn}: colour c = ${buf[at]} not available (49 colour 1, 50 colour 2): plane skipped`)
      continue
    }
    const img = (column ? columnBits : rasterBits)(buf, at + 1, Math.min(e, at + bytes), w, h)
    for (let i = 0; i < px.length; i++) if (img.px[i]) px[i]! |= bit
    planes |= bit
  }
  if (planes === 0) return undefined
  return { key, img: { w, h, px } }
}
