import { ReceiptDefinitionError } from './errors.js'

/** How an amount is printed. */
export interface MoneyFormat {
  /** Digits after the decimal mark. Default 2 (0 for TWD/JPY style receipts). */
  decimals: number
  /** Thousands separator, '' for none. */
  thousands: string
}

/**
 * Parses an amount to integer minor units (cents), so sums never drift the way floats do.
 * Accepts numbers and strings such as "12.3", "1,234.50", "-5".
 */
export function toMinor(value: string | number, decimals: number, what = 'amount'): number {
  const scale = 10 ** decimals
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new ReceiptDefinitionError(`${what}: ${value} is not a finite number`)
    return Math.round(value * scale)
  }
  const text = String(value).trim().replace(/,/g, '')
  const m = /^([+-])?(\d+)(?:\.(\d+))?$/.exec(text)
  if (!m) throw new ReceiptDefinitionError(`${what}: "${value}" is not an amount (digits, optional "." and ",")`)
  const frac = (m[3] ?? '').padEnd(decimals, '0')
  if (frac.length > decimals && /[1-9]/.test(frac.slice(decimals))) {
    throw new ReceiptDefinitionError(`${what}: "${value}" has more than ${decimals} decimals`)
  }
  const minor = Number(m[2]) * scale + (decimals > 0 ? Number(frac.slice(0, decimals)) : 0)
  return m[1] === '-' ? -minor : minor
}

/** Formats minor units as printed, e.g. 123450 → "1,234.50". */
export function formatMinor(minor: number, f: MoneyFormat): string {
  const negative = minor < 0
  const abs = Math.abs(minor)
  const scale = 10 ** f.decimals
  let whole = String(Math.floor(abs / scale))
  if (f.thousands) whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, f.thousands)
  const frac = f.decimals > 0 ? '.' + String(abs % scale).padStart(f.decimals, '0') : ''
  return (negative ? '-' : '') + whole + frac
}

/** The canonical decimal text of an amount ("1234.50"): what a device should read off the total line. */
export function plainAmount(minor: number, decimals: number): string {
  return formatMinor(minor, { decimals, thousands: '' })
}
