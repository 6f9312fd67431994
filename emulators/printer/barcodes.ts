/**
 * GS k barcodes, encoded by bwip-js (bar/space widths) and drawn at the printer's module width
 * (GS w), height (GS h) and HRI position/font (GS H / GS f). Form 1: `GS k m d… NUL` (m 0–6);
 * form 2: `GS k m n d…` (m 65–73). Data the symbology rejects prints nothing, with a warning.
 */
import bwipjs from 'bwip-js'
import { glyphFor } from './glyphs.js'
import type { Interpreter } from './interpreter.js'

interface Symbology {
  name: string
  bcid: string
  /** Two-width symbologies: widths scale by the narrow:wide table of GS w. */
  binary?: boolean
}

const FORM2: Record<number, Symbology> = {
  65: { name: 'UPC-A', bcid: 'upca' },
  66: { name: 'UPC-E', bcid: 'upce' },
  67: { name: 'EAN13', bcid: 'ean13' },
  68: { name: 'EAN8', bcid: 'ean8' },
  69: { name: 'CODE39', bcid: 'code39', binary: true },
  70: { name: 'ITF', bcid: 'interleaved2of5', binary: true },
  71: { name: 'CODABAR', bcid: 'rationalizedCodabar', binary: true },
  72: { name: 'CODE93', bcid: 'code93ext' }, // full ASCII, as ESC/POS allows
  73: { name: 'CODE128', bcid: 'code128' },
}

/** Narrow and wide bar widths in dots per GS w n (Epson GS w table for two-width symbologies). */
const BINARY_WIDTHS: Record<number, [number, number]> = { 1: [1, 3], 2: [2, 5], 3: [3, 8], 4: [4, 10], 5: [5, 13], 6: [6, 15] }

/** The text bwip-js encodes and the HRI text, from the bytes the host sent. */
function prepare(sym: Symbology, data: Uint8Array): { text: string; hri: string } {
  const ascii = Buffer.from(data).toString('latin1')
  switch (sym.name) {
    case 'CODE39': {
      const core = ascii.replace(/^\*/, '').replace(/\*$/, '')
      return { text: core, hri: `*${core}*` }
    }
    case 'UPC-E':
      // 6 digits: number system 0 implied; 7–8: with number system (and check digit).
      return { text: ascii.length === 6 ? `0${ascii}` : ascii, hri: ascii }
    case 'CODE128':
      return code128(data)
    case 'UPC-A':
    case 'EAN13':
    case 'EAN8': {
      // The HRI shows the check digit the printer adds when the host leaves it out.
      const full = sym.name === 'UPC-A' ? 12 : sym.name === 'EAN13' ? 13 : 8
      return { text: ascii, hri: ascii.length === full - 1 && /^\d+$/.test(ascii) ? ascii + gtinCheckDigit(ascii) : ascii }
    }
    default:
      return { text: ascii, hri: ascii }
  }
}

/** GS1 check digit: weights 3 and 1 from the right. */
function gtinCheckDigit(digits: string): number {
  let sum = 0
  for (let i = 0; i < digits.length; i++) sum += Number(digits[digits.length - 1 - i]) * (i % 2 === 0 ? 3 : 1)
  return (10 - (sum % 10)) % 10
}

/**
 * Epson CODE128 data names its code sets: "{A", "{B", "{C" switch sets, "{{" is "{", "{1" FNC1 …;
 * in set C each byte is a value 0–99. bwip-js picks its own code sets, so the bars can differ
 * from a printer's while the decoded data is the same.
 */
function code128(data: Uint8Array): { text: string; hri: string } {
  let set = 'B'
  let text = ''
  for (let i = 0; i < data.length; i++) {
    const b = data[i]!
    if (b === 0x7b && i + 1 < data.length) {
      const c = String.fromCharCode(data[++i]!)
      if (c === 'A' || c === 'B' || c === 'C') set = c
      else if (c === '{') text += '{'
      else if (c === '1') text += '^FNC1'
      continue
    }
    if (set === 'C') text += String(b).padStart(2, '0')
    else text += b === 0x5e ? '^094' : String.fromCharCode(b)
  }
  return { text, hri: text.replace(/\^FNC1/g, '') }
}

/** Executes GS k; bytes [s, e). */
export function barcodeCommand(it: Interpreter, buf: Uint8Array, s: number, e: number): void {
  const m = buf[s + 2]!
  let sym: Symbology | undefined
  let data: Uint8Array
  if (m <= 6) {
    sym = FORM2[m + 65]
    data = buf.subarray(s + 3, buf[e - 1] === 0 ? e - 1 : e)
  } else {
    sym = FORM2[m]
    data = buf.subarray(s + 4, e)
  }
  if (!sym) return it.warn(`GS k symbology ${m} not supported: barcode skipped`)
  const { text, hri } = prepare(sym, data)
  let sbs: number[]
  try {
    const opts: Record<string, unknown> = { includetext: false }
    if (sym.name === 'CODE128') opts.parsefnc = true
    const out = bwipjs.raw(sym.bcid, text, opts as never) as Array<{ sbs?: number[] }>
    sbs = out[0]?.sbs ?? []
    if (sbs.length % 2 === 0) sbs = sbs.slice(0, -1) // a trailing inter-character gap is not a bar
  } catch (err) {
    return it.warn(`GS k ${sym.name} data "${hri}" rejected: ${String((err as Error).message ?? err).split('\n')[0]}`)
  }
  const n = it.st.barcodeModule
  const widths = sbs.map((u) => (sym.binary ? (u <= 1 ? BINARY_WIDTHS[n]![0] : BINARY_WIDTHS[n]![1]) : u * n))
  const barsW = widths.reduce((a, b) => a + b, 0)
  if (barsW > it.width) return it.warn(`GS k ${sym.name}: ${barsW} dots wide, more than the print area: not printed`)
  const barH = it.st.barcodeHeight
  const font = it.st.hriFontB ? 'B' : 'A'
  const hriMode = it.st.hri
  const glyphs = [...hri].map((ch) => glyphFor(ch.charCodeAt(0), { font, bold: false, wm: 1, hm: 1, rotate: false, upsideDown: false, reverse: false, spacing: 0 }))
  const hriW = glyphs.reduce((a, g) => a + g.w, 0)
  const hriH = glyphs.length ? glyphs[0]!.h : 0
  const above = hriMode === 1 || hriMode === 3 ? hriH : 0
  const below = hriMode === 2 || hriMode === 3 ? hriH : 0
  const blockW = Math.max(barsW, Math.min(hriW, it.width))
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
    symbology: sym.name,
    data: hri,
    x: x + Math.floor((blockW - barsW) / 2),
    y: y + above,
    width: barsW,
    height: barH,
    moduleWidth: n,
    hri: (['none', 'above', 'below', 'both'] as const)[hriMode],
  })
}
