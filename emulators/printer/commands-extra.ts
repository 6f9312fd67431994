/**
 * Commands beyond text and layout: images, barcodes, 2D symbols other than QR, and the
 * status/identity commands processed in buffer order. Returns false for a command it does
 * not know, so the caller can warn.
 */
import type { Interpreter } from './interpreter.js'

export function extraCommand(it: Interpreter, buf: Uint8Array, s: number, e: number): boolean {
  const b0 = buf[s]!
  const c = buf[s + 1]
  const n = buf[s + 2] ?? 0
  const st = it.st
  if (b0 === 0x1d) {
    switch (c) {
      case 0x68: // GS h n: barcode height
        if (n >= 1) st.barcodeHeight = n
        return true
      case 0x77: // GS w n: module width
        if (n >= 1 && n <= 6) st.barcodeModule = n
        return true
      case 0x48: // GS H n: HRI position
        st.hri = (n >= 48 ? n - 48 : n) as 0 | 1 | 2 | 3
        if (st.hri > 3) st.hri = 0
        return true
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
        return true
      }
    }
  }
  return false
}
