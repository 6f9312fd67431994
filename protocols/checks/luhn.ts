/** Luhn (mod 10) check used on primary account numbers. */
export function luhnValid(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false
  return luhnSum(digits) % 10 === 0
}

/** The check digit to append to `partial` so the whole number passes Luhn. */
export function luhnCheckDigit(partial: string): string {
  if (!/^\d+$/.test(partial)) throw new TypeError(`"${partial}" is not a digit string`)
  return String((10 - (luhnSum(partial + '0') % 10)) % 10)
}

function luhnSum(digits: string): number {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48
    if (i % 2 === 1) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return sum
}

/** A PAN as reports show it: first 6 and last 4 digits, the rest masked. */
export function maskPan(pan: string): string {
  if (pan.length <= 10) return pan.replace(/\d/g, '*')
  return pan.slice(0, 6) + '*'.repeat(pan.length - 10) + pan.slice(-4)
}
