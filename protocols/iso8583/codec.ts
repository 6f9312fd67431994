import { buildBitmap, hasSecondary, readBitmap } from './bitmap.js'
import { Iso8583Error } from './errors.js'
import { fieldSpec, type FieldSpec } from './fields.js'

/**
 * How a message is laid out on the wire. `binary`: MTI and numeric fields as packed BCD
 * (odd lengths padded with a leading 0 nibble), lengths of LL/LLL fields as BCD (1 or 2
 * bytes), bitmap as raw bytes — the common POS/host layout. `ascii`: everything as ASCII
 * digits and the bitmap as 16 (or 32) hex characters — the layout of the text logs and of
 * this project's iso8583-fields QR profile.
 */
export interface Iso8583Encoding {
  numeric: 'bcd' | 'ascii'
  bitmap: 'binary' | 'hex'
}

export const BINARY: Iso8583Encoding = { numeric: 'bcd', bitmap: 'binary' }
export const ASCII: Iso8583Encoding = { numeric: 'ascii', bitmap: 'hex' }

export interface Iso8583Message {
  /** Message type indicator, four digits ("0200"). */
  mti: string
  /** Data elements by number; binary (b) fields as uppercase hex. */
  fields: Record<number, string>
}

export interface DecodedMessage extends Iso8583Message {
  /** Byte offset of the MAC field (64 or 128) when present: the MAC covers bytes before it. */
  macOffset?: number
}

export function encodeMessage(msg: Iso8583Message, enc: Iso8583Encoding = BINARY): Buffer {
  if (!/^\d{4}$/.test(msg.mti)) throw new Iso8583Error(`MTI must be four digits, got ${JSON.stringify(msg.mti)}`, 'bad-mti')
  const numbers = Object.keys(msg.fields)
    .map(Number)
    .sort((a, b) => a - b)
  const bitmap = buildBitmap(numbers)
  const parts: Buffer[] = [numeric(msg.mti, enc), enc.bitmap === 'binary' ? bitmap : Buffer.from(bitmap.toString('hex').toUpperCase(), 'ascii')]
  for (const n of numbers) {
    const spec = fieldSpec(n)
    if (!spec) throw new Iso8583Error(`field ${n} is not defined in this profile`, 'unknown-field', n)
    parts.push(encodeField(n, spec, msg.fields[n]!, enc))
  }
  return Buffer.concat(parts)
}

function numeric(digits: string, enc: Iso8583Encoding): Buffer {
  if (enc.numeric === 'ascii') return Buffer.from(digits, 'ascii')
  return Buffer.from(digits.length % 2 ? `0${digits}` : digits, 'hex')
}

function encodeField(n: number, spec: FieldSpec, value: string, enc: Iso8583Encoding): Buffer {
  const bad = (why: string): never => {
    throw new Iso8583Error(`field ${n} (${spec.name}): ${why}`, 'bad-value', n)
  }
  if (typeof value !== 'string') bad('value must be a string')
  let body: Buffer
  let units: number
  if (spec.format === 'n') {
    if (!/^\d*$/.test(value)) bad(`must be digits, got ${JSON.stringify(value.slice(0, 30))}`)
    body = numeric(value, enc)
    units = value.length
  } else if (spec.format === 'b') {
    if (!/^([0-9A-Fa-f]{2})*$/.test(value)) bad('must be hex')
    body = Buffer.from(value, 'hex')
    if (enc.bitmap === 'hex') body = Buffer.from(value.toUpperCase(), 'ascii')
    units = value.length / 2
  } else {
    if (spec.format === 'an' && !/^[A-Za-z0-9 ]*$/.test(value)) bad('must be letters, digits and spaces')
    if (spec.format === 'ans' && /[\x00-\x1f\x7f]/.test(value)) bad('control characters are not allowed')
    body = Buffer.from(value, 'utf8')
    units = body.length
  }
  if (!spec.variable) {
    if (units !== spec.length) bad(`must be exactly ${spec.length} ${spec.format === 'n' ? 'digits' : 'bytes'}, got ${units}`)
    return body
  }
  if (units > spec.length) bad(`at most ${spec.length} ${spec.format === 'n' ? 'digits' : 'bytes'}, got ${units}`)
  const digits = spec.variable === 'LL' ? 2 : 3
  const len = String(units).padStart(digits, '0')
  const prefix = enc.numeric === 'ascii' ? Buffer.from(len, 'ascii') : Buffer.from(len.padStart(digits === 2 ? 2 : 4, '0'), 'hex')
  return Buffer.concat([prefix, body])
}

export function decodeMessage(buf: Uint8Array, enc: Iso8583Encoding = BINARY): DecodedMessage {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength)
  let pos = 0
  const take = (count: number, what: string, field?: number): Buffer => {
    if (pos + count > b.length) throw new Iso8583Error(`message ends inside ${what} (needs ${count} bytes at offset ${pos}, ${b.length - pos} left)`, 'truncated', field)
    const out = b.subarray(pos, pos + count)
    pos += count
    return out
  }
  const readDigits = (count: number, what: string, field?: number): string => {
    if (enc.numeric === 'ascii') {
      const s = take(count, what, field).toString('latin1')
      if (!/^\d*$/.test(s)) throw new Iso8583Error(`${what} must be ASCII digits, got ${JSON.stringify(s)}`, field ? 'bad-value' : 'bad-mti', field)
      return s
    }
    const hex = take(Math.ceil(count / 2), what, field).toString('hex')
    if (!/^\d*$/.test(hex)) throw new Iso8583Error(`${what} is not packed BCD (0x${hex.toUpperCase()})`, field ? 'bad-value' : 'bad-mti', field)
    return hex.slice(hex.length - count)
  }

  const mti = readDigits(4, 'the MTI')
  const readMap = (): Buffer => {
    if (enc.bitmap === 'binary') return take(8, 'the bitmap')
    const hex = take(16, 'the bitmap').toString('latin1')
    if (!/^[0-9A-Fa-f]{16}$/.test(hex)) throw new Iso8583Error(`bitmap must be 16 hex characters, got ${JSON.stringify(hex)}`, 'bad-bitmap')
    return Buffer.from(hex, 'hex')
  }
  let bitmap = readMap()
  if (hasSecondary(bitmap[0]!)) bitmap = Buffer.concat([bitmap, readMap()])
  const fields: Record<number, string> = {}
  let macOffset: number | undefined
  for (const n of readBitmap(bitmap)) {
    const spec = fieldSpec(n)
    if (!spec) throw new Iso8583Error(`bitmap flags field ${n}, which this profile does not define`, 'unknown-field', n)
    if (n === 64 || n === 128) macOffset = pos
    let units = spec.length
    if (spec.variable) {
      const digits = spec.variable === 'LL' ? 2 : 3
      units = Number(readDigits(digits, `field ${n}'s length`, n))
      if (units > spec.length) throw new Iso8583Error(`field ${n} (${spec.name}) declares ${units}; at most ${spec.length}`, 'bad-length', n)
    }
    if (spec.format === 'n') fields[n] = readDigits(units, `field ${n}`, n)
    else if (spec.format === 'b') {
      fields[n] = enc.bitmap === 'hex' ? take(units * 2, `field ${n}`, n).toString('latin1').toUpperCase() : take(units, `field ${n}`, n).toString('hex').toUpperCase()
      if (!/^[0-9A-F]*$/.test(fields[n]!)) throw new Iso8583Error(`field ${n} must be hex`, 'bad-value', n)
    } else {
      const raw = take(units, `field ${n}`, n)
      const text = raw.toString('utf8')
      if (!Buffer.from(text, 'utf8').equals(raw)) throw new Iso8583Error(`field ${n} is not valid UTF-8`, 'bad-value', n)
      fields[n] = text
    }
  }
  if (pos !== b.length) throw new Iso8583Error(`${b.length - pos} bytes after the last field`, 'trailing-bytes')
  return { mti, fields, ...(macOffset !== undefined ? { macOffset } : {}) }
}
