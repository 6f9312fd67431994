/**
 * Segment retention (issue 9, "only the last 1000 segments are kept"): printer.segments keeps the
 * newest maxSegments and says which were dropped; every segment is an event; maxSegments 0 keeps
 * none. Cuts with nothing printed make no segment.
 */
import t from 'tap'
import { VirtualClock } from '../../rig/clock/virtual-clock.js'
import { PrinterEmulator, PrinterOptionsError, type PrintedSegment, type PrintWarning } from '../../emulators/printer/index.js'

const receipts = (n: number): Buffer => Buffer.concat(Array.from({ length: n }, (_, i) => Buffer.from(`R${i}\n\x1dV\x00`, 'latin1')))

t.test('maxSegments keeps the newest, warns once naming the first dropped, counts the rest', async (t) => {
  const p = new PrinterEmulator({ clock: new VirtualClock(), maxSegments: 10 })
  const events: PrintedSegment[] = []
  p.events.on((e) => void (e.type === 'segment' && events.push(e.data as PrintedSegment)))
  p.write(receipts(25))
  t.equal(events.length, 25, 'every segment was an event')
  t.same(p.segments.map((s) => s.index), [15, 16, 17, 18, 19, 20, 21, 22, 23, 24])
  t.equal(p.dropped, 15)
  const warnings = p.events.ofType<PrintWarning>('warning').map((e) => e.data.message)
  t.equal(warnings.length, 1, 'one warning, not one per receipt')
  t.match(warnings[0], /^segments: printer\.segments keeps the last 10 segments \(option maxSegments\): segment #0 and older ones are dropped/)
})

t.test('maxSegments 0 keeps none and warns about nothing; flush() still returns the last segment', async (t) => {
  const p = new PrinterEmulator({ clock: new VirtualClock(), maxSegments: 0 })
  let count = 0
  p.events.on((e) => void (e.type === 'segment' && count++))
  p.write(Buffer.concat([receipts(3), Buffer.from('tail\n')]))
  const last = p.flush()
  t.equal(count, 4)
  t.same(p.segments, [])
  t.equal(last?.index, 3)
  t.same(last?.lines.map((l) => l.text), ['tail'])
  t.same(p.events.ofType('warning'), [])
  t.throws(() => new PrinterEmulator({ clock: new VirtualClock(), maxSegments: -1 }), PrinterOptionsError)
})

t.test('cuts with nothing printed make no segment; blank paper fed before one is reported', async (t) => {
  const p = new PrinterEmulator({ clock: new VirtualClock() })
  p.write(Buffer.from('A\n\x1dV\x00\x1dV\x00\x1dVB\x10\x1dV\x00', 'latin1'))
  t.equal(p.segments.length, 1)
  const w = p.events.ofType<PrintWarning>('warning').map((e) => e.data)
  t.same(w.map((x) => x.offset), [5, 8, 12])
  t.match(w[1]!.message, /^GS V: cut with nothing printed since the previous cut: no receipt \(16 dots of blank paper fed\)/)
})
