/**
 * The page-mode commands (Epson ESC/POS Command Reference and TM-T88III Specification (STANDARD)
 * rev. B: ESC L, ESC S, ESC W, ESC T, GS $, GS \, ESC FF, FF, CAN; TM-T88 Information Manual,
 * ESC L / ESC S). The page buffer and its geometry are in page-mode.ts.
 */
import { u16le } from '../../protocols/escpos/framing.js'
import type { Interpreter } from './interpreter.js'
import { DEFAULT_LINE_SPACING, motionDots } from './state.js'
import type { Spacing } from './page-mode.js'
import { pageLine, printPage } from './page-print.js'
import { runAsData } from './normal-data.js'

/** FF, CAN, ESC FF, ESC S, GS $ and GS \ act in page mode only; in standard mode they are ignored. */
export function pageOnly(it: Interpreter): boolean {
  if (it.pm.active) return true
  it.warn('ignored in standard mode (TM-T88 Information Manual, ESC L/ESC S: "In standard mode, FF, CAN, ESC FF, ESC S, GS $ and GS \\ are ignored")')
  return false
}

function spacing(it: Interpreter): Spacing {
  const st = it.st
  return { charSpacing: st.charSpacing, lineSpacing: st.lineSpacing, cjkLeft: st.cjkLeftSpacing, cjkRight: st.cjkRightSpacing }
}

function applySpacing(it: Interpreter, v: Spacing): void {
  const st = it.st
  st.charSpacing = v.charSpacing
  st.lineSpacing = v.lineSpacing
  st.cjkLeftSpacing = v.cjkLeft
  st.cjkRightSpacing = v.cjkRight
}

/** ESC L: "enabled only when processed at the beginning of a line in standard mode"; no effect in page mode. */
export function enterPageMode(it: Interpreter): void {
  const pm = it.pm
  if (pm.active) return it.warn('already in page mode: no effect')
  if (!it.line.empty) return it.warn('not at the beginning of a line: ignored (ESC L is enabled only there)')
  pm.saved = spacing(it)
  applySpacing(it, pm.pageSpacing ?? { charSpacing: 0, lineSpacing: DEFAULT_LINE_SPACING, cjkLeft: 0, cjkRight: 0 })
  pm.active = true
  pm.clearPage()
  pm.home()
}

/** Back to standard mode (ESC S, FF): ESC W returns to its default, ESC T is kept. */
function leavePageMode(it: Interpreter): void {
  const pm = it.pm
  it.line.reset()
  pm.clearPage()
  pm.pageSpacing = spacing(it)
  if (pm.saved) applySpacing(it, pm.saved)
  pm.saved = undefined
  pm.active = false
  pm.area = pm.defaultArea()
}

/** ESC S: back to standard mode; the page data is discarded, not printed. */
export function standardMode(it: Interpreter): void {
  if (!pageOnly(it)) return
  leavePageMode(it)
}

/** ESC T n: direction and start point; in standard mode only the value is set. */
export function setPageDirection(it: Interpreter, n: number): void {
  const d = n >= 48 ? n - 48 : n
  if (d > 3) return it.warn(`ESC T: direction ${n} out of range (0–3, 48–51): ignored`)
  const pm = it.pm
  if (pm.active && !it.line.empty) pageLine(it, 0, false)
  pm.direction = d as 0 | 1 | 2 | 3
  // "The printing direction and print starting position for the data following are those specified by n."
  if (pm.active) pm.home()
}

/**
 * ESC W xL xH yL yH dxL dxH dyL dyH: print area, x in horizontal and y in vertical motion
 * units. An origin outside the printable area or a zero size cancels the command at that
 * parameter and what follows it is processed as normal data (TM-T88III Specification, ESC W
 * Details); an area reaching past the printable area is cut to it.
 */
export function setPageArea(it: Interpreter, buf: Uint8Array, s: number, e: number): void {
  const u = (i: number): number => u16le(buf, s + i)
  const x0 = motionDots(u(2), it.st.motionX)
  const y0 = motionDots(u(4), it.st.motionY)
  const dx = motionDots(u(6), it.st.motionX)
  const dy = motionDots(u(8), it.st.motionY)
  const pm = it.pm
  const cancel = (why: string, from: number): void => {
    it.warn(`${why}: command cancelled${from < e - s ? `, its last ${e - s - from} bytes processed as data` : ''} (TM-T88III Specification, ESC W Details)`)
    runAsData(it, buf, s + from, e)
  }
  if (x0 >= pm.width) return cancel(`ESC W: horizontal origin ${x0} dots is outside the ${pm.width}-dot printable area`, 4)
  if (y0 >= pm.maxHeight) return cancel(`ESC W: vertical origin ${y0} dots is outside the printable area`, 6)
  if (dx === 0) return cancel('ESC W: print area width 0', 8)
  if (dy === 0) return cancel('ESC W: print area height 0', 10)
  if (pm.active && !it.line.empty) pageLine(it, 0, false)
  pm.area = { x: x0, y: y0, w: Math.min(dx, pm.width - x0), h: Math.min(dy, pm.maxHeight - y0) }
  if (pm.active) pm.home()
}

/**
 * GS $ (absolute) and GS \ (relative, two's complement) vertical position in page mode, in
 * vertical motion units (horizontal ones for directions 1 and 3). The position is the baseline
 * of the next text, measured down the lines from the start point of the direction; a setting
 * outside the print area is ignored. GUESS: that GS $ 0 puts the baseline (not a character's
 * top) on the start point follows the reference's "point A is the baseline".
 */
export function setVerticalPosition(it: Interpreter, n: number, relative: boolean): void {
  const pm = it.pm
  let d = n
  if (relative && d >= 0x8000) d -= 0x10000
  const dots = Math.sign(d) * it.units(Math.abs(d), 'v')
  const y = relative ? pm.y + dots : dots
  if (y < 0 || y >= pm.frameHeight) return it.warn(`position ${y} dots is outside the ${pm.frameHeight}-dot print area: ignored`)
  if (!it.line.empty) pageLine(it, 0, false)
  pm.y = y
}

/** ESC FF: prints the page; the data, ESC W, ESC T and the position are kept. */
export function printPageKeep(it: Interpreter): void {
  printPage(it)
}

/** FF: prints the page, deletes it and returns to standard mode at the beginning of a line. */
export function printPageAndReturn(it: Interpreter): void {
  printPage(it)
  leavePageMode(it)
}

/** CAN: deletes the data in the current print area (what is on the current line too). */
export function cancelPage(it: Interpreter): void {
  if (!it.line.empty) pageLine(it, 0, false)
  it.pm.clearArea()
}
