/**
 * GS k data rules per symbology, from the Epson ESC/POS Command Reference (GS k: the table of
 * m, k/n ranges and characters; Notes for (A) and (B); Notes per symbology) and the TM-T88III
 * Specification (GS k, Details): what is printed, what is ignored, and from which byte on the
 * printer "processes the following data as normal data".
 *
 *  - Fixed-length EAN/UPC: form (A) with fewer digits than k is ignored; with more, the bar code
 *    is printed from the first k bytes and the excess is normal data. A supplied check digit is
 *    printed as sent, not checked (Notes for UPC-A); the emulator warns when it does not match.
 *  - Form (B) with n out of range: the command is cancelled and its n bytes are normal data.
 *  - A character out of range: the printer only feeds paper and the data from that byte on is
 *    normal data (TM-T88III Specification, GS k, Details in standard mode).
 *  - CODE39: "*" first is the start character; a "*" later is the stop character, and the data
 *    after it is normal data. ITF form (A): an odd last digit is ignored.
 */
import { code128FromEpson } from './code128.js'
import { ean13Modules, ean8Modules, gtinCheckDigit, runLengths, upcaModules, upcaToUpce, upceModules, upceToUpca } from './ean-upc.js'

export interface Symbology {
  name: string
  /** bwip-js encoder for the symbologies not encoded here. */
  bcid?: string
  /** Two-width symbologies: narrow/wide widths come from the GS w table. */
  binary?: boolean
  /** Allowed data lengths (form B: n; form A: k). */
  lengths: (k: number) => boolean
}

/** m of form (B); form (A) m 0–6 selects the same system as m + 65. */
export const SYMBOLOGIES: Record<number, Symbology> = {
  65: { name: 'UPC-A', lengths: (k) => k === 11 || k === 12 },
  66: { name: 'UPC-E', lengths: (k) => (k >= 6 && k <= 8) || k === 11 || k === 12 },
  67: { name: 'EAN13', lengths: (k) => k === 12 || k === 13 },
  68: { name: 'EAN8', lengths: (k) => k === 7 || k === 8 },
  69: { name: 'CODE39', bcid: 'code39', binary: true, lengths: (k) => k >= 1 && k <= 255 },
  70: { name: 'ITF', bcid: 'interleaved2of5', binary: true, lengths: (k) => k >= 2 && k <= 255 && k % 2 === 0 },
  71: { name: 'CODABAR', bcid: 'rationalizedCodabar', binary: true, lengths: (k) => k >= 2 && k <= 255 },
  72: { name: 'CODE93', bcid: 'code93ext', lengths: (k) => k >= 1 && k <= 255 },
  73: { name: 'CODE128', bcid: 'code128', lengths: (k) => k >= 2 && k <= 255 },
}

export type BarcodePlan =
  /** Print. `used` data bytes form the symbol; bytes after them are normal data. */
  | { kind: 'print'; used: number; hri: string; runs?: number[]; bwip?: { bcid: string; text: string; options: Record<string, unknown> }; warning?: string }
  /** Nothing printed, nothing else happens. */
  | { kind: 'ignore'; reason: string }
  /** Nothing printed; paper is fed when `feed`; data bytes from `at` on are normal data. */
  | { kind: 'invalid'; at: number; reason: string; feed: boolean }

const FIXED_MAX: Record<string, number> = { 'UPC-A': 12, 'UPC-E': 12, EAN13: 13, EAN8: 8 }
const CODE39_CHARS = /^[0-9A-Z $%+\-./]$/
const CODABAR_CHARS = /^[0-9$+\-./:]$/
const CODABAR_ENDS = /^[A-Da-d]$/

const latin1 = (d: Uint8Array): string => Buffer.from(d).toString('latin1')

export function planBarcode(sym: Symbology, data: Uint8Array, formA: boolean): BarcodePlan {
  const invalid = (at: number, reason: string): BarcodePlan => ({ kind: 'invalid', at, reason, feed: true })
  let used = data.length
  if (FIXED_MAX[sym.name] !== undefined) {
    // Digits only; form (A) reads at most k bytes, the excess is normal data.
    const max = FIXED_MAX[sym.name]!
    const bad = data.findIndex((b) => b < 0x30 || b > 0x39)
    if (formA) {
      const digits = bad < 0 ? data.length : bad
      if (digits > max) used = max
      else if (bad >= 0) return invalid(bad, `character 0x${data[bad]!.toString(16).padStart(2, '0')} is not a digit`)
      if (!sym.lengths(used)) return { kind: 'ignore', reason: `${used} digits (k must be ${lengthText(sym.name)}): ignored` }
    } else {
      if (!sym.lengths(data.length)) return { kind: 'invalid', at: 0, reason: `n = ${data.length} is out of range (${lengthText(sym.name)})`, feed: false }
      if (bad >= 0) return invalid(bad, `character 0x${data[bad]!.toString(16).padStart(2, '0')} is not a digit`)
    }
    return fixed(sym.name, latin1(data.subarray(0, used)), used)
  }
  if (!formA && !sym.lengths(data.length)) return { kind: 'invalid', at: 0, reason: `n = ${data.length} is out of range`, feed: false }
  switch (sym.name) {
    case 'CODE39': {
      let from = 0
      if (data[0] === 0x2a) from = 1
      const stop = data.indexOf(0x2a, from)
      const end = stop < 0 ? data.length : stop
      for (let i = from; i < end; i++) if (!CODE39_CHARS.test(String.fromCharCode(data[i]!))) return invalid(i, `character 0x${data[i]!.toString(16)} is not a CODE39 character`)
      used = stop < 0 ? data.length : stop + 1
      const core = latin1(data.subarray(from, end))
      if (core === '') return { kind: 'ignore', reason: 'no CODE39 data between the start and stop characters: ignored' }
      return { kind: 'print', used, hri: `*${core}*`, bwip: { bcid: 'code39', text: core, options: {} } }
    }
    case 'ITF': {
      const bad = data.findIndex((b) => b < 0x30 || b > 0x39)
      if (bad >= 0) return invalid(bad, `character 0x${data[bad]!.toString(16)} is not a digit`)
      // Form (A): an odd number of digits loses the last one.
      const n = data.length - (data.length % 2)
      if (n === 0) return { kind: 'ignore', reason: 'ITF needs an even number of digits, at least 2: ignored' }
      const text = latin1(data.subarray(0, n))
      const warning = n < data.length ? `odd number of ITF digits: the last digit "${latin1(data.subarray(n))}" is ignored` : undefined
      return { kind: 'print', used: data.length, hri: text, bwip: { bcid: 'interleaved2of5', text, options: {} }, warning }
    }
    case 'CODABAR': {
      const text = latin1(data)
      if (text.length < 2 || !CODABAR_ENDS.test(text[0]!)) return invalid(0, 'data must begin with a start character A–D or a–d')
      for (let i = 1; i < text.length - 1; i++) {
        // GUESS: A–D inside the data are accepted, as the character table lists them.
        if (!CODABAR_CHARS.test(text[i]!) && !CODABAR_ENDS.test(text[i]!)) return invalid(i, `character 0x${data[i]!.toString(16)} is not a CODABAR character`)
      }
      if (!CODABAR_ENDS.test(text[text.length - 1]!)) return invalid(text.length - 1, 'data must end with a stop character A–D or a–d')
      // Lower-case start/stop characters print the same bars as upper-case ones; HRI as sent (GUESS).
      return { kind: 'print', used, hri: text, bwip: { bcid: 'rationalizedCodabar', text: text.toUpperCase(), options: {} } }
    }
    case 'CODE93': {
      const bad = data.findIndex((b) => b > 0x7f)
      if (bad >= 0) return invalid(bad, `byte ${data[bad]} is outside 0–127`)
      // HRI: "■" as start and stop character, "■ + a letter" for control characters (Notes for CODE93).
      // GUESS: the letter is the character 40h above the control code (7Fh: "■?").
      const hri = `■${[...data].map((b) => (b < 0x20 ? `■${String.fromCharCode(b + 0x40)}` : b === 0x7f ? '■?' : String.fromCharCode(b))).join('')}■`
      const text = [...data].map((b) => `^${String(b).padStart(3, '0')}`).join('')
      return { kind: 'print', used, hri, bwip: { bcid: 'code93ext', text, options: { parse: true, includecheck: true } } }
    }
    case 'CODE128': {
      const r = code128FromEpson(data)
      if (!r.ok) return { kind: 'invalid', at: r.at, reason: r.reason, feed: false }
      return { kind: 'print', used, hri: r.hri, bwip: { bcid: 'code128', text: r.codewords.map((c) => `^${String(c).padStart(3, '0')}`).join(''), options: { raw: true } } }
    }
  }
  return { kind: 'ignore', reason: `${sym.name} not supported` }
}

function lengthText(name: string): string {
  return { 'UPC-A': '11 or 12', 'UPC-E': '6, 7, 8, 11 or 12', EAN13: '12 or 13', EAN8: '7 or 8' }[name] ?? ''
}

/** EAN/UPC: check digit added when left out, printed as sent (with a warning when wrong) when given. */
function fixed(name: string, d: string, used: number): BarcodePlan {
  const withCheck = (body: string, given: string | undefined): { full: string; warning?: string } => {
    const check = String(gtinCheckDigit(body))
    if (given === undefined) return { full: body + check }
    return { full: body + given, warning: given === check ? undefined : `${name} check digit ${given} does not match the data (the check digit of ${body} is ${check}): printed as sent` }
  }
  if (name === 'UPC-E') {
    let six: string
    let given: string | undefined
    if (d.length <= 8) {
      // 6: number system 0 implied; 7: "0" + six digits; 8: "0" + six digits + check digit.
      if (d.length > 6 && d[0] !== '0') return { kind: 'invalid', at: 0, reason: 'UPC-E number system must be 0 (d1 = 48)', feed: true }
      six = d.length === 6 ? d : d.slice(1, 7)
      given = d.length === 8 ? d[7] : undefined
    } else {
      // 11 or 12: the UPC-A form, zero-suppressed by the printer.
      if (d[0] !== '0') return { kind: 'invalid', at: 0, reason: 'UPC-E number system must be 0 (d1 = 48)', feed: true }
      const e = upcaToUpce(d.slice(0, 11))
      // GUESS: a UPC-A number with no zero-suppressed form prints nothing.
      if (!e) return { kind: 'ignore', reason: `UPC-A number ${d.slice(0, 11)} has no UPC-E (zero-suppressed) form: not printed` }
      six = e
      given = d.length === 12 ? d[11] : undefined
    }
    const { full, warning } = withCheck(upceToUpca(six), given)
    const check = Number(full[11])
    return { kind: 'print', used, hri: `0${six}${check}`, runs: runLengths(upceModules(six, check)), warning }
  }
  const body = d.slice(0, { 'UPC-A': 11, EAN13: 12, EAN8: 7 }[name]!)
  const { full, warning } = withCheck(body, d.length > body.length ? d[body.length] : undefined)
  const modules = name === 'UPC-A' ? upcaModules(full) : name === 'EAN13' ? ean13Modules(full) : ean8Modules(full)
  return { kind: 'print', used, hri: full, runs: runLengths(modules), warning }
}
