/**
 * Horizontal tabs: ESC D sets the stops, HT moves to them (Epson ESC/POS Command Reference,
 * ESC D and HT, Notes; Epson TM-T88III Specification (STANDARD) rev. B, ESC D and HT Details).
 */
import type { Interpreter } from './interpreter.js'

/**
 * ESC D n1 … nk NUL. Each stop is [character width × n] from the start of the print area,
 * the character width being that of the current font with its right-side spacing and width
 * multiplier, taken now: later size changes do not move the stops. The list ends at NUL, at a
 * value not greater than the one before it, or after 32 values (protocols/escpos/framing.ts
 * frames the command the same way, so what follows it is normal data).
 */
export function setTabs(it: Interpreter, buf: Uint8Array, s: number, e: number): void {
  const step = it.cellWidth
  const tabs: number[] = []
  let prev = 0
  for (let i = s + 2; i < e && tabs.length < 32; i++) {
    const n = buf[i]!
    if (n === 0 || n <= prev) break
    tabs.push(n * step)
    prev = n
  }
  it.st.tabs = tabs
}

/**
 * HT. What the manuals say (HT, Notes): it moves the print position to the next tab stop; it
 * is ignored when there is none; a next stop beyond the print area sets the position to
 * [print area width + 1]; at [print area width + 1] it prints the line (buffer-full printing)
 * and tabs from the beginning of the next line (in page mode only the position moves).
 *
 * Which stop is "next" when the position sits exactly on one: a photo of a real TM receipt
 * with the default stops (every 8 columns) shows `NY Strip` (8 characters: its last cell ends
 * on the stop of column 8) + HT resuming at column 8, the column `Bananas` (7 characters) + HT
 * resumes at too. So a stop the printed text has reached is still ahead of the position: the
 * next stop is the first one at or after it. A stop an earlier HT moved to is behind it, so
 * `HT HT` skips two stops, as every tab-stop device does (ECMA-48, HT: "to the following
 * character tabulation stop"; Star SP300 manual, HT: "skips to the next horizontal tab
 * position"). GUESS beyond the photo: a stop reached by ESC $ counts like one reached by text.
 */
export function tab(it: Interpreter): void {
  it.beginLine()
  const line = it.line
  const cell = it.cellWidth
  if (line.cursor > line.area) {
    // At [print area width + 1]: print the line and tab from the start of the next one.
    it.printLine(it.st.lineSpacing)
    it.beginLine()
  }
  const at = line.cursor
  const next = it.st.tabs.find((t) => t > at || (t === at && at !== line.lastTab))
  if (next === undefined) {
    it.warn(`HT: no tab stop at or after the print position (${at} dots): ignored`)
    return
  }
  if (next > line.area) {
    it.moveCursor(line.area + 1, cell)
    line.lastTab = line.area + 1
    return
  }
  it.moveCursor(next, cell)
  line.lastTab = next
}
