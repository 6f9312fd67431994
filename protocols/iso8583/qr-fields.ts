import { luhnValid } from '../checks/luhn.js'
import { fromMinorUnits, toMinorUnits } from '../emv/currency.js'
import type { PayloadCheck } from '../emv/check-payload.js'
import type { PaymentRequest } from '../emv/mpm.js'
import type { PayloadIssue } from '../emv/validate.js'
import { ASCII, decodeMessage, encodeMessage } from './codec.js'
import { Iso8583Error } from './errors.js'
import { fromDe7 } from './time.js'

/**
 * QR payload profile `iso8583-fields`: the patent's seven fields as an ISO 8583 0200 message
 * in the all-ASCII layout (MTI, 16 hex bitmap characters, ASCII fields): DE2 PAN, DE3
 * processing code, DE4 amount in minor units, DE7 transmission time, DE18 merchant type,
 * DE41 terminal id, DE49 currency, plus DE62 the reference label the host looks it up by.
 */
export const QR_FIELDS = [2, 3, 4, 7, 18, 41, 49, 62] as const

/** Recognises the profile by its start: MTI 0200 then a hex bitmap. */
export function looksLikeIsoFields(payload: string): boolean {
  return /^0200[0-9A-Fa-f]{16}/.test(payload)
}

export function encodeIsoFieldsPayload(req: PaymentRequest): string {
  const minor = toMinorUnits(req.amount, req.currency)
  if (minor === undefined) throw new RangeError(`amount ${req.amount} is not valid for currency ${req.currency}`)
  const fields: Record<number, string> = {
    2: req.pan,
    3: req.processingCode,
    4: String(minor).padStart(12, '0'),
    7: req.transmissionTime,
    18: req.merchantType,
    41: req.terminalId.padEnd(8, ' '),
    49: req.currency,
    62: req.reference,
  }
  return encodeMessage({ mti: '0200', fields }, ASCII).toString('utf8')
}

/** Validates an iso8583-fields payload; undefined when the text is not of this profile. */
export function checkIsoFieldsPayload(payload: string): PayloadCheck | undefined {
  if (!looksLikeIsoFields(payload)) return undefined
  const errors: PayloadIssue[] = []
  const warnings: PayloadIssue[] = []
  const out = (values: Record<string, string>, request: Partial<PaymentRequest>): PayloadCheck => ({
    kind: 'iso8583-fields',
    valid: errors.length === 0,
    errors,
    warnings,
    values,
    request,
  })
  let fields: Record<number, string>
  try {
    fields = decodeMessage(Buffer.from(payload, 'utf8'), ASCII).fields
  } catch (err) {
    const e = err as Iso8583Error
    errors.push({ code: `iso8583-${e.code ?? 'structure'}`, message: e.message, ...(e.field ? { field: `DE${e.field}` } : {}) })
    return out({}, {})
  }
  const values: Record<string, string> = { MTI: '0200' }
  for (const [n, v] of Object.entries(fields)) values[`DE${n}`] = v
  for (const n of QR_FIELDS) {
    if (fields[n] === undefined) errors.push({ code: 'missing-field', field: `DE${n}`, message: `DE${n} is mandatory in the iso8583-fields profile` })
  }
  for (const n of Object.keys(fields).map(Number)) {
    if (!(QR_FIELDS as readonly number[]).includes(n)) warnings.push({ code: 'extra-field', field: `DE${n}`, message: `DE${n} is not part of the iso8583-fields profile` })
  }
  const pan = fields[2]
  if (pan !== undefined && !(pan.length >= 12 && luhnValid(pan))) errors.push({ code: 'luhn', field: 'DE2', message: 'DE2 (PAN) must be 12-19 digits passing the Luhn check' })
  const de7 = fields[7]
  if (de7 !== undefined && Number.isNaN(fromDe7(de7, Date.UTC(2000, 5, 15)))) {
    errors.push({ code: 'format', field: 'DE7', message: `DE7 ${de7} is not a valid MMDDhhmmss date and time` })
  }
  const currency = fields[49]
  const minor = fields[4]
  if (minor !== undefined && Number(minor) === 0) errors.push({ code: 'format', field: 'DE4', message: 'DE4 (amount) must be greater than zero' })
  const ref = fields[62]
  if (ref !== undefined && (ref.length === 0 || ref.length > 25)) errors.push({ code: 'length', field: 'DE62', message: 'DE62 (reference label) must be 1-25 characters' })
  return out(values, {
    pan,
    processingCode: fields[3],
    amount: minor !== undefined && currency !== undefined ? fromMinorUnits(Number(minor), currency) : undefined,
    transmissionTime: de7,
    merchantType: fields[18],
    terminalId: fields[41]?.trimEnd(),
    currency,
    reference: ref,
  })
}
