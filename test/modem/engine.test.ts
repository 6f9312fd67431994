import t from 'tap'
import { resolveDestination } from '../../emulators/modem/network/destination.js'
import { parseCommandLine } from '../../emulators/modem/at/parse.js'
import { echoServer, modemRig } from './helpers.js'

t.test('command-line parsing follows V.250: basic runs, extended to ;, quotes, S registers, dial', async (t) => {
  const names = (s: string) => parseCommandLine(s)?.map((c) => `${c.name}/${c.kind}/${c.args.raw.join('|')}`)
  t.same(names('E0V1&W'), ['E/exec/0', 'V/exec/1', '&W/exec/'])
  t.same(names('+CIFSR;E0'), ['+CIFSR/exec/', 'E/exec/0'])
  t.same(names('+CSTT="a;b","u,1", "p"'), ['+CSTT/set/"a;b"|"u,1"|"p"'], 'separators inside quotes are data')
  t.same(names('+cmee=2;+CREG?;+CGATT=?'), ['+CMEE/set/2', '+CREG/read/', '+CGATT/test/'])
  t.same(names('S0=1S7?'), ['S0/set/1', 'S7/read/'])
  t.same(names('D+15551234;'), ['D/exec/+15551234;'])
  t.equal(parseCommandLine('+CSTT="open'), undefined)
  t.equal(parseCommandLine('+CSQ?x'), undefined)
  t.equal(parseCommandLine('!'), undefined)
})

t.test('destination policy: routes, loopback only, allow-list, unresolved names', async (t) => {
  const routes = { 'pay.test:7000': '127.0.0.1:7100', 'web.test': '127.0.0.1' }
  t.same(resolveDestination('pay.test', 7000, routes, []), { ok: true, host: '127.0.0.1', port: 7100, routed: true })
  t.same(resolveDestination('web.test', 8080, routes, []), { ok: true, host: '127.0.0.1', port: 8080, routed: true }, 'a name-only route keeps the port')
  t.same(resolveDestination('127.0.0.5', 80, {}, []), { ok: true, host: '127.0.0.5', port: 80, routed: false })
  t.same(resolveDestination('::1', 80, {}, []), { ok: true, host: '::1', port: 80, routed: false })
  t.same(resolveDestination('203.0.113.7', 80, {}, []), { ok: false, reason: 'blocked' })
  t.same(resolveDestination('203.0.113.7', 80, {}, ['203.0.113.7:80']), { ok: true, host: '203.0.113.7', port: 80, routed: false })
  t.same(resolveDestination('203.0.113.7', 81, {}, ['203.0.113.7:80']), { ok: false, reason: 'blocked' }, 'host:port entries allow that port only')
  t.same(resolveDestination('example.org', 443, {}, ['example.org']), { ok: true, host: 'example.org', port: 443, routed: false })
  t.same(resolveDestination('example.org', 443, {}, []), { ok: false, reason: 'unresolved' }, 'no real DNS for names nobody routed')
  t.same(resolveDestination('pay.test', 0, routes, []), { ok: false, reason: 'bad-port' })
})

t.test('CIPSEND up to Ctrl-Z, ESC cancels, SEND FAIL, ALREADY CONNECT, CIPRXGET=3 hex, CIPMUX locked', async (t) => {
  const echo = await echoServer()
  const rig = await modemRig()
  t.teardown(async () => {
    await rig.done()
    await echo.close()
  })
  const { host, modem } = rig
  await host.cmd('ATE0')
  await host.cmd('AT+CIPRXGET=1')
  await host.cmd(`AT+CIPSTART="TCP","127.0.0.1",${echo.port}`)
  await host.waitFor('CONNECT OK\r\n')
  t.equal(await host.cmd('AT+CIPMUX=1'), '\r\nERROR\r\n', 'CIPMUX only in IP INITIAL')
  t.equal(await host.cmd(`AT+CIPSTART="TCP","127.0.0.1",${echo.port}`, /ALREADY CONNECT\r\n/), '\r\nERROR\r\n\r\nALREADY CONNECT\r\n')
  host.write('AT+CIPSEND\r')
  t.equal(await host.waitFor('> '), '\r\n> ')
  host.write('AB\bCD\x1a')
  t.equal(await host.waitFor('SEND OK\r\n'), '\r\nSEND OK\r\n')
  t.equal(await host.waitFor('+CIPRXGET: 1\r\n'), '\r\n+CIPRXGET: 1\r\n', 'single-mode data notice has no id')
  t.equal(await host.cmd('AT+CIPRXGET=3,10'), '\r\n+CIPRXGET: 3,3,0\r\n414344\r\nOK\r\n', 'hex read; backspace removed B')
  host.write('AT+CIPSEND\r')
  await host.waitFor('> ')
  host.write('never\x1b')
  t.equal(await host.waitFor('OK\r\n'), '\r\nOK\r\n', 'ESC: nothing sent')
  modem.setFault('sendFail')
  host.write('AT+CIPSEND=2\r')
  await host.waitFor('> ')
  host.write('zz')
  t.equal(await host.waitFor('SEND FAIL\r\n'), '\r\nSEND FAIL\r\n')
  modem.clearFaults()
  t.equal(await host.cmd('AT+CIPRXGET=4'), '\r\n+CIPRXGET: 4,0\r\n\r\nOK\r\n')
  t.same(Buffer.concat(echo.received).toString(), 'ACD', 'only the Ctrl-Z block reached the server')
  t.equal(await host.cmd('AT+CIPSEND=1461'), '\r\nERROR\r\n', 'longer than one packet')
})

t.test('numeric results with ATV0, line overflow, backspace editing, A/ repeat', async (t) => {
  const rig = await modemRig()
  t.teardown(() => rig.done())
  const { host } = rig
  await host.cmd('ATE0')
  t.equal(await host.cmd('ATV0', /0\r/), '0\r', 'ATV0 answers in numeric form at once')
  t.equal(await host.cmd('AT+CSQ', /\n0\r/), '+CSQ: 20,0\r\n0\r', 'information text ends in CRLF, the code in CR')
  t.equal(await host.cmd('AT+NOPE', /4\r/), '4\r', 'ERROR is 4')
  t.equal(await host.cmd('ATV1'), '\r\nOK\r\n')
  t.equal(await host.cmd('AT' + 'X'.repeat(600)), '\r\nERROR\r\n', 'a line longer than 556 characters is refused')
  t.equal(await host.cmd('AT+CSX\bQ'), '\r\n+CSQ: 20,0\r\n\r\nOK\r\n', 'backspace edits the line')
  host.write('A/')
  t.equal(await host.waitFor(/OK\r\n/), '\r\n+CSQ: 20,0\r\n\r\nOK\r\n', 'A/ repeats the last line without CR')
  t.equal(await host.cmd('xxAT'), '\r\nOK\r\n', 'characters before AT are ignored (V.250)')
})
