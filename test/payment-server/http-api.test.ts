import t from 'tap'
import { VirtualClock } from '../../rig/clock/virtual-clock.js'
import { encodeMpm } from '../../protocols/emv/mpm.js'
import { PaymentServer } from '../../emulators/payment-server/index.js'
import { JsonlClient, KEY, TERMINAL, registerBody, request, settle } from './helpers.js'

t.test('HTTP API: health, transactions, wallet, SMS outbox, faults', async (t) => {
  const clock = new VirtualClock()
  const server = new PaymentServer({ clock, terminals: { [TERMINAL]: { key: KEY, merchantPhone: '+8613700000000' } }, smsDeliveryMs: 0 })
  const { httpPort, gatewayPort } = await server.start()
  t.teardown(() => server.close())
  const base = `http://127.0.0.1:${httpPort}`
  const call = async (method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> => {
    const res = await fetch(base + path, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(1000) })
    return { status: res.status, json: (await res.json()) as Record<string, unknown> }
  }

  const health = await call('GET', '/health')
  t.equal(health.status, 200)
  t.match(health.json, { status: 'ok', profile: 'jsonl', gatewayPort })

  const dev = await JsonlClient.open(gatewayPort, clock)
  t.teardown(() => dev.close())
  const payload = encodeMpm(request('H1'))
  dev.send('register', registerBody(request('H1'), payload))
  await dev.next((m) => m.type === 'ack')

  const list = await call('GET', '/transactions?state=registered')
  t.equal((list.json.transactions as unknown[]).length, 1)
  const one = await call('GET', '/transactions/H1')
  t.match(one.json.transaction, { reference: 'H1', state: 'registered', pan: '601100******0000' })
  t.equal((await call('GET', '/transactions/NOPE')).status, 404)
  t.equal((await call('GET', '/transactions?state=bogus')).status, 400)

  const scan = await call('POST', '/wallet/scan', { payload })
  t.equal(scan.status, 200)
  t.match(scan.json, { ok: true, request: { reference: 'H1', amount: '12.30' } })
  const url = await call('POST', '/wallet/scan', { payload: 'https://qr.alipay.com/bax01' })
  t.equal(url.status, 422)
  t.match(url.json, { ok: false, reason: 'url-payload' })
  t.equal((await call('POST', '/wallet/scan', {})).status, 400)

  const pay = await call('POST', '/wallet/pay', { payload })
  t.match(pay.json, { ok: true, transaction: { state: 'notified' } }, 'paid, and the connected device already notified')
  const twice = await call('POST', '/wallet/pay', { payload })
  t.equal(twice.status, 409)
  t.match(twice.json, { reason: 'already-paid' })
  await dev.next((m) => m.type === 'paid')

  await clock.advance(1)
  const sms = await call('GET', '/sms')
  t.match(sms.json.messages, [{ to: '+8613700000000', reference: 'H1', status: 'delivered' }])

  const malformed = await fetch(base + '/wallet/pay', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{oops' })
  t.equal(malformed.status, 400)
  t.match(await malformed.json(), { error: 'malformed-json' })

  // faults: 5xx, then a request that never answers, both switched off through /faults
  t.match((await call('POST', '/faults', { http5xx: 503 })).json, { faults: { http5xx: 503 } })
  t.equal((await call('GET', '/health')).status, 503)
  await call('POST', '/faults', { http5xx: false, httpTimeout: true })
  await t.rejects(fetch(base + '/health', { signal: AbortSignal.timeout(150) }), 'the request times out')
  await call('DELETE', '/faults')
  t.equal((await call('GET', '/health')).status, 200)
  t.equal((await call('POST', '/faults', { bogus: 1 })).status, 400)

  const ghost = await call('POST', '/faults/unknown-notification', { terminalId: TERMINAL, reference: 'GHOST' })
  t.match(ghost.json, { sent: true })
  await dev.next((m) => m.type === 'paid' && m.body.reference === 'GHOST')

  const restart = await call('POST', '/faults/restart')
  t.equal(restart.status, 202)
  for (let i = 0; i < 100 && server.events.ofType('started').length < 2; i++) await settle(10)
  // fetch's connection pool may still hold a socket the restart closed: one retry, as any client would
  const after = await call('GET', '/health').catch(() => call('GET', '/health'))
  t.equal(after.status, 200, 'back on the same port')
  t.equal((await call('GET', '/transactions')).json.transactions instanceof Array, true)
})
