/**
 * GS ( k cn=48: PDF417 (`1D 28 6B pL pH 30 fn …`): fn 65 columns, 66 rows, 67 module width,
 * 68 row height, 69 error correction, 70 standard/truncated, 80 store, 81 print. Encoded by
 * bwip-js; each module is drawn `module` dots wide and `rowHeight * module` dots tall.
 */
import bwipjs from 'bwip-js'
import type { Interpreter } from './interpreter.js'
import { payloadText } from './qr.js'

/** (pL + pH × 256) each function takes: [min, max] (GS ( k <Function 065>…<Function 082> [Range]). */
const PARAM_COUNT: Record<number, [number, number]> = { 65: [3, 3], 66: [3, 3], 67: [3, 3], 68: [3, 3], 69: [4, 4], 70: [3, 3], 80: [4, 65535], 81: [3, 3], 82: [3, 3] }

/** Executes `GS ( k` with cn 48; bytes [s, e) hold the whole command, cn and fn included (the dispatcher checked). */
export function pdf417Command(it: Interpreter, buf: Uint8Array, s: number, e: number): void {
  const count = e - s - 5
  const fn = buf[s + 6]!
  const range = PARAM_COUNT[fn]
  if (!range) return it.warn(`GS ( k: PDF417 function ${fn} not supported: ignored`)
  // A command too short for its parameters is ignored rather than read past its end.
  if (count < range[0] || count > range[1]) return it.warn(`GS ( k: PDF417 function ${fn} needs (pL + pH × 256) = ${range[0]}${range[1] > range[0] ? ` or more` : ''}, got ${count}: ignored`)
  const n = buf[s + 7]!
  const st = it.st
  switch (fn) {
    case 65:
      if (n <= 30) st.pdfColumns = n
      else it.warn(`GS ( k: PDF417 columns ${n} out of range 0–30: ignored`)
      return
    case 66:
      if (n === 0 || (n >= 3 && n <= 90)) st.pdfRows = n
      else it.warn(`GS ( k: PDF417 rows ${n} out of range (0, 3–90): ignored`)
      return
    case 67:
      if (n >= 2 && n <= 8) st.pdfModule = n
      else it.warn(`GS ( k: PDF417 module width ${n} out of range 2–8: ignored`)
      return
    case 68:
      if (n >= 2 && n <= 8) st.pdfRowHeight = n
      else it.warn(`GS ( k: PDF417 row height ${n} out of range 2–8: ignored`)
      return
    case 69: {
      // m 48: level n 48–56; m 49: ratio n*10 % of the data (n 1–40), kept as a negative marker.
      const v = buf[s + 8] ?? 0
      if (n === 48 && v >= 48 && v <= 56) st.pdfError = v - 48
      else if (n === 49 && v >= 1 && v <= 40) st.pdfError = -v
      else it.warn(`GS ( k: PDF417 error correction m = ${n}, n = ${v} out of range: ignored`)
      return
    }
    case 70:
      st.pdfTruncated = n === 1
      return
    case 80:
      st.pdfData = buf.slice(s + 8, e)
      return
    case 81:
      return printPdf417(it)
    case 82:
      // GUESS: the size reply of PDF417 is not modelled; the request is acknowledged with a warning.
      return it.warn('GS ( k: PDF417 size request (fn 82) not supported: no reply sent')
  }
}

function printPdf417(it: Interpreter): void {
  const st = it.st
  if (!st.pdfData || st.pdfData.length === 0) return it.warn('GS ( k: PDF417 print with no stored data: nothing printed')
  let sym: { pixs: number[]; pixx: number }
  try {
    // A ratio asks for n*10 % of the data as EC codewords; a level gives 2^(level+1) of them.
    const ratioLevel = (r: number): number => Math.min(8, Math.max(1, Math.ceil(Math.log2(Math.max(2, (st.pdfData!.length * r) / 10))) - 1))
    const opts: Record<string, unknown> = { eclevel: st.pdfError >= 0 ? st.pdfError : ratioLevel(-st.pdfError), rowmult: 1, binarytext: true }
    // Columns 0 = automatic: as many as fit the print area (17 modules each, plus start/stop
    // and row indicators: 69 modules standard, 35 truncated), leaving rows to the encoder.
    const fit = Math.floor((it.areaWidth / st.pdfModule - (st.pdfTruncated ? 35 : 69)) / 17)
    opts.columns = st.pdfColumns || Math.max(1, Math.min(30, fit))
    if (st.pdfRows) opts.rows = st.pdfRows
    if (st.pdfTruncated) opts.compact = true
    sym = (bwipjs.raw('pdf417', Buffer.from(st.pdfData).toString('latin1'), opts as never) as Array<{ pixs: number[]; pixx: number }>)[0]!
  } catch (err) {
    return it.warn(`GS ( k: PDF417 data cannot be encoded: ${String((err as Error).message ?? err).split('\n')[0]}: not printed`)
  }
  const mw = st.pdfModule
  const rh = st.pdfRowHeight * mw
  const rows = Math.floor(sym.pixs.length / sym.pixx)
  const w = sym.pixx * mw
  const h = rows * rh
  const area = it.areaWidth
  // <Function 081> Notes: a symbol larger than the print area cannot be printed.
  if (w > area) return it.warn(`GS ( k: PDF417 symbol is ${w} dots wide, more than the print area (${area} dots): not printed`)
  const { x, y } = it.placeBlock(w, h, (x0, y0) => {
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < sym.pixx; c++) if (sym.pixs[r * sym.pixx + c]) it.page.fillRect(x0 + c * mw, y0 + r * rh, mw, rh)
    }
  })
  it.log.barcodes.push({ symbology: 'PDF417', data: payloadText(st.pdfData), x, y, width: w, height: h, moduleWidth: mw, hri: 'none' })
}
