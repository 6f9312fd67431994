import t from 'tap'
import { ByteReader, TinyGsmLike } from './clients.js'
import { echoServer, modemRig } from './helpers.js'

const OKS = ['OK\r\n', 'ERROR\r\n']

t.test('TinyGSM SIM800 client sequence: init, waitForNetwork, gprsConnect, connect, write, CIPRXGET read, SMS', async (t) => {
  const echo = await echoServer()
  const rig = await modemRig({ routes: { 'echo.rig.test:7000': `127.0.0.1:${echo.port}` } })
  t.teardown(async () => {
    await rig.done()
    await echo.close()
  })
  const g = new TinyGsmLike(new ByteReader(rig.link.dutEnd, rig.clock))

  // init(): testAT, E0, CMEE=0, getModemName (+GMM), CLTS, CBATCHK, getSimStatus
  g.sendAT('')
  t.equal(await g.waitResponse(200), 1, 'testAT gets OK within 200 ms (echo is still on)')
  g.sendAT('E0')
  t.equal(await g.waitResponse(), 1)
  g.sendAT('+CMEE=0')
  t.equal(await g.waitResponse(), 1)
  const gmm = { data: '' }
  g.sendAT('+GMM')
  t.equal(await g.waitResponse(1000, OKS, gmm), 1)
  t.equal(gmm.data.replace('\r\nOK\r\n', '').replace('_', ' ').trim(), 'SIMCOM SIM800L', 'modem name as TinyGSM derives it')
  g.sendAT('+CLTS=1')
  t.equal(await g.waitResponse(10_000), 1)
  g.sendAT('+CBATCHK=1')
  t.equal(await g.waitResponse(), 1)
  g.sendAT('+CPIN?')
  t.equal(await g.waitResponse(1000, ['\r\n+CPIN:']), 1)
  t.equal(await g.waitResponse(1000, ['READY', 'SIM PIN', 'SIM PUK', 'NOT INSERTED', 'NOT READY']), 1, 'SIM_READY')
  t.equal(await g.waitResponse(), 1)

  // waitForNetwork(): getRegistrationStatusXREG("CREG")
  g.sendAT('+CREG?')
  t.equal(await g.waitResponse(1000, ['+CREG:', '+CGREG:', '+CEREG:']), 1)
  await g.skipUntil(',')
  t.equal(await g.parseInt(), 1, 'REG_OK_HOME')
  t.equal(await g.waitResponse(), 1)

  // gprsConnect(): gprsDisconnect first. CIPSHUT answers "SHUT OK", which TinyGSM accepts as "OK\r\n" by suffix.
  g.sendAT('+CIPSHUT')
  t.equal(await g.waitResponse(60_000), 1, 'SHUT OK matches OK by suffix')
  g.sendAT('+CGATT=0')
  t.equal(await g.waitResponse(60_000), 1)
  for (const cmd of ['+SAPBR=3,1,"Contype","GPRS"', '+SAPBR=3,1,"APN","internet"', '+SAPBR=3,1,"USER","rig"', '+SAPBR=3,1,"PWD","secret"', '+CGDCONT=1,"IP","internet"']) {
    g.sendAT(cmd)
    t.equal(await g.waitResponse(), 1, cmd)
  }
  g.sendAT('+CGACT=1,1')
  t.equal(await g.waitResponse(60_000), 1)
  g.sendAT('+SAPBR=1,1')
  t.equal(await g.waitResponse(85_000), 1)
  const sapbr = { data: '' }
  g.sendAT('+SAPBR=2,1')
  t.equal(await g.waitResponse(30_000, OKS, sapbr), 1)
  t.match(sapbr.data, /\+SAPBR: 1,1,"10\.\d+\.\d+\.\d+"/, 'bearer 1 connected with an address')
  for (const [cmd, timeout] of [['+CGATT=1', 60_000], ['+CIPMUX=1', 1000], ['+CIPQSEND=1', 1000], ['+CIPRXGET=1', 1000], ['+CSTT="internet","rig","secret"', 60_000], ['+CIICR', 60_000]] as const) {
    g.sendAT(cmd)
    t.equal(await g.waitResponse(timeout), 1, cmd)
  }
  const ip = { data: '' }
  g.sendAT('+CIFSR;E0')
  t.equal(await g.waitResponse(10_000, OKS, ip), 1, 'CIFSR;E0 ends in OK thanks to the chained E0')
  t.match(ip.data.replace('\r\nOK\r\n', '').trim(), /^10\.\d+\.\d+\.\d+$/, 'getLocalIP() result')
  g.sendAT('+CDNSCFG="8.8.8.8","8.8.4.4"')
  t.equal(await g.waitResponse(), 1)

  // GsmClient(mux 0).connect(): stop() = CIPCLOSE=0,1 (ERROR when nothing open, ignored), CIPSSL=0, CIPSTART
  g.sendAT('+CIPCLOSE=', 0, ',1')
  t.equal(await g.waitResponse(), 2, 'quick close of a closed socket is ERROR')
  g.sendAT('+CIPSSL=', 0)
  t.equal(await g.waitResponse(), 1)
  g.sendAT('+CIPSTART=', 0, ',"TCP","echo.rig.test",7000')
  t.equal(await g.waitResponse(75_000, ['CONNECT OK\r\n', 'CONNECT FAIL\r\n', 'ALREADY CONNECT\r\n', 'ERROR\r\n', 'CLOSE OK\r\n']), 1, 'modemConnect() true')

  // modemSend(): CIPSEND=0,len, '>', bytes, DATA ACCEPT:<mux>,<len>
  const payload = '{"type":"register","stan":1}\n'
  g.sendAT('+CIPSEND=', 0, ',', payload.length)
  t.equal(await g.waitResponse(1000, ['>']), 1)
  g.io.write(payload)
  t.equal(await g.waitResponse(1000, ['\r\nDATA ACCEPT:']), 1)
  await g.skipUntil(',')
  t.equal(await g.getIntBefore('\n'), payload.length, 'modemSend() returns the accepted length')

  // maintain(): the +CIPRXGET: 1,0 URC marks socket 0 as having data.
  for (let i = 0; i < 20 && !g.gotData.has(0); i++) await g.waitResponse(100, [])
  t.ok(g.gotData.has(0), '+CIPRXGET: 1,0 URC seen')
  g.sendAT('+CIPRXGET=4,', 0)
  t.equal(await g.waitResponse(1000, ['+CIPRXGET:']), 1)
  await g.skipUntil(',')
  await g.skipUntil(',')
  t.equal(await g.getIntBefore('\n'), payload.length, 'modemGetAvailable()')
  t.equal(await g.waitResponse(), 1)
  g.sendAT('+CIPRXGET=2,', 0, ',', 10)
  t.equal(await g.waitResponse(1000, ['+CIPRXGET:']), 1)
  await g.skipUntil(',')
  await g.skipUntil(',')
  const got = await g.getIntBefore(',')
  const remaining = await g.getIntBefore('\n')
  t.same([got, remaining], [10, payload.length - 10], 'returned count, then what remains')
  let read = await g.readBytes(got)
  t.equal(await g.waitResponse(), 1)
  g.sendAT('+CIPRXGET=2,', 0, ',', 64)
  t.equal(await g.waitResponse(1000, ['+CIPRXGET:']), 1)
  await g.skipUntil(',')
  await g.skipUntil(',')
  const rest = await g.getIntBefore(',')
  t.equal(await g.getIntBefore('\n'), 0)
  read += await g.readBytes(rest)
  t.equal(await g.waitResponse(), 1)
  t.equal(read, payload, 'the bytes came back from the real echo server through CIPRXGET=2')
  t.equal(Buffer.concat(echo.received).toString(), payload)

  // modemGetConnected(): CIPSTATUS=0
  g.sendAT('+CIPSTATUS=', 0)
  t.equal(await g.waitResponse(1000, ['+CIPSTATUS']), 1)
  t.equal(await g.waitResponse(1000, [',"CONNECTED"', ',"CLOSED"', ',"CLOSING"', ',"REMOTE CLOSING"', ',"INITIAL"']), 1)
  t.equal(await g.waitResponse(), 1)

  // The server hangs up: "0, CLOSED" reaches TinyGSM's CLOSED handler with mux 0.
  for (const s of echo.sockets) s.end()
  for (let i = 0; i < 20 && !g.closed.has(0); i++) await g.waitResponse(100, [])
  t.ok(g.closed.has(0), 'socket 0 marked closed')
  g.sendAT('+CIPSTATUS=', 0)
  t.equal(await g.waitResponse(1000, ['+CIPSTATUS']), 1)
  t.equal(await g.waitResponse(1000, [',"CONNECTED"', ',"CLOSED"', ',"CLOSING"', ',"REMOTE CLOSING"', ',"INITIAL"']), 2)
  t.equal(await g.waitResponse(), 1)

  // sendSMS(): CMGF=1, CSCS="GSM", CMGS="num", '>', text, Ctrl-Z, OK within 60 s
  g.sendAT('+CMGF=1')
  t.equal(await g.waitResponse(), 1)
  g.sendAT('+CSCS="GSM"')
  t.equal(await g.waitResponse(), 1)
  g.sendAT('+CMGS="+15551234567"')
  t.equal(await g.waitResponse(1000, ['>']), 1)
  g.io.write('Paid 12.50 EUR, ref 000123')
  g.io.write(Buffer.from([0x1a]))
  t.equal(await g.waitResponse(60_000), 1)
  t.same(
    rig.modem.sms.map((m) => [m.to, m.text, m.mode]),
    [['+15551234567', 'Paid 12.50 EUR, ref 000123', 'text']],
    'the SMS landed in the outbox',
  )
  t.same(g.unhandled, [], 'nothing TinyGSM would log as unhandled')
})

t.test('TinyGSM skips SIM800 network-time URCs between replies (stray URC fault)', async (t) => {
  const rig = await modemRig()
  t.teardown(() => rig.done())
  const g = new TinyGsmLike(new ByteReader(rig.link.dutEnd, rig.clock))
  g.sendAT('E0')
  t.equal(await g.waitResponse(), 1)
  rig.modem.setFaults({ strayUrcs: { everyMs: 7 } })
  for (let i = 0; i < 30; i++) {
    g.sendAT('+CSQ')
    t.equal(await g.waitResponse(1000, ['+CSQ:']), 1)
    t.equal(await g.getIntBefore(','), 20)
    t.equal(await g.waitResponse(), 1)
  }
  rig.modem.clearFaults()
  t.same(g.unhandled, [])
  t.ok(rig.link.sent('emulator').toString('latin1').includes('*PSUTTZ:'), 'stray URCs were really sent')
})
