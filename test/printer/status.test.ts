import t from 'tap'
import { VirtualClock } from '../../rig/clock/virtual-clock.js'
import { PrinterEmulator } from '../../emulators/printer/index.js'

function setup(): { p: PrinterEmulator; replies: () => number[] } {
  const p = new PrinterEmulator({ clock: new VirtualClock() })
  let seen = 0
  const replies = (): number[] => {
    const all = p.events.ofType<{ bytes: number[] }>('reply').flatMap((e) => e.data.bytes)
    const fresh = all.slice(seen)
    seen = all.length
    return fresh
  }
  return { p, replies }
}

const eot = (n: number): Buffer => Buffer.from([0x10, 0x04, n])
const all4 = Buffer.concat([eot(1), eot(2), eot(3), eot(4)])

// Expected bytes from the DLE EOT tables of reference/escpos.md: 0x12 (bits 1 and 4 fixed) plus
//   n=1: bit3 offline, bit5 waiting for online recovery; n=2: bit2 cover open, bit5 paper end stop,
//   bit6 error; n=3: bit3 autocutter error; n=4: bits 2-3 near end (0x0C), bits 5-6 paper end (0x60).
const CASES: Array<{ name: string; act: (p: PrinterEmulator) => void; expect: [number, number, number, number] }> = [
  { name: 'idle', act: () => undefined, expect: [0x12, 0x12, 0x12, 0x12] },
  { name: 'paper near end', act: (p) => p.setPaper('near-end'), expect: [0x12, 0x12, 0x12, 0x1e] },
  { name: 'paper out', act: (p) => p.setPaper('out'), expect: [0x1a, 0x32, 0x12, 0x72] },
  { name: 'cover open', act: (p) => p.setCover('open'), expect: [0x1a, 0x16, 0x12, 0x12] },
  { name: 'offline', act: (p) => p.setOffline(true), expect: [0x1a, 0x12, 0x12, 0x12] },
  { name: 'cutter error', act: (p) => p.setCutterError(true), expect: [0x3a, 0x52, 0x1a, 0x12] },
  { name: 'drawer pin 3 high', act: (p) => p.setDrawer(true), expect: [0x16, 0x12, 0x12, 0x12] },
]

t.test('DLE EOT 1–4 replies byte for byte, with the fixed bits', async (t) => {
  for (const c of CASES) {
    const { p, replies } = setup()
    c.act(p)
    p.write(all4)
    const got = replies()
    t.same(got, c.expect, c.name)
    for (const b of got) t.equal(b & 0x93, 0x12, `${c.name}: 0x${b.toString(16)} has the DLE EOT signature 0xx1xx10`)
  }
})

t.test('DLE EOT is answered on receipt: inside image data, split across chunks, while offline', async (t) => {
  const { p, replies } = setup()
  // GS v 0, 2 bytes x 4 rows; the data holds 10 04 01 and the header is complete but the data is not.
  p.write(Buffer.from([0x1d, 0x76, 0x30, 0x00, 0x02, 0x00, 0x04, 0x00, 0xff, 0x10, 0x04]))
  t.same(replies(), [], 'nothing yet')
  p.write(Buffer.from([0x01]))
  t.same(replies(), [0x12], 'answered from the receive stream inside the image')
  p.write(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0a]))
  p.write(Buffer.from([0x1d, 0x56, 0x00]))
  const seg = p.segments[0]!
  t.equal(seg.images[0]!.width, 16, 'the image kept its 8 data bytes, DLE EOT included')
  t.equal(seg.raster.data[0 * 576 + 0], 1)
  // The 0x10 0x04 0x01 data bytes as bits: row 0 = ff 10 → dot 11 black (0x10 = bit 3 of byte 2).
  t.equal(seg.raster.data[0 * 576 + 8 + 3], 1)
  p.setPaper('out')
  p.write(Buffer.from([0x10]))
  p.write(Buffer.from([0x04]))
  p.write(Buffer.from([0x04]))
  t.same(replies(), [0x72], 'answered while offline, split over three chunks')
})

t.test('GS r answers in buffer order; GS a sends ASB once, then on each change', async (t) => {
  const { p, replies } = setup()
  p.write(Buffer.from([0x1d, 0x72, 0x01]))
  t.same(replies(), [0x00], 'GS r 1, paper ok')
  p.setPaper('near-end')
  p.write(Buffer.from([0x1d, 0x72, 0x31]))
  t.same(replies(), [0x03], 'GS r 49, near end: bits 0-1')
  p.setPaper('ok')
  p.write(Buffer.from([0x1d, 0x72, 0x02]))
  t.same(replies(), [0x00], 'GS r 2, drawer')
  p.write(Buffer.from([0x1d, 0x61, 0x0f]))
  const first = replies()
  t.same(first, [0x10, 0x00, 0x00, 0x00], 'ASB on enable')
  t.equal(first[0]! & 0x93, 0x10, 'first ASB byte 0xx1xx00')
  p.setCover('open')
  t.same(replies(), [0x38, 0x00, 0x00, 0x00], 'cover open: offline bit3 + cover bit5')
  p.setCover('closed')
  t.same(replies(), [0x10, 0x00, 0x00, 0x00])
  p.setPaper('near-end')
  t.same(replies(), [0x10, 0x00, 0x03, 0x00], 'near end: byte 3 bits 0-1')
  p.setPaper('out')
  t.same(replies(), [0x18, 0x00, 0x0c, 0x00], 'paper end: offline, byte 3 bits 2-3')
  p.setPaper('ok')
  replies()
  p.setCutterError(true)
  t.same(replies(), [0x18, 0x09, 0x00, 0x00], 'cutter error: waiting for recovery + cutter bits')
  const asb = p.events.ofType<{ bytes: number[] }>('reply').map((e) => e.data.bytes).filter((b) => b.length === 4)
  for (const b of asb) {
    t.equal(b[0]! & 0x93, 0x10, 'ASB byte 1 is 0xx1xx00')
    for (const x of b.slice(1)) t.equal(x & 0x90, 0, 'ASB bytes 2-4 are 0xx0xxxx')
  }
  // Only watched categories trigger: with mask 8 (roll paper) a cover change sends nothing.
  const q = setup()
  q.p.write(Buffer.from([0x1d, 0x61, 0x08]))
  q.replies()
  q.p.setCover('open')
  t.same(q.replies(), [], 'unwatched change: no ASB')
  q.p.setPaper('near-end')
  t.same(q.replies(), [0x38, 0x00, 0x03, 0x00], 'watched change: ASB with the whole status')
})

t.test('paper out and cutter error hold the job; paper back and DLE ENQ release it', async (t) => {
  const { p } = setup()
  p.setPaper('out')
  p.write(Buffer.from('held\n\x1dV\x00'))
  t.equal(p.segments.length, 0, 'nothing printed without paper')
  t.ok(p.buffered > 0)
  p.setPaper('ok')
  t.equal(p.segments.length, 1)
  t.equal(p.segments[0]!.lines[0]!.text, 'held')
  p.setCutterError(true)
  p.write(Buffer.from('after jam\n\x1dV\x00'))
  t.equal(p.segments.length, 1)
  p.setCutterError(false)
  t.equal(p.segments.length, 1, 'still waiting for recovery after the jam is freed')
  t.equal(p.condition.offline, true)
  p.write(Buffer.from([0x10, 0x05, 0x01]))
  t.equal(p.condition.offline, false, 'DLE ENQ 1 recovers')
  t.equal(p.segments.length, 2)
  t.equal(p.segments[1]!.lines[0]!.text, 'after jam')
  // DLE ENQ 2 recovers and clears the buffer.
  p.setCutterError(true)
  p.write(Buffer.from('dropped\n\x1dV\x00'))
  p.setCutterError(false)
  p.write(Buffer.from([0x10, 0x05, 0x02]))
  t.equal(p.segments.length, 2, 'the buffered job was cleared')
  t.equal(p.buffered, 0)
})

t.test('control API rejects bad values with a named error', async (t) => {
  const { p } = setup()
  t.throws(() => p.setPaper('gone' as never), { name: 'PrinterControlError' })
  t.throws(() => new PrinterEmulator({ clock: new VirtualClock(), paper: 70 as never }), { name: 'PrinterOptionsError' })
  await p.close()
  await p.close()
})
