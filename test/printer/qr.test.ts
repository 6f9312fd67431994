import t from 'tap'
import { EscPosBuilder } from '../../protocols/escpos/builder.js'
import { crop, decodeQr, fixture, render } from './helpers.js'

/** Parses every GS ( k QR command of a stream independently of the emulator: [fn, params]. */
function qrCommands(buf: Uint8Array): Array<{ fn: number; data: Uint8Array }> {
  const out: Array<{ fn: number; data: Uint8Array }> = []
  for (let i = 0; i + 7 < buf.length; i++) {
    if (buf[i] === 0x1d && buf[i + 1] === 0x28 && buf[i + 2] === 0x6b && buf[i + 5] === 0x31) {
      const len = buf[i + 3]! + buf[i + 4]! * 256
      out.push({ fn: buf[i + 6]!, data: buf.slice(i + 7, i + 5 + len) })
      i += 4 + len
    }
  }
  return out
}

t.test('qr-code.bin: every model 2 symbol decodes from the raster to its stored payload, at the fn 67 module size', async (t) => {
  const bytes = fixture('qr-code.bin')
  // The expected symbols, read straight from the stream: each fn 81 prints the last fn 80 data at
  // the last fn 67 size in the last fn 65 model (model 1 and Micro QR are checked in qr-models.test.ts).
  const expected: Array<{ data: string; module: number }> = []
  let data = new Uint8Array()
  let module = 3
  let model = 50
  let others = 0
  for (const c of qrCommands(bytes)) {
    if (c.fn === 65) model = c.data[0]!
    if (c.fn === 67) module = c.data[0]!
    if (c.fn === 80) data = c.data.slice(1)
    if (c.fn === 81 && model === 50) expected.push({ data: Buffer.from(data).toString('latin1'), module })
    else if (c.fn === 81) others++
  }
  t.ok(expected.length >= 15, `stream holds ${expected.length} model 2 QR prints`)
  const { segments } = render(bytes)
  const printed = segments.flatMap((s) => s.qr.filter((q) => q.model === 2).map((q) => ({ q, raster: s.raster })))
  t.equal(printed.length, expected.length, 'one logged model 2 symbol per fn 81')
  t.equal(others, 2, 'and one model 1 and one Micro QR print')
  for (let i = 0; i < expected.length; i++) {
    const { q, raster } = printed[i]!
    const exp = expected[i]!
    t.equal(q.moduleSize, exp.module, `symbol ${i}: module size = fn 67 value`)
    t.equal(q.data, exp.data, `symbol ${i}: logged data`)
    t.equal(q.size % exp.module, 0)
    const modules = q.size / exp.module
    t.equal((modules - 17) % 4, 0, `symbol ${i}: ${modules} modules is a QR version size`)
    if (exp.module < 2) continue // jsQR needs at least 2 dots per module
    const decoded = decodeQr(crop(raster, q.x, q.y, q.size, q.size, 4 * exp.module))
    t.ok(decoded, `symbol ${i} decodes`)
    t.equal(Buffer.from(decoded!.binary).toString('latin1'), exp.data, `symbol ${i} payload`)
    // Measure the module size in the raster: the finder pattern's outer ring is 7 modules wide.
    let run = 0
    while (raster.data[q.y * raster.width + q.x + run]) run++
    t.equal(run, 7 * exp.module, `symbol ${i}: finder pattern is 7 modules of ${exp.module} dots`)
  }
})

t.test('a QR from a GS ( k stream is centred per ESC a and decodes', async (t) => {
  const payload = '00020101021226370016A000000677010111011300669876543215802TH53037645406100.0063041D2C'
  const bytes = new EscPosBuilder().init().align('center').qr(payload, { size: 5, errorLevel: 'M' }).raw([0x0a]).cut('full').build()
  const { segments } = render(bytes)
  t.equal(segments.length, 1)
  const s = segments[0]!
  t.equal(s.cut, 'full')
  const q = s.qr[0]!
  t.equal(q.errorLevel, 'M')
  t.equal(q.moduleSize, 5)
  t.equal(q.x, Math.floor((576 - q.size) / 2), 'centred on 576 dots')
  const decoded = decodeQr(crop(s.raster, 0, 0, s.raster.width, s.raster.height, 20))
  t.equal(decoded?.data, payload)
})
