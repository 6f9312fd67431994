import { crc16Hex } from '../checks/crc16.js'
import { luhnValid } from '../checks/luhn.js'
import { currencyExponent } from './currency.js'
import { ACCOUNT_GUI, mpmToRequest, type PaymentRequest } from './mpm.js'
import { parseTlv, TlvError, type TlvField } from './tlv.js'

/**
 * EMVCo QR Code Specification for Payment Systems, Merchant-Presented Mode: a validator
 * that checks what a consumer's wallet would check before paying: TLV structure and
 * lengths, field order and uniqueness, mandatory fields, formats, templates, the CRC,
 * and the Luhn digit of a PAN carried in this project's merchant account template.
 * Rules follow the EMVCo MPM spec v1.1 data-object table (as quoted in the KHQR spec
 * pages and in mvallim/emv-qrcode's validators).
 */
export interface PayloadIssue {
  /** Stable machine-readable code, e.g. "crc-mismatch", "missing-field". */
  code: string
  message: string
  /** EMV id ("54") or "62.05" for template sub-fields. */
  field?: string
}

export interface MpmValidation {
  valid: boolean
  errors: PayloadIssue[]
  /** Departures that deployed schemes make and wallets accept (e.g. PromptPay omits 52, 59, 60). */
  warnings: PayloadIssue[]
  fields: TlvField[]
  /** Top-level values by id and template sub-values as "62.05". */
  values: Record<string, string>
  /** The payment request this project's device encodes (see encodeMpm). */
  request: Partial<PaymentRequest>
}

export interface MpmValidateOptions {
  /** Treat the spec's mandatory 52, 58, 59, 60 as errors rather than warnings. Default false. */
  strict?: boolean
}

const ANS = /^[\x20-\x7e]*$/
const MERCHANT_ACCOUNT = (n: number): boolean => n >= 2 && n <= 51
const TEMPLATE = (n: number): boolean => (n >= 26 && n <= 51) || n === 62 || n === 64 || n >= 80

export function validateMpm(payload: string, options: MpmValidateOptions = {}): MpmValidation {
  const errors: PayloadIssue[] = []
  const warnings: PayloadIssue[] = []
  const values: Record<string, string> = {}
  const out = (): MpmValidation => ({ valid: errors.length === 0, errors, warnings, fields, values, request: mpmToRequest(values) })
  let fields: TlvField[] = []
  if (payload.length === 0) {
    errors.push({ code: 'empty', message: 'the payload is empty' })
    return out()
  }
  try {
    fields = parseTlv(payload)
  } catch (err) {
    errors.push({ code: 'tlv-structure', message: (err as TlvError).message })
    return out()
  }
  for (const f of fields) values[f.id] = f.value

  checkOrderAndUniqueness(fields, errors)
  checkCrc(payload, fields, errors)
  const ids = new Set(fields.map((f) => f.id))
  for (const f of fields) checkTopLevel(f, errors, warnings, values)
  if (![...ids].some((id) => MERCHANT_ACCOUNT(Number(id)))) {
    errors.push({ code: 'missing-field', message: 'no merchant account information (ids 02-51): at least one is mandatory' })
  }
  const mandatory: Array<[string, string, boolean]> = [
    ['52', 'merchant category code', false],
    ['53', 'transaction currency', true],
    ['58', 'country code', false],
    ['59', 'merchant name', false],
    ['60', 'merchant city', false],
  ]
  for (const [id, name, always] of mandatory) {
    if (ids.has(id)) continue
    const issue = { code: 'missing-field', field: id, message: `field ${id} (${name}) is mandatory in EMVCo MPM but absent` }
    if (always || options.strict) errors.push(issue)
    else warnings.push(issue)
  }
  checkAmountAndFees(values, ids, errors)
  return out()
}

function checkOrderAndUniqueness(fields: TlvField[], errors: PayloadIssue[]): void {
  const seen = new Set<string>()
  for (const f of fields) {
    if (seen.has(f.id)) errors.push({ code: 'duplicate-field', field: f.id, message: `field ${f.id} appears more than once` })
    seen.add(f.id)
  }
  const first = fields[0]
  if (!first || first.id !== '00') errors.push({ code: 'format-indicator', field: '00', message: 'the payload must begin with field 00 (payload format indicator)' })
  else if (first.value !== '01') errors.push({ code: 'format-indicator', field: '00', message: `payload format indicator must be "01", got ${JSON.stringify(first.value)}` })
}

function checkCrc(payload: string, fields: TlvField[], errors: PayloadIssue[]): void {
  const last = fields[fields.length - 1]!
  if (last.id !== '63') {
    errors.push({ code: 'crc-missing', field: '63', message: 'the payload must end with field 63 (CRC)' })
    return
  }
  if (!/^[0-9A-F]{4}$/.test(last.value)) {
    errors.push({ code: 'crc-format', field: '63', message: `CRC must be 4 uppercase hex digits, got ${JSON.stringify(last.value)}` })
    return
  }
  const expected = crc16Hex(payload.slice(0, last.offset + 4))
  if (expected !== last.value) {
    errors.push({ code: 'crc-mismatch', field: '63', message: `CRC is ${last.value} but the payload hashes to ${expected}` })
  }
}

function checkTopLevel(f: TlvField, errors: PayloadIssue[], warnings: PayloadIssue[], values: Record<string, string>): void {
  const id = Number(f.id)
  const v = f.value
  const err = (code: string, message: string): void => void errors.push({ code, field: f.id, message: `field ${f.id}: ${message}` })
  if (f.id !== '64' && !ANS.test(v)) return err('charset', 'only printable ASCII is allowed outside the language template (64)')
  if (v.length === 0) return err('length', 'length 00 is not allowed')
  if (TEMPLATE(id)) return checkTemplate(f, errors, values)
  switch (f.id) {
    case '00':
    case '63':
      return
    case '01':
      if (v !== '11' && v !== '12') err('format', `point of initiation must be "11" (static) or "12" (dynamic), got ${JSON.stringify(v)}`)
      return
    case '52':
      if (!/^\d{4}$/.test(v)) err('format', `merchant category code must be 4 digits, got ${JSON.stringify(v)}`)
      return
    case '53':
      if (!/^\d{3}$/.test(v)) err('format', `currency must be an ISO 4217 numeric code (3 digits), got ${JSON.stringify(v)}`)
      return
    case '54':
    case '55':
    case '56':
    case '57':
      return // checked together in checkAmountAndFees
    case '58':
      if (!/^[A-Z]{2}$/.test(v)) err('format', `country must be ISO 3166-1 alpha-2 (two capitals), got ${JSON.stringify(v)}`)
      return
    case '59':
      if (v.length > 25) err('length', `merchant name is ${v.length} characters; at most 25`)
      return
    case '60':
      if (v.length > 15) err('length', `merchant city is ${v.length} characters; at most 15`)
      return
    case '61':
      if (v.length > 10) err('length', `postal code is ${v.length} characters; at most 10`)
      return
  }
  if (MERCHANT_ACCOUNT(id)) return // 02-25: primitive scheme-specific values (ans..99)
  warnings.push({ code: 'reserved-id', field: f.id, message: `field ${f.id} is reserved for future use by EMVCo` })
}

function checkTemplate(f: TlvField, errors: PayloadIssue[], values: Record<string, string>): void {
  const err = (code: string, message: string, field = f.id): void => void errors.push({ code, field, message: `field ${field}: ${message}` })
  let subs: TlvField[]
  try {
    subs = parseTlv(f.value)
  } catch (e) {
    return err('template-structure', `template is not valid TLV: ${(e as Error).message}`)
  }
  const seen = new Set<string>()
  for (const s of subs) {
    const key = `${f.id}.${s.id}`
    if (seen.has(s.id)) err('duplicate-field', 'appears more than once', key)
    seen.add(s.id)
    values[key] = s.value
    if (s.value.length === 0) err('length', 'length 00 is not allowed', key)
  }
  if (f.id === '62') return checkAdditionalData(subs, err)
  if (f.id === '64') return checkLanguage(subs, err)
  // 26-51 and 80-99: sub-field 00 is the globally unique identifier
  const gui = subs.find((s) => s.id === '00')
  if (!gui) return err('missing-field', 'template has no globally unique identifier (sub-field 00)')
  if (gui.value.length > 32) err('length', `globally unique identifier is ${gui.value.length} characters; at most 32`, `${f.id}.00`)
  if (gui.value === ACCOUNT_GUI) {
    const pan = subs.find((s) => s.id === '01')?.value
    if (pan === undefined) err('missing-field', 'merchant account template has no PAN (sub-field 01)', `${f.id}.01`)
    else if (!/^\d{12,19}$/.test(pan)) err('format', `PAN must be 12-19 digits, got ${pan.length} characters`, `${f.id}.01`)
    else if (!luhnValid(pan)) err('luhn', 'PAN fails the Luhn check digit', `${f.id}.01`)
  }
}

type ErrFn = (code: string, message: string, field?: string) => void

function checkAdditionalData(subs: TlvField[], err: ErrFn): void {
  for (const s of subs) {
    const n = Number(s.id)
    const key = `62.${s.id}`
    if (n >= 1 && n <= 8 && s.value.length > 25) err('length', `is ${s.value.length} characters; at most 25`, key)
    if (n === 9 && !/^[AME]{1,3}$/.test(s.value)) err('format', 'consumer data request must be letters from "AME"', key)
    if (n >= 10 && n <= 11 && s.value.length > 25) err('length', `is ${s.value.length} characters; at most 25`, key)
    if (n >= 50) {
      try {
        if (!parseTlv(s.value).some((x) => x.id === '00')) err('missing-field', 'payment system template has no GUI (00)', key)
      } catch (e) {
        err('template-structure', `template is not valid TLV: ${(e as Error).message}`, key)
      }
    }
  }
}

function checkLanguage(subs: TlvField[], err: ErrFn): void {
  const get = (id: string): string | undefined => subs.find((s) => s.id === id)?.value
  const lang = get('00')
  if (lang === undefined) err('missing-field', 'language preference (00) is mandatory', '64.00')
  else if (!/^[a-z]{2}$/i.test(lang)) err('format', 'language preference must be ISO 639 alpha-2', '64.00')
  const name = get('01')
  if (name === undefined) err('missing-field', 'alternate merchant name (01) is mandatory', '64.01')
  else if ([...name].length > 25) err('length', 'alternate merchant name is longer than 25 characters', '64.01')
  const city = get('02')
  if (city !== undefined && [...city].length > 15) err('length', 'alternate merchant city is longer than 15 characters', '64.02')
}

function checkAmountAndFees(values: Record<string, string>, ids: Set<string>, errors: PayloadIssue[]): void {
  const currency = values['53'] ?? ''
  const exp = currencyExponent(currency)
  const amountLike = (id: string, what: string, max = 13): void => {
    const v = values[id]
    if (v === undefined) return
    const m = /^(\d*)(?:\.(\d*))?$/.exec(v)
    if (v.length > max) errors.push({ code: 'length', field: id, message: `field ${id}: ${what} is ${v.length} characters; at most ${max}` })
    else if (!m || !/\d/.test(v)) errors.push({ code: 'format', field: id, message: `field ${id}: ${what} must be digits with an optional "." (got ${JSON.stringify(v)})` })
    else if ((m[2] ?? '').length > exp) {
      errors.push({ code: 'format', field: id, message: `field ${id}: ${what} has ${m[2]!.length} decimals; currency ${currency} allows ${exp}` })
    }
  }
  amountLike('54', 'transaction amount')
  if (values['54'] !== undefined && /^[0.]*$/.test(values['54'])) errors.push({ code: 'format', field: '54', message: 'field 54: transaction amount must be greater than zero' })
  amountLike('56', 'convenience fee (fixed)')
  const tip = values['55']
  if (tip !== undefined && !['01', '02', '03'].includes(tip)) {
    errors.push({ code: 'format', field: '55', message: `field 55: tip or convenience indicator must be 01, 02 or 03, got ${JSON.stringify(tip)}` })
  }
  if (tip === '02' && !ids.has('56')) errors.push({ code: 'missing-field', field: '56', message: 'field 56 (fixed fee) is mandatory when 55 is "02"' })
  if (tip === '03' && !ids.has('57')) errors.push({ code: 'missing-field', field: '57', message: 'field 57 (percentage fee) is mandatory when 55 is "03"' })
  if (ids.has('56') && tip !== '02') errors.push({ code: 'unexpected-field', field: '56', message: 'field 56 is only allowed when 55 is "02"' })
  if (ids.has('57') && tip !== '03') errors.push({ code: 'unexpected-field', field: '57', message: 'field 57 is only allowed when 55 is "03"' })
  const pct = values['57']
  if (pct !== undefined && !(/^\d{1,2}(\.\d{1,2})?$|^100(\.0{1,2})?$/.test(pct) && pct.length <= 5)) {
    errors.push({ code: 'format', field: '57', message: `field 57: percentage fee must be 00.01-99.99 or 100, got ${JSON.stringify(pct)}` })
  }
}
