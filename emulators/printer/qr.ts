/**
 * GS ( k cn=49: QR Code (Epson ESC/POS Command Reference, GS ( k <Function 165>…<Function 182>).
 * `1D 28 6B pL pH 31 fn …` — fn 65 model, 67 module size, 69 error level, 80 store, 81 print,
 * 82 transmit size. Model 2 symbols are encoded by the `qrcode` package (automatic mode
 * selection, smallest version, as printers do), Micro QR by bwip-js; no maintained library
 * encodes QR model 1, so a model 1 print is refused with a warning rather than faked. Each
 * function's (pL + pH × 256) is checked first: a command too short for its parameters is
 * ignored instead of reading the bytes after it.
 */
import QRCode from 'qrcode'
import bwipjs from 'bwip-js'
import type { Interpreter } from './interpreter.js'

const EC: Record<number, 'L' | 'M' | 'Q' | 'H'> = { 48: 'L', 49: 'M', 50: 'Q', 51: 'H' }
const utf8 = new TextDecoder('utf-8', { fatal: true })

/** Printable text of symbol data: UTF-8 when it is valid UTF-8, else Latin-1. */
export function payloadText(data: Uint8Array): string {
  try {
    return utf8.decode(data)
  } catch {
    return Buffer.from(data).toString('latin1')
  }
}

interface Symbol {
  size: number
  /** QR version 1–40, or Micro QR M1–M4 as 1–4. */
  version: number
  modules: Uint8Array
}

/** (pL + pH × 256) each function takes: [min, max] (<Function 165> … <Function 182> [Range]). */
const PARAM_COUNT: Record<number, [number, number]> = { 65: [4, 4], 67: [3, 3], 69: [3, 3], 80: [4, 7092], 81: [3, 3], 82: [3, 3] }

function encodeModel2(data: Uint8Array, level: 'L' | 'M' | 'Q' | 'H'): Symbol {
  let ascii = true
  for (const b of data) if (b < 0x20 || b > 0x7e) ascii = false
  const input = ascii ? Buffer.from(data).toString('latin1') : [{ data: Uint8Array.from(data), mode: 'byte' as const }]
  const qr = QRCode.create(input as string, { errorCorrectionLevel: level })
  return { size: qr.modules.size, version: qr.version, modules: qr.modules.data }
}

/** Micro QR (ISO/IEC 18004 M1–M4), smallest version for the level; bwip-js takes the bytes as Latin-1 characters. */
function encodeMicro(data: Uint8Array, level: 'L' | 'M' | 'Q' | 'H'): Symbol {
  const out = bwipjs.raw('microqrcode', Buffer.from(data).toString('latin1'), { eclevel: level } as never) as Array<{ pixs: number[]; pixx: number }>
  const sym = out[0]!
  return { size: sym.pixx, version: (sym.pixx - 9) / 2, modules: Uint8Array.from(sym.pixs) }
}

const MODEL_NAME: Record<number, string> = { 1: 'model 1', 2: 'model 2', 3: 'Micro QR' }

/** Executes `GS ( k` with cn 49; bytes [s, e) hold the whole command, cn and fn included (the dispatcher checked). */
export function qrCommand(it: Interpreter, buf: Uint8Array, s: number, e: number): void {
  const count = e - s - 5
  const fn = buf[s + 6]!
  const range = PARAM_COUNT[fn]
  if (!range) return it.warn(`GS ( k: QR Code function ${fn} not supported: ignored`)
  if (count < range[0] || count > range[1]) {
    return it.warn(`GS ( k: QR Code function ${fn} needs (pL + pH × 256) = ${range[0]}${range[1] > range[0] ? `–${range[1]}` : ''}, got ${count}: ignored`)
  }
  const st = it.st
  const n = buf[s + 7]!
  switch (fn) {
    case 65:
      if (n === 49 || n === 50 || n === 51) st.qrModel = n - 48
      else it.warn(`GS ( k: QR Code model n1 = ${n} out of range (49–51): ignored`)
      return
    case 67:
      if (n >= 1 && n <= 16) st.qrModule = n
      else it.warn(`GS ( k: QR Code module size ${n} out of range 1–16: ignored`)
      return
    case 69:
      if (EC[n]) st.qrError = EC[n]
      else it.warn(`GS ( k: QR Code error correction level ${n} out of range (48–51): ignored`)
      return
    case 80:
      // m (48) then k = (pL + pH × 256) − 3 data bytes, at least one.
      if (n !== 48) return it.warn(`GS ( k: QR Code store with m = ${n} (not 48): ignored`)
      st.qrData = buf.slice(s + 8, e)
      return
    case 81:
      if (n !== 48) return it.warn(`GS ( k: QR Code print with m = ${n} (not 48): ignored`)
      return printQr(it)
    case 82: {
      if (n !== 48) return it.warn(`GS ( k: QR Code size request with m = ${n} (not 48): ignored`)
      // Size reply; layout after Epson's 2D-code size replies (header 37h 76h …). GUESS, unverified.
      const sym = st.qrModel === 1 ? undefined : tryEncode(it, false)
      const w = sym ? sym.size * st.qrModule : 0
      // "Other information": 30h printing possible, 31h impossible (no data, too large, wider than the print area).
      const ok = sym !== undefined && w <= it.areaWidth
      const digits = (v: number): number[] => [...String(v)].map((c) => c.charCodeAt(0))
      it.hooks.reply([0x37, 0x76, ...digits(w), 0x1f, ...digits(w), 0x1f, ok ? 0x30 : 0x31, 0x00])
      return
    }
  }
}

function tryEncode(it: Interpreter, warn = true): Symbol | undefined {
  const data = it.st.qrData
  if (!data || data.length === 0) return undefined
  try {
    return it.st.qrModel === 3 ? encodeMicro(data, it.st.qrError) : encodeModel2(data, it.st.qrError)
  } catch (err) {
    if (warn) it.warn(`GS ( k: QR Code ${MODEL_NAME[it.st.qrModel]} data (${data.length} bytes, level ${it.st.qrError}) cannot be encoded: ${String((err as Error).message ?? err).split('\n')[0]}: not printed`)
    return undefined
  }
}

function printQr(it: Interpreter): void {
  const st = it.st
  if (!st.qrData || st.qrData.length === 0) return it.warn('GS ( k: QR Code print with no stored data: nothing printed')
  if (st.qrModel === 1) return it.warn('GS ( k: QR Code model 1 selected (fn 65): no encoder for model 1 symbols: not printed')
  const sym = tryEncode(it)
  if (!sym) return
  const m = st.qrModule
  const size = sym.size * m
  const area = it.areaWidth
  // <Function 181> Notes: a symbol larger than the print area cannot be printed.
  if (size > area) return it.warn(`GS ( k: QR Code symbol is ${size} dots wide, more than the print area (${area} dots): not printed`)
  const { x, y } = it.placeBlock(size, size, (x, y) => {
    for (let r = 0; r < sym.size; r++) {
      for (let c = 0; c < sym.size; c++) {
        if (sym.modules[r * sym.size + c]) it.page.fillRect(x + c * m, y + r * m, m, m)
      }
    }
  })
  it.log.qr.push({
    data: payloadText(st.qrData),
    model: st.qrModel,
    moduleSize: m,
    errorLevel: st.qrError,
    x,
    y,
    size,
    version: sym.version,
  })
}
