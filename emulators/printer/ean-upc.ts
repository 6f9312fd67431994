/**
 * EAN/UPC bar patterns from the GS1 General Specifications (§5.2, EAN/UPC symbol character
 * encodation: number sets A, B, C; EAN-13 left-half parity from the first digit; UPC-E parity
 * from the number system and check digit). Encoded here rather than by bwip-js because an Epson
 * TM prints a supplied check digit as sent ("the 12th byte is processed as a modular check
 * character … not checked", Epson ESC/POS Command Reference, GS k, Notes for UPC-A), while
 * bwip-js refuses a wrong one.
 */

/** Number set A (odd parity, left half); set C is its complement, set B its mirrored complement. */
const SET_A = ['0001101', '0011001', '0010011', '0111101', '0100011', '0110001', '0101111', '0111011', '0110111', '0001011']
const SET_C = SET_A.map((p) => [...p].map((b) => (b === '1' ? '0' : '1')).join(''))
const SET_B = SET_C.map((p) => [...p].reverse().join(''))
/** EAN-13: number sets of the six left-half digits, by the first (implied) digit. */
const EAN13_PARITY = ['AAAAAA', 'AABABB', 'AABBAB', 'AABBBA', 'ABAABB', 'ABBAAB', 'ABBBAA', 'ABABAB', 'ABABBA', 'ABBABA']
/** UPC-E with number system 0: number sets of the six digits, by the check digit. */
const UPCE_PARITY = ['BBBAAA', 'BBABAA', 'BBAABA', 'BBAAAB', 'BABBAA', 'BAABBA', 'BAAABB', 'BABABA', 'BABAAB', 'BAABAB']

/** GS1 modulo-10 check digit: weights 3 and 1 from the rightmost digit. */
export function gtinCheckDigit(digits: string): number {
  let sum = 0
  for (let i = 0; i < digits.length; i++) sum += Number(digits[digits.length - 1 - i]) * (i % 2 === 0 ? 3 : 1)
  return (10 - (sum % 10)) % 10
}

const digit = (set: string[], d: string): string => set[Number(d)]!

/** 95 modules of an EAN-13 symbol for 13 digits (the last is the check digit, used as given). */
export function ean13Modules(d: string): string {
  const parity = EAN13_PARITY[Number(d[0])]!
  let s = '101'
  for (let i = 1; i <= 6; i++) s += digit(parity[i - 1] === 'A' ? SET_A : SET_B, d[i]!)
  s += '01010'
  for (let i = 7; i <= 12; i++) s += digit(SET_C, d[i]!)
  return s + '101'
}

/** 67 modules of an EAN-8 symbol for 8 digits. */
export function ean8Modules(d: string): string {
  let s = '101'
  for (let i = 0; i < 4; i++) s += digit(SET_A, d[i]!)
  s += '01010'
  for (let i = 4; i < 8; i++) s += digit(SET_C, d[i]!)
  return s + '101'
}

/** UPC-A is EAN-13 with a leading 0 (12 digits). */
export function upcaModules(d: string): string {
  return ean13Modules('0' + d)
}

/** 51 modules of a UPC-E symbol: number system 0, six digits, parity from the check digit. */
export function upceModules(six: string, check: number): string {
  const parity = UPCE_PARITY[check]!
  let s = '101'
  for (let i = 0; i < 6; i++) s += digit(parity[i] === 'A' ? SET_A : SET_B, six[i]!)
  return s + '010101'
}

/** UPC-E six digits → the 11 UPC-A digits (number system 0, no check digit) it stands for. */
export function upceToUpca(e: string): string {
  const [d1, d2, d3, d4, d5, d6] = [...e] as [string, string, string, string, string, string]
  if (d6 === '0' || d6 === '1' || d6 === '2') return `0${d1}${d2}${d6}0000${d3}${d4}${d5}`
  if (d6 === '3') return `0${d1}${d2}${d3}00000${d4}${d5}`
  if (d6 === '4') return `0${d1}${d2}${d3}${d4}00000${d5}`
  return `0${d1}${d2}${d3}${d4}${d5}0000${d6}`
}

/** UPC-A (11 digits, number system 0) → UPC-E six digits, or undefined when it has no zero-suppressed form. */
export function upcaToUpce(a: string): string | undefined {
  if (a.length !== 11 || a[0] !== '0') return undefined
  const m = a.slice(1, 6)
  const p = a.slice(6, 11)
  const candidates: string[] = []
  if (/^[0-2]$/.test(m[2]!) && m.slice(3) === '00' && p.startsWith('00')) candidates.push(`${m[0]}${m[1]}${p.slice(2)}${m[2]}`)
  if (m.slice(3) === '00' && p.startsWith('000')) candidates.push(`${m.slice(0, 3)}${p.slice(3)}3`)
  if (m[4] === '0' && p.startsWith('0000')) candidates.push(`${m.slice(0, 4)}${p[4]}4`)
  if (m[4] !== '0' && p.startsWith('0000') && /^[5-9]$/.test(p[4]!)) candidates.push(`${m}${p[4]}`)
  // The form that expands back to the same UPC-A is the zero-suppressed one.
  return candidates.find((e) => upceToUpca(e) === a)
}

/** Run lengths (bar, space, bar, …) of a module string that starts with a bar. */
export function runLengths(modules: string): number[] {
  const runs: number[] = []
  let n = 0
  for (let i = 0; i < modules.length; i++) {
    n++
    if (i === modules.length - 1 || modules[i + 1] !== modules[i]) {
      runs.push(n)
      n = 0
    }
  }
  return runs
}
