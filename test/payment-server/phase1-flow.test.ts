import t from 'tap'
import { VirtualClock } from '../../rig/clock/virtual-clock.js'
import { encodeMpm } from '../../protocols/emv/mpm.js'
import { PaymentServer } from '../../emulators/payment-server/index.js'
import { JsonlClient, KEY, TERMINAL, registerBody, request } from './helpers.js'

t.test('register → ack, wallet pays, device gets a MACed paid, paid-ack closes it', async (t) => {
  const clock = new VirtualClock()
  const server = new PaymentServer({ clock, terminals: { [TERMINAL]: { key: KEY, merchantPhone: '+8613800000000' } }, http: false })
  const { gatewayPort } = await server.start()
  t.teardown(() => server.close())
  const dev = await JsonlClient.open(gatewayPort, clock)
  t.teardown(() => dev.close())

  const req = request('R0001')
  const payload = encodeMpm(req)
  dev.send('register', registerBody(req, payload))
  const ack = await dev.next((m) => m.type === 'ack')
  t.ok(dev.verify(ack), 'the ack carries a valid MAC under the terminal key')
  t.same(ack.body, { reference: 'R0001', result: 'accepted' })
  t.equal(server.ledger.get('R0001')?.state, 'registered')

  const scan = server.wallet.scan(payload)
  t.ok(scan.ok, 'the wallet finds the transaction by its reference label')
  t.equal(server.ledger.get('R0001')?.state, 'scanned')

  const paid = await server.wallet.pay(payload)
  t.ok(paid.ok)
  t.equal(server.events.ofType('txn-paid').length, 1)
  const notice = await dev.next((m) => m.type === 'paid')
  t.ok(dev.verify(notice))
  t.match(notice.body, { reference: 'R0001', amount: '12.30', currency: '156' })
  t.equal(server.ledger.get('R0001')?.state, 'notified')

  dev.send('paid-ack', { reference: 'R0001' })
  for (let i = 0; i < 50 && server.ledger.get('R0001')?.state !== 'acknowledged'; i++) await new Promise((r) => setTimeout(r, 5))
  t.equal(server.ledger.get('R0001')?.state, 'acknowledged')
  t.equal(server.events.ofType('notify-acked').length, 1)
  t.same(server.ledger.get('R0001')?.history.map((h) => h.state), ['registered', 'scanned', 'paid', 'notified', 'acknowledged'])
  t.equal(server.sms.messages.length, 1, 'the merchant phone gets an SMS')
  t.equal(server.sms.messages[0]!.to, '+8613800000000')

  const again = await server.wallet.pay(payload)
  t.notOk(again.ok, 'a payment cannot be taken twice')
  t.equal(!again.ok && again.reason, 'already-paid')
})

t.test('wallet refusals carry a clear reason', async (t) => {
  const clock = new VirtualClock()
  const server = new PaymentServer({ clock, terminals: { [TERMINAL]: { key: KEY } }, http: false })
  await server.start()
  t.teardown(() => server.close())
  const unknown = server.wallet.scan(encodeMpm(request('NOPE')))
  t.equal(!unknown.ok && unknown.reason, 'unknown-reference')
  const url = server.wallet.scan('https://qr.alipay.com/bax03431ljhokirwl38f00a7')
  t.equal(!url.ok && url.reason, 'url-payload')
  t.match(!url.ok && url.message, /Alipay/)
  const wx = server.wallet.scan('weixin://wxpay/bizpayurl?pr=abcdefg')
  t.match(!wx.ok && wx.message, /WeChat Pay/)
  const good = encodeMpm(request('R1'))
  const badCrc = good.slice(0, -1) + (good.endsWith('0') ? '1' : '0')
  const crc = server.wallet.scan(badCrc)
  t.equal(!crc.ok && crc.reason, 'invalid-payload')
  t.match(!crc.ok && crc.message, /CRC/)
})
