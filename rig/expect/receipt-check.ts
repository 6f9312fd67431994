import { mpmToRequest, parseMpm, type PaymentRequest } from '../../protocols/emv/mpm.js'
import { checkIsoFieldsPayload, looksLikeIsoFields } from '../../protocols/iso8583/qr-fields.js'
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
  payload?: 'emv-mpm' | 'iso8583-fields' | 'any'
  /** 'valid': the EMV CRC (tag 63) must check. */
  crc?: 'valid' | 'any'
  /**
   * Values that must equal these: EMV ids ("54", "62.05") of an MPM payload, data elements
   * ("DE4", "DE62") of an iso8583-fields payload, or, for either profile, the payment
   * request's names (amount, currency, reference, terminalId, pan, processingCode,
   * merchantType, transmissionTime), so one check fits both profiles.
   */
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
  /** Profile of the first symbol, when it is one the rig reads. */
  payload?: 'emv-mpm' | 'iso8583-fields'
  /** Values of the first symbol: EMV ids of an MPM payload, "MTI" and "DE<n>" of an iso8583-fields payload. */
  fields?: Record<string, string>
  /** The payment request the first symbol carries (amount in major units), whatever its profile. */
  request?: Partial<PaymentRequest>
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

/** The data elements of the iso8583-fields profile (protocols/iso8583/qr-fields.ts). */
export const ISO_FIELD_NAMES: Record<string, string> = {
  DE2: 'primary account number',
  DE3: 'processing code',
  DE4: 'amount in minor units',
  DE7: 'transmission date and time',
  DE18: 'merchant type',
  DE41: 'terminal id',
  DE49: 'currency code',
  DE62: 'reference label',
}

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim()

/** Reads a segment the way a scanner and a reader would: text from the print log, QR from the pixels. */
export function readSegment(segment: PrintedSegment): ReceiptSeenRecord {
  const regions = segment.qr.map((q) => ({ x: q.x, y: q.y, size: q.size }))
  const qrs = decodeQrFromBitmap(segment.raster, regions).sort((a, b) => a.location.y - b.location.y).map((d) => d.text)
  const record: ReceiptSeenRecord = { index: segment.index, lines: segment.lines.map((l) => l.text), cut: segment.cut, qrs, qr: qrs[0] }
  const first = qrs[0]
  if (first !== undefined && looksLikeIsoFields(first)) {
    const check = checkIsoFieldsPayload(first)!
    if (Object.keys(check.values).length > 0) {
      record.payload = 'iso8583-fields'
      record.fields = check.values
      record.request = check.request
      record.reference = check.request.reference
      record.amount = check.request.amount
    }
  } else if (first !== undefined) {
    try {
      const parsed = parseMpm(first)
      record.payload = 'emv-mpm'
      record.fields = parsed.values
      record.request = mpmToRequest(parsed.values)
      record.crcValid = parsed.crcValid
      record.reference = parsed.values['62.05']
      record.amount = parsed.values['54']
    } catch {
      // not an EMV payload; `payload: emv-mpm` reports it
    }
  }
  return record
}

/** Profile-neutral names `fields` accepts besides EMV ids and data elements. */
const REQUEST_NAMES = new Set(['pan', 'processingCode', 'amount', 'transmissionTime', 'merchantType', 'terminalId', 'currency', 'reference'])

function fieldValue(seen: ReceiptSeenRecord, id: string): string | undefined {
  if (REQUEST_NAMES.has(id)) return seen.request?.[id as keyof PaymentRequest]
  return seen.fields?.[id]
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
  if (spec.payload !== undefined && !['emv-mpm', 'iso8583-fields', 'any'].includes(spec.payload)) {
    problems.push(`qr.payload must be emv-mpm, iso8583-fields or any; got ${JSON.stringify(spec.payload)}`)
  }
  const needsEmv = spec.payload === 'emv-mpm' || spec.crc === 'valid'
  if (needsEmv && seen.payload !== 'emv-mpm') problems.push(`QR payload is not EMVCo MPM TLV: ${JSON.stringify(first.slice(0, 60))}`)
  if (spec.payload === 'iso8583-fields' && seen.payload !== 'iso8583-fields') {
    problems.push(`QR payload is not an iso8583-fields message (MTI 0200, hex bitmap, ASCII fields): ${JSON.stringify(first.slice(0, 60))}`)
  }
  if (!needsEmv && spec.payload !== 'iso8583-fields' && spec.fields !== undefined && !seen.fields) {
    problems.push(`QR payload is neither EMVCo MPM TLV nor iso8583-fields: ${JSON.stringify(first.slice(0, 60))}`)
  }
  if (spec.crc === 'valid' && seen.payload === 'emv-mpm' && !seen.crcValid) problems.push(`QR CRC (tag 63): expected a valid CRC-16/CCITT-FALSE, actual ${seen.fields?.['63'] ?? 'missing'}`)
  for (const [id, want] of Object.entries(spec.fields ?? {})) {
    const actual = fieldValue(seen, id)
    if (seen.fields && actual !== String(want)) {
      const label = EMV_FIELD_NAMES[id] ? ` (${EMV_FIELD_NAMES[id]})` : ISO_FIELD_NAMES[id] ? ` (${ISO_FIELD_NAMES[id]})` : ''
      problems.push(`QR field ${id}${label}: expected ${JSON.stringify(String(want))}, actual ${actual === undefined ? 'missing' : JSON.stringify(actual)}`)
    }
  }
  if (spec.moduleSize !== undefined) {
    const size = segment.qr[0]?.moduleSize
    if (size !== spec.moduleSize) problems.push(`QR module size: expected ${spec.moduleSize} dots, actual ${size ?? 'unknown'}`)
  }
  return problems
}
