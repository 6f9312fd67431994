/**
 * Commands beyond text and layout: images, barcodes, 2D symbols other than QR, and the
 * status/identity commands processed in buffer order. Returns false for a command it does
 * not know, so the caller can warn.
 */
import type { Interpreter } from './interpreter.js'
import { barcodeCommand } from './barcodes.js'
import { graphicsCommand } from './graphics.js'
import { escStar, fsP, fsQ, gsSlash, gsStar, gsV0 } from './images.js'
import { pdf417Command } from './pdf417.js'

/** GS I n replies (model/type/ROM id): an Epson-like TM printer with an autocutter. */
const PRINTER_ID: Record<number, number[]> = { 1: [0x20], 2: [0x02], 3: [0x10] }
const PRINTER_INFO: Record<number, string> = { 65: '1.00 ESC/POS', 66: 'EPSON', 67: 'TM-EMULATOR', 68: '00000000', 69: 'GB18030' }

export function extraCommand(it: Interpreter, buf: Uint8Array, s: number, e: number): boolean {
  const b0 = buf[s]!
  const c = buf[s + 1]
  const n = buf[s + 2] ?? 0
  const st = it.st
  if (b0 === 0x1b && c === 0x2a) {
    escStar(it, buf, s, e)
    return true
  }
  if (b0 === 0x1c) {
    if (c === 0x70) fsP(it, n, buf[s + 3] ?? 0)
    else if (c === 0x71) fsQ(it, buf, s, e)
    else return false
    return true
  }
  if (b0 === 0x1d) {
    switch (c) {
      case 0x76: // GS v 0
        gsV0(it, buf, s, e)
        return true
      case 0x2a: // GS *
        gsStar(it, buf, s, e)
        return true
      case 0x2f: // GS /
        gsSlash(it, n)
        return true
      case 0x6b: // GS k
        barcodeCommand(it, buf, s, e)
        return true
      case 0x38: // GS 8 L
        if (n === 0x4c) graphicsCommand(it, buf, s, e)
        else it.warn('not supported, skipped')
        return true
      case 0x28:
        if (n === 0x4c) graphicsCommand(it, buf, s, e)
        else if (n === 0x6b && buf[s + 5] === 48) pdf417Command(it, buf, s, e)
        else return false
        return true
      case 0x49: { // GS I n: printer ID
        const id = PRINTER_ID[n >= 49 && n <= 51 ? n - 48 : n]
        const info = PRINTER_INFO[n]
        if (id) it.hooks.reply(id)
        else if (info) it.hooks.reply([0x5f, ...Buffer.from(info, 'latin1'), 0x00])
        else it.warn(`GS I: n = ${n} not supported: no reply is sent`)
        return true
      }
      case 0x68: // GS h n: barcode height
        if (n >= 1) st.barcodeHeight = n
        else it.warn('GS h: height 0 out of range (1–255): ignored')
        return true
      case 0x77: // GS w n: module width
        if (n >= 1 && n <= 6) st.barcodeModule = n
        else it.warn(`GS w: module width ${n} out of range (1–6): ignored`)
        return true
      case 0x48: { // GS H n: HRI position
        const h = n >= 48 ? n - 48 : n
        if (h <= 3) st.hri = h as 0 | 1 | 2 | 3
        else it.warn(`GS H: HRI position ${n} out of range (0–3, 48–51): ignored`)
        return true
      }
      case 0x66: // GS f n: HRI font
        st.hriFontB = n === 1 || n === 49
        return true
      case 0x61: // GS a n: automatic status back
        it.hooks.control('asb', n)
        return true
      case 0x72: { // GS r n: status in buffer order
        const p = it.hooks.paperStatus()
        if (n === 1 || n === 49) it.hooks.reply([(p.nearEnd ? 0x03 : 0) | (p.out ? 0x0c : 0)])
        else if (n === 2 || n === 50) it.hooks.reply([p.drawer ? 0x01 : 0])
        else it.warn(`GS r: n = ${n} not supported (1/49 paper, 2/50 drawer): no reply is sent`)
        return true
      }
    }
  }
  return false
}
