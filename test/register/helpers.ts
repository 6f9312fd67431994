/**
 * Test-side tools, independent of the register's own code: a small ESC/POS text decoder
 * (framing from protocols/escpos/framing.ts, text through iconv-lite) and a display-width
 * function for CJK text.
 */
import iconv from 'iconv-lite'
import { frames } from '../../protocols/escpos/framing.js'

/** ESC t n tables from the Epson reference (reference/escpos.md): 0 PC437, 2 PC850, 16 WPC1252. */
const TABLES: Record<number, string> = { 0: 'cp437', 2: 'cp850', 16: 'cp1252' }

export interface PrintedLine {
  text: string
  bold: boolean
  /** GS ! width multiplier. */
  width: number
  align: number
}

export interface DecodedReceipt {
  lines: PrintedLine[]
  /** GS V m seen at the end, or undefined when the stream ended without a cut. */
  cut?: number
}

export interface DecodeOptions {
  /** The double-byte encoding used under FS &: 'gb18030' or 'big5'. Default 'gb18030'. */
  doubleByte?: string
  /** The printer powers on (and resets) in Chinese mode. Default false. */
  chineseAtPowerOn?: boolean
}

export interface Decoded {
  receipts: DecodedReceipt[]
  /** Names of every command, in order. */
  commands: string[]
  /** Every ESC t n parameter seen. */
  tables: number[]
}

export function decodeEscPos(bytes: Buffer, options: DecodeOptions = {}): Decoded {
  const doubleByte = options.doubleByte ?? 'gb18030'
  const powerOn = options.chineseAtPowerOn ?? false
  const out: Decoded = { receipts: [], commands: [], tables: [] }
  let table = 'cp437'
  let chinese = powerOn
  let bold = false
  let width = 1
  let align = 0
  let lineAlign = 0
  let pending: Buffer[] = []
  let current: DecodedReceipt = { lines: [] }
  const endLine = (force: boolean): void => {
    if (!force && pending.length === 0) return
    const raw = Buffer.concat(pending)
    pending = []
    current.lines.push({ text: iconv.decode(raw, chinese ? doubleByte : table), bold, width, align: lineAlign })
  }
  for (const f of frames(bytes)) {
    if (f.kind === 'need') throw new Error(`stream ends inside a command at byte ${f.start}`)
    const b = bytes.subarray(f.start, f.end)
    if (f.kind === 'text') {
      if (pending.length === 0) lineAlign = align
      pending.push(b)
      continue
    }
    out.commands.push(f.name)
    switch (f.name) {
      case 'LF':
        if (pending.length === 0) lineAlign = align
        endLine(true)
        break
      case 'ESC @':
        table = 'cp437'
        chinese = powerOn
        bold = false
        width = 1
        align = 0
        break
      case 'ESC t':
        out.tables.push(b[2]!)
        table = TABLES[b[2]!] ?? `unknown-table-${b[2]}`
        break
      case 'ESC E':
        bold = (b[2]! & 1) === 1
        break
      case 'ESC a':
        align = b[2]! % 48
        break
      case 'GS !':
        width = (b[2]! >> 4) + 1
        break
      case 'FS &':
        chinese = true
        break
      case 'FS .':
        chinese = false
        break
      case 'ESC d':
        endLine(false)
        break
      case 'GS V':
        endLine(false)
        current.cut = b[2]!
        out.receipts.push(current)
        current = { lines: [] }
        break
    }
  }
  endLine(false)
  if (current.lines.length > 0) out.receipts.push(current)
  return out
}

/** Columns a character takes: 2 for CJK ideographs, full-width forms and CJK punctuation, else 1. */
export function displayWidth(text: string): number {
  let w = 0
  for (const ch of text) {
    const cp = ch.codePointAt(0)!
    const wide =
      (cp >= 0x2e80 && cp <= 0x9fff) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6)
    w += wide ? 2 : 1
  }
  return w
}

/** Runs of spaces folded to one and ends trimmed: how expectations write printed lines. */
export function collapse(text: string): string {
  return text.replace(/ {2,}/g, ' ').trim()
}
