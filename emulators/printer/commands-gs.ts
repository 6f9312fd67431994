/**
 * GS and FS commands (Epson ESC/POS Command Reference). Images, barcodes, 2D symbols and the
 * status/identity commands are in commands-extra.ts; page mode in page-commands.ts.
 */
import type { Interpreter } from './interpreter.js'
import { qrCommand } from './qr.js'
import { extraCommand } from './commands-extra.js'
import { cutCommand } from './commands.js'
import { pageOnly, setVerticalPosition } from './page-commands.js'
import { DOTS_PER_INCH } from './state.js'
import { byteName, u16le } from '../../protocols/escpos/framing.js'

/** What GS ( x functions this emulator does not model do (warned, never silently skipped). */
const GS_PAREN: Record<number, string> = {
  0x41: 'test print',
  0x43: 'NV user memory',
  0x44: 'enable/disable real-time commands',
  0x45: 'user setup (memory switches)',
  0x48: 'response or status request',
  0x4b: 'print control method / density',
  0x4d: 'printer control values',
  0x50: 'page mode printable area',
  0x51: 'graphic line and box drawing',
  0x7a: 'online recovery wait time',
}

export function gsCommand(it: Interpreter, buf: Uint8Array, s: number, e: number): void {
  const c = buf[s + 1]!
  const n = buf[s + 2] ?? 0
  const st = it.st
  switch (c) {
    case 0x21: { // GS ! n
      const w = (n >> 4) + 1
      const h = (n & 15) + 1
      if (w > 8 || h > 8) return it.warn(`GS !: size ${n} out of range, ignored`)
      st.wm = w
      st.hm = h
      return
    }
    case 0x42: // GS B n
      st.reverse = (n & 1) !== 0
      return
    case 0x4c: // GS L nL nH: left margin (horizontal motion units), from the next line; only the value in page mode
      st.leftMargin = it.units(u16le(buf, s + 2), 'h')
      return
    case 0x57: // GS W nL nH: print area width (horizontal motion units), likewise
      st.areaWidth = it.units(u16le(buf, s + 2), 'h') || undefined
      return
    case 0x50: // GS P x y: motion units 1/x and 1/y inch; 0 = the default
      st.motionX = n || DOTS_PER_INCH
      st.motionY = buf[s + 3] || DOTS_PER_INCH
      return
    case 0x56: { // GS V m [n]
      const m = n
      if (m === 0 || m === 48) return cutCommand(it, 'full', 0)
      if (m === 1 || m === 49) return cutCommand(it, 'partial', 0)
      const feed = it.units(buf[s + 3] ?? 0, 'v')
      if (m === 65 || m === 97 || m === 103) return cutCommand(it, 'full', feed)
      if (m === 66 || m === 98 || m === 104) return cutCommand(it, 'partial', feed)
      return it.warn(`GS V: cut mode ${m} unknown: ignored`)
    }
    case 0x24: // GS $ nL nH: absolute vertical position in page mode
    case 0x5c: // GS \ nL nH: relative vertical position in page mode
      if (!pageOnly(it)) return
      return setVerticalPosition(it, u16le(buf, s + 2), c === 0x5c)
    case 0x54: // GS T n: to the beginning of the print line; 0/48 drops the line buffer, 1/49 prints it
      if (it.pm.active) return it.warn('GS T: only for standard mode: ignored in page mode')
      if (n === 1 || n === 49) {
        if (!it.line.empty) it.printLine(0)
        return
      }
      if (n === 0 || n === 48) {
        it.line.reset()
        return
      }
      return it.warn(`GS T: n = ${n} out of range: ignored`)
    case 0x28: {
      const fn = buf[s + 2]
      // cn and fn are the first bytes counted by pL pH: a command without them is refused here, for
      // every symbol type, before anything reads them (never past e).
      if (fn === 0x6b && e - s < 7) return it.warn(`GS ( k: (pL + pH × 256) = ${e - s - 5} leaves no room for cn and fn: ignored`)
      if (fn === 0x6b && buf[s + 5] === 49) return qrCommand(it, buf, s, e)
      if (extraCommand(it, buf, s, e)) return
      if (fn === 0x6b) return it.warn(`GS ( k: symbol type ${buf[s + 5]} not supported`)
      if (fn === 0x4e) return characterEffects(it, buf, s)
      const what = GS_PAREN[fn ?? 0]
      return it.warn(`GS ( ${byteName(fn ?? 0)}: ${what ?? 'unknown function group'} not emulated: skipped`)
    }
    case 0x62: // GS b n
      return it.warn(`GS b: smoothing ${n & 1 ? 'on' : 'off'} not modelled: enlarged characters print as scaled dots`)
    case 0x45: // GS E n
      return it.warn('GS E: head control / print density not modelled (a 1-bit raster has no density)')
    case 0x3a: // GS :
      return it.warn('GS :: macro definition not supported: the data between two GS : is processed as it comes and GS ^ will not replay it')
    case 0x5e: // GS ^ r t m
      return it.warn(`GS ^: macro execution (${n} times) not supported: nothing is replayed`)
    case 0x7c: // GS | n
      return it.warn('GS |: print density not modelled (a 1-bit raster has no density)')
    case 0x67: // GS g 0 / GS g 2
      return it.warn(`GS g ${byteName(n)}: maintenance counters not emulated${n === 0x32 ? ': no reply is sent' : ''}`)
    case 0x44: // GS D: Windows BMP as NV or download graphics
      return it.warn('GS D: Windows BMP graphics not supported: not stored')
    default:
      if (!extraCommand(it, buf, s, e)) it.warn(`GS ${byteName(c)}: unknown command: skipped`)
  }
}

/** GS ( N fn 48 m: character colour 49/50; the other functions warn. */
function characterEffects(it: Interpreter, buf: Uint8Array, s: number): void {
  const fn = buf[s + 5]
  const m = buf[s + 6]
  if (fn === 48 || fn === 0) {
    if (m === 49 || m === 50) {
      it.st.color = m === 49 ? 1 : 2
      return
    }
    return it.warn(`GS ( N: character colour m = ${m} not available (49 colour 1, 50 colour 2): ignored`)
  }
  it.warn(`GS ( N: fn ${fn} (${fn === 49 || fn === 1 ? 'background colour' : fn === 50 || fn === 2 ? 'shading' : 'unknown'}) not modelled: ignored`)
}

export function fsCommand(it: Interpreter, buf: Uint8Array, s: number, e: number): void {
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
    case 0x53: // FS S n1 n2: left and right spacing of two-byte characters (horizontal motion units)
      st.cjkLeftSpacing = it.units(n, 'h')
      st.cjkRightSpacing = it.units(buf[s + 3] ?? 0, 'h')
      return
    case 0x0e: // FS SO: double width on (Chinese clones)
      st.cjkDoubleWidth = true
      return
    case 0x14: // FS DC4: double width off
      st.cjkDoubleWidth = false
      return
    case 0x32: // FS 2: user-defined two-byte character
      if (!extraCommand(it, buf, s, e)) it.warn('FS 2: user-defined two-byte characters not supported: built-in glyphs used')
      return
    case 0x67: // FS g 1 / FS g 2: NV user memory
      return it.warn(`FS g ${byteName(n)}: NV user memory not emulated${n === 0x32 ? ': no reply is sent' : ': the data is not stored'}`)
    case 0x43: // FS C n: Kanji code system (Shift-JIS models)
      return it.warn(`FS C: Kanji code system ${n} not supported: two-byte text keeps its configured encoding`)
    case 0x28: // FS ( A/C/E/L …: settings
      if (extraCommand(it, buf, s, e)) return
      return it.warn(`FS ( ${byteName(n)}: not supported: skipped`)
    default:
      if (!extraCommand(it, buf, s, e)) it.warn(`FS ${byteName(c)}: unknown command: skipped`)
  }
}
