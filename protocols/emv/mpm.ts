import { crc16Hex } from '../checks/crc16.js'
import { encodeTlv, parseTlv, tlv, type TlvField } from './tlv.js'

/** The transaction the device turns into a payment QR: the patent's seven fields plus labels. */
export interface PaymentRequest {
  /** Primary account number of the merchant (ISO 8583 DE2). */
  pan: string
  /** Processing code, n6 (DE3). "000000" is a purchase. */
  processingCode: string
  /** Amount in major units as printed, e.g. "12.30" (DE4 carries it in minor units). */
  amount: string
  /** Transmission date and time, MMDDhhmmss GMT (DE7). */
  transmissionTime: string
  /** Merchant type / MCC, n4 (DE18). */
  merchantType: string
  /** Card acceptor terminal id, ans8 (DE41). */
  terminalId: string
  /** ISO 4217 numeric currency, n3 (DE49). */
  currency: string
  /** Reference label (62/05): what the host uses to find the transaction. */
  reference: string
  merchantName?: string
  merchantCity?: string
  /** ISO 3166 alpha-2. */
  country?: string
}

/** Globally unique ids of this project's templates (reverse-domain form, as EMVCo allows). */
export const ACCOUNT_GUI = 'cn.qrreceipt.pay'
export const TXN_GUI = 'cn.qrreceipt.txn'

/**
 * Builds a dynamic EMVCo MPM payload: PAN in merchant account template 26, MCC (52),
 * currency (53), amount (54), reference and terminal labels in 62, processing code
 * and transmission time in unreserved template 80, CRC (63) last.
 */
export function encodeMpm(req: PaymentRequest): string {
  const body = encodeTlv([
    ['00', '01'],
    ['01', '12'],
    ['26', encodeTlv([['00', ACCOUNT_GUI], ['01', req.pan]])],
    ['52', req.merchantType],
    ['53', req.currency],
    ['54', req.amount],
    ['58', req.country],
    ['59', req.merchantName],
    ['60', req.merchantCity],
    ['62', encodeTlv([['05', req.reference], ['07', req.terminalId]])],
    ['80', encodeTlv([['00', TXN_GUI], ['01', req.processingCode], ['02', req.transmissionTime]])],
  ])
  return withCrc(body)
}

/** Appends "6304" and the CRC computed over everything before it, including "6304". */
export function withCrc(body: string): string {
  const head = body + '6304'
  return head + crc16Hex(head)
}

export interface MpmParse {
  fields: TlvField[]
  /** Top-level values by id, templates flattened as "26.01", "62.05". */
  values: Record<string, string>
  crcValid: boolean
}

const TEMPLATE_IDS = (id: number): boolean => (id >= 26 && id <= 51) || id === 62 || id === 64 || id >= 80

/** Parses an MPM payload (throws TlvError on broken structure) and checks its CRC. */
export function parseMpm(payload: string): MpmParse {
  const fields = parseTlv(payload)
  const values: Record<string, string> = {}
  for (const f of fields) {
    values[f.id] = f.value
    if (TEMPLATE_IDS(Number(f.id))) {
      try {
        for (const sub of parseTlv(f.value, f.offset + 4)) values[`${f.id}.${sub.id}`] = sub.value
      } catch {
        // a template that is not TLV inside is reported by the validator, not here
      }
    }
  }
  const last = fields[fields.length - 1]
  const crcValid =
    last !== undefined && last.id === '63' && last.value.length === 4 && crc16Hex(payload.slice(0, last.offset + 4)) === last.value
  return { fields, values, crcValid }
}

/** Reads the payment request back out of a payload built by encodeMpm. */
export function mpmToRequest(values: Record<string, string>): Partial<PaymentRequest> {
  return {
    pan: values['26.01'],
    processingCode: values['80.01'],
    amount: values['54'],
    transmissionTime: values['80.02'],
    merchantType: values['52'],
    terminalId: values['62.07'],
    currency: values['53'],
    reference: values['62.05'],
    merchantName: values['59'],
    merchantCity: values['60'],
    country: values['58'],
  }
}

export { tlv }
