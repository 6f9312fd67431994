/**
 * GS ( L / GS 8 L graphics (Epson ESC/POS reference): the print-buffer graphic (fn 112/113,
 * printed by fn 50), NV graphics (fn 67/68 define, 69 print, 65/66 delete) and download
 * graphics (fn 83/84 define, 85 print, 81/82 delete). Multi-tone data prints its first plane.
 */
import type { Interpreter } from './interpreter.js'
import { columnBits, printImage, rasterBits } from './images.js'
import { keyName, NV_CAPACITY_DOTS, type StoredImage } from './nv-store.js'

function u16(buf: Uint8Array, i: number): number {
  return (buf[i] ?? 0) + (buf[i + 1] ?? 0) * 256
}

const digits = (n: number): number[] => [...String(n)].map((c) => c.charCodeAt(0))

/** `GS ( L pL pH m fn …` or `GS 8 L p1 p2 p3 p4 m fn …`; bytes [s, e). */
export function graphicsCommand(it: Interpreter, buf: Uint8Array, s: number, e: number): void {
  const p = buf[s + 1] === 0x28 ? s + 5 : s + 7 // index of m
  const fn = buf[p + 1]
  switch (fn) {
    case 48: // transmit NV graphics capacity (reply layout after Epson's "37h 30h …"; GUESS)
      it.hooks.reply([0x37, 0x30, ...digits(NV_CAPACITY_DOTS / 8), 0x00])
      return
    case 49: // set reference dot density
    case 64: // transmit NV key codes
    case 80: // transmit download key codes
    case 51: // transmit remaining capacity
    case 52:
      return
    case 50: {
      const img = it.nv.bufferImage
      if (!img) return it.warn('GS ( L fn 50: no graphics in the print buffer')
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
      const def = defineImage(it, buf, p + 2, e, fn === 68)
      if (def && !it.nv.define(def.key, def.img)) it.warn(`GS ( L: NV graphics memory full, "${def.key}" not stored`)
      return
    }
    case 69:
    case 85: {
      const key = keyName(buf[p + 2]!, buf[p + 3]!)
      const img = fn === 69 ? it.nv.graphics.get(key) : it.nv.download.get(key)
      if (!img) return it.warn(`GS ( L fn ${fn}: no ${fn === 69 ? 'NV' : 'download'} graphics "${key}"`)
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
      const def = defineImage(it, buf, p + 2, e, fn === 84)
      if (def) it.nv.download.set(def.key, def.img)
      return
    }
    case 112:
    case 113: {
      // a bx by c xL xH yL yH d
      const a = buf[p + 2]
      const bx = buf[p + 3] === 2 ? 2 : 1
      const by = buf[p + 4] === 2 ? 2 : 1
      const w = u16(buf, p + 6)
      const h = u16(buf, p + 8)
      if (a !== 48 && a !== 52) return it.warn(`GS ( L fn ${fn}: tone ${a} not defined`)
      if (w === 0 || h === 0) return it.warn(`GS ( L fn ${fn}: empty image`)
      const bits = fn === 112 ? rasterBits : columnBits
      const img = bits(buf, p + 10, e, w, h, Math.ceil(it.width / bx), Math.ceil(it.config.maxHeight / by))
      it.nv.bufferImage = { ...img, sx: bx, sy: by, dw: w, dh: h }
      return
    }
    default:
      it.warn(`GS ( L fn ${fn}: not supported, skipped`)
  }
}

/** `a kc1 kc2 b xL xH yL yH [c d…]…` (NV / download definition); keeps the first colour plane. */
function defineImage(it: Interpreter, buf: Uint8Array, q: number, e: number, column: boolean): { key: string; img: StoredImage } | undefined {
  const a = buf[q]
  const key = keyName(buf[q + 1]!, buf[q + 2]!)
  const w = u16(buf, q + 4)
  const h = u16(buf, q + 6)
  if (a !== 48 && a !== 52) {
    it.warn(`GS ( L: tone ${a} not defined`)
    return undefined
  }
  if (w === 0 || h === 0 || w > 8192 || h > 2304) {
    it.warn(`GS ( L: graphics "${key}" of ${w}x${h} dots out of range (1–8192 x 1–2304)`)
    return undefined
  }
  // The first colour plane follows its colour byte c at q+8.
  const img = (column ? columnBits : rasterBits)(buf, q + 9, e, w, h)
  return { key, img }
}
