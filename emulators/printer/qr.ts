/**
 * GS ( k cn=49: QR Code. `1D 28 6B pL pH 31 fn …` — fn 65 model, 67 module size, 69 error
 * level, 80 store, 81 print, 82 transmit size. Symbols are encoded by the `qrcode` package
 * (automatic mode selection, smallest version, as printers do) and drawn without quiet zone.
 */
import QRCode from 'qrcode'
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
  version: number
  modules: Uint8Array
}

function encode(data: Uint8Array, level: 'L' | 'M' | 'Q' | 'H'): Symbol {
  let ascii = true
  for (const b of data) if (b < 0x20 || b > 0x7e) ascii = false
  const input = ascii ? Buffer.from(data).toString('latin1') : [{ data: Uint8Array.from(data), mode: 'byte' as const }]
  const qr = QRCode.create(input as string, { errorCorrectionLevel: level })
  return { size: qr.modules.size, version: qr.version, modules: qr.modules.data }
}

/** Executes `GS ( k` with cn 49; bytes [s, e) hold the whole command. */
export function qrCommand(it: Interpreter, buf: Uint8Array, s: number, e: number): void {
  const fn = buf[s + 6]
  const st = it.st
  switch (fn) {
    case 65: {
      const n1 = buf[s + 7]
      if (n1 === 49 || n1 === 50) st.qrModel = n1 - 48
      else if (n1 === 51) st.qrModel = 3 // micro QR
      else it.warn(`GS ( k QR model ${n1} out of range`)
      return
    }
    case 67: {
      const n = buf[s + 7] ?? 0
      if (n >= 1 && n <= 16) st.qrModule = n
      else it.warn(`GS ( k QR module size ${n} out of range 1–16`)
      return
    }
    case 69: {
      const level = EC[buf[s + 7] ?? 0]
      if (level) st.qrError = level
      else it.warn(`GS ( k QR error correction ${buf[s + 7]} out of range`)
      return
    }
    case 80:
      // m (48) then the data: k = pL + pH*256 - 3.
      st.qrData = buf.slice(s + 8, e)
      return
    case 81:
      printQr(it)
      return
    case 82: {
      // Size reply; layout after Epson's 2D-code size replies (header 37h 76h …). GUESS, unverified.
      const sym = tryEncode(it)
      const w = sym ? sym.size * st.qrModule : 0
      const digits = (n: number): number[] => [...String(n)].map((c) => c.charCodeAt(0))
      it.hooks.reply([0x37, 0x76, ...digits(w), 0x1f, ...digits(w), 0x1f, sym ? 0x30 : 0x31, 0x00])
      return
    }
    default:
      it.warn(`GS ( k QR function ${fn} not supported`)
  }
}

function tryEncode(it: Interpreter): Symbol | undefined {
  const data = it.st.qrData
  if (!data || data.length === 0) return undefined
  try {
    return encode(data, it.st.qrError)
  } catch (err) {
    it.warn(`QR data cannot be encoded: ${(err as Error).message}`)
    return undefined
  }
}

function printQr(it: Interpreter): void {
  const st = it.st
  if (!st.qrData || st.qrData.length === 0) {
    it.warn('GS ( k QR print with no stored data')
    return
  }
  const sym = tryEncode(it)
  if (!sym) return
  if (st.qrModel !== 2) it.warn(`QR model ${st.qrModel} printed as model 2 (the encoder has no other model)`)
  const m = st.qrModule
  const size = sym.size * m
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
