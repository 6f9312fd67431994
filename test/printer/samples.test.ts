import t from 'tap'
import { readdirSync } from 'node:fs'
import { FIXTURES, fixture, inkBox, render } from './helpers.js'

const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.bin')).sort()

t.test('all twelve escpos-php sample streams render, with ink and no unknown commands', async (t) => {
  t.equal(files.length, 12)
  for (const file of files) {
    const { printer, segments } = render(fixture(file))
    t.ok(segments.length >= 1, `${file}: ${segments.length} segment(s)`)
    t.ok(segments.every((s) => s.raster.width === 576 && s.raster.data.length === 576 * s.raster.height), `${file}: 576-dot rasters`)
    t.ok(segments.some((s) => inkBox(s.raster)), `${file}: something printed`)
    const unknown = printer.events.ofType<{ message: string }>('warning').filter((w) => /unknown|truncated/.test(w.data.message))
    t.same(unknown.map((w) => w.data.message), [], `${file}: no unknown or truncated commands`)
  }
})

t.test('58 mm paper gives 384-dot rasters', async (t) => {
  const { segments } = render(fixture('receipt-with-logo.bin'), { paper: 58 })
  t.equal(segments[0]!.raster.width, 384)
  t.ok(inkBox(segments[0]!.raster)!.x + inkBox(segments[0]!.raster)!.w <= 384)
})

/** GS v 0 headers read from the stream itself: [m, width in dots = 8*(xL+xH*256), height]. */
function gsv0Headers(buf: Uint8Array): Array<{ m: number; w: number; h: number }> {
  const out: Array<{ m: number; w: number; h: number }> = []
  for (let i = 0; i + 8 < buf.length; i++) {
    if (buf[i] === 0x1d && buf[i + 1] === 0x76 && buf[i + 2] === 0x30) {
      const x = buf[i + 4]! + buf[i + 5]! * 256
      const y = buf[i + 6]! + buf[i + 7]! * 256
      out.push({ m: buf[i + 3]!, w: 8 * x, h: y })
      i += 7 + x * y
    }
  }
  return out
}

t.test('GS v 0 images are 8*(xL+xH*256) dots wide (x2 in double-width mode), in the log and in the raster', async (t) => {
  for (const file of ['bit-image.bin', 'demo.bin']) {
    const bytes = fixture(file)
    const headers = gsv0Headers(bytes)
    t.ok(headers.length > 0, `${file} has GS v 0 images`)
    const { segments } = render(bytes)
    const images = segments.flatMap((s) => s.images.filter((i) => i.source === 'GS v 0').map((i) => ({ i, s })))
    t.equal(images.length, headers.length)
    headers.forEach((h, k) => {
      const { i, s } = images[k]!
      const sx = h.m & 1 ? 2 : 1
      const sy = h.m & 2 ? 2 : 1
      t.equal(i.width, h.w * sx, `${file} image ${k}: width`)
      t.equal(i.height, h.h * sy, `${file} image ${k}: height`)
      // The ink lies within the image's box, and the box is where the next line starts.
      const box = inkBox(s.raster, 0, i.y, s.raster.width, i.y + i.height)!
      t.ok(box.x >= i.x && box.x + box.w <= Math.min(576, i.x + i.width), `${file} image ${k}: ink inside its box`)
    })
  }
})

t.test('text-size.bin: each GS ! width/height multiplier shows in the glyph extents', async (t) => {
  const { segments } = render(fixture('text-size.bin'))
  const s = segments[0]!
  const r = s.raster
  // Lines "12345678" with GS ! 0x00,0x11…0x77 (both), 0x03,0x13…0x73 (width k, height 4), 0x30…0x37 (width 4, height k).
  const digitLines = s.lines.filter((l) => l.text === '12345678')
  t.equal(digitLines.length, 3)
  const cases = [
    (k: number) => ({ w: k, h: k }),
    (k: number) => ({ w: k, h: 4 }),
    (k: number) => ({ w: 4, h: k }),
  ]
  // Unifont '1'…'8' are 16-row glyphs scaled to a 24-dot cell; measure digit 1 at size 1x1 as the unit.
  digitLines.forEach((line, li) => {
    let x = line.x
    const unit: Array<{ w: number; h: number }> = []
    for (let k = 1; k <= 8; k++) {
      const { w, h } = cases[li]!(k)
      const cellW = 12 * w
      const cellH = 24 * h
      const top = line.y + line.lineHeight - cellH
      const box = inkBox(r, x, top, x + cellW, line.y + line.lineHeight)
      t.ok(box, `line ${li} digit ${k}: ink in its ${cellW}x${cellH} cell`)
      // Nothing of the glyph above its cell (cells are bottom-aligned on the baseline).
      t.notOk(inkBox(r, x, line.y, x + cellW, top), `line ${li} digit ${k}: nothing above the cell`)
      unit.push({ w: box!.w / w, h: box!.h / h })
      x += cellW
    }
    // Ink extents divided by the multipliers are the size-1 extents of the digit: the same for
    // every multiplier within a dot (nearest-neighbour scaling multiplies exact dot counts).
    for (let k = 1; k < 8; k++) {
      t.equal(unit[k]!.h, unit[0]!.h, `line ${li} digit ${k + 1}: ink height / multiplier constant`)
    }
  })
  const largest = s.lines.find((l) => l.text === 'Hello')!
  t.equal(largest.width, 8)
  t.equal(largest.height, 8)
  t.equal(largest.lineHeight, 192)
})

t.test('GS ( L fn 112 graphics print at the size their header declares (x2 per bx/by)', async (t) => {
  for (const file of ['graphics.bin', 'receipt-with-logo.bin']) {
    const bytes = fixture(file)
    const headers: Array<{ w: number; h: number }> = []
    for (let i = 0; i + 16 < bytes.length; i++) {
      if (bytes[i] === 0x1d && bytes[i + 1] === 0x28 && bytes[i + 2] === 0x4c && bytes[i + 6] === 112) {
        const bx = bytes[i + 8] === 2 ? 2 : 1
        const by = bytes[i + 9] === 2 ? 2 : 1
        headers.push({ w: (bytes[i + 11]! + bytes[i + 12]! * 256) * bx, h: (bytes[i + 13]! + bytes[i + 14]! * 256) * by })
        i += 4 + bytes[i + 3]! + bytes[i + 4]! * 256
      }
    }
    t.ok(headers.length > 0, `${file} stores graphics`)
    const { segments } = render(bytes)
    const images = segments.flatMap((s) => s.images.filter((i) => i.source === 'GS ( L'))
    t.same(images.map((i) => ({ w: i.width, h: i.height })), headers, `${file}: printed sizes`)
  }
})
