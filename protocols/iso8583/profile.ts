import { createHmac, timingSafeEqual } from 'node:crypto'
import { fromMinorUnits, toMinorUnits } from '../emv/currency.js'
import type { RegisterBody } from '../device-link/jsonl.js'
import { BINARY, decodeMessage, encodeMessage, type DecodedMessage, type Iso8583Encoding, type Iso8583Message } from './codec.js'

/**
 * Device <-> payment server profile `iso8583` (2-byte length prefix, binary layout):
 * - 0200 register request → 0210 response (DE39 "00" accepted, otherwise refused; DE63 reason)
 * - 0620 paid notification (host-initiated administrative advice) → 0630 response
 * - 0800 network management (DE70 001 sign-on, 301 echo) → 0810
 * Every message carries DE7 transmission time, DE11 STAN, DE41 terminal id and DE48 a nonce,
 * and ends with a MAC: the first 8 bytes of HMAC-SHA256 under the terminal key over every
 * byte before the MAC field (DE64, or DE128 when a secondary bitmap is present).
 * Private fields: DE62 reference label, DE63 printed QR payload (requests) or reason text (responses).
 */
export const MTI = {
  register: '0200',
  registerResponse: '0210',
  paid: '0620',
  paidResponse: '0630',
  network: '0800',
  networkResponse: '0810',
} as const

export const NETWORK_CODE = { signOn: '001', echo: '301' } as const

/** DE39 values used by the host (ISO 8583:1987 response codes). */
export const RESPONSE = {
  approved: '00',
  invalidTransaction: '12',
  invalidAmount: '13',
  noRecord: '25',
  formatError: '30',
  notPermitted: '58',
  securityViolation: '63',
  duplicate: '94',
  malfunction: '96',
} as const

/** Response MTI of a request MTI ("0200" → "0210"); undefined when it is not a request. */
export function responseMti(mti: string): string | undefined {
  if (!/^\d\d[0-9][02]$/.test(mti) || mti[2] === '1' || mti[2] === '3') return undefined
  return `${mti.slice(0, 2)}${Number(mti[2]) + 1}${mti[3]}`
}

function macOf(bytes: Uint8Array, key: string | Buffer): Buffer {
  return createHmac('sha256', key).update(bytes).digest().subarray(0, 8)
}

/** Encodes and MACs a message (DE64 or DE128 is added; any given MAC field is replaced). */
export function signMessage(msg: Iso8583Message, key: string | Buffer, enc: Iso8583Encoding = BINARY): Buffer {
  const fields = { ...msg.fields }
  delete fields[64]
  delete fields[128]
  const secondary = Object.keys(fields).some((n) => Number(n) > 64)
  fields[secondary ? 128 : 64] = '0000000000000000'
  const out = encodeMessage({ mti: msg.mti, fields }, enc)
  const macLen = enc.bitmap === 'binary' ? 8 : 16
  const mac = macOf(out.subarray(0, out.length - macLen), key)
  const macBytes = enc.bitmap === 'binary' ? mac : Buffer.from(mac.toString('hex').toUpperCase(), 'ascii')
  macBytes.copy(out, out.length - macLen)
  return out
}

/** Checks the MAC of a decoded frame in constant time; false when it has none. */
export function verifyMessage(frame: Uint8Array, decoded: DecodedMessage, key: string | Buffer): boolean {
  const mac = decoded.fields[128] ?? decoded.fields[64]
  if (decoded.macOffset === undefined || mac === undefined || mac.length !== 16) return false
  const expected = macOf(frame.subarray(0, decoded.macOffset), key)
  return timingSafeEqual(expected, Buffer.from(mac, 'hex'))
}

export function decodeFrame(body: Uint8Array): DecodedMessage {
  return decodeMessage(body, BINARY)
}

export interface IsoEnvelope {
  terminalId: string
  stan: string
  /** DE7 MMDDhhmmss. */
  time: string
  nonce: string
}

/** DE41 is ans8: shorter terminal ids are right-padded with spaces. */
export function terminalField(terminalId: string): string {
  return terminalId.padEnd(8, ' ')
}

export function envelopeFields(env: IsoEnvelope): Record<number, string> {
  return { 7: env.time, 11: env.stan, 41: terminalField(env.terminalId), 48: env.nonce }
}

/** The 0200 a device sends to register a transaction. */
export function registerRequest(env: IsoEnvelope, body: RegisterBody): Iso8583Message {
  const minor = toMinorUnits(body.amount, body.currency)
  if (minor === undefined) throw new RangeError(`amount ${body.amount} is not valid for currency ${body.currency}`)
  return {
    mti: MTI.register,
    fields: {
      ...envelopeFields(env),
      2: body.pan,
      3: body.processingCode,
      4: String(minor).padStart(12, '0'),
      7: body.transmissionTime,
      18: body.merchantType,
      49: body.currency,
      62: body.reference,
      63: body.payload,
    },
  }
}

/** Reads a 0200 back into the jsonl RegisterBody shape (amount in major units). */
export function registerBodyOf(fields: Record<number, string>): Partial<RegisterBody> {
  const currency = fields[49]
  const minor = fields[4]
  return {
    reference: fields[62],
    pan: fields[2],
    processingCode: fields[3],
    amount: minor !== undefined && currency !== undefined ? fromMinorUnits(Number(minor), currency) : undefined,
    transmissionTime: fields[7],
    merchantType: fields[18],
    currency,
    payload: fields[63],
  }
}

/** Envelope fields read from a decoded message (terminal id unpadded). */
export function envelopeOf(fields: Record<number, string>): Partial<IsoEnvelope> {
  return { terminalId: fields[41]?.trimEnd(), stan: fields[11], time: fields[7], nonce: fields[48] }
}
