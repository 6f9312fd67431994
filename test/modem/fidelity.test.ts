/** Format details and the commands drivers call that issue 10 found missing, each with its source. */
import t from 'tap'
import { modemRig } from './helpers.js'
import { replay, ScriptedServer } from './transcript.js'

const ok = '\r\nOK\r\n'

t.test('multi-line responses: one CRLF between the lines of one response (V.250 §5.7)', async (t) => {
  const bg = await modemRig({ dialect: 'quectel', model: 'BG96' })
  t.teardown(() => bg.done())
  await bg.host.cmd('ATE0')
  t.equal(await bg.host.cmd('ATI'), `\r\nQuectel\r\nBG96\r\nRevision: BG96LAR02A04\r\n${ok}`, 'ATI on a BG96')
  await bg.host.cmd('AT+CGDCONT=1,"IP","internet"')
  await bg.host.cmd('AT+CGDCONT=2,"IP","mms"')
  t.equal(await bg.host.cmd('AT+CGDCONT?'), `\r\n+CGDCONT: 1,"IP","internet","0.0.0.0",0,0\r\n+CGDCONT: 2,"IP","mms","0.0.0.0",0,0\r\n${ok}`)

  const sim = await modemRig()
  t.teardown(() => sim.done())
  await sim.host.cmd('ATE0')
  await sim.host.cmd('AT+SAPBR=3,1,"APN","CMNET"')
  t.equal(await sim.host.cmd('AT+SAPBR=4,1'), `\r\n+SAPBR:\r\nCONTYPE: GPRS\r\nAPN: CMNET\r\n${ok}`, 'bearer parameters, one response')
  t.equal(await sim.host.cmd('AT+CIPSEND?'), `\r\n+CIPSEND:1460\r\n${ok}`, 'single mode (SIM800 Series AT Command Manual V1.05 §8.2.3: no space)')
  t.equal(await sim.host.cmd('AT+CSQ;+CREG?'), `\r\n+CSQ: 20,0\r\n\r\n+CREG: 0,1\r\n${ok}`, 'chained commands: one response each')
})

t.test('echo of a CRLF-terminated command is the same however the bytes arrive (V.250 §6.2.4)', async (t) => {
  const rig = await modemRig()
  t.teardown(() => rig.done())
  rig.host.write('AT+CSQ\r\n')
  t.equal(await rig.host.waitFor('OK\r\n'), `AT+CSQ\r\n\r\n+CSQ: 20,0\r\n${ok}`, 'in one chunk')
  rig.host.write('AT+CSQ\r')
  await new Promise((r) => setImmediate(r))
  rig.host.write('\n')
  t.equal(await rig.host.waitFor('OK\r\n'), `AT+CSQ\r\n\r\n+CSQ: 20,0\r\n${ok}`, 'LF in a later chunk: still echoed before the reply')
  await new Promise((r) => setTimeout(r, 20))
  t.equal(rig.host.take(), '', 'no stray LF after the reply')
})

t.test('BG96: one PDP context for AT+QIACT, AT+CGACT and AT+CGPADDR (unquoted address)', async (t) => {
  const rig = await modemRig({ dialect: 'quectel', model: 'BG96', localIp: '10.21.0.7' })
  t.teardown(() => rig.done())
  await rig.host.cmd('ATE0')
  t.equal(await rig.host.cmd('AT+CGPADDR=1'), `\r\n+CGPADDR: 1,0.0.0.0\r\n${ok}`)
  await rig.host.cmd('AT+QIACT=1')
  t.equal(await rig.host.cmd('AT+CGPADDR=1'), `\r\n+CGPADDR: 1,10.21.0.7\r\n${ok}`, 'right after QIACT reports an address')
  t.equal(await rig.host.cmd('AT+CGACT?'), `\r\n+CGACT: 1,1\r\n${ok}`)
  await rig.host.cmd('AT+CGACT=0,1')
  t.equal(await rig.host.cmd('AT+QIACT?'), ok, 'CGACT=0,1 took the QIACT context down too')
  await rig.host.cmd('AT+CGACT=1,1')
  t.equal(await rig.host.cmd('AT+QIACT?'), `\r\n+QIACT: 1,1,1,"10.21.0.7"\r\n${ok}`, 'and CGACT=1,1 brings it up for the socket commands')
})

t.test('BG96 sends APP RDY after AT+CFUN=1,1 (TinyGSM waits for it)', async (t) => {
  const rig = await modemRig({ dialect: 'quectel', model: 'BG96', timings: { boot: 200 } })
  t.teardown(() => rig.done())
  await rig.host.cmd('ATE0')
  t.equal(await rig.host.cmd('AT+CFUN=1,1'), ok)
  t.equal(await rig.host.waitFor('APP RDY\r\n'), '\r\nRDY\r\n\r\n+CFUN: 1\r\n\r\n+CPIN: READY\r\n\r\n+QUSIM: 1\r\n\r\n+QIND: SMS DONE\r\n\r\nAPP RDY\r\n')
})

t.test('SIM800 AT+CLBS and AT+CIPGSMLOC answer from the network model over bearer 1; AT+CSPN?', async (t) => {
  const rig = await modemRig({ localIp: '10.89.1.2' })
  t.teardown(() => rig.done())
  await rig.host.cmd('ATE0')
  t.equal(await rig.host.cmd('AT+CLBS=1,1'), `\r\n+CLBS: 601\r\n${ok}`, 'no bearer: network error (GUESS 601)')
  await rig.host.cmd('AT+SAPBR=3,1,"Contype","GPRS"')
  await rig.host.cmd('AT+SAPBR=1,1')
  rig.modem.setLocation(2.294481, 48.85837, 120)
  const before = rig.clock.now()
  t.equal(await rig.host.cmd('AT+CLBS=1,1'), `\r\n+CLBS: 0,2.294481,48.858370,120\r\n${ok}`, 'SIM800 Series GSM Location Application Note V1.01 §2.1')
  t.ok(rig.clock.now() - before >= 2 * rig.modem.options.net.latencyMs, 'a network round trip')
  const d = new Date(rig.clock.now())
  const p = (n: number): string => String(n).padStart(2, '0')
  t.match(await rig.host.cmd('AT+CIPGSMLOC=1,1'), new RegExp(`^\\r\\n\\+CIPGSMLOC: 0,2\\.294481,48\\.858370,${d.getUTCFullYear()}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())},\\d\\d:\\d\\d:\\d\\d\\r\\n\\r\\nOK\\r\\n$`))
  t.match(await rig.host.cmd('AT+CIPGSMLOC=2,1'), /^\r\n\+CIPGSMLOC: 0,\d{4}\/\d\d\/\d\d,\d\d:\d\d:\d\d\r\n\r\nOK\r\n$/)
  t.equal(await rig.host.cmd('AT+CLBS=7,1'), '\r\nERROR\r\n')
  t.equal(await rig.host.cmd('AT+CSPN?'), `\r\n+CSPN: "RIG MOBILE",0\r\n${ok}`)
  rig.modem.setSim('absent')
  await rig.host.waitFor('NOT INSERTED\r\n')
  await rig.host.cmd('AT+CMEE=1')
  t.equal(await rig.host.cmd('AT+CSPN?'), '\r\n+CME ERROR: 10\r\n')
  t.throws(() => rig.modem.setLocation(200, 0), { name: 'ModemConfigError' })
})

t.test('AT+CPOWD / AT+QPOWD switch the module off until powerOn()', async (t) => {
  const sim = await modemRig({ timings: { boot: 100 } })
  t.teardown(() => sim.done())
  await sim.host.cmd('ATE0')
  await replay(t, sim.host, [{ send: 'AT+CPOWD=1', expect: '\r\nNORMAL POWER DOWN\r\n', note: 'SIM800 Series AT Command Manual V1.09 §6.2.2' }])
  t.ok(sim.modem.poweredDown)
  t.equal(await sim.host.cmd('AT', /OK\r\n/, 2000).catch(() => 'silent'), 'silent', 'off: no answer')
  sim.modem.powerOn()
  await sim.host.waitFor('SMS Ready\r\n')
  t.equal(await sim.host.cmd('AT'), 'AT\r\r\nOK\r\n', 'back, with the power-on defaults')

  const bg = await modemRig({ dialect: 'quectel', model: 'BG96' })
  t.teardown(() => bg.done())
  await bg.host.cmd('ATE0')
  await replay(t, bg.host, [
    { send: 'AT+QPOWD', expect: `${ok}` },
    { expect: '\r\nPOWERED DOWN\r\n' },
  ])
  t.equal(await bg.host.cmd('AT', /OK\r\n/, 2000).catch(() => 'silent'), 'silent')

  const m95 = await modemRig({ dialect: 'quectel', model: 'M95' })
  t.teardown(() => m95.done())
  await m95.host.cmd('ATE0')
  await replay(t, m95.host, [{ send: 'AT+QPOWD=1', expect: '\r\nNORMAL POWER DOWN\r\n' }])
  t.ok(m95.modem.poweredDown)
})

t.test('AT+QLTS gives the network time from the rig\'s clock', async (t) => {
  for (const [model, year] of [['BG96', (d: Date) => String(d.getUTCFullYear())], ['M95', (d: Date) => String(d.getUTCFullYear() % 100).padStart(2, '0')]] as const) {
    const rig = await modemRig({ dialect: 'quectel', model })
    await rig.host.cmd('ATE0')
    const reply = await rig.host.cmd('AT+QLTS')
    const d = new Date(rig.clock.now())
    t.match(reply, new RegExp(`^\\r\\n\\+QLTS: "${year(d)}/\\d\\d/\\d\\d,\\d\\d:\\d\\d:\\d\\d\\+00,0"\\r\\n\\r\\nOK\\r\\n$`), model)
    await rig.done()
  }
})

t.test('BG96 QIRD framing survives a reader that counts bytes (TinyGSM-style): data, CRLF, CRLF OK', async (t) => {
  const server = await ScriptedServer.start()
  const rig = await modemRig({ dialect: 'quectel', model: 'BG96', routes: { 'srv.test:1': `127.0.0.1:${server.port}` } })
  t.teardown(async () => {
    await rig.done()
    await server.close()
  })
  await rig.host.cmd('ATE0')
  await rig.host.cmd('AT+QIACT=1')
  await rig.host.cmd('AT+QIOPEN=1,3,"TCP","srv.test",1,0,0')
  await rig.host.waitFor('+QIOPEN: 3,0\r\n')
  await server.send('a\r\nb')
  await rig.host.waitFor('+QIURC: "recv",3\r\n')
  t.equal(await rig.host.cmd('AT+QIRD=3,2'), `\r\n+QIRD: 2\r\na\r\r\n${ok}`, 'a partial read')
  t.equal(await rig.host.cmd('AT+QIRD=3,10'), `\r\n+QIRD: 2\r\n\nb\r\n${ok}`, 'the rest')
})
