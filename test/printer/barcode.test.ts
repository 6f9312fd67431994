import t from 'tap'
import { fixture, render } from './helpers.js'
import { ean13, runs } from './barcode-tables.js'

// Code 39 (ISO/IEC 16388): bar/space sequences, N narrow, W wide, starting with a bar.
const CODE39: Record<string, string> = { '*': 'NWNNWNWNN', A: 'WNNNNWNNW', B: 'NNWNNWNNW', C: 'WNWNNWNNN' }

t.test('barcode.bin: EAN-13 bars match the GS1 module pattern at the GS w module width', async (t) => {
  const { segments } = render(fixture('barcode.bin'))
  const s = segments[0]!
  const eans = s.barcodes.filter((b) => b.symbology === 'EAN13')
  t.ok(eans.length >= 4)
  for (const b of eans) {
    const digits = b.data.length === 12 ? b.data + '2' : b.data // 012345678901 + check digit 2
    t.equal(digits, '0123456789012')
    const expected = ean13(digits)
    for (const n of runs(s.raster, b)) t.equal(n % b.moduleWidth, 0, 'run is a whole number of modules')
    // Sample the middle row once per module.
    let got = ''
    const y = b.y + Math.floor(b.height / 2)
    for (let m = 0; m < 95; m++) got += s.raster.data[y * s.raster.width + b.x + m * b.moduleWidth + Math.floor(b.moduleWidth / 2)] ? '1' : '0'
    t.equal(got, expected, `EAN-13 ${digits} modules`)
    t.equal(b.width, 95 * b.moduleWidth)
  }
})

t.test('barcode.bin: CODE39 bars match the Code 39 patterns, narrow:wide per GS w, height per GS h', async (t) => {
  const { segments } = render(fixture('barcode.bin'))
  const s = segments[0]!
  const abc = s.barcodes.filter((b) => b.symbology === 'CODE39' && b.data === '*ABC*')
  t.equal(abc.length, 15, 'the 15 "ABC" samples (heights, widths, HRI positions)')
  const heights = abc.slice(1, 7).map((b) => b.height)
  t.same(heights, [1, 2, 4, 8, 16, 32], 'GS h 1…32')
  for (const b of abc) {
    if (b.height < 2) continue
    const r = runs(s.raster, b)
    const narrow = Math.min(...r)
    const pattern = r.map((n) => (n > narrow ? 'W' : 'N'))
    // Characters are separated by one narrow gap.
    const chars = ['*', 'A', 'B', 'C', '*'].map((c) => CODE39[c]).join('N')
    t.equal(pattern.join(''), chars, `module ${b.moduleWidth}: *ABC* bar pattern`)
    t.equal(narrow, b.moduleWidth)
  }
})
