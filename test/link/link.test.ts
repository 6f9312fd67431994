import t from 'tap'
import { Link } from '../../rig/link/link.js'
import { VirtualClock } from '../../rig/clock/virtual-clock.js'
import type { SerialPortStream } from '@serialport/stream'

const START = 1_000_000

function collect(stream: SerialPortStream, clock: VirtualClock): Array<{ t: number; data: Buffer }> {
  const got: Array<{ t: number; data: Buffer }> = []
  stream.on('data', (data: Buffer) => got.push({ t: clock.now() - START, data }))
  return got
}

t.test('bytes arrive after their wire time at 9600 8N1 (1.0417 ms a byte)', async (t) => {
  const clock = new VirtualClock({ start: START })
  const link = await Link.open({ name: 'register', clock, line: { baudRate: 9600 } })
  t.teardown(() => link.close())
  const got = collect(link.dutEnd, clock)
  link.emulatorEnd.write(Buffer.from('HELLO'))
  await clock.advance(5)
  t.same(got, [], 'nothing arrives before 5 characters of wire time (5.21 ms)')
  await clock.advance(0.3)
  t.equal(Buffer.concat(got.map((g) => g.data)).toString(), 'HELLO')
  t.ok(Math.abs(got[0]!.t - (5 * 10 * 1000) / 9600) < 1e-9, 'delivered when the last bit arrived')
  t.equal(link.capture.length, 1)
  t.equal(link.capture[0]!.from, 'emulator')
  t.ok(Math.abs(link.capture[0]!.t - START - 10_000 / 9600) < 1e-9, 'capture holds the first byte\'s arrival time')
})

t.test('a long write arrives in 16-byte FIFO slices, paced back to back', async (t) => {
  const clock = new VirtualClock({ start: START })
  const link = await Link.open({ name: 'printer', clock, line: { baudRate: 115200 } })
  t.teardown(() => link.close())
  const got = collect(link.dutEnd, clock)
  const data = Buffer.alloc(100, 0x41)
  link.emulatorEnd.write(data)
  await clock.advance(100)
  t.same(got.map((g) => g.data.length), [16, 16, 16, 16, 16, 16, 4])
  const charMs = 10_000 / 115200
  t.ok(Math.abs(got.at(-1)!.t - 100 * charMs) < 1e-6, '100 bytes take 100 character times')
  t.same(link.sent('emulator'), data)
})

t.test('both directions are independent and captured with their direction', async (t) => {
  const clock = new VirtualClock({ start: START })
  const link = await Link.open({ name: 'modem', clock, line: { baudRate: 0 } })
  t.teardown(() => link.close())
  const atDut = collect(link.dutEnd, clock)
  const atEmu = collect(link.emulatorEnd, clock)
  link.dutEnd.write('AT\r')
  link.emulatorEnd.write('\r\nOK\r\n')
  await clock.advance(1)
  t.equal(Buffer.concat(atEmu.map((g) => g.data)).toString(), 'AT\r')
  t.equal(Buffer.concat(atDut.map((g) => g.data)).toString(), '\r\nOK\r\n')
  t.same(link.capture.map((c) => c.from).sort(), ['dut', 'emulator'])
})

t.test('XON/XOFF: the sender stops within its FIFO after XOFF and resumes on XON, losing nothing', async (t) => {
  const clock = new VirtualClock({ start: START })
  const link = await Link.open({ name: 'printer', clock, line: { baudRate: 9600, flowControl: 'xonxoff' } })
  t.teardown(() => link.close())
  const got = collect(link.dutEnd, clock)
  const seenByEmulator = collect(link.emulatorEnd, clock)
  const data = Buffer.from(Array.from({ length: 200 }, (_, i) => 0x20 + (i % 90)))
  link.emulatorEnd.write(data)
  await clock.advance(20) // about 19 characters through
  link.dutEnd.write(Buffer.from([0x13]))
  await clock.advance(200)
  const before = Buffer.concat(got.map((g) => g.data)).length
  t.ok(before <= 16 + 16 + 2, `stopped within a FIFO of the XOFF (got ${before} bytes)`)
  t.equal(Buffer.concat(seenByEmulator.map((g) => g.data)).length, 0, 'XOFF is consumed by the UART, not passed up')
  link.dutEnd.write(Buffer.from([0x11]))
  await clock.advance(500)
  t.same(Buffer.concat(got.map((g) => g.data)), data, 'every byte arrives, in order, after XON')
})

t.test('RTS/CTS: the sender holds while the peer drops RTS', async (t) => {
  const clock = new VirtualClock({ start: START })
  const link = await Link.open({ name: 'printer', clock, line: { baudRate: 19200, flowControl: 'rtscts' } })
  t.teardown(() => link.close())
  const got = collect(link.dutEnd, clock)
  await new Promise<void>((resolve, reject) => link.dutEnd.set({ rts: false }, (e) => (e ? reject(e) : resolve())))
  link.emulatorEnd.write(Buffer.alloc(40, 0x55))
  await clock.advance(100)
  t.equal(got.length, 0, 'held while CTS is low')
  await new Promise<void>((resolve, reject) => link.dutEnd.set({ rts: true }, (e) => (e ? reject(e) : resolve())))
  await clock.advance(100)
  t.equal(Buffer.concat(got.map((g) => g.data)).length, 40)
})

t.test('mismatched baud rates garble bytes, deterministically per seed', async (t) => {
  const run = async (): Promise<Buffer> => {
    const clock = new VirtualClock({ start: START })
    const link = await Link.open({ name: 'register', clock, line: { baudRate: 9600 }, dutLine: { baudRate: 19200 }, seed: 7 })
    const got = collect(link.dutEnd, clock)
    link.emulatorEnd.write('TOTAL 12.30')
    await clock.advance(50)
    await link.close()
    t.equal(link.events.ofType('line-mismatch').length, 1)
    t.ok(link.capture[0]!.garbled)
    return Buffer.concat(got.map((g) => g.data))
  }
  const a = await run()
  t.not(a.toString('latin1'), 'TOTAL 12.30')
  t.same(await run(), a)
})

t.test('faults: disconnect loses bytes; stall delays them', async (t) => {
  const clock = new VirtualClock({ start: START })
  const link = await Link.open({ name: 'modem', clock, line: { baudRate: 0 } })
  t.teardown(() => link.close())
  const got = collect(link.dutEnd, clock)
  link.setFaults({ disconnected: true })
  link.emulatorEnd.write('lost')
  await clock.advance(1)
  t.equal(got.length, 0)
  link.setFaults({ stallUntil: clock.now() + 1000 })
  link.emulatorEnd.write('late')
  await clock.advance(999)
  t.equal(got.length, 0, 'nothing moves while stalled')
  await clock.advance(2)
  t.equal(Buffer.concat(got.map((g) => g.data)).toString(), 'late')
})

t.test('closing twice is safe and pending timers are dropped', async (t) => {
  const clock = new VirtualClock({ start: START })
  const link = await Link.open({ name: 'printer', clock })
  link.emulatorEnd.write(Buffer.alloc(64))
  await link.close()
  await link.close()
  await clock.advance(1000)
  t.equal(link.capture.length, 0)
})
