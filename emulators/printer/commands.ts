/**
 * Dispatch of one framed command (not text) to its effect: one-byte controls and ESC commands
 * here, GS and FS in commands-gs.ts. Byte layouts follow the Epson ESC/POS command reference
 * (see reference/escpos.md); lengths come from protocols/escpos/framing. A command that is
 * ignored says so in a warning naming it, unless no-effect.ts documents that it changes nothing
 * on the paper of a real TM.
 */
import type { Interpreter } from './interpreter.js'
import { extraCommand } from './commands-extra.js'
import { selectCodeTable, selectIntlSet } from './code-pages.js'
import { fsCommand, gsCommand } from './commands-gs.js'
import { noPaperEffect } from './no-effect.js'
import { cancelPage, enterPageMode, pageOnly, printPageAndReturn, printPageKeep, setPageArea, setPageDirection, standardMode } from './page-commands.js'
import { setTabs, tab } from './tabs.js'
import { byteName, u16le } from '../../protocols/escpos/framing.js'

const ALIGN = ['left', 'center', 'right'] as const

export function execCommand(it: Interpreter, buf: Uint8Array, s: number, e: number): void {
  const b0 = buf[s]!
  if (b0 === 0x1b) return esc(it, buf, s, e)
  if (b0 === 0x1d) return gsCommand(it, buf, s, e)
  if (b0 === 0x1c) return fsCommand(it, buf, s, e)
  switch (b0) {
    case 0x0a: // LF
      return it.printLine(it.st.lineSpacing)
    case 0x0c: // FF: prints the page and returns to standard mode; ignored in standard mode
      return pageOnly(it) ? printPageAndReturn(it) : undefined
    case 0x18: // CAN: deletes the data of the print area in page mode; ignored in standard mode
      return pageOnly(it) ? cancelPage(it) : undefined
    case 0x09:
      return tab(it)
    case 0x0d: // CR: see no-effect.ts
      return
    case 0x10: {
      // DLE EOT / ENQ / DC4 were acted on when they arrived (printer.ts); a lone DLE is nothing.
      const c = buf[s + 1]
      if (c !== 0x04 && c !== 0x05 && c !== 0x14) it.warn('DLE: not followed by EOT, ENQ or DC4: ignored')
      return
    }
    default:
      if (!extraCommand(it, buf, s, e)) it.warn(`${byteName(b0)}: control byte 0x${b0.toString(16).padStart(2, '0')} is not an ESC/POS command: ignored`)
  }
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
      if (n > 2 && (n < 48 || n > 50)) return it.warn(`ESC -: n = ${n} out of range (0–2, 48–50): ignored`)
      st.underline = n === 1 || n === 49 ? 1 : n === 2 || n === 50 ? 2 : 0
      return
    case 0x61: { // ESC a n: at the start of a line; only the value in page mode
      const a = n >= 48 ? n - 48 : n
      if (a > 2) return it.warn(`ESC a: n = ${n} out of range (0–2, 48–50): ignored`)
      st.align = ALIGN[a]!
      if (it.line.empty && !it.pm.active) it.line.align = st.align
      return
    }
    case 0x64: // ESC d n
      return it.printLine(n * st.lineSpacing)
    case 0x4a: // ESC J n (vertical motion units)
      return it.printLine(it.units(n, 'v'))
    case 0x32: // ESC 2
      st.lineSpacing = 30
      return
    case 0x33: // ESC 3 n (vertical motion units)
      st.lineSpacing = it.units(n, 'v')
      return
    case 0x20: // ESC SP n (horizontal motion units)
      st.charSpacing = it.units(n, 'h')
      return
    case 0x4d: // ESC M n: 0/48 Font A, 1/49 Font B (Font C on some models: printed as B)
      if (n > 2 && (n < 48 || n > 50)) return it.warn(`ESC M: font ${n} out of range (0–2, 48–50): ignored`)
      st.fontB = n === 1 || n === 49 || n === 2 || n === 50
      return
    case 0x74: // ESC t n
      return selectCodeTable(it, n)
    case 0x52: // ESC R n
      return selectIntlSet(it, n)
    case 0x56: // ESC V n
      st.rotate = (n & 1) !== 0
      return
    case 0x7b: // ESC { n: the line that begins next (see line.ts); only the value in page mode
      st.upsideDown = (n & 1) !== 0
      return
    case 0x72: // ESC r n: print colour of the lines that begin next (two-colour paper)
      if (n === 0 || n === 48 || n === 1 || n === 49) st.color = n === 1 || n === 49 ? 2 : 1
      else it.warn(`ESC r: colour ${n} out of range (0/48 black, 1/49 red): ignored`)
      return
    case 0x24: { // ESC $ nL nH: absolute position from the start of the print area
      const x = it.units(u16le(buf, s + 2), 'h')
      it.beginLine()
      if (x > it.line.area) return it.warn(`ESC $: position ${x} dots is outside the ${it.line.area}-dot print area: ignored`)
      return it.moveCursor(x, it.cellWidth)
    }
    case 0x5c: { // ESC \ nL nH: relative position (signed)
      let d = u16le(buf, s + 2)
      if (d >= 0x8000) d -= 0x10000
      it.beginLine()
      const x = it.line.cursor + Math.sign(d) * it.units(Math.abs(d), 'h')
      if (x < 0 || x > it.line.area) return it.warn(`ESC \\: position ${x} dots is outside the ${it.line.area}-dot print area: ignored`)
      return it.moveCursor(x, it.cellWidth)
    }
    case 0x44: // ESC D n1 … NUL
      return setTabs(it, buf, s, e)
    case 0x3d: // ESC = n: select peripheral device (bit 0 = printer enabled)
      st.enabled = (n & 1) !== 0
      return
    case 0x69: // ESC i: full cut (obsolete form)
      return cutCommand(it, 'full', 0)
    case 0x6d: // ESC m: partial cut (obsolete form)
      return cutCommand(it, 'partial', 0)
    case 0x70: // ESC p m t1 t2: drawer kick
      it.hooks.control('drawer', { pin: n & 1 ? 5 : 2, onMs: (buf[s + 3] ?? 0) * 2, offMs: (buf[s + 4] ?? 0) * 2 })
      return
    case 0x4b: // ESC K n: reverse feed (bounded by the top of the segment); ignored in page mode
    case 0x65: // ESC e n: print and reverse feed n lines
      if (it.pm.active) return it.warn('ignored in page mode (Epson TM-U295 Specification, ESC L Notes)')
      if (c === 0x65) it.printLine(0)
      {
        const back = c === 0x65 ? n * st.lineSpacing : it.units(n, 'v')
        if (back > it.paper.y) it.warn(`reverse feed of ${back} dots stops at the top of the receipt (${it.paper.y} dots back)`)
        it.paper.y = Math.max(0, it.paper.y - back)
      }
      return
    case 0x4c: // ESC L
      return enterPageMode(it)
    case 0x53: // ESC S
      return standardMode(it)
    case 0x54: // ESC T n
      return setPageDirection(it, n)
    case 0x57: // ESC W xL xH yL yH dxL dxH dyL dyH
      return setPageArea(it, buf, s, e)
    case 0x0c: // ESC FF
      return pageOnly(it) ? printPageKeep(it) : undefined
    case 0x34: // ESC 4 n: italic on some ESC/POS printers (framing.ts); not on Epson TM printers
      return it.warn(`ESC 4: italic mode (n = ${n}) is not an Epson TM command: characters print upright`)
    case 0x63: { // ESC c 3/4/5 n
      if (noPaperEffect(buf, s)) return
      if (n === 0x34) {
        if ((buf[s + 3] ?? 0) === 0) return // no sensor stops printing: what the emulator does
        return it.warn(`ESC c 4: stopping at paper near-end (n = ${buf[s + 3]}) not modelled: printing goes on until paper out`)
      }
      return it.warn(`ESC c ${byteName(n)}: not supported: ignored`)
    }
    case 0x55: // ESC U, ESC <: see no-effect.ts
    case 0x3c:
      return
    case 0x25: // ESC % n: select/cancel the user-defined character set
      if ((n & 1) === 0) {
        st.userChars = false
        return
      }
      st.userChars = true
      return it.warn('ESC %: user-defined characters not supported: built-in glyphs used')
    case 0x26: // ESC &: define user-defined characters
      return it.warn('ESC &: user-defined characters not supported: the definition is skipped')
    case 0x3f: // ESC ? n: cancel a user-defined character
      return it.warn('ESC ?: user-defined characters not supported: nothing to cancel')
    case 0x28: // ESC ( A / ESC ( Y …: beeper and model-specific settings
      if (extraCommand(it, buf, s, e)) return
      return it.warn(`ESC ( ${byteName(buf[s + 2] ?? 0)}: not supported: skipped`)
    default:
      if (!extraCommand(it, buf, s, e)) it.warn(`ESC ${byteName(c)}: unknown command: skipped`)
  }
}

/** A cut in page mode is ignored (GUESS: Epson's GS V page does not describe it; nothing is on the paper yet). */
export function cutCommand(it: Interpreter, type: 'full' | 'partial', feed: number): void {
  if (it.pm.active) return it.warn('ignored in page mode: the page is still in the page buffer (print it with FF first)')
  it.cut(type, feed)
}
