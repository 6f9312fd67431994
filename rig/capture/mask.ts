import { maskPan } from '../../protocols/checks/luhn.js'

/**
 * Masks known PANs (first 6 / last 4) wherever they appear in report text: QR payloads,
 * ledgers, traces. PANs are learnt from the device configuration and from decoded payloads.
 */
export class PanMasker {
  private readonly pans = new Set<string>()

  learn(pan: string | undefined): void {
    if (pan && /^\d{12,19}$/.test(pan)) this.pans.add(pan)
  }

  text(s: string): string {
    let out = s
    for (const pan of this.pans) out = out.split(pan).join(maskPan(pan))
    return out
  }

  /**
   * Masks PANs in raw bytes: as ASCII digits, and as packed BCD (ISO 8583 DE2), whose
   * middle bytes become 0xFF. Returns the same buffer when nothing matched.
   */
  bytes(data: Buffer): Buffer {
    let out = data
    for (const pan of this.pans) {
      const masked = maskPan(pan)
      out = replaceAll(out, Buffer.from(pan, 'latin1'), Buffer.from(masked, 'latin1'))
      for (const padded of [pan.length % 2 ? `0${pan}` : pan, pan.length % 2 ? `${pan}F` : undefined]) {
        if (!padded) continue
        const bcd = Buffer.from(padded, 'hex')
        const hidden = Buffer.from(bcd)
        hidden.fill(0xff, 3, Math.max(3, bcd.length - 2))
        out = replaceAll(out, bcd, hidden)
      }
    }
    return out
  }

  /** Deep copy of a JSON-like value with every string masked. */
  value<T>(v: T): T {
    if (typeof v === 'string') return this.text(v) as T
    if (Array.isArray(v)) return v.map((x) => this.value(x)) as T
    if (v && typeof v === 'object' && !(v instanceof Uint8Array)) {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, this.value(x)])) as T
    }
    return v
  }
}

function replaceAll(data: Buffer, find: Buffer, put: Buffer): Buffer {
  let i = data.indexOf(find)
  if (i < 0) return data
  const out = Buffer.from(data)
  while (i >= 0) {
    put.copy(out, i)
    i = out.indexOf(find, i + find.length)
  }
  return out
}
