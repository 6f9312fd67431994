/**
 * EMVCo QR (merchant-presented mode) TLV: two-digit id, two-digit length counting
 * characters, value. Templates nest the same structure inside a value.
 */
export interface TlvField {
  id: string
  value: string
  /** Offset of the field's id in the text it was parsed from. */
  offset: number
}

export class TlvError extends Error {
  override name = 'TlvError'
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message)
  }
}

export function parseTlv(text: string, base = 0): TlvField[] {
  const fields: TlvField[] = []
  let i = 0
  while (i < text.length) {
    const head = text.slice(i, i + 4)
    if (!/^\d{4}$/.test(head)) {
      throw new TlvError(`expected a 2-digit id and 2-digit length at offset ${base + i}, found "${head}"`, base + i)
    }
    const id = head.slice(0, 2)
    const len = Number(head.slice(2))
    const value = text.slice(i + 4, i + 4 + len)
    if (value.length !== len) {
      throw new TlvError(`field ${id} at offset ${base + i} declares length ${len} but only ${value.length} characters remain`, base + i)
    }
    fields.push({ id, value, offset: base + i })
    i += 4 + len
  }
  return fields
}

export function tlv(id: string, value: string): string {
  if (!/^\d{2}$/.test(id)) throw new TypeError(`EMV id must be two digits, got "${id}"`)
  const len = [...value].length
  if (len > 99) throw new RangeError(`EMV field ${id} is ${len} characters long; at most 99 fit`)
  return id + String(len).padStart(2, '0') + value
}

/** Encodes fields in the given order; `undefined` values are skipped. */
export function encodeTlv(fields: Array<[string, string | undefined]>): string {
  return fields
    .filter((f): f is [string, string] => f[1] !== undefined)
    .map(([id, value]) => tlv(id, value))
    .join('')
}
