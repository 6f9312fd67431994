/**
 * Page mode, the developing side: lines, blocks and commands cancelled midway land in the page
 * buffer (page-mode.ts) at the print position; ESC FF and FF put the page on the paper.
 * Sources: Epson TM-T88III Specification (STANDARD) rev. B, 3.12.3; GS ( k fn 81 Notes (page mode).
 */
import type { Interpreter } from './interpreter.js'
import { DESCENT } from './page-mode.js'

/**
 * Develops the line buffer in the page buffer on the current baseline; with `newLine`, moves to
 * the start of the next line (`feed` dots down, or the line's height when that is more).
 */
export function pageLine(it: Interpreter, feed: number, newLine: boolean): void {
  const line = it.line
  const pm = it.pm
  let advance = feed
  if (!line.empty) {
    const height = line.height
    const top = pm.y + DESCENT - height
    if (line.count > 0) line.render(pm, top)
    const text = line.text.trimEnd()
    if (text.trimStart() !== '' && line.style) {
      const box = pm.toPage(it.lineStart, top, Math.max(0, line.right - it.lineStart), height)
      pm.log.lines.push({ text, y: box.y, x: box.x, lineHeight: height, ...line.style, direction: pm.direction })
    }
    advance = Math.max(feed, height)
    pm.x = line.cursor
  }
  line.reset()
  if (newLine) {
    pm.x = 0
    pm.y += advance
  }
}

/** A block (symbol, image) with its bottom-left on the baseline; the position moves to its right end. */
export function placeOnPage(it: Interpreter, w: number, h: number, draw: (x: number, y: number) => void): { x: number; y: number } {
  const pm = it.pm
  if (!it.line.empty) pageLine(it, 0, false)
  const fx = pm.x
  const fy = pm.y - h
  draw(fx, fy)
  pm.x = fx + w
  const box = pm.toPage(fx, fy, w, h)
  return { x: box.x, y: box.y }
}

/** ESC FF / FF: the page (its data and print-log entries) onto the paper at the current position. */
export function printPage(it: Interpreter): void {
  if (!it.line.empty) pageLine(it, 0, false)
  const pm = it.pm
  const paper = it.paper
  const { px, height } = pm.snapshot()
  const y = paper.y
  if (height > 0) paper.drawBitmap(px, it.config.width, height, 0, y)
  const shift = <T extends { y: number }>(e: T): T => ({ ...e, y: e.y + y })
  it.segLog.lines.push(...pm.log.lines.map(shift))
  it.segLog.qr.push(...pm.log.qr.map(shift))
  it.segLog.images.push(...pm.log.images.map(shift))
  it.segLog.barcodes.push(...pm.log.barcodes.map(shift))
  paper.inked = true
  paper.feed(height)
  it.fed += height
}
