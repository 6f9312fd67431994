import { encodeMpm, type PaymentRequest } from '../../protocols/emv/mpm.js'
import { encodeIsoFieldsPayload } from '../../protocols/iso8583/qr-fields.js'
import type { DeviceConfig } from './config.js'

export type TxnState = 'printed' | 'registered' | 'rejected' | 'paid'

export interface DeviceTransaction {
  reference: string
  stan: string
  request: PaymentRequest
  /** The exact text encoded in the printed QR. */
  payload: string
  state: TxnState
}

/** ISO 8583 DE7: MMDDhhmmss in GMT. */
export function transmissionTime(ms: number): string {
  const d = new Date(Math.floor(ms))
  const two = (n: number): string => String(n).padStart(2, '0')
  return two(d.getUTCMonth() + 1) + two(d.getUTCDate()) + two(d.getUTCHours()) + two(d.getUTCMinutes()) + two(d.getUTCSeconds())
}

/**
 * The transaction for one receipt: the patent's seven fields (PAN, processing code, amount,
 * transmission time, merchant type, terminal id, currency) plus a reference label the
 * host uses to match the consumer's payment to it. The QR text is an EMVCo MPM payload or,
 * with `payload: 'iso8583-fields'`, an all-ASCII ISO 8583 0200 (protocols/iso8583/qr-fields.ts).
 */
export function buildTransaction(config: DeviceConfig, amount: string, stan: string, nowMs: number): DeviceTransaction {
  const time = transmissionTime(nowMs)
  const reference = `${time}${stan}`
  const request: PaymentRequest = {
    pan: config.pan,
    processingCode: config.processingCode,
    amount,
    transmissionTime: time,
    merchantType: config.merchantType,
    terminalId: config.terminalId,
    currency: config.currency,
    reference,
    merchantName: config.merchantName,
    merchantCity: config.merchantCity,
    country: config.country,
  }
  const printed = config.inject?.qrAmount !== undefined ? { ...request, amount: config.inject.qrAmount } : request
  const payload = config.payload === 'iso8583-fields' ? encodeIsoFieldsPayload(printed) : encodeMpm(printed)
  return { reference, stan, request, payload, state: 'printed' }
}
