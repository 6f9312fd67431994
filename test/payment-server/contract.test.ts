import t from 'tap'
import { Duplex, PassThrough } from 'node:stream'
import { VirtualClock } from '../../rig/clock/virtual-clock.js'
import { decodeJsonl, encodeJsonl, verifyMac } from '../../protocols/device-link/jsonl.js'
import { PaymentServer, PaymentServerConfigError, PaymentServerStateError } from '../../emulators/payment-server/index.js'
import { KEY, TERMINAL, registerBody, request, settle } from './helpers.js'

/** Two connected in-memory stream ends, like a modem emulator's socket bridge. */
function pair(): [Duplex, Duplex] {
  const aToB = new PassThrough()
  const bToA = new PassThrough()
  const a = Duplex.from({ readable: bToA, writable: aToB })
  const b = Duplex.from({ readable: aToB, writable: bToA })
  return [a, b]
}

t.test('attach(port): a device served over any byte stream, as over TCP', async (t) => {
  const clock = new VirtualClock()
  const server = new PaymentServer({ clock, terminals: { [TERMINAL]: { key: KEY } }, http: false })
  t.throws(() => server.attach(new PassThrough()), PaymentServerStateError)
  await server.start()
  const [serverEnd, deviceEnd] = pair()
  server.attach(serverEnd)
  let text = ''
  deviceEnd.on('data', (c: Buffer) => (text += c.toString()))
  deviceEnd.on('error', () => {}) // the server closing its end aborts the shared pipes
  const m = { type: 'register' as const, terminalId: TERMINAL, stan: '000001', time: new Date(clock.now()).toISOString(), nonce: 'abc123', body: registerBody(request('AT1')) }
  deviceEnd.write(encodeJsonl(m, KEY))
  for (let i = 0; i < 50 && !text.includes('\n'); i++) await settle(5)
  const ack = decodeJsonl(text.trim())
  t.equal(ack.type, 'ack')
  t.ok(verifyMac(ack, KEY))
  t.equal(server.ledger.get('AT1')?.state, 'registered')
  await server.close()
  await server.close()
  t.pass('close() is safe to call twice')
})

t.test('configuration errors are named and early', async (t) => {
  const clock = new VirtualClock()
  t.throws(() => new PaymentServer({ clock, terminals: { T: { key: '' } } }), PaymentServerConfigError)
  t.throws(() => new PaymentServer({ clock, terminals: { 'TOO-LONG-ID': { key: 'k' } }, profile: 'iso8583' }), /DE41/)
  t.throws(() => new PaymentServer({ clock, terminals: { T: { key: 'k' } }, journal: '/nonexistent-dir/j.jsonl' }), /not writable/)
  const s = new PaymentServer({ clock, terminals: { T: { key: 'k' } }, http: false })
  await s.start()
  await t.rejects(s.start(), PaymentServerStateError)
  await s.close()
})
