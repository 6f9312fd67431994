import t, { type Test } from 'tap'
import { VirtualClock } from '../../rig/clock/virtual-clock.js'
import { encodeMpm } from '../../protocols/emv/mpm.js'
import { frame } from '../../protocols/iso8583/framing.js'
import { registerRequest } from '../../protocols/iso8583/profile.js'
import { toDe7 } from '../../protocols/iso8583/time.js'
import { encodeIsoFieldsPayload } from '../../protocols/iso8583/qr-fields.js'
import { PaymentServer } from '../../emulators/payment-server/index.js'
import { IsoClient } from './iso-client.js'
import { KEY, TERMINAL, registerBody, request, settle } from './helpers.js'

async function setup(t: Test): Promise<{ server: PaymentServer; dev: IsoClient; clock: VirtualClock }> {
  const clock = new VirtualClock()
  const server = new PaymentServer({ clock, terminals: { [TERMINAL]: { key: KEY } }, http: false, profile: 'iso8583' })
  const { gatewayPort } = await server.start()
  const dev = await IsoClient.open(gatewayPort, clock, TERMINAL, KEY)
  t.teardown(async () => {
    dev.close()
    await server.close()
  })
  return { server, dev, clock }
}

function register(dev: IsoClient, clock: VirtualClock, payload: string, ref: string): Buffer {
  const env = { terminalId: TERMINAL, stan: dev.nextStan(), time: toDe7(clock.now()), nonce: `n${ref}${Math.random()}` }
  const body = registerBody(request(ref), payload) as never
  const m = registerRequest(env, body)
  return dev.send(m.mti, m.fields)
}

t.test('0800 sign-on and echo → 0810 echoing DE7, DE11 and DE70, MACed', async (t) => {
  const { server, dev } = await setup(t)
  const sent = dev.send('0800', { 70: '001' })
  const r = await dev.next((m) => m.mti === '0810')
  t.ok(r.macOk)
  t.equal(r.fields[39], '00')
  t.equal(r.fields[70], '001')
  t.equal(r.fields[11], '000001', 'STAN echoed')
  t.ok(sent.length > 2)
  dev.send('0800', { 70: '301' })
  const echo = await dev.next((m) => m.mti === '0810' && m.fields[70] === '301')
  t.equal(echo.fields[39], '00')
  t.equal(server.events.ofType('sign-on').length, 1)
})

t.test('0200 → 0210, wallet pays, 0620 notification → 0630 acknowledges', async (t) => {
  const { server, dev, clock } = await setup(t)
  const payload = encodeMpm(request('ISO1'))
  register(dev, clock, payload, 'ISO1')
  const r = await dev.next((m) => m.mti === '0210')
  t.ok(r.macOk)
  t.equal(r.fields[39], '00')
  t.equal(r.fields[62], 'ISO1')
  t.equal(r.fields[4], '000000001230')
  t.ok((await server.wallet.pay(payload)).ok)
  const n = await dev.next((m) => m.mti === '0620')
  t.ok(n.macOk)
  t.equal(n.fields[62], 'ISO1')
  t.equal(n.fields[4], '000000001230')
  t.equal(n.fields[49], '156')
  dev.send('0630', { 11: n.fields[11]!, 39: '00', 62: 'ISO1' })
  for (let i = 0; i < 50 && server.ledger.get('ISO1')?.state !== 'acknowledged'; i++) await settle(5)
  t.equal(server.ledger.get('ISO1')?.state, 'acknowledged')
})

t.test('iso8583-fields payloads register and pay too', async (t) => {
  const { server, dev, clock } = await setup(t)
  const payload = encodeIsoFieldsPayload(request('ISOF'))
  register(dev, clock, payload, 'ISOF')
  t.equal((await dev.next((m) => m.mti === '0210')).fields[39], '00')
  const scan = server.wallet.scan(payload)
  t.ok(scan.ok)
  t.equal(scan.ok && scan.check.kind, 'iso8583-fields')
})

t.test('bad frames, bad MACs, replays and unknown MTIs get a DE39 refusal and a log line', async (t) => {
  const { server, dev, clock } = await setup(t)
  dev.write(frame(Buffer.from('garbage!')))
  const r1 = await dev.next()
  t.equal(r1.mti, '0810')
  t.equal(r1.fields[39], '30')
  dev.send('0800', { 70: '301' }, 'wrong-key')
  const r2 = await dev.next(() => true, 1)
  t.equal(r2.fields[39], '63')
  const again = dev.bytes('0800', { 70: '301' })
  dev.write(again)
  dev.write(again)
  await dev.next((m) => m.fields[39] === '94', 2)
  dev.send('0400', { 3: '000000' })
  const r4 = await dev.next((m) => m.mti === '0410')
  t.equal(r4.fields[39], '12')
  const huge = Buffer.alloc(2 + 9000)
  huge.writeUInt16BE(9000)
  dev.write(huge)
  await dev.next((m) => m.fields[39] === '30' && /oversize/.test(m.fields[63] ?? ''), 3)
  register(dev, clock, 'https://qr.alipay.com/bax123', 'URL1')
  const r5 = await dev.next((m) => m.mti === '0210')
  t.equal(r5.fields[39], '30')
  t.match(r5.fields[63], /Alipay/)
  t.same(
    server.events.ofType<{ reason: string }>('rejected').map((e) => e.data.reason),
    ['bad-frame', 'bad-mac', 'replay', 'unexpected-type', 'oversize', 'url-payload'],
  )
  dev.send('0800', { 70: '301' })
  await dev.next((m) => m.fields[39] === '00', 0)
})
