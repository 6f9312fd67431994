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
