/**
 * Dispatch of one framed command (not text) to its effect. Byte layouts follow the Epson
 * ESC/POS command reference (see reference/escpos.md); lengths come from protocols/escpos/framing.
 */
import type { Interpreter } from './interpreter.js'
import { qrCommand } from './qr.js'
import { extraCommand } from './commands-extra.js'
import { selectCodeTable, selectIntlSet } from './code-pages.js'

const ALIGN = ['left', 'center', 'right'] as const

function u16(buf: Uint8Array, i: number): number {
  return buf[i]! + buf[i + 1]! * 256
}

export function execCommand(it: Interpreter, buf: Uint8Array, s: number, e: number): void {
  const b0 = buf[s]!
  if (b0 === 0x1b) return esc(it, buf, s, e)
  if (b0 === 0x1d) return gs(it, buf, s, e)
  if (b0 === 0x1c) return fs(it, buf, s, e)
  switch (b0) {
    case 0x0a: // LF
      return it.printLine(it.st.lineSpacing)
    case 0x0c: // FF: in standard mode prints the buffer like LF
      return it.printLine(it.st.lineSpacing)
    case 0x09: // HT: next tab stop past the cursor; ignored when there is none
      return tab(it)
    case 0x0d: // CR: ignored (no auto line feed)
    case 0x18: // CAN: page mode only
    case 0x10: // DLE EOT / ENQ / DC4: answered in real time on receipt
    case 0x11:
    case 0x13:
    case 0x00:
      return
    default:
      if (!extraCommand(it, buf, s, e)) it.warn(`unknown control byte 0x${b0.toString(16).padStart(2, '0')} ignored`)
  }
}

function tab(it: Interpreter): void {
  const cur = it.line.cursor
  const next = it.st.tabs.find((t) => t > cur)
  if (next !== undefined && next <= it.line.area) it.moveCursor(next)
}

function esc(it: Interpreter, buf: Uint8Array, s: number, e: number): void {
  const c = buf[s + 1]!
  const n = buf[s + 2] ?? 0
  const st = it.st
  switch (c) {
    case 0x40: // ESC @
      return it.reset()
    case 0x21: // ESC ! n
      st.fontB = (n & 1) !== 0
      st.bold = (n & 8) !== 0
      st.hm = n & 0x10 ? 2 : 1
      st.wm = n & 0x20 ? 2 : 1
      st.underline = n & 0x80 ? 1 : 0
      return
    case 0x45: // ESC E n
      st.bold = (n & 1) !== 0
      return
    case 0x47: // ESC G n (double-strike prints like emphasis on a thermal head)
      st.doubleStrike = (n & 1) !== 0
      return
    case 0x2d: // ESC - n
      st.underline = n === 1 || n === 49 ? 1 : n === 2 || n === 50 ? 2 : 0
      return
    case 0x61: { // ESC a n
      const a = n >= 48 ? n - 48 : n
      if (a <= 2) st.align = ALIGN[a]!
      if (it.line.empty) it.line.align = st.align
      return
    }
    case 0x64: // ESC d n
      return it.printLine(n * st.lineSpacing)
    case 0x4a: // ESC J n (motion unit = 1 dot)
      return it.printLine(n)
    case 0x32: // ESC 2
      st.lineSpacing = 30
      return
    case 0x33: // ESC 3 n
      st.lineSpacing = n
      return
    case 0x20: // ESC SP n
      st.charSpacing = n
      return
    case 0x4d: // ESC M n: 0/48 Font A, 1/49 Font B (Font C on some models: printed as B)
      st.fontB = n === 1 || n === 49 || n === 2 || n === 50
      return
    case 0x74: // ESC t n
      return selectCodeTable(it, n)
    case 0x52: // ESC R n
      return selectIntlSet(it, n)
    case 0x56: // ESC V n
      st.rotate = (n & 1) !== 0
      return
    case 0x7b: // ESC { n
      st.upsideDown = (n & 1) !== 0
      return
    case 0x24: { // ESC $ nL nH: absolute position from the left of the print area
      return it.moveCursor(u16(buf, s + 2))
    }
    case 0x5c: { // ESC \ nL nH: relative position (signed)
      let d = u16(buf, s + 2)
      if (d >= 0x8000) d -= 0x10000
      return it.moveCursor(it.line.cursor + d)
    }
    case 0x44: { // ESC D n1 … NUL: tab stops in Font A columns (with current spacing)
      const tabs: number[] = []
      const step = (12 + st.charSpacing) * st.wm
      for (let i = s + 2; i < e && buf[i] !== 0; i++) {
        const col = buf[i]!
        if (tabs.length && col * step <= tabs[tabs.length - 1]!) break
        tabs.push(col * step)
      }
      st.tabs = tabs
      return
    }
    case 0x3d: // ESC = n: select peripheral device (bit 0 = printer enabled)
      st.enabled = (n & 1) !== 0
      return
    case 0x69: // ESC i: full cut (obsolete form)
      return it.cut('full', 0)
    case 0x6d: // ESC m: partial cut (obsolete form)
      return it.cut('partial', 0)
    case 0x70: // ESC p m t1 t2: drawer kick
      it.hooks.control('drawer', { pin: n & 1 ? 5 : 2, onMs: (buf[s + 3] ?? 0) * 2, offMs: (buf[s + 4] ?? 0) * 2 })
      return
    case 0x4b: // ESC K n: reverse feed (bounded by the top of the segment)
      it.page.y = Math.max(0, it.page.y - n)
      return
    case 0x65: // ESC e n: print and reverse feed n lines
      it.printLine(0)
      it.page.y = Math.max(0, it.page.y - n * st.lineSpacing)
      return
    case 0x4c: // ESC L: page mode
      it.warn('page mode (ESC L) not supported: printing continues in standard mode')
      return
    case 0x53: // ESC S: standard mode
    case 0x55: // ESC U: unidirectional printing
    case 0x63: // ESC c 3/4/5: sensors and panel keys
    case 0x72: // ESC r: colour
    case 0x54: // ESC T: page-mode direction
    case 0x57: // ESC W: page-mode area
    case 0x3c: // ESC <: return home
    case 0x0c: // ESC FF: print page data (page mode)
    case 0x28: // ESC ( …: model-specific settings
    case 0x25: // ESC %: user-defined character set
    case 0x26: // ESC &: define user-defined characters
      // Printing continues with the built-in glyphs: say so, a receipt may look different.
      if (extraCommand(it, buf, s, e) || (c === 0x25 && (buf[s + 2]! & 1) === 0)) return
      it.warn(`user-defined characters (ESC ${c === 0x25 ? '%' : '&'}) not supported: built-in glyphs used`)
      return
    case 0x3f: // ESC ?: cancel user-defined character
    case 0x46: // ESC F
      if (extraCommand(it, buf, s, e)) return
      return
    default:
      if (!extraCommand(it, buf, s, e)) it.warn(`unknown command ESC 0x${c.toString(16).padStart(2, '0')} skipped`)
  }
}

function gs(it: Interpreter, buf: Uint8Array, s: number, e: number): void {
  const c = buf[s + 1]!
  const n = buf[s + 2] ?? 0
  const st = it.st
  switch (c) {
    case 0x21: { // GS ! n
      const w = (n >> 4) + 1
      const h = (n & 15) + 1
      if (w > 8 || h > 8) return it.warn(`GS ! ${n}: size out of range, ignored`)
      st.wm = w
      st.hm = h
      return
    }
    case 0x42: // GS B n
      st.reverse = (n & 1) !== 0
      return
    case 0x4c: // GS L nL nH
      st.leftMargin = u16(buf, s + 2)
      return
    case 0x57: // GS W nL nH
      st.areaWidth = u16(buf, s + 2) || undefined
      return
    case 0x56: { // GS V m [n]
      const m = n
      if (m === 0 || m === 48) return it.cut('full', 0)
      if (m === 1 || m === 49) return it.cut('partial', 0)
      const feed = buf[s + 3] ?? 0
      if (m === 65 || m === 97 || m === 103) return it.cut('full', feed)
      if (m === 66 || m === 98 || m === 104) return it.cut('partial', feed)
      return it.warn(`GS V ${m}: unknown cut mode ignored`)
    }
    case 0x28: {
      const fn = buf[s + 2]
      if (fn === 0x6b && buf[s + 5] === 49) return qrCommand(it, buf, s, e)
      if (extraCommand(it, buf, s, e)) return
      if (fn === 0x6b) return it.warn(`GS ( k symbol type ${buf[s + 5]} not supported`)
      // GS ( A/C/D/E/H/K/M/N/P/Q/z …: tests, settings, page-mode and response commands: no print effect.
      return
    }
    case 0x62: // GS b: smoothing
    case 0x50: // GS P: motion units
    case 0x45: // GS E: print density (some models)
    case 0x3a: // GS :: macro
    case 0x5e: // GS ^: run macro
    case 0x54: // GS T
    case 0x7c: // GS |
    case 0x67: // GS g: maintenance counters
    case 0x24: // GS $ (page mode)
    case 0x5c: // GS \ (page mode)
      return
    default:
      if (!extraCommand(it, buf, s, e)) it.warn(`unknown command GS 0x${c.toString(16).padStart(2, '0')} skipped`)
  }
}

function fs(it: Interpreter, buf: Uint8Array, s: number, e: number): void {
  const c = buf[s + 1]!
  const n = buf[s + 2] ?? 0
  const st = it.st
  switch (c) {
    case 0x26: // FS &
      st.chinese = true
      return
    case 0x2e: // FS .
      st.chinese = false
      return
    case 0x21: // FS ! n: Chinese print mode
      st.cjkDoubleWidth = (n & 4) !== 0
      st.cjkDoubleHeight = (n & 8) !== 0
      st.cjkUnderline = n & 0x80 ? 1 : 0
      return
    case 0x2d: // FS - n
      st.cjkUnderline = n === 1 || n === 49 ? 1 : n === 2 || n === 50 ? 2 : 0
      return
    case 0x57: // FS W n: quadruple size
      st.cjkDoubleWidth = st.cjkDoubleHeight = (n & 1) !== 0
      return
    case 0x53: // FS S n1 n2: left and right spacing of two-byte characters
      st.cjkLeftSpacing = n
      st.cjkRightSpacing = buf[s + 3] ?? 0
      return
    case 0x0e: // FS SO: double width on (Chinese clones)
      st.cjkDoubleWidth = true
      return
    case 0x14: // FS DC4: double width off
      st.cjkDoubleWidth = false
      return
    case 0x32: // FS 2: user-defined two-byte character
      if (!extraCommand(it, buf, s, e)) it.warn('user-defined two-byte characters (FS 2) not supported: built-in glyphs used')
      return
    case 0x43: // FS C n: code system (Shift-JIS models)
    case 0x28: // FS ( …: settings
      if (extraCommand(it, buf, s, e)) return
      return
    default:
      if (!extraCommand(it, buf, s, e)) it.warn(`unknown command FS 0x${c.toString(16).padStart(2, '0')} skipped`)
  }
}
