/**
 * Every QR symbol on a printed receipt is found — by the scenario verdict path (print-log hints)
 * and from the pixels alone (`rig qr check --png`, decodeQrFromBitmap without hints) — including
 * two symbols with the same payload, a symbol right above an EAN-13, and symbols next to a logo.
 * Receipts are printed by the printer emulator; zbarimg (when installed) counts the same symbols.
 */
import t from 'tap'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { EscPosBuilder } from '../../protocols/escpos/builder.js'
import { encodeMpm } from '../../protocols/emv/mpm.js'
import { rasterToPng } from '../../emulators/printer/png.js'
import { decodeQrFromBitmap } from '../../rig/capture/decode-qr.js'
import { findQrRegions } from '../../rig/capture/find-qr.js'
import { readSegment } from '../../rig/expect/receipt-check.js'
import { main } from '../../rig/cli/main.js'
import { render } from '../printer/helpers.js'
import { request } from '../payment-server/helpers.js'
import { haveZbar, zbarFile } from '../printer/symbol-decoders.js'

const P1 = encodeMpm(request('DUP1'))
const P2 = encodeMpm(request('TWO2', '4.50'))
const P3 = encodeMpm(request('THREE3', '9.99'))

/** GS k form (B) JAN13, with HRI below. */
const ean13 = (digits: string): number[] => [0x1d, 0x48, 2, 0x1d, 0x68, 60, 0x1d, 0x77, 2, 0x1d, 0x6b, 67, digits.length, ...Buffer.from(digits)]
/** A 160 x 96 logo (GS v 0): diagonal stripes and a solid frame, ink dense enough to confuse a whole-picture search. */
function logo(): number[] {
  const w = 20
  const h = 96
  const out = [0x1d, 0x76, 0x30, 0, w, 0, h, 0]
  for (let y = 0; y < h; y++) {
    for (let xb = 0; xb < w; xb++) {
      let byte = 0
      for (let bit = 0; bit < 8; bit++) {
        const x = xb * 8 + bit
        const ink = y < 4 || y >= h - 4 || x < 4 || x >= w * 8 - 4 || (x + y) % 12 < 5
        if (ink) byte |= 0x80 >> bit
      }
      out.push(byte)
    }
  }
  return out
}

function receipt(build: (b: EscPosBuilder) => void): ReturnType<typeof render>['segments'][number] {
  const b = new EscPosBuilder().init()
  build(b)
  const { segments } = render(b.cut('full').build())
  return segments[0]!
}

async function cli(file: string): Promise<{ code: number; out: string }> {
  const lines: string[] = []
  const log = console.log
  console.log = (...a: unknown[]) => void lines.push(a.join(' '))
  try {
    return { code: await main(['qr', 'check', '--png', file]), out: lines.join('\n') }
  } finally {
    console.log = log
  }
}

const dir = mkdtempSync(join(tmpdir(), 'qr-every-'))
t.teardown(() => rmSync(dir, { recursive: true, force: true }))
const zbar = haveZbar()

t.test('a QR with an EAN-13 directly under it: found by the verdict path, from the pixels, and by rig qr check --png', async (t) => {
  const s = receipt((b) => b.align('center').line('TOTAL 12.30').qr(P1, { size: 4 }).raw(ean13('4596979869695')).line('THANK YOU'))
  t.equal(s.qr.length, 1)
  t.equal(s.barcodes[0]!.y, s.qr[0]!.y + s.qr[0]!.size, 'the bars start on the dot row right under the symbol')
  t.same(readSegment(s).qrs, [P1], 'verdict path')
  t.same(decodeQrFromBitmap(s.raster).map((d) => d.text), [P1], 'pixels alone')
  const file = join(dir, 'qr-ean.png')
  writeFileSync(file, await rasterToPng(s.raster))
  const r = await cli(file)
  t.equal(r.code, 0, r.out)
  t.match(r.out, /1 QR symbol\b/)
  t.match(r.out, /62\.05\s+reference label\s+"DUP1"/)
  if (zbar) t.same(zbarFile(file, { extra: ['-Sdisable', '-Sqrcode.enable'] }), [P1], 'zbarimg finds the same symbol')
})

/** ESC J n: feed n dots (a quiet zone between blocks). */
const gap = [0x1b, 0x4a, 24]

t.test('4 symbols (two with the same payload) between logos and barcodes: 4 found, duplicates kept, in print order', async (t) => {
  const s = receipt((b) => {
    b.align('center').raw(logo()).raw(gap).qr(P1, { size: 3 }).raw(gap).line('--')
    b.qr(P2, { size: 4 }).raw(ean13('4006381333931')).raw([0x0a])
    b.raw(logo()).raw(gap).qr(P1, { size: 3 }).raw(gap).qr(P3, { size: 3 }).raw(gap).raw(ean13('5901234123457')).line('END')
  })
  t.equal(s.qr.length, 4, 'the print log holds 4 symbols')
  const want = [P1, P2, P1, P3]
  t.same(readSegment(s).qrs, want, 'verdict path (print-log hints)')
  t.equal(findQrRegions(s.raster).length, 4, 'four symbols located by their finder patterns')
  t.same(decodeQrFromBitmap(s.raster).map((d) => d.text), want, 'pixels alone, reading order')
  const file = join(dir, 'four.png')
  writeFileSync(file, await rasterToPng(s.raster))
  const r = await cli(file)
  t.equal(r.code, 0, r.out)
  t.match(r.out, /4 QR symbols/)
  t.equal(r.out.match(/reference label\s+"DUP1"/g)?.length, 2, 'the duplicate payload is reported twice')
  if (zbar) t.same(zbarFile(file, { extra: ['-Sdisable', '-Sqrcode.enable'] }).sort(), [...want].sort(), 'zbarimg finds the same 4 symbols')
})

// zbarimg needs a quiet zone around a symbol, so it is not asked about these.
t.test('symbols stacked with no gap, and a symbol touching a logo, are still told apart', async (t) => {
  const s = receipt((b) => b.qr(P2, { size: 3 }).qr(P2, { size: 3 }).raw(logo()).qr(P3, { size: 3 }))
  t.same(decodeQrFromBitmap(s.raster).map((d) => d.text), [P2, P2, P3])
  t.same(readSegment(s).qrs, [P2, P2, P3])
})

t.test('a picture with no QR symbol: no region, nothing decoded', async (t) => {
  const s = receipt((b) => b.raw(logo()).raw(ean13('4006381333931')).line('NO QR HERE'))
  t.same(findQrRegions(s.raster), [])
  t.same(decodeQrFromBitmap(s.raster), [])
})

t.test('zbarimg cross-checks', { skip: zbar ? false : 'zbarimg not installed: the zbar comparisons above were skipped' }, async (t) => {
  t.ok(zbar, 'zbarimg present: it found the same symbols as the rig')
})
