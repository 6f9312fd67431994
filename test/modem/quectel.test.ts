import t from 'tap'
import { ByteReader, TinyGsmLike } from './clients.js'
import { echoServer, modemRig } from './helpers.js'

t.test('TinyGSM BG96 client sequence: QICSGP, QIACT, QIOPEN, QISEND, +QIURC "recv", QIRD, QISTATE, closed', async (t) => {
  const echo = await echoServer()
  const rig = await modemRig({ dialect: 'quectel', model: 'BG96', routes: { 'echo.rig.test:7000': `127.0.0.1:${echo.port}` } })
  t.teardown(async () => {
    await rig.done()
    await echo.close()
  })
  const g = new TinyGsmLike(new ByteReader(rig.link.dutEnd, rig.clock), 'bg96')
  g.sendAT('E0')
  t.equal(await g.waitResponse(), 1)
  for (const cmd of ['+CMEE=0', '+CTZR=0', '+CTZU=1']) {
    g.sendAT(cmd)
    t.equal(await g.waitResponse(10_000), 1, cmd)
  }
  g.sendAT('+CEREG?')
  t.equal(await g.waitResponse(1000, ['+CREG:', '+CGREG:', '+CEREG:']), 3)
  await g.skipUntil(',')
  t.equal(await g.parseInt(), 1)
  t.equal(await g.waitResponse(), 1)

  // gprsConnect(): QIDEACT=1, QICSGP=1,1,"apn","u","p", QIACT=1, CGATT=1
  g.sendAT('+QIDEACT=1')
  t.equal(await g.waitResponse(40_000), 1)
  g.sendAT('+QICSGP=1,1,"internet","",""')
  t.equal(await g.waitResponse(), 1)
  g.sendAT('+QIACT=1')
  t.equal(await g.waitResponse(150_000), 1)
  g.sendAT('+CGATT=1')
  t.equal(await g.waitResponse(60_000), 1)
  const act = { data: '' }
  g.sendAT('+QIACT?')
  t.equal(await g.waitResponse(1000, ['OK\r\n'], act), 1)
  t.match(act.data, /\+QIACT: 1,1,1,"10\.\d+\.\d+\.\d+"/)

  // modemConnect(): QIOPEN=1,<mux>,"TCP","host",port,0,0 → OK, then +QIOPEN: <mux>,0
  g.sendAT('+QIOPEN=1,', 2, ',"', 'TCP', '","', 'echo.rig.test', '",', 7000, ',0,0')
  t.equal(await g.waitResponse(), 1)
  t.equal(await g.waitResponse(150_000, ['\r\n+QIOPEN:']), 1)
  t.equal(await g.getIntBefore(','), 2)
  t.equal(await g.getIntBefore('\n'), 0, 'error code 0: connected')

  // modemSend()
  const payload = 'hello bg96'
  g.sendAT('+QISEND=', 2, ',', payload.length)
  t.equal(await g.waitResponse(1000, ['>']), 1)
  g.io.write(payload)
  t.equal(await g.waitResponse(1000, ['\r\nSEND OK']), 1)

  for (let i = 0; i < 20 && !g.gotData.has(2); i++) await g.waitResponse(100, [])
  t.ok(g.gotData.has(2), '+QIURC: "recv",2 seen')
  // modemRead(): QIRD=<mux>,<size> → +QIRD: <len> CRLF data; then modemGetAvailable(): QIRD=<mux>,0
  g.sendAT('+QIRD=', 2, ',', 64)
  t.equal(await g.waitResponse(1000, ['+QIRD:']), 1)
  const len = await g.getIntBefore('\n')
  t.equal(await g.readBytes(len), payload, 'echo from the real server')
  t.equal(await g.waitResponse(), 1)
  g.sendAT('+QIRD=', 2, ',0')
  t.equal(await g.waitResponse(1000, ['+QIRD:']), 1)
  await g.skipUntil(',')
  await g.skipUntil(',')
  t.equal(await g.getIntBefore('\n'), 0, 'nothing unread')
  t.equal(await g.waitResponse(), 1)

  // modemGetConnected(): QISTATE=1,<mux>, the 6th field is the socket state (2 = connected)
  g.sendAT('+QISTATE=1,', 2)
  t.equal(await g.waitResponse(1000, ['+QISTATE:']), 1)
  for (let i = 0; i < 5; i++) await g.skipUntil(',')
  t.equal(await g.getIntBefore(','), 2)
  t.equal(await g.waitResponse(), 1)

  for (const s of echo.sockets) s.end()
  for (let i = 0; i < 20 && !g.closed.has(2); i++) await g.waitResponse(100, [])
  t.ok(g.closed.has(2), '+QIURC: "closed",2 seen')
  g.sendAT('+QICLOSE=', 2)
  t.equal(await g.waitResponse(), 1)
  t.same(g.unhandled, [])

  rig.modem.deactivatePdp()
  t.equal(await g.waitResponse(300, []), 0, 'TinyGSM swallows the URC')
  t.ok(g.io.all.endsWith('\r\n+QIURC: "pdpdeact",1\r\n'), 'PDP deactivation URC on the wire')
})

t.test('TinyGSM M95 client sequence: QIFGCNT … QIACT, QILOCIP, QINDI, QIOPEN, QISEND, +QIRDI, QIRD, CLOSED, QIDEACT', async (t) => {
  const echo = await echoServer()
  const rig = await modemRig({ dialect: 'quectel', model: 'M95', routes: { 'echo.rig.test:7000': `127.0.0.1:${echo.port}` } })
  t.teardown(async () => {
    await rig.done()
    await echo.close()
  })
  const g = new TinyGsmLike(new ByteReader(rig.link.dutEnd, rig.clock), 'm95')
  g.sendAT('E0')
  t.equal(await g.waitResponse(), 1)
  g.sendAT('+QNITZ=1')
  t.equal(await g.waitResponse(10_000), 1)
  g.sendAT('+QIDEACT')
  t.equal(await g.waitResponse(60_000, ['DEACT OK', 'ERROR']), 1, 'gprsDisconnect()')
  for (const cmd of ['+QIFGCNT=0', '+QICSGP=1,"internet","",""', '+QIMODE=0', '+QIMUX=1', '+QIREGAPP="internet","",""']) {
    g.sendAT(cmd)
    t.equal(await g.waitResponse(), 1, cmd)
  }
  g.sendAT('+QIACT')
  t.equal(await g.waitResponse(60_000), 1)
  // getLocalIP(): QILOCIP, skip to the first LF, the address is the next line (no OK)
  g.sendAT('+QILOCIP')
  await g.skipUntil('\n')
  t.match((await g.readStringUntil('\n')).trim(), /^10\.\d+\.\d+\.\d+$/)
  g.sendAT('+QINDI=1')
  t.equal(await g.waitResponse(), 1, 'no stray OK after QILOCIP')

  g.sendAT('+QIOPEN=', 1, ',"', 'TCP', '","', 'echo.rig.test', '",', 7000)
  t.equal(await g.waitResponse(75_000, ['CONNECT OK\r\n', 'CONNECT FAIL\r\n', 'ALREADY CONNECT\r\n']), 1)
  const payload = 'hello m95'
  g.sendAT('+QISEND=', 1, ',', payload.length)
  t.equal(await g.waitResponse(1000, ['>']), 1)
  g.io.write(payload)
  t.equal(await g.waitResponse(1000, ['\r\nSEND OK']), 1)
  for (let i = 0; i < 20 && !g.gotData.has(1); i++) await g.waitResponse(100, [])
  t.ok(g.gotData.has(1), '+QIRDI: 0,1,1 seen')
  // modemRead(): QIRD=0,1,<mux>,<size> → +QIRD: <ip>:<port>,TCP,<len> CRLF data OK
  g.sendAT('+QIRD=0,1,', 1, ',', 1500)
  t.equal(await g.waitResponse(1000, ['+QIRD:', 'OK\r\n', 'ERROR\r\n']), 1)
  await g.skipUntil(':')
  await g.skipUntil(',')
  await g.skipUntil(',')
  const len = await g.getIntBefore('\n')
  t.equal(await g.readBytes(len), payload)
  t.equal(await g.waitResponse(), 1)
  g.sendAT('+QIRD=0,1,', 1, ',', 1500)
  t.equal(await g.waitResponse(1000, ['+QIRD:', 'OK\r\n', 'ERROR\r\n']), 2, 'empty buffer: a bare OK')

  for (const s of echo.sockets) s.end()
  for (let i = 0; i < 20 && !g.closed.has(1); i++) await g.waitResponse(100, [])
  t.ok(g.closed.has(1), '"1, CLOSED" seen')
  g.sendAT('+QIDEACT')
  t.equal(await g.waitResponse(60_000, ['DEACT OK', 'ERROR']), 1)
  t.same(g.unhandled, [])
})

t.test('Quectel boot URCs after a reboot fault, and BG96 QIOPEN failure codes', async (t) => {
  const dead = await echoServer()
  const deadPort = dead.port
  await dead.close()
  const rig = await modemRig({ dialect: 'quectel', timings: { boot: 100 } })
  t.teardown(() => rig.done())
  const { host } = rig
  await host.cmd('ATE0')
  await host.cmd('AT+QIACT=1')
  await host.cmd(`AT+QIOPEN=1,0,"TCP","127.0.0.1",${deadPort},0,0`)
  t.equal(await host.waitFor(/\+QIOPEN: [^\r]*\r\n/), '\r\n+QIOPEN: 0,566\r\n', 'connect refused: 566')
  rig.modem.reboot()
  t.equal(
    await host.waitFor('APP RDY\r\n'),
    '\r\nRDY\r\n\r\n+CFUN: 1\r\n\r\n+CPIN: READY\r\n\r\n+QUSIM: 1\r\n\r\n+QIND: SMS DONE\r\n\r\nAPP RDY\r\n',
    'BG96 boot ends with APP RDY',
  )
  t.equal(await host.cmd('AT'), 'AT\r\r\nOK\r\n', 'echo is back on after the reboot')
  t.equal(await host.cmd('AT+QIACT?'), 'AT+QIACT?\r\r\nOK\r\n', 'no context after the reboot')
})
