import { parseMpm } from '../../protocols/emv/mpm.js'
import type { PrintedSegment } from '../../emulators/printer/index.js'
import { decodeQrFromBitmap } from '../capture/decode-qr.js'

/** What `expect.receipt` asks of one printed segment. */
export interface ReceiptSpec {
  /** Each must appear in the printed text (runs of spaces count as one). */
  text?: string[]
  /** None may appear. */
  notText?: string[]
  /** Cut that ended the segment. */
  cut?: 'full' | 'partial' | 'none' | 'any'
  qr?: QrSpec
  /** The segment must carry no QR symbol. */
  noQr?: boolean
}

export interface QrSpec {
  /** Number of symbols decoded from the pixels. Default: at least one. */
  count?: number
  /** Exact decoded text of the first symbol. */
  text?: string
  /** Expected payload profile of the first symbol. */
  payload?: 'emv-mpm' | 'any'
  /** 'valid': the EMV CRC (tag 63) must check. */
  crc?: 'valid' | 'any'
  /** EMV values by id ("54", "62.05") that must equal these. */
  fields?: Record<string, string | number>
  /** Module size in dots, as measured by the print log. */
  moduleSize?: number
}

/** What the step saves under `as:` and the report shows. */
export interface ReceiptSeenRecord {
  index: number
  lines: string[]
  cut: string
  /** Decoded texts of the QR symbols, from the pixels, top to bottom. */
  qrs: string[]
  /** First symbol's text, or undefined. */
  qr?: string
  /** EMV values of the first symbol when it is an MPM payload. */
  fields?: Record<string, string>
  crcValid?: boolean
  reference?: string
  amount?: string
}

export const EMV_FIELD_NAMES: Record<string, string> = {
  '00': 'payload format indicator',
  '01': 'point of initiation',
  '26.01': 'merchant PAN',
  '52': 'merchant category code',
  '53': 'transaction currency',
  '54': 'transaction amount',
  '58': 'country code',
  '59': 'merchant name',
  '60': 'merchant city',
  '62.05': 'reference label',
  '62.07': 'terminal label',
  '63': 'CRC',
  '80.01': 'processing code',
  '80.02': 'transmission date and time',
}

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim()

/** Reads a segment the way a scanner and a reader would: text from the print log, QR from the pixels. */
export function readSegment(segment: PrintedSegment): ReceiptSeenRecord {
  const regions = segment.qr.map((q) => ({ x: q.x, y: q.y, size: q.size }))
  const qrs = decodeQrFromBitmap(segment.raster, regions).sort((a, b) => a.location.y - b.location.y).map((d) => d.text)
  const record: ReceiptSeenRecord = { index: segment.index, lines: segment.lines.map((l) => l.text), cut: segment.cut, qrs, qr: qrs[0] }
  if (qrs[0] !== undefined) {
    try {
      const parsed = parseMpm(qrs[0])
      record.fields = parsed.values
      record.crcValid = parsed.crcValid
      record.reference = parsed.values['62.05']
      record.amount = parsed.values['54']
    } catch {
      // not an EMV payload; `payload: emv-mpm` reports it
    }
  }
  return record
}

/** Every way the segment differs from the spec, each naming the expected and the actual value. */
export function checkReceipt(segment: PrintedSegment, seen: ReceiptSeenRecord, spec: ReceiptSpec): string[] {
  const problems: string[] = []
  const printed = squash(seen.lines.join('\n'))
  for (const want of spec.text ?? []) {
    if (!printed.includes(squash(String(want)))) problems.push(`text ${JSON.stringify(want)} not printed; printed lines: ${JSON.stringify(seen.lines.slice(0, 40))}`)
  }
  for (const bad of spec.notText ?? []) {
    if (printed.includes(squash(String(bad)))) problems.push(`text ${JSON.stringify(bad)} printed but must not be`)
  }
  if (spec.cut && spec.cut !== 'any' && spec.cut !== segment.cut) problems.push(`cut: expected ${spec.cut}, actual ${segment.cut}`)
  if (spec.noQr && (seen.qrs.length > 0 || segment.qr.length > 0)) problems.push(`expected no QR symbol, found ${Math.max(seen.qrs.length, segment.qr.length)}`)
  if (spec.qr) problems.push(...checkQr(segment, seen, spec.qr))
  return problems
}

function checkQr(segment: PrintedSegment, seen: ReceiptSeenRecord, spec: QrSpec): string[] {
  const problems: string[] = []
  if (spec.count !== undefined ? seen.qrs.length !== spec.count : seen.qrs.length === 0) {
    const logged = segment.qr.length
    problems.push(
      `QR symbols decoded from the printed pixels: expected ${spec.count ?? 'at least 1'}, actual ${seen.qrs.length}` +
        (logged > seen.qrs.length ? ` (the printer's log shows ${logged} symbol(s) printed that do not decode)` : ''),
    )
    if (seen.qrs.length === 0) return problems
  }
  const first = seen.qrs[0]!
  if (spec.text !== undefined && first !== spec.text) problems.push(`QR text: expected ${JSON.stringify(spec.text)}, actual ${JSON.stringify(first)}`)
  const needsEmv = spec.payload === 'emv-mpm' || spec.crc === 'valid' || spec.fields !== undefined
  if (needsEmv && !seen.fields) problems.push(`QR payload is not EMVCo MPM TLV: ${JSON.stringify(first.slice(0, 60))}`)
  if (spec.crc === 'valid' && seen.fields && !seen.crcValid) problems.push(`QR CRC (tag 63): expected a valid CRC-16/CCITT-FALSE, actual ${seen.fields['63'] ?? 'missing'}`)
  for (const [id, want] of Object.entries(spec.fields ?? {})) {
    const actual = seen.fields?.[id]
    if (seen.fields && actual !== String(want)) {
      const label = EMV_FIELD_NAMES[id] ? ` (${EMV_FIELD_NAMES[id]})` : ''
      problems.push(`QR field ${id}${label}: expected ${JSON.stringify(String(want))}, actual ${actual === undefined ? 'missing' : JSON.stringify(actual)}`)
    }
  }
  if (spec.moduleSize !== undefined) {
    const size = segment.qr[0]?.moduleSize
    if (size !== spec.moduleSize) problems.push(`QR module size: expected ${spec.moduleSize} dots, actual ${size ?? 'unknown'}`)
  }
  return problems
}
