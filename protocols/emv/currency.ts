/**
 * ISO 4217 minor-unit exponents that differ from the usual 2, keyed by numeric code.
 * Source: the ISO 4217 list as published by SIX (the maintenance agency), "Minor unit" column.
 */
const EXPONENTS: Record<string, number> = {
  // zero decimals
  '108': 0, '152': 0, '174': 0, '262': 0, '324': 0, '352': 0, '392': 0, '410': 0, '548': 0,
  '600': 0, '646': 0, '704': 0, '800': 0, '950': 0, '952': 0, '953': 0,
  // three decimals
  '048': 3, '368': 3, '400': 3, '414': 3, '434': 3, '512': 3, '788': 3,
}

/** Decimal places of an ISO 4217 numeric currency code (2 when not listed). */
export function currencyExponent(numeric: string): number {
  return EXPONENTS[numeric] ?? 2
}

/** "12.30" in major units → 1230 minor units for the currency; undefined when not a plain amount. */
export function toMinorUnits(amount: string, currency: string): number | undefined {
  const m = /^(\d*)(?:\.(\d*))?$/.exec(amount)
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) return undefined
  const exp = currencyExponent(currency)
  const frac = m[2] ?? ''
  if (frac.length > exp) return undefined
  return Number(m[1] || '0') * 10 ** exp + Number(frac.padEnd(exp, '0') || '0')
}

/** Minor units → major-unit text with the currency's decimals ("1230", 156 → "12.30"). */
export function fromMinorUnits(minor: number, currency: string): string {
  const exp = currencyExponent(currency)
  if (exp === 0) return String(minor)
  const s = String(minor).padStart(exp + 1, '0')
  return `${s.slice(0, -exp)}.${s.slice(-exp)}`
}
