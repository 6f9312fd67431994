/**
 * GS k as the Epson ESC/POS Command Reference describes it (GS k: data table, Notes for (A)/(B),
 * notes per symbology; TM-T88III Specification, GS k Details), checked against the symbology
 * tables written out in barcode-tables.ts and against independent decoders (ZXing; zbarimg when
 * installed).
 */
import t from 'tap'
import { crop, fixture, render } from './helpers.js'
import { code128Check, code128Values, ean13, ean8, modules, runs } from './barcode-tables.js'
import { haveZbar, zbarDecode, zxingDecode } from './symbol-decoders.js'
import type { PrintedSegment } from '../../emulators/printer/index.js'

const INIT = [0x1b, 0x40]
const bytes = (s: string): number[] => [...Buffer.from(s, 'latin1')]
/** GS k form (B): m n d1…dn. */
const formB = (m: number, data: number[] | string): number[] => {
  const d = typeof data === 'string' ? bytes(data) : data
  return [0x1d, 0x6b, m, d.length, ...d]
}
/** GS k form (A): m d1…dk NUL. */
const formA = (m: number, data: string): number[] => [0x1d, 0x6b, m, ...bytes(data), 0x00]
const print = (...parts: number[][]): PrintedSegment => {
  const { segments } = render(Uint8Array.from([...INIT, ...parts.flat()]))
  t.equal(segments.length, 1, 'one segment')
  return segments[0]!
}
const zbar = haveZbar()

t.test('GS k Notes for UPC-A/JAN13/JAN8: a supplied check digit is printed as sent, with a warning when it is wrong', async (t) => {
  const cases = [
    { m: 67, data: '4596979869696', right: '4596979869695', modules: (d: string) => ean13(d) },
    { m: 65, data: '695878963521', right: '695878963528', modules: (d: string) => ean13('0' + d) },
    { m: 68, data: '12345678', right: '12345670', modules: (d: string) => ean8(d) },
  ]
  for (const c of cases) {
    const s = print(formB(c.m, c.data))
    const b = s.barcodes[0]!
    t.equal(b.data, c.data, `${c.data}: HRI/print log shows the digits as sent`)
    t.equal(modules(s.raster, b), c.modules(c.data), `${c.data}: bars are the GS1 pattern of the digits as sent`)
    t.equal(s.warnings.length, 1)
    t.match(s.warnings[0]!.message, new RegExp(`^GS k: .*check digit ${c.data.at(-1)} does not match.* is ${c.right.at(-1)}\\)`), 'warning names GS k and the right check digit')
    t.equal(s.warnings[0]!.offset, 2, 'at the offset of GS k')
    // With the right check digit: no warning, and independent decoders read it.
    const ok = print(formB(c.m, c.right))
    t.same(ok.warnings, [])
    t.equal(modules(ok.raster, ok.barcodes[0]!), c.modules(c.right))
    const z = await zxingDecode(ok.raster)
    t.equal(z[0]?.text, c.m === 65 ? '0' + c.right : c.right, `${c.right}: ZXing reads the printed bars (UPC-A as its EAN-13 form)`)
    if (zbar) t.same(await zbarDecode(ok.raster), [c.m === 65 ? '0' + c.right : c.right], 'zbarimg reads them too')
  }
})

t.test('GS k: the check digit is added when left out (k = 11 UPC-A, 12 JAN13, 7 JAN8)', async (t) => {
  const s = print(formA(2, '459697986969'), [0x0a], formA(3, '1234567'))
  t.same(s.barcodes.map((b) => b.data), ['4596979869695', '12345670'])
  t.same(s.warnings, [])
})

t.test('GS k Notes for (A): fewer digits than k is ignored; more: the bar code from k bytes, the excess is normal data', async (t) => {
  const short = print(formA(2, '12345678901'), bytes('X\n'))
  t.same(short.barcodes, [])
  t.match(short.warnings, [{ offset: 2, message: /^GS k: EAN13 11 digits .*ignored/ }])
  t.same(short.lines.map((l) => l.text), ['X'])
  const long = print(formA(2, '459697986969512'), [0x0a])
  t.equal(long.barcodes[0]!.data, '4596979869695')
  t.same(long.lines.map((l) => l.text), ['12'], 'the two excess digits print as text')
})

t.test('GS k Details in standard mode: a character out of range feeds paper only; the data from there on is normal data', async (t) => {
  const s = print([0x1d, 0x68, 50], formA(0, '12345X7890'), [0x0a])
  t.same(s.barcodes, [])
  t.match(s.warnings, [{ offset: 5, message: /^GS k: UPC-A character 0x58 is not a digit: not printed, paper fed/ }])
  t.same(s.lines.map((l) => l.text), ['X7890'])
  t.equal(s.lines[0]!.y, 50, 'the line starts below the fed bar code height (GS h 50)')
})

t.test('GS k Notes for (B): n out of range cancels the command; the n bytes are normal data', async (t) => {
  const s = print(formB(67, '12345'), [0x0a])
  t.same(s.barcodes, [])
  t.match(s.warnings, [{ message: /^GS k: EAN13 n = 5 is out of range/ }])
  t.same(s.lines.map((l) => l.text), ['12345'])
})

t.test('GS k CODABAR: start/stop characters A–D and a–d (Epson data table, m = 6, 71)', async (t) => {
  const lower = print([0x1d, 0x77, 2], formB(71, 'a012345b'))
  const upper = print([0x1d, 0x77, 2], formB(71, 'A012345B'))
  t.same(lower.warnings, [])
  t.equal(lower.barcodes[0]!.data, 'a012345b', 'HRI as sent')
  t.same(runs(lower.raster, lower.barcodes[0]!), runs(upper.raster, upper.barcodes[0]!), 'same bars as upper case')
  t.same([...new Set(runs(lower.raster, lower.barcodes[0]!))].sort(), [2, 5], 'GS w 2: narrow 2 dots, wide 5 dots')
  const z = await zxingDecode(lower.raster, ['Codabar'])
  t.match(z[0]?.text ?? '', /012345/, 'ZXing reads the Codabar')
  if (zbar) t.match((await zbarDecode(lower.raster))[0] ?? '', /012345/)
  const bad = print(formB(71, '0123A'), [0x0a])
  t.same(bad.barcodes, [])
  t.match(bad.warnings[0]!.message, /^GS k: CODABAR data must begin with a start character A–D or a–d: not printed, paper fed/)
})

t.test('GS k CODE128: the symbol uses exactly the code sets the data selects (Epson example "No. 123456")', async (t) => {
  // GS k 73 10 123 66 78 111 46 123 67 12 34 56 — CODE B "No.", then CODE C 12 34 56.
  const s = print([0x1d, 0x77, 2], [0x1d, 0x6b, 73, 10, 123, 66, 78, 111, 46, 123, 67, 12, 34, 56])
  const b = s.barcodes[0]!
  t.equal(b.data, 'No.123456', 'HRI: no code set characters')
  const values = code128Values(s.raster, b)
  const body = [104, 78 - 32, 111 - 32, 46 - 32, 99, 12, 34, 56]
  t.same(values, [...body, code128Check(body)], 'Start B, N o ., CODE C, 12 34 56, check character')
  t.equal(b.width, (values.length * 11 + 13) * 2, '11 modules per character, 13 for the stop pattern')
  t.equal((await zxingDecode(s.raster, ['Code128']))[0]?.text, 'No.123456')
  if (zbar) t.same(await zbarDecode(s.raster), ['No.123456'])
})

t.test('GS k CODE128: {A, {C, shift, FNC1 and "{{" are encoded as written', async (t) => {
  const cases: Array<{ data: number[]; values: number[]; hri: string }> = [
    { data: bytes('{A012ABCD'), values: [103, 16, 17, 18, 33, 34, 35, 36], hri: '012ABCD' },
    { data: [...bytes('{C'), 21, 32, 43], values: [105, 21, 32, 43], hri: '213243' },
    { data: [...bytes('{Bab{S'), 0x09, ...bytes('{{')], values: [104, 65, 66, 98, 0x09 + 64, 91], hri: 'ab {' },
    { data: [...bytes('{C{1'), 1, 2], values: [105, 102, 1, 2], hri: ' 0102' },
    { data: [...bytes('{A'), 0x09, ...bytes('{B'), 0x7e], values: [103, 0x09 + 64, 100, 0x7e - 32], hri: ' ~' },
  ]
  for (const c of cases) {
    const s = print([0x1d, 0x77, 2], formB(73, c.data))
    t.same(s.warnings, [], `${JSON.stringify(c.hri)}: no warning`)
    const b = s.barcodes[0]!
    t.same(code128Values(s.raster, b), [...c.values, code128Check(c.values)], `codewords of ${JSON.stringify(Buffer.from(c.data).toString('latin1'))}`)
    t.equal(b.data, c.hri, 'HRI: FNC and control characters as spaces, code set characters not printed')
  }
})

t.test('GS k CODE128: data that does not start with a code set, or an unknown "{x", stops the command: the rest is normal data', async (t) => {
  const noSet = print(formB(73, 'ABC'), [0x0a])
  t.same(noSet.barcodes, [])
  t.match(noSet.warnings, [{ offset: 2, message: /^GS k: CODE128 the data does not begin with a code set selection character/ }])
  t.same(noSet.lines.map((l) => l.text), ['ABC'])
  t.equal(noSet.lines[0]!.y, 0, 'no paper fed for CODE128 (the printer stops command processing)')
  const badSpecial = print(formB(73, '{BAB{XCD'), [0x0a])
  t.same(badSpecial.barcodes, [])
  t.same(badSpecial.lines.map((l) => l.text), ['{XCD'])
  const setC = print(formB(73, [...bytes('{C'), 12, 100]), [0x0a])
  t.same(setC.barcodes, [])
  t.match(setC.warnings[0]!.message, /byte 100 is not a code set C value/)
})

t.test('GS k CODE39 Notes: "*" first is the start character; a later "*" is the stop, the data after it is normal data', async (t) => {
  const s = print(formA(4, 'AB*CD'), [0x0a])
  t.equal(s.barcodes[0]!.data, '*AB*')
  t.same(s.lines.map((l) => l.text), ['CD'])
  t.equal((await zxingDecode(s.raster, ['Code39']))[0]?.text, 'AB')
  const lower = print(formB(69, 'ab'), [0x0a])
  t.same(lower.barcodes, [])
  t.match(lower.warnings[0]!.message, /^GS k: CODE39 character 0x61 is not a CODE39 character: not printed, paper fed/)
})

t.test('GS k ITF: form (A) ignores an odd last digit; form (B) with odd n is cancelled', async (t) => {
  const a = print(formA(5, '1234567'), [0x0a])
  t.equal(a.barcodes[0]!.data, '123456')
  t.match(a.warnings, [{ message: /^GS k: odd number of ITF digits: the last digit "7" is ignored/ }])
  t.equal((await zxingDecode(a.raster, ['ITF']))[0]?.text, '123456')
  const b = print(formB(70, '12345'), [0x0a])
  t.same(b.barcodes, [])
  t.same(b.lines.map((l) => l.text), ['12345'])
})

t.test('GS k CODE93 HRI: "■" as start and stop character (Notes for CODE93)', async (t) => {
  const s = print([0x1d, 0x48, 2], formB(72, 'AB12'))
  t.equal(s.barcodes[0]!.data, '■AB12■')
  t.equal((await zxingDecode(s.raster, ['Code93']))[0]?.text, 'AB12')
})

t.test('GS k Notes: enabled only when no data is in the print buffer; otherwise the data after m is normal data', async (t) => {
  const s = print(bytes('AB'), formB(73, '{BCD'), [0x0a])
  t.same(s.barcodes, [])
  t.match(s.warnings, [{ offset: 4, message: /^GS k: data in the print buffer/ }])
  t.same(s.lines.map((l) => l.text), ['AB\x04{BCD'.replace('\x04', '')].map((x) => x), 'n (4) is a control byte, the data prints on the same line')
})

t.test('GS k Notes: a bar code wider than the print area is not printed (paper fed), with the command and its offset', async (t) => {
  // Start, 30 code set B characters and the check character at module 6: (32 × 11 + 13) × 6 > 576 dots.
  const s = print(bytes('A\n'), [0x1d, 0x77, 6], formB(73, '{B' + 'X'.repeat(30)), bytes('B\n'))
  t.same(s.barcodes, [])
  t.match(s.warnings, [{ offset: 7, message: /^GS k: CODE128 is 2190 dots wide, more than the print area \(576 dots\): not printed, paper fed/ }])
  t.equal(s.lines[1]!.y - s.lines[0]!.y, 30 + 162, 'fed by the GS h height (162)')
  // The print area is what counts: GS L 300 leaves 276 dots.
  const m = render(Uint8Array.from([...INIT, 0x1d, 0x4c, 44, 1, 0x1d, 0x77, 2, ...formB(73, '{B' + 'X'.repeat(10))]))
  t.same(m.segments, [], 'nothing inked: no segment')
  t.match(m.printer.events.ofType<{ message: string }>('warning').map((w) => w.data.message), [/^GS k: CODE128 is 290 dots wide, more than the print area \(276 dots\)/])
  const fits = print([0x1d, 0x77, 2], formB(73, '{B' + 'X'.repeat(10)))
  t.equal(fits.barcodes[0]!.width, (12 * 11 + 13) * 2, "start, 10 characters, check: 11 modules each, stop 13")
})

t.test('GS H / GS f: HRI above, below or both, in Font A (24 dots) or Font B (17 dots)', async (t) => {
  for (const [h, f, above, below] of [[1, 0, 24, 0], [2, 0, 0, 24], [3, 1, 17, 17], [0, 0, 0, 0]] as const) {
    const s = print([0x1d, 0x68, 40], [0x1d, 0x48, h], [0x1d, 0x66, f], formB(67, '4596979869695'))
    const b = s.barcodes[0]!
    t.equal(b.y, above, `GS H ${h}: bars start below the HRI`)
    t.equal(s.raster.height, above + 40 + below, 'segment height = HRI + bars + HRI')
    t.equal(b.hri, ['none', 'above', 'below', 'both'][h])
  }
})

t.test('barcode.bin (escpos-php): every printed bar code reads back; wrong supplied check digits are printed with a warning', async (t) => {
  const { segments } = render(fixture('barcode.bin'))
  const s = segments[0]!
  t.equal(s.barcodes.length, 38, 'every GS k of the stream prints except the two UPC-A numbers with no UPC-E form')
  t.match(
    s.warnings.map((w) => w.message),
    // The stream also sets module widths 7 and 8, past GS w's range (Epson: 1–6 on TM models): ignored.
    [/^GS w: module width 7 out of range/, /^GS w: module width 8 out of range/, /^GS k: UPC-A check digit 1 does not match/, /^GS k: UPC-E check digit 7 does not match/, /^GS k: UPC-E UPC-A number 01234567890 has no UPC-E/, /^GS k: UPC-E UPC-A number 01234567890 has no UPC-E/, /^GS k: EAN8 check digit 7 does not match/],
  )
  const mismatched = new Set(['012345678901', '01234567'])
  let read = 0
  for (const b of s.barcodes) {
    if (mismatched.has(b.data) && b.symbology !== 'CODE39' || b.height < 16) continue
    const region = crop(s.raster, b.x, b.y, b.width, b.height)
    const z = await zxingDecode(region)
    const want = b.symbology === 'CODE39' ? b.data.slice(1, -1) : b.symbology === 'CODE93' ? b.data.slice(1, -1) : b.symbology === 'UPC-A' ? '0' + b.data : b.data
    // ZXing gives UPC-E in its UPC-A expansion as EAN-13: 0123456 → 0 12345 0000 6, check 5.
    if (b.symbology === 'UPC-E') t.equal(z[0]?.text, '0012345000065', `${b.symbology} ${b.data}`)
    else if (b.symbology === 'CODABAR') t.match(z[0]?.text, b.data.slice(1, -1), `${b.symbology} ${b.data}`)
    else t.equal(z[0]?.text, want, `${b.symbology} ${b.data}`)
    read++
  }
  t.ok(read >= 25, `${read} bar codes read back by ZXing`)
})

t.test('zbarimg cross-checks', { skip: zbar ? false : 'zbarimg not installed: the zbar cross-checks above were skipped (ZXing checks ran)' }, async (t) => {
  t.ok(zbar, 'zbarimg present: the bar codes above were also read by zbarimg')
})
