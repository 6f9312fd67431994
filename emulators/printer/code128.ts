/**
 * CODE128 data as Epson TM printers take it (Epson ESC/POS Command Reference, GS k, CODE128
 * notes; TM-T88III Specification §GS k): the data names its code sets. It must begin with a
 * code set selection character ("{A", "{B", "{C"); "{S" is SHIFT, "{1"…"{4" FNC1…FNC4, "{{" the
 * character "{". In code set C each byte is a value 0–99. The printer adds the check character
 * and the stop pattern. Anything else stops command processing: the printer processes the data
 * from there on as normal data.
 *
 * The result is the exact codeword sequence (ISO/IEC 15417 symbol character values), so the
 * symbol uses the code sets the stream selects, bar for bar.
 */

export type Code128Result =
  | { ok: true; codewords: number[]; hri: string }
  | { ok: false; at: number; reason: string }

const START: Record<string, number> = { A: 103, B: 104, C: 105 }
/** Code set change characters: CODE A 101 (from B or C), CODE B 100 (from A or C), CODE C 99. */
const CODE: Record<string, number> = { A: 101, B: 100, C: 99 }
const SHIFT = 98
const FNC1 = 102
const FNC2 = 97
const FNC3 = 96

type Set = 'A' | 'B' | 'C'

/** Value of a data byte in code set A or B, or undefined when the set has no such character. */
function charValue(set: 'A' | 'B', b: number): number | undefined {
  if (set === 'A') {
    if (b >= 0x20 && b <= 0x5f) return b - 0x20
    if (b <= 0x1f) return b + 64
    return undefined
  }
  return b >= 0x20 && b <= 0x7f ? b - 0x20 : undefined
}

/** HRI of a data character: control characters (00h–1Fh, 7Fh) print as spaces. */
function hriChar(b: number): string {
  return b < 0x20 || b === 0x7f ? ' ' : String.fromCharCode(b)
}

export function code128FromEpson(data: Uint8Array): Code128Result {
  const bad = (at: number, reason: string): Code128Result => ({ ok: false, at, reason })
  if (data.length < 2 || data[0] !== 0x7b || !START[String.fromCharCode(data[1]!)]) {
    return bad(0, 'the data does not begin with a code set selection character ({A, {B or {C)')
  }
  let set = String.fromCharCode(data[1]!) as Set
  const codewords = [START[set]!]
  let hri = ''
  for (let i = 2; i < data.length; ) {
    const b = data[i]!
    if (b > 0x7f) return bad(i, `byte ${b} is outside 0–127`)
    if (b === 0x7b) {
      if (i + 1 >= data.length) return bad(i, '"{" at the end of the data')
      const c = String.fromCharCode(data[i + 1]!)
      if (c === '{' && set === 'B') {
        codewords.push(0x7b - 0x20)
        hri += '{'
      } else if (c === 'A' || c === 'B' || c === 'C') {
        if (c === set) return bad(i, `{${c} selects code set ${c}, which is already in use`)
        codewords.push(CODE[c]!)
        set = c
      } else if (c === '1') {
        codewords.push(FNC1)
        hri += ' '
      } else if ((c === '2' || c === '3' || c === '4') && set !== 'C') {
        // FNC4 is CODE A's value in set A and CODE B's in set B.
        codewords.push(c === '2' ? FNC2 : c === '3' ? FNC3 : set === 'A' ? 101 : 100)
        hri += ' '
      } else if (c === 'S' && set !== 'C') {
        // SHIFT: the next character is one of the other set (A ↔ B).
        const other = set === 'A' ? 'B' : 'A'
        let j = i + 2
        let v: number | undefined
        let shown = ''
        if (data[j] === 0x7b && data[j + 1] === 0x7b && other === 'B') {
          v = 0x7b - 0x20
          shown = '{'
          j += 2
        } else if (j < data.length && data[j] !== 0x7b) {
          v = charValue(other, data[j]!)
          shown = hriChar(data[j]!)
          j += 1
        }
        if (v === undefined) return bad(j, `the character after {S is not one of code set ${other}`)
        codewords.push(SHIFT, v)
        hri += shown
        i = j
        continue
      } else return bad(i, `"{${c}" is not a special character of code set ${set}`)
      i += 2
      continue
    }
    if (set === 'C') {
      if (b > 99) return bad(i, `byte ${b} is not a code set C value (0–99)`)
      codewords.push(b)
      hri += String(b).padStart(2, '0')
    } else {
      const v = charValue(set, b)
      if (v === undefined) return bad(i, `byte ${b} is not a character of code set ${set}`)
      codewords.push(v)
      hri += hriChar(b)
    }
    i++
  }
  return { ok: true, codewords, hri }
}
