import t from 'tap'
import { PassThrough } from 'node:stream'
import { VirtualClock } from '../../rig/clock/virtual-clock.js'
import { PrinterEmulator } from '../../emulators/printer/index.js'

const XON = 0x11
const XOFF = 0x13

/** A receipt of `lines` numbered text lines and a cut. */
function job(lines: number): Buffer {
  let s = '\x1b@'
  for (let i = 0; i < lines; i++) s += `line ${String(i).padStart(4, '0')} ........................\n`
  return Buffer.from(s + '\x1dV\x00', 'latin1')
}

t.test('XON/XOFF: XOFF goes out before the buffer overflows, XON when it drains, no byte lost', async (t) => {
  const clock = new VirtualClock({ start: 0 })
  const p = new PrinterEmulator({ clock, bufferSize: 1024, busyMargin: 256, speed: 100 })
  const data = job(200)
  let paused = false
  const flow: Array<{ byte: number; used: number }> = []
  p.events.on((e) => {
    if (e.type !== 'reply') return
    for (const b of (e.data as { bytes: number[] }).bytes) {
      if (b === XOFF || b === XON) {
        paused = b === XOFF
        flow.push({ byte: b, used: p.buffered })
      }
    }
  })
  // A host that sends 32-byte slices every 3 ms (about 115200 baud) and honours XOFF at slice
  // boundaries, so up to 31 bytes still arrive after XOFF, as on a real line.
  let sent = 0
  while (sent < data.length) {
    if (!paused) {
      p.write(data.subarray(sent, sent + 32))
      sent += 32
    }
    await clock.advance(3)
  }
  await clock.advance(60_000)
  t.ok(flow.some((f) => f.byte === XOFF), 'XOFF was sent')
  t.ok(flow.some((f) => f.byte === XON), 'XON was sent')
  for (const f of flow.filter((f) => f.byte === XOFF)) t.ok(f.used >= 1024 - 256 && f.used < 1024, `XOFF at ${f.used} bytes used: free space at the margin, before overflow`)
  t.equal(p.lost, 0, 'no byte lost')
  t.equal(p.received, data.length)
  const seg = p.segments[0]!
  t.equal(seg.lines.length, 200, 'every line printed')
  t.equal(seg.lines[199]!.text, 'line 0199 ........................')
  // 200 lines of 30 dots at 100 mm/s (8 dots/mm) take 7.5 s of virtual time.
  t.ok(seg.t >= 7500 && seg.t < 7600, `cut at ${seg.t} ms of virtual time`)
})

t.test('a host that ignores XOFF loses the overflow, with a warning', async (t) => {
  const clock = new VirtualClock({ start: 0 })
  const p = new PrinterEmulator({ clock, bufferSize: 1024, speed: 50 })
  p.setOffline(true)
  p.write(job(100))
  t.ok(p.lost > 0)
  t.equal(p.buffered, 1024)
  t.ok(p.events.ofType<{ message: string }>('warning').some((w) => /overflow/.test(w.data.message)))
})

t.test('DTR busy signalling drops DTR when busy and raises it when ready', async (t) => {
  const clock = new VirtualClock({ start: 0 })
  const port = new PassThrough() as PassThrough & { set: (o: { dtr: boolean }, cb?: () => void) => void }
  const dtr: boolean[] = []
  port.set = (o, cb) => {
    dtr.push(o.dtr)
    cb?.()
  }
  const p = new PrinterEmulator({ clock, port, bufferSize: 1024, flowControl: 'dtr' })
  p.setPaper('out')
  port.write(job(24)) // 869 bytes: past the busy mark (768), within the buffer
  await new Promise((r) => setImmediate(r))
  t.same(dtr, [false], 'DTR dropped when the buffer fills')
  p.setPaper('ok')
  t.same(dtr, [false, true], 'DTR raised when drained')
  t.equal(p.segments.length, 1)
  t.equal(p.segments[0]!.lines.length, 24)
  t.equal(p.lost, 0)
  await p.close()
})

t.test('print speed is paid in virtual time; flush prints what is buffered', async (t) => {
  const clock = new VirtualClock({ start: 0 })
  const p = new PrinterEmulator({ clock, speed: 10 })
  p.write(Buffer.from('a\nb\nc\n'))
  t.equal(p.buffered, 4, 'first line printing, the rest waits')
  await clock.advance(374)
  t.equal(p.buffered, 4, 'still printing the first line after 374 ms')
  await clock.advance(1)
  t.equal(p.buffered, 2, 'second line printing after 30 dots at 10 mm/s = 375 ms')
  const seg = p.flush()!
  t.equal(seg.cut, 'none')
  t.same(seg.lines.map((l) => l.text), ['a', 'b', 'c'])
  t.equal(p.flush(), undefined, 'nothing more')
})
