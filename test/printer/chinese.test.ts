import t from 'tap'
import iconv from 'iconv-lite'
import { EscPosBuilder } from '../../protocols/escpos/builder.js'
import { inkBox, render } from './helpers.js'

const RECEIPT = ['欢迎光临', '北京市朝阳区建国路88号', '矿泉水 2 ¥4.00', '合计：¥22.50', '谢谢惠顾，欢迎再次光临！']

t.test('a GB18030 receipt under FS & prints 24x24 glyphs and logs the Unicode text', async (t) => {
  const b = new EscPosBuilder().init().setEncoding('gb18030').chineseMode(true)
  for (const line of RECEIPT) b.line(line)
  b.line('一丨').cut('full')
  const { segments, printer } = render(b.build())
  const s = segments[0]!
  t.same(s.lines.map((l) => l.text), [...RECEIPT, '一丨'])
  t.same(printer.events.ofType('warning'), [], 'no warnings')
  // Cell by cell along the first line: 4 characters of 24 dots, each with ink.
  const first = s.lines[0]!
  t.equal(first.chinese, true)
  for (let i = 0; i < 4; i++) t.ok(inkBox(s.raster, i * 24, first.y, i * 24 + 24, first.y + 24), `character ${i} has ink`)
  t.notOk(inkBox(s.raster, 96, first.y, 576, first.y + 24), 'nothing after the 4th cell')
  // Real glyph shapes: 一 is one horizontal stroke, 丨 one vertical stroke.
  const last = s.lines[5]!
  const yi = inkBox(s.raster, 0, last.y, 24, last.y + 24)!
  const gun = inkBox(s.raster, 24, last.y, 48, last.y + 24)!
  t.ok(yi.w >= 18 && yi.h <= 4, `一 is a horizontal bar (${yi.w}x${yi.h})`)
  t.ok(gun.h >= 18 && gun.w <= 4, `丨 is a vertical bar (${gun.w}x${gun.h})`)
  // ASCII in Chinese mode takes half a cell: "88" sits in 12-dot cells after 9 Chinese characters.
  const addr = s.lines[1]!
  t.ok(inkBox(s.raster, 9 * 24, addr.y, 9 * 24 + 12, addr.y + 24), 'first 8 in a 12-dot cell')
  // Same character, same dots: 光 of line 1 (cell 2) and 光 of line 5 (cell 9).
  const cell = (x: number, y: number): string => {
    let out = ''
    for (let r = 0; r < 24; r++) for (let c = 0; c < 24; c++) out += s.raster.data[(y + r) * 576 + x + c]
    return out
  }
  const last5 = s.lines[4]!
  t.equal(cell(2 * 24, first.y), cell(9 * 24, last5.y), '光 prints the same dots twice')
  t.not(cell(0, first.y), cell(24, first.y), '欢 and 迎 differ')
})

t.test('two-byte characters split across writes still print', async (t) => {
  const bytes = Buffer.concat([Buffer.from([0x1c, 0x26]), iconv.encode('付款成功', 'gb18030'), Buffer.from('\n')])
  const { PrinterEmulator } = await import('../../emulators/printer/index.js')
  const { VirtualClock } = await import('../../rig/clock/virtual-clock.js')
  const p = new PrinterEmulator({ clock: new VirtualClock() })
  for (const byte of bytes) p.write(Buffer.from([byte]))
  t.equal(p.flush()!.lines[0]!.text, '付款成功')
})

t.test('Big5 under FS & with chineseEncoding big5; FS . returns to single-byte', async (t) => {
  const bytes = Buffer.concat([Buffer.from([0x1c, 0x26]), iconv.encode('謝謝光臨', 'big5'), Buffer.from([0x0a, 0x1c, 0x2e]), Buffer.from([0x41, 0xa4, 0x0a])])
  const { segments } = render(bytes, { chineseEncoding: 'big5' })
  t.equal(segments[0]!.lines[0]!.text, '謝謝光臨')
  t.equal(segments[0]!.lines[1]!.text, 'Añ', 'after FS . the bytes are PC437 again (0xA4 = ñ)')
})

t.test('chineseAtPowerOn: raw GB18030 without FS &', async (t) => {
  const { segments } = render(Buffer.concat([iconv.encode('收据', 'gb18030'), Buffer.from('\n')]), { chineseAtPowerOn: true })
  t.equal(segments[0]!.lines[0]!.text, '收据')
})

t.test('FS S character spacing beyond 255 dots (double width) keeps its full width', async (t) => {
  // FS & on, FS S 0 200 (right spacing 200 dots), GS ! 0x10 double width: 中 takes 2 × (24 + 200) = 448 dots;
  // the ASCII X after it (FS . off) starts there.
  const bytes = Buffer.concat([
    Buffer.from([0x1b, 0x40, 0x1c, 0x26, 0x1c, 0x53, 0x00, 200, 0x1d, 0x21, 0x10]),
    iconv.encode('中', 'gb18030'),
    Buffer.from([0x1c, 0x2e]),
    Buffer.from('X\n'),
    Buffer.from([0x1d, 0x56, 0x00]),
  ])
  const { segments } = render(bytes)
  const r = segments[0]!.raster
  const han = inkBox(r, 0, 0, 100, r.height)
  const x = inkBox(r, 100, 0, r.width, r.height)
  t.ok(han && x, 'both characters printed on one line')
  t.ok(x!.x >= 448 && x!.x < 448 + 24, `X starts one 中 pitch (448 dots) in, at ${x!.x}`)
  const single = render(Buffer.concat([Buffer.from([0x1b, 0x40, 0x1c, 0x26]), iconv.encode('中', 'gb18030'), Buffer.from([0x0a, 0x1d, 0x56, 0x00])])).segments[0]!.raster
  const w1 = inkBox(single)!.w
  t.ok(Math.abs(han!.w - 2 * w1) <= 2, `中 is drawn double width (${han!.w} dots of ink, ${w1} single)`)
})
