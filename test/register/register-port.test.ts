import t from 'tap'
import { VirtualClock } from '../../rig/clock/virtual-clock.js'
import { Link } from '../../rig/link/link.js'
import { RegisterEmulator, renderReceipt, RegisterStateError } from '../../emulators/register/index.js'

const receipt = { header: ['ACME'], items: [{ name: 'Coffee', price: '3.50' }, { name: 'Bagel', qty: 2, price: 2.9 }] }

t.test('print() sends the rendered job unchanged over a link and records job events', async (t) => {
  const clock = new VirtualClock({ start: 0 })
  const link = await Link.open({ name: 'register', clock, line: { baudRate: 9600 } })
  const received: Buffer[] = []
  link.dutEnd.on('data', (d: Buffer) => received.push(d))
  const register = new RegisterEmulator({ clock, port: link.emulatorEnd })
  clock.start()
  const result = await register.print(receipt)
  await clock.sleep(2000)
  const expected = renderReceipt(receipt)
  t.equal(result.bytes, expected.bytes.length)
  t.equal(result.total, '9.30')
  t.same(Buffer.concat(received), expected.bytes, 'the device end received exactly the job bytes')
  t.same(register.events.ofType('job-start').map((e) => e.data), [{ job: 1, bytes: expected.bytes.length, total: '9.30' }])
  t.equal(register.events.ofType('job-done').length, 1)
  await register.close()
  await register.close()
  await t.rejects(register.print(receipt), RegisterStateError)
  await clock.stop()
  await link.close()
})

t.test('raw mode sends a buffer byte for byte', async (t) => {
  const clock = new VirtualClock({ start: 0 })
  const link = await Link.open({ name: 'register', clock, line: { baudRate: 115200 } })
  const received: Buffer[] = []
  link.dutEnd.on('data', (d: Buffer) => received.push(d))
  const register = new RegisterEmulator({ clock, port: link.emulatorEnd })
  clock.start()
  const raw = Buffer.from(Array.from({ length: 600 }, (_, i) => (i * 37) & 0xff))
  const result = await register.print(raw, { total: '1.00' })
  await clock.sleep(1000)
  t.same(result, { bytes: 600, total: '1.00' })
  t.same(Buffer.concat(received), raw)
  await register.close()
  await clock.stop()
  await link.close()
})

t.test('print() without a port is a clear error', async (t) => {
  const register = new RegisterEmulator({ clock: new VirtualClock() })
  await t.rejects(register.print(receipt), { name: 'RegisterStateError', message: /no port/ })
  await register.close()
})

t.test('a very long receipt (3000 items, ~130 kB) goes out intact at 115200 baud in chunks', async (t) => {
  const clock = new VirtualClock({ start: 0 })
  const link = await Link.open({ name: 'register', clock, line: { baudRate: 115200 } })
  const got: Buffer[] = []
  link.dutEnd.on('data', (d: Buffer) => got.push(d))
  const register = new RegisterEmulator({ clock, port: link.emulatorEnd, chunkSize: 256 })
  // Prices 0.01 … 30.00: the sum is 0.01 × (1 + … + 3000) = 45015.00.
  const items = Array.from({ length: 3000 }, (_, i) => ({ name: `SKU ${String(i + 1).padStart(5, '0')}`, price: ((i + 1) / 100).toFixed(2) }))
  const def = { header: ['WAREHOUSE CLUB'], items, totalLine: { thousands: true } }
  clock.start()
  const result = await register.print(def)
  await clock.stop()
  t.equal(result.total, '45015.00')
  const bytes = renderReceipt(def).bytes
  t.ok(bytes.length > 120_000, `${bytes.length} bytes`)
  t.same(Buffer.concat(got), bytes)
  const wireMs = (bytes.length * 10 * 1000) / 115200
  t.ok(Math.abs(clock.now() - wireMs) < 1, `took its wire time (${wireMs.toFixed(0)} ms of clock time)`)
  await register.close()
  await link.close()
})

t.test('back to back: a sale, a raw captured stream, a refund and a void, with a gap between jobs', async (t) => {
  const clock = new VirtualClock({ start: 0 })
  const link = await Link.open({ name: 'register', clock, line: { baudRate: 19200 } })
  const got: Buffer[] = []
  link.dutEnd.on('data', (d: Buffer) => got.push(d))
  const register = new RegisterEmulator({ clock, port: link.emulatorEnd, gapMs: 1500 })
  const raw = Buffer.from('\x1b@RAW JOB\nTOTAL 1.00\n\x1dV\x01', 'latin1')
  const refund = { kind: 'refund' as const, items: [{ name: 'Coffee', price: '3.50' }] }
  const voided = { kind: 'void' as const, items: [{ name: 'Coffee', price: '3.50' }] }
  clock.start()
  const results = await register.printAll([Buffer.from(renderReceipt(receipt).bytes), raw, renderReceipt(refund).bytes])
  const last = await register.print(voided)
  await clock.stop()
  t.same(results.map((r) => r.bytes), [renderReceipt(receipt).bytes.length, raw.length, renderReceipt(refund).bytes.length])
  t.equal(last.total, undefined, 'a voided transaction has no total')
  t.equal(renderReceipt(refund).total, '-3.50')
  t.same(Buffer.concat(got), Buffer.concat([renderReceipt(receipt).bytes, raw, renderReceipt(refund).bytes, renderReceipt(voided).bytes]))
  const starts = register.events.ofType('job-start').map((e) => e.t)
  const dones = register.events.ofType('job-done').map((e) => e.t)
  for (let i = 1; i < starts.length; i++) t.ok(starts[i]! - dones[i - 1]! >= 1500, `job ${i + 1} started ${(starts[i]! - dones[i - 1]!).toFixed(0)} ms after job ${i}`)
  await register.close()
  await link.close()
})
