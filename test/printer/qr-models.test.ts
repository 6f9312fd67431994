/**
 * GS ( k QR Code beyond model 2 (Epson ESC/POS Command Reference, GS ( k <Function 165> model
 * 1 / 2 / Micro QR, <Function 180> store, <Function 181> print), the parameter counts of every
 * function, and symbols wider than the print area.
 */
import t from 'tap'
import bwipjs from 'bwip-js'
import { fixture, render, crop, inkBox } from './helpers.js'
import { zxingDecode } from './symbol-decoders.js'
import type { PrintedSegment } from '../../emulators/printer/index.js'

const INIT = [0x1b, 0x40]
/** GS ( k pL pH 49 fn params… */
const qr = (fn: number, ...params: number[]): number[] => {
  const n = params.length + 2
  return [0x1d, 0x28, 0x6b, n & 0xff, n >> 8, 0x31, fn, ...params]
}
const store = (text: string): number[] => qr(80, 48, ...Buffer.from(text, 'latin1'))
const printQr = qr(81, 48)
const run = (...parts: number[][]) => render(Uint8Array.from([...INIT, ...parts.flat()]))
const warnings = (r: ReturnType<typeof run>): Array<{ offset: number; message: string }> =>
  r.printer.events.ofType<{ offset: number; message: string }>('warning').map((w) => w.data)

/** ISO/IEC 18004 §7.9.2: Micro QR format information, 15 bits = BCH(15,5) of (symbol number, mask), XOR 4445h. */
function microFormatWords(): Map<number, { symbol: number; mask: number }> {
  const words = new Map<number, { symbol: number; mask: number }>()
  for (let symbol = 0; symbol < 8; symbol++) {
    for (let mask = 0; mask < 4; mask++) {
      const data = (symbol << 2) | mask
      let rem = data << 10
      for (let bit = 14; bit >= 10; bit--) if (rem & (1 << bit)) rem ^= 0x537 << (bit - 10)
      words.set(((data << 10) | rem) ^ 0x4445, { symbol, mask })
    }
  }
  return words
}
/** Symbol numbers of ISO/IEC 18004 Table 13: M1 0, M2-L 1, M2-M 2, M3-L 3, M3-M 4, M4-L 5, M4-M 6, M4-Q 7. */
const SYMBOL_LEVEL_L = new Set([1, 3, 5])

/** Modules of the printed symbol (one sample per module). */
function readModules(s: PrintedSegment, i = 0): { size: number; dark: (r: number, c: number) => boolean } {
  const q = s.qr[i]!
  const size = q.size / q.moduleSize
  const dark = (r: number, c: number): boolean => !!s.raster.data[(q.y + r * q.moduleSize + (q.moduleSize >> 1)) * s.raster.width + q.x + c * q.moduleSize + (q.moduleSize >> 1)]
  return { size, dark }
}

t.test('<Function 165> n1 = 51 prints a Micro QR symbol: the library matrix, a valid format word, read back by ZXing', async (t) => {
  // Symbol numbers by size (ISO/IEC 18004 Table 13): the encoder may raise the level within the version.
  const bySize: Record<number, number[]> = { 11: [0], 13: [1, 2], 15: [3, 4], 17: [5, 6, 7] }
  for (const [text, level, ecByte] of [['12345', 'L', 48], ['HELLO123', 'M', 49], ['Testing 123', 'L', 48]] as const) {
    const { segments } = run(qr(65, 51, 0), qr(67, 4), qr(69, ecByte), store(text), printQr)
    const s = segments[0]!
    t.same(s.warnings, [], `${text}: no warning`)
    const q = s.qr[0]!
    t.equal(q.model, 3, 'logged as Micro QR')
    const { size, dark } = readModules(s)
    t.ok(size >= 11 && size <= 17 && size % 2 === 1, `${size} modules is a Micro QR size (M1–M4)`)
    // The printed modules are bwip-js's matrix for the same data and level.
    const lib = (bwipjs.raw('microqrcode', text, { eclevel: level } as never) as Array<{ pixs: number[]; pixx: number }>)[0]!
    t.equal(lib.pixx, size)
    let same = true
    for (let r = 0; r < size; r++) for (let c = 0; c < size; c++) if (dark(r, c) !== !!lib.pixs[r * size + c]) same = false
    t.ok(same, 'modules equal the library matrix')
    // Format information: row 8 columns 1–8, then column 8 rows 7–1 (ISO/IEC 18004 Figure 26), MSB first.
    let word = 0
    for (let c = 1; c <= 8; c++) word = (word << 1) | Number(dark(8, c))
    for (let r = 7; r >= 1; r--) word = (word << 1) | Number(dark(r, 8))
    const format = microFormatWords().get(word)
    t.ok(format, `format word ${word.toString(2).padStart(15, '0')} is a valid BCH(15,5) Micro QR word`)
    t.ok(bySize[size]!.includes(format?.symbol ?? -1), `symbol number ${format?.symbol} is one of a ${size}-module symbol`)
    if (level === 'M') t.notOk(SYMBOL_LEVEL_L.has(format?.symbol ?? -1), 'level M asked: not an L-only symbol number')
    const z = await zxingDecode(crop(s.raster, q.x, q.y, q.size, q.size), ['MicroQRCode'])
    t.equal(z[0]?.text, text, 'ZXing reads the printed Micro QR')
  }
})

t.test('qr-code.bin: the "Micro QR code" section prints a Micro QR that reads back; the model 1 section prints nothing, with a warning', async (t) => {
  const { segments } = render(fixture('qr-code.bin'))
  const s = segments[0]!
  const micro = s.qr.filter((q) => q.model === 3)
  t.equal(micro.length, 1)
  const z = await zxingDecode(crop(s.raster, micro[0]!.x, micro[0]!.y, micro[0]!.size, micro[0]!.size), ['MicroQRCode'])
  t.equal(z[0]?.text, 'Testing 123')
  t.same(s.qr.filter((q) => q.model === 1), [])
  t.match(s.warnings, [{ offset: 1354, message: /^GS \( k: QR Code model 1 selected \(fn 65\): no encoder for model 1 symbols: not printed/ }])
})

t.test('<Function 165> n1 = 49 (model 1): not printed, no ink, a warning naming GS ( k at the print command', async (t) => {
  const r = run(qr(65, 49, 0), store('PAY-1'), printQr)
  t.same(r.segments, [], 'nothing printed')
  t.same(warnings(r), [{ offset: 2 + 9 + 13, message: 'GS ( k: QR Code model 1 selected (fn 65): no encoder for model 1 symbols: not printed' }])
})

t.test('<Function 180> with (pL + pH × 256) = 3 (no data) is ignored; the stored data stays', async (t) => {
  const r = run(store('FIRST'), [0x1d, 0x28, 0x6b, 3, 0, 0x31, 80, 48], printQr, [0x0a])
  t.same(r.segments[0]!.qr.map((q) => q.data), ['FIRST'])
  t.same(warnings(r), [{ offset: 2 + 13, message: 'GS ( k: QR Code function 80 needs (pL + pH × 256) = 4–7092, got 3: ignored' }])
})

t.test('GS ( k functions with too few parameter bytes are ignored and never read the bytes after them', async (t) => {
  // Each short command is followed by "Z\n", which must print as text, unconsumed.
  const short: Array<[number[], RegExp, string?]> = [
    // pL pH = 0: the 31h after it is not part of the command; it prints as text.
    [[0x1d, 0x28, 0x6b, 0, 0, 0x31], /^GS \( k: \(pL \+ pH × 256\) = 0 leaves no room for cn and fn/, '1Z'],
    [[0x1d, 0x28, 0x6b, 1, 0, 0x31], /^GS \( k: \(pL \+ pH × 256\) = 1 leaves no room/],
    [[0x1d, 0x28, 0x6b, 3, 0, 0x31, 65, 51], /^GS \( k: QR Code function 65 needs \(pL \+ pH × 256\) = 4, got 3: ignored/],
    [[0x1d, 0x28, 0x6b, 2, 0, 0x31, 67], /^GS \( k: QR Code function 67 needs \(pL \+ pH × 256\) = 3, got 2: ignored/],
    [[0x1d, 0x28, 0x6b, 2, 0, 0x31, 69], /^GS \( k: QR Code function 69 needs/],
    [[0x1d, 0x28, 0x6b, 2, 0, 0x31, 80], /^GS \( k: QR Code function 80 needs/],
    [[0x1d, 0x28, 0x6b, 2, 0, 0x31, 81], /^GS \( k: QR Code function 81 needs/],
    [[0x1d, 0x28, 0x6b, 2, 0, 0x31, 82], /^GS \( k: QR Code function 82 needs/],
    [[0x1d, 0x28, 0x6b, 2, 0, 0x30, 67], /^GS \( k: PDF417 function 67 needs/],
    [[0x1d, 0x28, 0x6b, 3, 0, 0x30, 69, 48], /^GS \( k: PDF417 function 69 needs/],
  ]
  for (const [cmd, message, text] of short) {
    const r = run(cmd, [0x5a, 0x0a], store('X'), qr(67, 5), printQr)
    const s = r.segments[0]!
    t.same(s.lines.map((l) => l.text), [text ?? 'Z'], `${Buffer.from(cmd).toString('hex')}: the next bytes print as text`)
    t.match(s.warnings, [{ offset: 2, message }])
    t.equal(s.qr[0]?.moduleSize, 5, 'the module size set afterwards is in force, not a byte read past the command')
  }
  const r = run(qr(67, 17), qr(67, 0), qr(69, 52), qr(65, 52, 0), store('X'), printQr)
  t.match(r.segments[0]!.warnings.map((w) => w.message), [/module size 17 out of range/, /module size 0 out of range/, /error correction level 52 out of range/, /model n1 = 52 out of range/])
  t.equal(r.segments[0]!.qr[0]!.moduleSize, 3, 'defaults kept')
})

t.test('<Function 181> Notes: a QR symbol wider than the print area is not printed; the warning names GS ( k and its offset', async (t) => {
  const payload = 'x'.repeat(200) // byte mode, level L: version 9 (193–230 bytes), 53 modules
  const wide = run([0x41, 0x0a], store(payload), qr(67, 16), printQr, [0x42, 0x0a])
  const s = wide.segments[0]!
  t.same(s.qr, [])
  t.same(s.lines.map((l) => l.text), ['A', 'B'])
  t.equal(s.lines[1]!.y - s.lines[0]!.y, 30, 'no paper fed for the symbol')
  t.match(s.warnings, [{ offset: 2 + 2 + 208 + 8, message: /^GS \( k: QR Code symbol is 848 dots wide, more than the print area \(576 dots\): not printed/ }])
  t.equal(inkBox(s.raster, 0, 24, 576, 30), undefined, 'no clipped symbol drawn')
  // The print area, not the paper: GS L 200 + module 8 (424 dots) on 576-dot paper.
  const margin = run([0x1d, 0x4c, 200, 0], store(payload), qr(67, 8), printQr)
  t.same(margin.segments, [])
  t.match(warnings(margin), [{ message: /424 dots wide, more than the print area \(376 dots\)/ }])
  // fn 82 answers "printing impossible" (31h) for it.
  const size = run([0x1d, 0x4c, 200, 0], store(payload), qr(67, 8), qr(82, 48))
  const reply = size.printer.events.ofType<{ bytes: number[] }>('reply').flatMap((e) => e.data.bytes)
  t.equal(reply.at(-2), 0x31)
})

t.test('<Function 081> Notes (PDF417): a symbol wider than the print area is not printed, with a warning', async (t) => {
  const pdf = (fn: number, ...p: number[]): number[] => [0x1d, 0x28, 0x6b, (p.length + 2) & 0xff, (p.length + 2) >> 8, 0x30, fn, ...p]
  const r = run([0x1d, 0x4c, 0x2c, 0x01], pdf(65, 10), pdf(67, 4), pdf(80, 48, ...Buffer.from('PDF417 PAYLOAD')), pdf(81, 48))
  t.same(r.segments, [])
  t.match(warnings(r), [{ message: /^GS \( k: PDF417 symbol is \d+ dots wide, more than the print area \(276 dots\): not printed/ }])
})
