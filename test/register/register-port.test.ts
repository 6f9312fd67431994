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
