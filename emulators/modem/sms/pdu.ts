import { decodeGsm7, unpackSeptets } from './gsm7.js'

/** An SMS-SUBMIT TPDU as the DUT sent it in PDU mode (3GPP TS 23.040 §9.2.2.2). */
export interface SubmitPdu {
  /** Service-centre address, '' when the PDU defers to the SIM's (length octet 00). */
  smsc: string
  /** TP-Destination-Address; international numbers get a leading '+'. */
  to: string
  /** TP-Data-Coding-Scheme alphabet. */
  alphabet: 'gsm7' | '8bit' | 'ucs2'
  text: string
  /** TPDU length in octets (what AT+CMGS=<length> must announce). */
  tpduLength: number
  /** User-data header present (concatenated messages). */
  udh?: Buffer
}

export class PduError extends Error {
  override name = 'PduError'
}

/** Decodes a hex SMS-SUBMIT PDU with its leading SMSC field; throws PduError when malformed. */
export function decodeSubmitPdu(hex: string): SubmitPdu {
  const clean = hex.replace(/\s+/g, '')
  if (!/^([0-9A-Fa-f]{2})+$/.test(clean)) throw new PduError('PDU is not an even run of hex digits')
  const b = Buffer.from(clean, 'hex')
  let p = 0
  const need = (n: number): void => {
    if (p + n > b.length) throw new PduError('PDU ends early')
  }
  need(1)
  const scLen = b[p++]!
  need(scLen)
  const smsc = scLen > 0 ? address(b.subarray(p + 1, p + scLen), b[p]!, (scLen - 1) * 2) : ''
  p += scLen
  const tpduStart = p
  need(2)
  const fo = b[p++]!
  if ((fo & 0x03) !== 0x01) throw new PduError('not an SMS-SUBMIT (TP-MTI must be 01)')
  const vpf = (fo >> 3) & 0x03
  const udhi = (fo & 0x40) !== 0
  p++ // TP-MR: the modem assigns the real reference.
  need(2)
  const digits = b[p++]!
  const toa = b[p++]!
  const daOctets = Math.ceil(digits / 2)
  need(daOctets)
  const to = address(b.subarray(p, p + daOctets), toa, digits)
  p += daOctets
  need(2)
  p++ // TP-PID
  const dcs = b[p++]!
  p += vpf === 0 ? 0 : vpf === 2 ? 1 : 7
  need(1)
  const udl = b[p++]!
  const ud = b.subarray(p)
  const alphabet = alphabetOf(dcs)
  let udh: Buffer | undefined
  let headerOctets = 0
  if (udhi) {
    if (ud.length < 1) throw new PduError('user-data header missing')
    headerOctets = ud[0]! + 1
    udh = ud.subarray(1, headerOctets)
  }
  let text: string
  if (alphabet === 'gsm7') {
    if (Math.ceil((udl * 7) / 8) > ud.length) throw new PduError('user data shorter than TP-UDL')
    const headerSeptets = Math.ceil((headerOctets * 8) / 7)
    const septets = unpackSeptets(ud, udl).slice(headerSeptets)
    text = decodeGsm7(septets)
  } else {
    if (udl > ud.length) throw new PduError('user data shorter than TP-UDL')
    const body = ud.subarray(headerOctets, udl)
    text = alphabet === 'ucs2' ? Buffer.from(body.subarray(0, body.length & ~1)).swap16().toString('utf16le') : body.toString('latin1')
  }
  return { smsc, to, alphabet, text, tpduLength: b.length - tpduStart, ...(udh ? { udh } : {}) }
}

/** TP-DCS → alphabet (general data coding group 00xx and the 1111 group, 23.038 §4). */
function alphabetOf(dcs: number): SubmitPdu['alphabet'] {
  if ((dcs & 0xc0) === 0x00) {
    const a = (dcs >> 2) & 0x03
    return a === 1 ? '8bit' : a === 2 ? 'ucs2' : 'gsm7'
  }
  if ((dcs & 0xf0) === 0xf0) return dcs & 0x04 ? '8bit' : 'gsm7'
  if ((dcs & 0xf0) === 0xe0) return 'ucs2'
  return 'gsm7'
}

/** Semi-octet (swapped BCD) or alphanumeric address (23.040 §9.1.2.5). */
function address(octets: Buffer, toa: number, digits: number): string {
  if (((toa >> 4) & 0x07) === 0x05) return decodeGsm7(unpackSeptets(octets, Math.floor((digits * 4) / 7)))
  let s = ''
  for (const o of octets) s += (o & 0x0f).toString(16) + (o >> 4).toString(16)
  s = s.slice(0, digits).replace(/f/gi, '')
  return ((toa >> 4) & 0x07) === 0x01 ? `+${s}` : s
}
