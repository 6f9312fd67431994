/**
 * Text runs: single-byte characters through the ESC t / ESC R table, two-byte characters in
 * Chinese mode (FS &), each placed in the line buffer in the current print modes; a character
 * that does not fit prints the line first. The hot path of the printer: a run looks its style
 * and table up once.
 */
import { cachedGlyph, glyphFor, styleCode, type Glyph, type GlyphStyle } from './glyphs.js'
import type { Interpreter } from './interpreter.js'
import type { LineStyle } from './line.js'
import { cjkLength, decodeCjk } from './text-codec.js'

export function printText(it: Interpreter, buf: Uint8Array, start: number, end: number): void {
  if (it.carry) {
    const joined = new Uint8Array(it.carry.length + end - start)
    joined.set(it.carry)
    joined.set(buf.subarray(start, end), it.carry.length)
    it.carry = undefined
    buf = joined
    start = 0
    end = joined.length
  }
  const st = it.st
  const enc = it.config.chineseEncoding
  const tables = it.tables
  const table = tables.table(st)
  // A text run holds no command, so all its single-byte characters share one style.
  const glyphs = tables.glyphs(textStyle(it))
  const ul = st.reverse ? 0 : st.underline
  const line = it.line
  for (let i = start; i < end; ) {
    const b = buf[i]!
    if (b === 0x0e || b === 0x0f) {
      it.warn(`text: ${b === 0x0e ? 'SO' : 'SI'} (0x0${b.toString(16)}) at byte ${it.offset + i - start} ignored: not an ESC/POS command`)
      i++
      continue
    }
    if (st.chinese) {
      const len = cjkLength(buf, i, end, enc)
      if (len < 0) {
        it.carry = buf.slice(i, end)
        return
      }
      if (len > 0) {
        const s = decodeCjk(buf, i, len, enc)
        putCjk(it, s, s.codePointAt(0)!)
        i += len
        continue
      }
    }
    const g = glyphs[b] ?? tables.glyph(glyphs, table, b)
    if (line.cursor + g.w <= line.area && !line.empty) line.addGlyph(g, ul)
    else place(it, g, ul)
    line.addCode(table[b]!)
    if (line.style === undefined) line.style = lineStyle(it, false, st.underline, st.wm, st.hm)
    i++
  }
}

/**
 * ESC { turns the line that begins after it; ESC V and ESC { only set values in page mode
 * (ESC L, Notes), where ESC T turns the whole page instead.
 */
function upsideDownNow(it: Interpreter): boolean {
  if (it.pm.active) return false
  return it.line.empty ? it.st.upsideDown : it.line.upsideDown
}

/** The glyph style of single-byte text now. */
function textStyle(it: Interpreter): GlyphStyle {
  const st = it.st
  return {
    font: st.fontB ? 'B' : 'A',
    bold: st.bold || st.doubleStrike,
    wm: st.wm,
    hm: st.hm,
    rotate: st.rotate && !it.pm.active,
    upsideDown: upsideDownNow(it),
    reverse: st.reverse,
    spacing: st.charSpacing,
  }
}

/** Puts a two-byte (Chinese mode) character into the line buffer. */
function putCjk(it: Interpreter, s: string, cp: number): void {
  const st = it.st
  const wm = st.cjkDoubleWidth ? Math.max(st.wm, 2) : st.wm
  const hm = st.cjkDoubleHeight ? Math.max(st.hm, 2) : st.hm
  const c = cp > 0xffff ? 0xfffd : cp
  const style: GlyphStyle = {
    font: 'CJK',
    bold: st.bold || st.doubleStrike,
    wm,
    hm,
    rotate: st.rotate && !it.pm.active,
    upsideDown: upsideDownNow(it),
    reverse: st.reverse,
    spacing: st.cjkLeftSpacing + st.cjkRightSpacing,
  }
  const code = styleCode(style)
  const ul = st.cjkUnderline || st.underline
  place(it, cachedGlyph(c, code) ?? glyphFor(c, style, code), st.reverse ? 0 : ul)
  it.line.addText(s)
  if (!it.line.style) it.line.style = lineStyle(it, true, ul, wm, hm)
}

/** Adds a character, printing the line first when it does not fit. */
function place(it: Interpreter, g: Glyph, ul: number): void {
  const line = it.line
  if (line.empty) it.beginLine()
  else if (!line.fits(g.w)) {
    it.printLine(it.st.lineSpacing)
    it.beginLine()
  }
  line.addGlyph(g, ul)
}

/** The print-log style of a line, taken from its first character. */
function lineStyle(it: Interpreter, cjk: boolean, underline: 0 | 1 | 2, width: number, height: number): LineStyle {
  const st = it.st
  return {
    align: it.line.align,
    font: st.fontB && !cjk ? 'B' : 'A',
    bold: st.bold || st.doubleStrike,
    underline,
    width,
    height,
    reverse: st.reverse,
    upsideDown: it.line.upsideDown,
    chinese: cjk,
    color: it.line.ink,
  }
}
