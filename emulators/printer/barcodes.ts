/**
 * GS k barcodes (Epson ESC/POS Command Reference, GS k): form (A) `GS k m d… NUL` (m 0–6),
 * form (B) `GS k m n d…` (m 65–73). Data rules per symbology are in barcode-data.ts; EAN/UPC
 * bars come from ean-upc.ts, CODE128 codewords from code128.ts (drawn by bwip-js from those
 * exact codewords), the others from bwip-js. Bars are drawn at the GS w module width (two-width
 * symbologies from the GS w narrow/wide table), GS h high, with HRI per GS H / GS f.
 */
import bwipjs from 'bwip-js'
import { glyphFor } from './glyphs.js'
import type { Interpreter } from './interpreter.js'
import { planBarcode, SYMBOLOGIES } from './barcode-data.js'
import { runAsData } from './normal-data.js'

/** Narrow and wide element widths in dots per GS w n (Epson GS w table, binary-level bar codes). */
const BINARY_WIDTHS: Record<number, [number, number]> = { 1: [1, 3], 2: [2, 5], 3: [3, 8], 4: [4, 10], 5: [5, 13], 6: [6, 15] }

/** Executes GS k; bytes [s, e). */
export function barcodeCommand(it: Interpreter, buf: Uint8Array, s: number, e: number): void {
  const m = buf[s + 2]!
  const formA = m <= 6
  // Standard mode: "enabled only when the print position is at the head of a line or no data
  // exists in the print buffer … the printer processes the data following m as normal data".
  if (!it.line.empty) {
    it.warn('GS k: data in the print buffer: the bytes after m are processed as normal data')
    return runAsData(it, buf, s + 3, e)
  }
  const sym = SYMBOLOGIES[formA ? m + 65 : m]
  const from = formA ? s + 3 : s + 4
  const to = formA && buf[e - 1] === 0 ? e - 1 : e
  if (!sym) {
    // GUESS: an unknown m cancels the command; its data is normal data.
    it.warn(`GS k: m = ${m} is not a supported bar code system: the data is processed as normal data`)
    return runAsData(it, buf, from, e)
  }
  const data = buf.subarray(from, to)
  const plan = planBarcode(sym, data, formA)
  if (plan.kind === 'ignore') return it.warn(`GS k: ${sym.name} ${plan.reason}`)
  if (plan.kind === 'invalid') {
    it.warn(`GS k: ${sym.name} ${plan.reason}: not printed${plan.feed ? ', paper fed' : ''}; the data from there on is processed as normal data`)
    if (plan.feed) it.feed(blockHeight(it))
    return runAsData(it, buf, from + plan.at, e)
  }
  if (plan.warning) it.warn(`GS k: ${plan.warning}`)
  let runs = plan.runs
  if (!runs) {
    try {
      const out = bwipjs.raw(plan.bwip!.bcid, plan.bwip!.text, { includetext: false, ...plan.bwip!.options } as never) as Array<{ sbs?: number[] }>
      runs = out[0]?.sbs ?? []
      if (runs.length % 2 === 0) runs = runs.slice(0, -1) // a trailing inter-character gap is not a bar
    } catch (err) {
      it.warn(`GS k: ${sym.name} data "${plan.hri}" cannot be encoded: ${String((err as Error).message ?? err).split('\n')[0]}`)
      return runAsData(it, buf, from + plan.used, e)
    }
  }
  drawBarcode(it, sym.name, runs, !!sym.binary, plan.hri)
  if (from + plan.used < to) runAsData(it, buf, from + plan.used, e)
}

function hriGlyphs(it: Interpreter, hri: string) {
  const font = it.st.hriFontB ? 'B' : 'A'
  return [...hri].map((ch) => glyphFor(ch.codePointAt(0)!, { font, bold: false, wm: 1, hm: 1, rotate: false, upsideDown: false, reverse: false, spacing: 0 }))
}

/** Height of the bars plus the HRI lines GS H asks for (the HRI is one character row). */
function blockHeight(it: Interpreter, hriH = it.st.hriFontB ? 17 : 24): number {
  const hri = it.st.hri
  return it.st.barcodeHeight + (hri === 1 || hri === 2 ? hriH : hri === 3 ? 2 * hriH : 0)
}

function drawBarcode(it: Interpreter, name: string, runs: number[], binary: boolean, hri: string): void {
  const n = it.st.barcodeModule
  const widths = runs.map((u) => (binary ? (u <= 1 ? BINARY_WIDTHS[n]![0] : BINARY_WIDTHS[n]![1]) : u * n))
  const barsW = widths.reduce((a, b) => a + b, 0)
  const area = it.areaWidth
  const barH = it.st.barcodeHeight
  const hriMode = it.st.hri
  const glyphs = hriMode ? hriGlyphs(it, hri) : []
  const hriH = glyphs.length ? glyphs[0]!.h : 0
  if (barsW > area) {
    // "If the horizontal size exceeds printing area, the printer only feeds the paper."
    // (TM-T88III Specification, GS k). GUESS: the feed is the height the bar code would take.
    it.warn(`GS k: ${name} is ${barsW} dots wide, more than the print area (${area} dots): not printed, paper fed`)
    it.feed(blockHeight(it))
    return
  }
  const hriW = glyphs.reduce((a, g) => a + g.w, 0)
  const above = hriMode === 1 || hriMode === 3 ? hriH : 0
  const below = hriMode === 2 || hriMode === 3 ? hriH : 0
  const blockW = Math.max(barsW, Math.min(hriW, area))
  const { x, y } = it.placeBlock(blockW, above + barH + below, (x0, y0) => {
    const bx = x0 + Math.floor((blockW - barsW) / 2)
    let cx = bx
    widths.forEach((w, i) => {
      if (i % 2 === 0) it.page.fillRect(cx, y0 + above, w, barH)
      cx += w
    })
    const drawHri = (ty: number): void => {
      let gx = x0 + Math.floor((blockW - hriW) / 2)
      for (const g of glyphs) {
        it.page.drawGlyph(g, gx, ty)
        gx += g.w
      }
    }
    if (above) drawHri(y0)
    if (below) drawHri(y0 + above + barH)
  })
  it.log.barcodes.push({
    symbology: name,
    data: hri,
    x: x + Math.floor((blockW - barsW) / 2),
    y: y + above,
    width: barsW,
    height: barH,
    moduleWidth: n,
    hri: (['none', 'above', 'below', 'both'] as const)[hriMode],
  })
}
