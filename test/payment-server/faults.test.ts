import t, { type Test } from 'tap'
import { VirtualClock } from '../../rig/clock/virtual-clock.js'
import { encodeMpm } from '../../protocols/emv/mpm.js'
import { PaymentServer } from '../../emulators/payment-server/index.js'
import { JsonlClient, KEY, TERMINAL, registerBody, request, settle } from './helpers.js'

async function setup(t: Test): Promise<{ clock: VirtualClock; server: PaymentServer; dev: JsonlClient }> {
  const clock = new VirtualClock()
  const server = new PaymentServer({ clock, terminals: { [TERMINAL]: { key: KEY } }, http: false })
  const { gatewayPort } = await server.start()
  const dev = await JsonlClient.open(gatewayPort, clock)
  t.teardown(async () => {
    dev.close()
    await server.close()
  })
  return { clock, server, dev }
}

async function registered(dev: JsonlClient, ref: string): Promise<string> {
  const payload = encodeMpm(request(ref))
  const from = dev.received.length
  dev.send('register', registerBody(request(ref), payload))
  await dev.next((m) => m.type === 'ack' && m.body.reference === ref, from)
  return payload
}

const paidRefs = (dev: JsonlClient): unknown[] => dev.received.filter((m) => m.type === 'paid').map((m) => m.body.reference)

t.test('duplicate notifications: each paid is sent twice', async (t) => {
  const { server, dev } = await setup(t)
  const p = await registered(dev, 'DU1')
  server.faults.set({ duplicateNotifications: 1 })
  await server.wallet.pay(p)
  await dev.next((m) => m.type === 'paid')
  await settle()
  t.same(paidRefs(dev), ['DU1', 'DU1'])
  t.equal(server.faults.active('duplicateNotifications'), false, 'a counted fault is used up')
})

t.test('out-of-order notifications: two payments notified newest first', async (t) => {
  const { server, dev } = await setup(t)
  const p1 = await registered(dev, 'OO1')
  const p2 = await registered(dev, 'OO2')
  server.faults.set({ reorderNotifications: true })
  await server.wallet.pay(p1)
  await settle()
  t.same(paidRefs(dev), [], 'the first is held')
  await server.wallet.pay(p2)
  await dev.next((m) => m.type === 'paid' && m.body.reference === 'OO1')
  t.same(paidRefs(dev), ['OO2', 'OO1'])
})

t.test('a notification for an unknown transaction, and a forged MAC on the next server message', async (t) => {
  const { server, dev } = await setup(t)
  await registered(dev, 'X0')
  t.ok(server.injectUnknownNotification(TERMINAL, 'NOT-A-TXN'))
  const ghost = await dev.next((m) => m.type === 'paid')
  t.equal(ghost.body.reference, 'NOT-A-TXN')
  t.ok(dev.verify(ghost), 'correctly signed, just unknown')
  server.faults.set({ forgeMac: 1 })
  dev.send('heartbeat', {})
  const forged = await dev.next((m) => m.type === 'heartbeat-ack')
  t.notOk(dev.verify(forged), 'the device sees a bad MAC')
  dev.send('heartbeat', {})
  await settle()
  t.ok(dev.verify(dev.received.filter((m) => m.type === 'heartbeat-ack')[1]!), 'only once')
})

t.test('missing acks: the register reply is dropped; the repeat is answered', async (t) => {
  const { server, dev } = await setup(t)
  server.faults.set({ dropAcks: 1 })
  const body = registerBody(request('MA1'))
  const over = { stan: '000777', time: new Date(Math.floor(server.clock.now())).toISOString() }
  dev.send('register', body, over)
  await settle(50)
  t.equal(dev.received.length, 0, 'no ack')
  t.equal(server.ledger.get('MA1')?.state, 'registered', 'but the host did register it')
  dev.send('register', body, over)
  const ack = await dev.next((m) => m.type === 'ack')
  t.equal(ack.body.result, 'accepted')
  t.equal(server.ledger.size, 1)
})

t.test('slow acks and slow notifications follow the (virtual) clock', async (t) => {
  const { clock, server, dev } = await setup(t)
  server.faults.set({ replyDelayMs: 5000 })
  dev.send('heartbeat', {})
  await settle(50)
  t.equal(dev.received.length, 0)
  await clock.advance(5000)
  await dev.next((m) => m.type === 'heartbeat-ack')
  server.faults.set({ replyDelayMs: 0, notifyDelayMs: 10_000 })
  const p = await registered(dev, 'SL1')
  await server.wallet.pay(p)
  await settle(50)
  t.same(paidRefs(dev), [])
  await clock.advance(10_000)
  await dev.next((m) => m.type === 'paid')
})

t.test('issuer decline and amount mismatch', async (t) => {
  const { server, dev } = await setup(t)
  const p1 = await registered(dev, 'DC1')
  server.faults.set({ decline: 1 })
  const r1 = await server.wallet.pay(p1)
  t.equal(!r1.ok && r1.reason, 'declined')
  t.equal(server.ledger.get('DC1')?.state, 'declined')
  const p2 = await registered(dev, 'AM1')
  server.faults.set({ amountMismatch: '9.99' })
  const r2 = await server.wallet.pay(p2)
  t.equal(!r2.ok && r2.reason, 'amount-mismatch')
  t.match(!r2.ok && r2.message, /9\.99/)
  t.equal(server.ledger.get('AM1')?.state, 'scanned', 'not paid')
  t.ok((await server.wallet.pay(p2)).ok, 'the fault was one-shot')
  const r3 = await server.wallet.pay(encodeMpm(request('AM2')))
  t.equal(!r3.ok && r3.reason, 'unknown-reference')
  const p4 = await registered(dev, 'AM4')
  const r4 = await server.wallet.pay(p4, { amount: '12.31' })
  t.equal(!r4.ok && r4.reason, 'amount-mismatch', 'a wallet paying another amount is refused')
})

t.test('fault settings are validated', async (t) => {
  const { server } = await setup(t)
  t.throws(() => server.faults.set({ nonsense: true }), /unknown fault "nonsense"/)
  t.throws(() => server.faults.set({ http5xx: 404 }), /500-599/)
  t.throws(() => server.faults.set({ amountMismatch: 'lots' }), /amount/)
  server.faults.set({ http5xx: 503, decline: 2 })
  t.same(server.faults.settings, { http5xx: 503, decline: 2 })
  server.faults.set({ http5xx: false })
  t.same(server.faults.settings, { decline: 2 })
  server.faults.clear()
  t.same(server.faults.settings, {})
})
