import { createServer, type IncomingMessage } from 'node:http'
import t from 'tap'
import { ByteReader, FonaLike } from './clients.js'
import { echoServer, modemRig } from './helpers.js'

/** A plain node:http server on loopback that records requests and answers a small JSON body. */
async function webServer(): Promise<{ port: number; requests: Array<{ method: string; url: string; ua: string; body: string }>; close(): Promise<void> }> {
  const requests: Array<{ method: string; url: string; ua: string; body: string }> = []
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', ua: String(req.headers['user-agent']), body: Buffer.concat(chunks).toString() })
      res.setHeader('Content-Type', 'application/json')
      res.end(JSON.stringify({ ok: true, path: req.url }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  return { port, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

t.test('Adafruit_FONA sequence: begin, enableGPRS, TCPconnect, TCPsend, TCPavailable/TCPread, HTTP GET', async (t) => {
  const echo = await echoServer()
  const web = await webServer()
  // FONA gives CONNECT OK only 500 ms after OK: a quick network (as on a good cell) keeps the implicit
  // PDP activation of CIPSTART from IP INITIAL inside that window.
  const rig = await modemRig({
    routes: { 'echo.rig.test': `127.0.0.1:${echo.port}`, 'web.rig.test:80': `127.0.0.1:${web.port}` },
    timings: { activate: 200, connect: 100 },
  })
  t.teardown(async () => {
    await rig.done()
    await echo.close()
    await web.close()
  })
  const f = new FonaLike(new ByteReader(rig.link.dutEnd, rig.clock))

  // begin(): AT answers "AT" first while echo is on — FONA accepts either.
  t.notOk(await f.sendCheckReply('AT', 'OK'), 'with ATE1 the first line FONA reads is the echo')
  t.ok(await f.sendCheckReply('AT', 'AT'), 'which is why begin() also accepts "AT"')
  t.notOk(await f.sendCheckReply('ATE0', 'OK'), 'first ATE0: its own echo comes first')
  t.ok(await f.sendCheckReply('ATE0', 'OK'), 'second ATE0: OK')
  t.ok(await f.sendCheckReply('AT+CVHU=0', 'OK'))
  await f.flushInput()
  f.println('ATI')
  t.match(await f.readline(500, true), /SIM800 R13/, 'ATI identifies a FONA800')
  f.println('AT+GMM')
  t.notMatch(await f.readline(500, true), /SIM800H/, 'an 800L, not an 800H')

  // enableGPRS(true)
  await f.sendCheckReply('AT+CIPSHUT', 'SHUT OK', 20_000)
  t.ok(await f.sendCheckReply('AT+CGATT=1', 'OK', 10_000))
  t.ok(await f.sendCheckReply('AT+SAPBR=3,1,"CONTYPE","GPRS"', 'OK', 10_000))
  t.ok(await f.sendCheckReply('AT+SAPBR=3,1,"APN","internet"', 'OK', 10_000))
  await f.flushInput()
  f.println('AT+CSTT="internet"')
  t.ok(await f.expectReply('OK'))
  t.ok(await f.sendCheckReply('AT+SAPBR=1,1', 'OK', 30_000))
  t.ok(await f.sendCheckReply('AT+CIICR', 'OK', 10_000))

  // TCPconnect(): the port is sent QUOTED
  await f.flushInput()
  t.ok(await f.sendCheckReply('AT+CIPSHUT', 'SHUT OK', 20_000))
  t.ok(await f.sendCheckReply('AT+CIPMUX=0', 'OK'))
  t.ok(await f.sendCheckReply('AT+CIPRXGET=1', 'OK'))
  f.println('AT+CIPSTART="TCP","echo.rig.test","7000"')
  t.ok(await f.expectReply('OK'))
  t.ok(await f.expectReply('CONNECT OK'), 'CONNECT OK within FONA\'s 500 ms readline')

  // TCPconnected(): relies on CIPSTATUS answering OK before the state
  t.ok(await f.sendCheckReply('AT+CIPSTATUS', 'OK', 100))
  t.equal(await f.readline(100), 'STATE: CONNECT OK')

  // TCPsend(): '>' then SEND OK within 3 s
  const data = 'PING 42'
  f.println(`AT+CIPSEND=${data.length}`)
  t.equal((await f.readline())[0], '>', 'the prompt is what readline returns (no newline after it)')
  f.io.write(data)
  t.equal(await f.readline(3000), 'SEND OK')

  // TCPavailable() / TCPread() in manual-read mode (single connection: no id in the replies)
  let avail = 0
  for (let i = 0; i < 10 && !avail; i++) avail = (await f.sendParseReply('AT+CIPRXGET=4', '+CIPRXGET: 4,', ',', 0)) ?? 0
  t.equal(avail, data.length, 'TCPavailable()')
  f.println('AT+CIPRXGET=2,100')
  await f.readline()
  const n = f.parseReply('+CIPRXGET: 2,', ',', 0)
  t.equal(n, data.length)
  t.equal(await f.readRaw(n!), data, 'TCPread() got the echo from the real server')
  t.ok(await f.expectReply('OK'))
  t.ok(await f.sendCheckReply('AT+CIPCLOSE', 'CLOSE OK'), 'TCPclose() as the module answers it')

  // HTTP_GET_start(): HTTP_term (ERROR, ignored), HTTP_init, HTTPPARA CID/UA/URL, HTTPACTION=0, HTTPREAD
  t.notOk(await f.sendCheckReply('AT+HTTPTERM', 'OK'), 'HTTPTERM before HTTPINIT is ERROR')
  t.ok(await f.sendCheckReply('AT+HTTPINIT', 'OK'))
  t.ok(await f.sendCheckReply('AT+HTTPPARA="CID",1', 'OK'))
  t.ok(await f.sendCheckReply('AT+HTTPPARA="UA","FONA"', 'OK'))
  t.ok(await f.sendCheckReply('AT+HTTPPARA="URL","web.rig.test/status?id=7,8"', 'OK'))
  t.ok(await f.sendCheckReply('AT+HTTPACTION=0', 'OK'))
  await f.readline(30_000)
  t.equal(f.parseReply('+HTTPACTION:', ',', 1), 200, 'status from the real server')
  const len = f.parseReply('+HTTPACTION:', ',', 2)
  const body = JSON.stringify({ ok: true, path: '/status?id=7,8' })
  t.equal(len, body.length)
  await f.getReply('AT+HTTPREAD')
  t.equal(f.parseReply('+HTTPREAD:', ',', 0), body.length)
  t.equal(await f.readRaw(body.length), body)
  t.ok(await f.expectReply('OK'))
  t.ok(await f.sendCheckReply('AT+HTTPTERM', 'OK'))
  t.same(web.requests, [{ method: 'GET', url: '/status?id=7,8', ua: 'FONA', body: '' }], 'the request reached the server as FONA described it')
})

t.test('HTTP POST through HTTPDATA, and 6xx statuses for network errors', async (t) => {
  const web = await webServer()
  const rig = await modemRig({ routes: { 'web.rig.test:80': `127.0.0.1:${web.port}` } })
  t.teardown(async () => {
    await rig.done()
    await web.close()
  })
  const { host } = rig
  await host.cmd('ATE0')
  await host.cmd('AT+SAPBR=3,1,"APN","internet"')
  await host.cmd('AT+HTTPINIT')
  await host.cmd('AT+HTTPPARA="URL","http://web.rig.test/txn"')
  t.equal(await host.cmd('AT+HTTPACTION=1'), '\r\nOK\r\n')
  t.equal(await host.waitFor(/\+HTTPACTION: [^\r]*\r\n/), '\r\n+HTTPACTION: 1,601,0\r\n', 'bearer closed: 601 network error')
  t.equal(await host.cmd('AT+SAPBR=1,1', undefined, 90_000), '\r\nOK\r\n')
  await host.cmd('AT+HTTPPARA="CONTENT","application/json"')
  host.write('AT+HTTPDATA=11,10000\r')
  t.equal(await host.waitFor('DOWNLOAD\r\n'), '\r\nDOWNLOAD\r\n')
  host.write('{"amt":125}')
  t.equal(await host.waitFor('OK\r\n'), '\r\nOK\r\n')
  await host.cmd('AT+HTTPACTION=1')
  t.match(await host.waitFor(/\+HTTPACTION: [^\r]*\r\n/), /\+HTTPACTION: 1,200,\d+/)
  t.same(web.requests.map((r) => [r.method, r.url, r.body]), [['POST', '/txn', '{"amt":125}']])
  await host.cmd('AT+HTTPPARA="URL","http://nowhere.example/x"')
  await host.cmd('AT+HTTPACTION=0')
  t.equal(await host.waitFor(/\+HTTPACTION: [^\r]*\r\n/), '\r\n+HTTPACTION: 0,603,0\r\n', 'an unrouted name does not resolve: 603')
})
