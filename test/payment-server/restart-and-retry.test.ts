import t from 'tap'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { VirtualClock } from '../../rig/clock/virtual-clock.js'
import { encodeMpm } from '../../protocols/emv/mpm.js'
import { PaymentServer } from '../../emulators/payment-server/index.js'
import { JsonlClient, KEY, TERMINAL, registerBody, request, settle } from './helpers.js'

const journalPath = (): string => join(mkdtempSync(join(tmpdir(), 'payserver-')), 'journal.jsonl')
const terminals = { [TERMINAL]: { key: KEY, merchantPhone: '+8613900000000' } }

t.test('restart(): a payment made while the device was offline is still notified afterwards', async (t) => {
  const clock = new VirtualClock()
  const journal = journalPath()
  const server = new PaymentServer({ clock, terminals, http: false, journal })
  const { gatewayPort } = await server.start()
  t.teardown(() => server.close())
  const payload = encodeMpm(request('J1'))
  const dev = await JsonlClient.open(gatewayPort, clock)
  dev.send('register', registerBody(request('J1'), payload))
  await dev.next((m) => m.type === 'ack')
  dev.close()
  await settle()
  t.ok((await server.wallet.pay(payload)).ok)
  t.equal(server.ledger.get('J1')?.state, 'paid', 'no connection: not yet notified')
  t.equal(server.events.ofType('notify-deferred').length, 1)

  const ports = await server.restart()
  t.equal(ports.gatewayPort, gatewayPort, 'same port after the restart')
  t.equal(server.ledger.get('J1')?.state, 'paid', 'the ledger came back from the journal')
  t.equal(server.sms.messages.length, 1, 'the SMS outbox came back too')

  const dev2 = await JsonlClient.open(gatewayPort, clock)
  t.teardown(() => dev2.close())
  dev2.send('heartbeat', {})
  const paid = await dev2.next((m) => m.type === 'paid')
  t.equal(paid.body.reference, 'J1')
  dev2.send('paid-ack', { reference: 'J1' })
  for (let i = 0; i < 50 && server.ledger.get('J1')?.state !== 'acknowledged'; i++) await settle(5)
  t.equal(server.ledger.get('J1')?.state, 'acknowledged')
  t.match(readFileSync(journal, 'utf8'), /"state":"acknowledged"/)
})

t.test('crash (close) and a new server on the same journal: the unacknowledged notification is delivered', async (t) => {
  const clock = new VirtualClock()
  const journal = journalPath()
  const first = new PaymentServer({ clock, terminals, http: false, journal })
  const { gatewayPort } = await first.start()
  const dev = await JsonlClient.open(gatewayPort, clock)
  const payloads = ['C1', 'C2', 'C3'].map((r) => encodeMpm(request(r)))
  for (const [i, p] of payloads.entries()) {
    dev.send('register', registerBody(request(`C${i + 1}`), p))
    await dev.next((m) => m.type === 'ack' && m.body.reference === `C${i + 1}`)
  }
  for (const p of payloads) t.ok((await first.wallet.pay(p)).ok)
  await dev.next((m) => m.type === 'paid' && m.body.reference === 'C3')
  dev.send('paid-ack', { reference: 'C1' }) // only C1 is acknowledged before the crash
  for (let i = 0; i < 50 && first.ledger.get('C1')?.state !== 'acknowledged'; i++) await settle(5)
  dev.close()
  await first.close()

  const second = new PaymentServer({ clock, terminals, http: false, journal })
  t.teardown(() => second.close())
  t.same(second.ledger.all().map((x) => [x.reference, x.state]), [['C1', 'acknowledged'], ['C2', 'notified'], ['C3', 'notified']])
  const { gatewayPort: port2 } = await second.start()
  const dev2 = await JsonlClient.open(port2, clock)
  t.teardown(() => dev2.close())
  dev2.send('heartbeat', {})
  await dev2.next((m) => m.type === 'paid' && m.body.reference === 'C3')
  const refs = dev2.received.filter((m) => m.type === 'paid').map((m) => m.body.reference).sort()
  t.same(refs, ['C2', 'C3'], 'exactly the unacknowledged ones are sent again')
  t.equal((await second.wallet.pay(payloads[1]!)).ok, false, 'and none can be paid twice after the restart')
})

t.test('notifications are retried with exponential backoff (virtual time) until acknowledged', async (t) => {
  const clock = new VirtualClock()
  const server = new PaymentServer({ clock, terminals, http: false, notifyRetry: { initialMs: 1000, factor: 2, maxMs: 4000 } })
  const { gatewayPort } = await server.start()
  t.teardown(() => server.close())
  const dev = await JsonlClient.open(gatewayPort, clock)
  t.teardown(() => dev.close())
  const payload = encodeMpm(request('B1'))
  dev.send('register', registerBody(request('B1'), payload))
  await dev.next((m) => m.type === 'ack')
  await server.wallet.pay(payload)
  const sentAt = (): number[] => server.events.ofType('notify-sent').map((e) => e.t - server.events.ofType('notify-sent')[0]!.t)
  await clock.advance(1000 + 2000 + 4000 + 4000)
  t.same(sentAt(), [0, 1000, 3000, 7000, 11000], 'retries after 1 s, 2 s, then capped at 4 s')
  await settle()
  t.equal(dev.received.filter((m) => m.type === 'paid').length, 5)
  dev.send('paid-ack', { reference: 'B1' })
  for (let i = 0; i < 50 && server.ledger.get('B1')?.state !== 'acknowledged'; i++) await settle(5)
  await clock.advance(60_000)
  t.equal(server.events.ofType('notify-sent').length, 5, 'no more retries after the ack')
  t.equal(server.notificationPending('B1'), false)
})

t.test('unpaid transactions expire; expired ones cannot be paid', async (t) => {
  const clock = new VirtualClock()
  const server = new PaymentServer({ clock, terminals, http: false, expiryMs: 60_000 })
  const { gatewayPort } = await server.start()
  t.teardown(() => server.close())
  const dev = await JsonlClient.open(gatewayPort, clock)
  t.teardown(() => dev.close())
  const payload = encodeMpm(request('E1'))
  dev.send('register', registerBody(request('E1'), payload))
  await dev.next((m) => m.type === 'ack')
  await clock.advance(60_001)
  t.equal(server.ledger.get('E1')?.state, 'expired')
  const r = await server.wallet.pay(payload)
  t.equal(!r.ok && r.reason, 'expired')
})
