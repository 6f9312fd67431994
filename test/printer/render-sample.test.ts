/**
 * `rig render` of a stream with page mode, two-colour graphics and tabs (test/fixtures/printer/
 * coupon.bin, described in its README): the layout the Epson reference describes, read from the
 * print log and the PNG. Expected positions come from the commands' definitions:
 * ESC D stops = column × 12 dots; page mode (ESC W area, GS $ baselines, ESC T 3 start point);
 * GS ( L two-colour planes printed together (colour 2 red in the PNG).
 */
import t from 'tap'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Jimp } from 'jimp'
import render from '../../rig/cli/commands/render.js'

const sample = fileURLToPath(new URL('../fixtures/printer/coupon.bin', import.meta.url))

interface Line {
  text: string
  x: number
  y: number
  lineHeight: number
  color: number
  direction?: number
}

t.test('rig render: page mode, two-colour graphics and tabs land where the reference puts them', async (t) => {
  const out = mkdtempSync(join(tmpdir(), 'rig-render-sample-'))
  t.teardown(() => rmSync(out, { recursive: true, force: true }))
  const log = console.log
  const printed: string[] = []
  console.log = (s: string) => void printed.push(s)
  let status: number
  try {
    status = await render.run([sample, '--out', out])
  } finally {
    console.log = log
  }
  t.equal(status, 0)
  t.match(printed[0], /^1 segment\(s\), 0 warning\(s\)/)
  const printLog = JSON.parse(readFileSync(join(out, 'coupon.print-log.json'), 'utf8'))
  t.same(printLog.warnings, [], 'no warning: every command is one the emulator models')
  const seg = printLog.segments[0]
  t.equal(seg.cut, 'partial')
  const lines = seg.lines as Line[]
  const line = (text: string): Line => {
    const found = lines.find((l) => l.text === text)
    if (!found) t.fail(`no line "${text}" in ${JSON.stringify(lines.map((l) => l.text))}`)
    return found ?? ({ text: '', x: -1, y: -1, lineHeight: 0, color: 0 } as Line)
  }

  // Tabs: stops at columns 24 and 32, so the text resumes at those columns (log gaps in 12-dot cells).
  t.equal(line('Flat white'.padEnd(24) + '2'.padEnd(8) + '9.00').x, 0, 'item line with its tab gaps')
  t.equal(line('Croissant'.padEnd(24) + '1'.padEnd(8) + '3.30').x, 0)
  t.equal(line('TOTAL'.padEnd(32) + '12.30').x, 0, 'two HTs skip the column-24 stop')

  // Header centred: 13 double-width cells of 24 dots in 576.
  t.match(line('RIG DEMO CAFE'), { x: (576 - 13 * 24) / 2, y: 0, lineHeight: 48 })

  // Two-colour logo, centred, both planes in one image.
  t.match(seg.images, [{ source: 'GS ( L', x: (576 - 64) / 2, y: 48, width: 64, height: 16, colors: [1, 2] }])

  // The colour-2 line.
  const save = line('SAVE 20% ON YOUR NEXT VISIT')
  t.equal(save.color, 2)

  // Page mode: the page starts on the line after the blank one that follows "SAVE …".
  const top = save.y + 30 + 30
  t.match(line('COUPON'), { x: 0, y: top + 60 + 3 - 48, direction: 0 }, 'double-size text on baseline 60')
  t.match(line('20% OFF ONE COFFEE'), { x: 0, y: top + 100 + 3 - 24, direction: 0 }, 'on baseline 100')
  t.match(line('VALID 2025'), { x: 540 + 36 - 24, y: top, direction: 3 }, 'ESC T 3 in the strip at x 540: down its right edge')
  t.match(seg.qr, [{ data: 'RIG-COUPON-20', decoded: 'RIG-COUPON-20', x: 400, y: top + 180 - 84, size: 84 }], 'QR bottom on baseline 180')
  t.match(line('Thank you!'), { y: top + 200 }, 'FF printed the 200-dot page, then standard mode resumed')

  // The PNG: black and red ink where the log says, white elsewhere.
  const png = await Jimp.read(join(out, seg.png))
  t.equal(png.bitmap.width, 576)
  t.equal(png.bitmap.height, seg.height)
  const px = (x: number, y: number): [number, number, number] => {
    const o = (y * png.bitmap.width + x) * 4
    return [png.bitmap.data[o]!, png.bitmap.data[o + 1]!, png.bitmap.data[o + 2]!]
  }
  const isRed = ([r, g, b]: number[]): boolean => r! > 150 && g! < 80 && b! < 80
  const isBlack = ([r, g, b]: number[]): boolean => r! < 60 && g! < 60 && b! < 60
  t.ok(isBlack(px(256, 48)), 'logo frame (colour 1) is black')
  t.ok(isRed(px(288, 48 + 8)), 'logo bar (colour 2) is red')
  let red = 0
  for (let y = save.y; y < save.y + 24; y++) for (let x = 0; x < 576; x++) if (isRed(px(x, y))) red++
  t.ok(red > 200, `the colour-2 line is red in the PNG (${red} red dots)`)
  let redElsewhere = 0
  for (let y = top; y < top + 200; y++) for (let x = 0; x < 576; x++) if (isRed(px(x, y))) redElsewhere++
  t.equal(redElsewhere, 0, 'the page is black only')
  t.ok(isBlack(px(400, top + 96)) && isBlack(px(400 + 83, top + 96)), 'QR finder corners at x 400 and 483 on the page')
})
