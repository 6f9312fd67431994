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

const rejected = (server: PaymentServer): string[] => server.events.ofType<{ reason: string }>('rejected').map((e) => e.data.reason)

t.test('a forged MAC is refused with an error reply and a logged reason', async (t) => {
  const { server, dev } = await setup(t)
  dev.write(dev.line('register', registerBody(request('F1')), {}, 'not-the-key'))
  const err = await dev.next((m) => m.type === 'error')
  t.equal(err.body.reason, 'bad-mac')
  t.ok(dev.verify(err), 'the error itself is MACed with the real terminal key')
  t.same(rejected(server), ['bad-mac'])
  t.equal(server.ledger.get('F1'), undefined, 'nothing registered')

  // signed correctly, then the amount altered in transit
  const line = JSON.parse(dev.line('register', registerBody(request('F2'))))
  line.body.amount = '1.00'
  dev.write(JSON.stringify(line) + '\n')
  await dev.next((m) => m.type === 'error', 1)
  t.same(rejected(server), ['bad-mac', 'bad-mac'])
  t.equal(server.ledger.size, 0)
})

t.test('a replayed message (same nonce) is refused; stale and future times are refused', async (t) => {
  const { clock, server, dev } = await setup(t)
  const line = dev.line('register', registerBody(request('P1')))
  dev.write(line)
  await dev.next((m) => m.type === 'ack')
  dev.write(line)
  const err = await dev.next((m) => m.type === 'error')
  t.equal(err.body.reason, 'replay')
  t.match(err.body.message, /already used/)
  t.equal(server.ledger.size, 1)

  const iso = (ms: number): string => new Date(clock.now() + ms).toISOString()
  dev.send('heartbeat', {}, { time: iso(-301_000) })
  dev.send('heartbeat', {}, { time: iso(+301_000) })
  dev.send('heartbeat', {}, { time: iso(-299_000) })
  dev.send('heartbeat', {}, { time: 'yesterday' })
  await dev.next((m) => m.type === 'heartbeat-ack')
  await settle()
  t.same(rejected(server), ['replay', 'stale-time', 'stale-time', 'bad-time'])
})

t.test('unknown terminal, malformed JSON, bad envelope and device-only types get error replies', async (t) => {
  const { server, dev } = await setup(t)
  dev.send('heartbeat', {}, { terminalId: 'NOBODY' })
  dev.write('{not json\n')
  dev.write('[1,2,3]\n')
  dev.write(JSON.stringify({ type: 'register', terminalId: TERMINAL, stan: '12', time: 'x', nonce: 'n', body: {}, mac: 'm' }) + '\n')
  dev.send('paid', { reference: 'x' })
  dev.write('x'.repeat(9000) + '\n')
  await settle(80)
  const errors = dev.received.filter((m) => m.type === 'error').map((m) => m.body.reason)
  t.same(errors, ['unknown-terminal', 'malformed', 'shape', 'shape', 'unexpected-type', 'oversize'])
  t.same(rejected(server), errors, 'every refusal is logged with its reason')
  dev.send('heartbeat', {})
  await dev.next((m) => m.type === 'heartbeat-ack')
})

t.test('idempotency on (terminal, STAN, time): a repeat gets the same ack and no second transaction', async (t) => {
  const { server, dev } = await setup(t)
  const body = registerBody(request('I1'))
  const over = { stan: '000042', time: new Date(Math.floor(server.clock.now())).toISOString() }
  dev.send('register', body, over)
  await dev.next((m) => m.type === 'ack')
  dev.send('register', body, over) // fresh nonce, same STAN and time: a retransmission
  await dev.next((m) => m.type === 'ack', 1)
  const acks = dev.received.filter((m) => m.type === 'ack')
  t.equal(acks.length, 2)
  t.same(acks[0]!.body, acks[1]!.body)
  t.equal(server.ledger.size, 1)
  t.equal(server.events.ofType('duplicate').length, 1)
  t.equal(server.events.ofType('txn-registered').length, 1)

  // the device re-registers the same receipt under a new STAN: accepted, still one transaction
  dev.send('register', body)
  const third = await dev.next((m) => m.type === 'ack', 2)
  t.equal(third.body.result, 'accepted')
  t.equal(server.ledger.size, 1)
})

t.test('registrations that disagree with their printed payload, reuse a reference or carry a URL are rejected', async (t) => {
  const { server, dev } = await setup(t)
  const req = request('M1')
  dev.send('register', { ...registerBody(req), amount: '99.00' })
  const a1 = await dev.next((m) => m.type === 'ack')
  t.equal(a1.body.result, 'rejected')
  t.match(a1.body.reason, /^payload-mismatch/)
  dev.send('register', registerBody(req))
  await dev.next((m) => m.type === 'ack', 1)
  dev.send('register', registerBody(request('M1', '5.00')))
  const a3 = await dev.next((m) => m.type === 'ack', 2)
  t.match(a3.body.reason, /^duplicate-reference/)
  dev.send('register', { ...registerBody(req), reference: 'U1', payload: 'weixin://wxpay/bizpayurl?pr=abc' })
  const a4 = await dev.next((m) => m.type === 'ack', 3)
  t.match(a4.body.reason, /^url-payload: WeChat Pay/)
  dev.send('register', { ...registerBody(req), pan: '6011000995500001' })
  const a5 = await dev.next((m) => m.type === 'ack', 4)
  t.match(a5.body.reason, /^bad-pan/)
  t.same(rejected(server), ['payload-mismatch', 'duplicate-reference', 'url-payload', 'bad-pan'])
})

t.test('a payment cannot be taken twice, even when two wallets race', async (t) => {
  const { server, dev } = await setup(t)
  const payload = encodeMpm(request('D1'))
  dev.send('register', registerBody(request('D1'), payload))
  await dev.next((m) => m.type === 'ack')
  const results = await Promise.all([server.wallet.pay(payload), server.wallet.pay(payload), server.wallet.pay(payload)])
  t.equal(results.filter((r) => r.ok).length, 1)
  t.same(results.filter((r) => !r.ok).map((r) => !r.ok && r.reason), ['already-paid', 'already-paid'])
  t.equal(server.events.ofType('txn-paid').length, 1)
  const declined = server.wallet.decline(payload)
  t.equal(!declined.ok && declined.reason, 'already-paid', 'a paid transaction cannot be declined either')
  await dev.next((m) => m.type === 'paid')
  await settle()
  t.equal(dev.received.filter((m) => m.type === 'paid').length, 1, 'one notification')
})

t.test('paid-ack for an unknown reference is refused and logged', async (t) => {
  const { server, dev } = await setup(t)
  dev.send('paid-ack', { reference: 'GHOST' })
  await settle()
  t.same(rejected(server), ['unknown-reference'])
})
