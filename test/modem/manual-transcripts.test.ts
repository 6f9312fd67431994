/**
 * Worked example sessions of the modules' manuals, replayed byte for byte against the emulator.
 * Values the network decides in the manuals (the local IP address, the server's address and port)
 * are set on the model (`localIp`, routes) so the bytes match. After ATE0, so the bytes are the
 * module's answers alone.
 */
import t from 'tap'
import { modemRig } from './helpers.js'
import { replay, sessionRig, type Step } from './transcript.js'

const ok = '\r\nOK\r\n'

t.test('SIM800 Series TCPIP Application Note V1.00 §2.1.1 "How to Establish a TCP Client Connection", replayed as printed; then the V1.09 §8.2.2 note on re-dialling', async (t) => {
  // The session as the application note prints it (quoted in arduino.stackexchange.com post 97539):
  // CGATT?, CSTT="CMNET", CIICR, CIFSR → 10.78.245.128, CIPSTART → OK, CONNECT OK, CIPSEND → "> ",
  // "hello TCP serve" Ctrl-Z → SEND OK, the server's "Hello SIM800", then the server closes: CLOSED.
  const { rig, server } = await sessionRig(t, { localIp: '10.78.245.128' }, '116.228.221.51:8500')
  const steps: Step[] = [
    { send: 'ATE0', expect: 'ATE0\r\r\nOK\r\n', note: 'echoed, since echo is on until it runs; the rest is the module alone' },
    { send: 'AT+CGATT?', expect: `\r\n+CGATT: 1\r\n${ok}` },
    { send: 'AT+CSTT="CMNET"', expect: ok, note: 'V1.09 §8.2.9: IP INITIAL → IP START' },
    { send: 'AT+CIICR', expect: ok, note: 'V1.09 §8.2.10: IP START → IP GPRSACT' },
    { send: 'AT+CIFSR', expect: '\r\n10.78.245.128\r\n', note: 'V1.09 §8.2.11: the address alone, no OK' },
    { send: 'AT+CIPSTART="TCP","116.228.221.51","8500"', expect: ok },
    { expect: '\r\nCONNECT OK\r\n' },
    { send: 'AT+CIPSEND', expect: '\r\n> ', note: 'the prompt has no line end' },
    { send: 'hello TCP serve\x1a', cr: false, expect: '\r\nSEND OK\r\n', note: 'Ctrl-Z sends' },
    { server: 'Hello SIM800' },
    { expect: 'Hello SIM800', note: 'AT+CIPHEAD=0: the data as it came' },
    { serverClose: true },
    { expect: '\r\nCLOSED\r\n', note: 'the server closed the connection' },
    // Beyond the application note: the state after it, and the §8.2.2 note on dialling again.
    { send: 'AT+CIPSTATUS', expect: '\r\nOK\r\n\r\nSTATE: TCP CLOSED\r\n', note: 'V1.09 §8.2.12' },
    { send: 'AT+CIPSTART="TCP","116.228.221.51","8500"', expect: '\r\nERROR\r\n', note: 'V1.09 §8.2.2 note: AT+CIPSHUT first when the state is not IP INITIAL or IP STATUS' },
    { send: 'AT+CIPSHUT', expect: '\r\nSHUT OK\r\n' },
    { send: 'AT+CIPSTART="TCP","116.228.221.51","8500"', expect: ok, note: 'IP INITIAL: the context comes up inside CIPSTART' },
    { expect: '\r\nCONNECT OK\r\n' },
    { send: 'AT+CIPCLOSE', expect: '\r\nCLOSE OK\r\n', note: 'V1.09 §8.2.6' },
  ]
  await replay(t, rig.host, steps, server)
  t.equal(server.text, 'hello TCP serve', 'the server got the bytes typed before Ctrl-Z')
})

t.test('SIM800 multi connection with manual read (AT+CIPRXGET, SIM800 Series AT Command Manual V1.09 §8.2.1, §8.2.2, §8.2.27)', async (t) => {
  const { rig, server } = await sessionRig(t, { localIp: '10.78.245.128' }, '116.228.221.51:8500')
  await rig.host.cmd('ATE0')
  await replay(
    t,
    rig.host,
    [
      { send: 'AT+CIPMUX=1', expect: ok },
      { send: 'AT+CIPRXGET=1', expect: ok },
      { send: 'AT+CSTT="CMNET"', expect: ok },
      { send: 'AT+CIICR', expect: ok },
      { send: 'AT+CIFSR', expect: '\r\n10.78.245.128\r\n' },
      { send: 'AT+CIPSTART=0,"TCP","116.228.221.51","8500"', expect: ok },
      { expect: '\r\n0, CONNECT OK\r\n' },
      { send: 'AT+CIPSEND?', expect: '\r\n+CIPSEND:0,1460\r\n+CIPSEND:1,1460\r\n+CIPSEND:2,1460\r\n+CIPSEND:3,1460\r\n+CIPSEND:4,1460\r\n+CIPSEND:5,1460\r\n\r\nOK\r\n', note: 'one response, no blank lines, no space (V1.05 §8.2.3)' },
      { send: 'AT+CIPSEND=0,5', expect: '\r\n> ' },
      { send: 'hello', cr: false, expect: '\r\n0, SEND OK\r\n' },
      { server: 'hello sim800' },
      { expect: '\r\n+CIPRXGET: 1,0\r\n', note: 'announced once until read' },
      { send: 'AT+CIPRXGET=4,0', expect: `\r\n+CIPRXGET: 4,0,12\r\n${ok}` },
      { send: 'AT+CIPRXGET=2,0,5', expect: '\r\n+CIPRXGET: 2,0,5,7\r\nhello\r\nOK\r\n', note: 'data, then CRLF OK' },
      { send: 'AT+CIPRXGET=3,0,7', expect: '\r\n+CIPRXGET: 3,0,7,0\r\n2073696D383030\r\nOK\r\n', note: 'hex' },
      { send: 'AT+CIPCLOSE=0', expect: '\r\n0, CLOSE OK\r\n' },
      { send: 'AT+CIPSHUT', expect: '\r\nSHUT OK\r\n' },
    ],
    server,
  )
})

t.test('Quectel BG96 TCP/IP Application Note: client in buffer access mode (send, QISENDEX, recv URC, QIRD, close)', async (t) => {
  const { rig, server } = await sessionRig(t, { dialect: 'quectel', model: 'BG96', localIp: '10.7.157.1' }, '220.180.239.212:8009')
  await rig.host.cmd('ATE0')
  await replay(
    t,
    rig.host,
    [
      { send: 'AT+QICSGP=1,1,"UNINET","","",1', expect: ok },
      { send: 'AT+QIACT=1', expect: ok },
      { send: 'AT+QIACT?', expect: `\r\n+QIACT: 1,1,1,"10.7.157.1"\r\n${ok}` },
      { send: 'AT+CGPADDR=1', expect: `\r\n+CGPADDR: 1,10.7.157.1\r\n${ok}`, note: 'the same context as QIACT' },
      { send: 'AT+QIOPEN=1,0,"TCP","220.180.239.212",8009,0,0', expect: ok },
      { expect: '\r\n+QIOPEN: 0,0\r\n' },
      { send: 'AT+QISEND=0', expect: '\r\n> ' },
      { send: 'test1\x1a', cr: false, expect: '\r\nSEND OK\r\n' },
      { send: 'AT+QISEND=0,4', expect: '\r\n> ' },
      { send: 'test', cr: false, expect: '\r\nSEND OK\r\n' },
      { send: 'AT+QISEND=0,0', expect: `\r\n+QISEND: 9,9,0\r\n${ok}` },
      { send: 'AT+QISENDEX=0,"3132333435"', expect: '\r\nSEND OK\r\n' },
      { send: 'AT+QISEND=0,0', expect: `\r\n+QISEND: 14,14,0\r\n${ok}` },
      { server: 'test1' },
      { expect: '\r\n+QIURC: "recv",0\r\n' },
      { send: 'AT+QIRD=0,1500', expect: `\r\n+QIRD: 5\r\ntest1\r\n${ok}`, note: 'a CRLF pair between the data and OK' },
      { send: 'AT+QIRD=0,1500', expect: `\r\n+QIRD: 0\r\n${ok}` },
      { send: 'AT+QIRD=0,0', expect: `\r\n+QIRD: 5,5,0\r\n${ok}` },
      { send: 'AT+QICLOSE=0', expect: ok },
      { send: 'AT+QIDEACT=1', expect: ok },
      { send: 'AT+CGPADDR=1', expect: `\r\n+CGPADDR: 1,0.0.0.0\r\n${ok}` },
    ],
    server,
  )
  t.equal(server.text, 'test1test12345', 'the server got all three sends')
})

t.test('Quectel M95 AT Commands Manual TCPIP flow: QIREGAPP, QIACT, QILOCIP, QIOPEN, QISEND, +QIRDI, QIRD, QICLOSE, QIDEACT', async (t) => {
  const { rig, server } = await sessionRig(t, { dialect: 'quectel', model: 'M95', localIp: '10.7.157.1' }, '220.180.239.212:8009')
  await rig.host.cmd('ATE0')
  await replay(
    t,
    rig.host,
    [
      { send: 'AT+QIFGCNT=0', expect: ok },
      { send: 'AT+QICSGP=1,"CMNET"', expect: ok },
      { send: 'AT+QINDI=1', expect: ok },
      { send: 'AT+QIREGAPP', expect: ok },
      { send: 'AT+QIACT', expect: ok },
      { send: 'AT+QILOCIP', expect: '\r\n10.7.157.1\r\n' },
      { send: 'AT+QIOPEN="TCP","220.180.239.212",8009', expect: ok },
      { expect: '\r\nCONNECT OK\r\n' },
      { send: 'AT+QISTAT', expect: '\r\nOK\r\n\r\nSTATE: CONNECT OK\r\n', note: 'M35 AT Commands Manual V1.0 §11.9: OK, then STATE' },
      { send: 'AT+QISEND=5', expect: '\r\n> ' },
      { send: 'hello', cr: false, expect: '\r\nSEND OK\r\n' },
      { server: 'world' },
      { expect: '\r\n+QIRDI: 0,1,0\r\n' },
      { send: 'AT+QIRD=0,1,0,1500', expect: '\r\n+QIRD: 220.180.239.212:8009,TCP,5\r\nworld\r\nOK\r\n' },
      { send: 'AT+QIRD=0,1,0,1500', expect: ok, note: 'nothing left: a bare OK' },
      { send: 'AT+QICLOSE', expect: '\r\nCLOSE OK\r\n' },
      { send: 'AT+QISTAT', expect: '\r\nOK\r\n\r\nSTATE: IP CLOSE\r\n', note: '§11.9: "the TCP/UDP connection has been closed"' },
      { send: 'AT+QIDEACT', expect: '\r\nDEACT OK\r\n' },
      { send: 'AT+QISTAT', expect: '\r\nOK\r\n\r\nSTATE: IP INITIAL\r\n', note: '§11.4 note 1: IP INITIAL after AT+QIDEACT' },
    ],
    server,
  )
  t.equal(server.text, 'hello')
})

t.test('firmware that skips a step the manual requires gets the module\'s error', async (t) => {
  t.test('SIM800: AT+CIPMUX=1 then AT+CIPSTART straight from power-on (V1.09 §8.2.2 note: CSTT, CIICR, CIFSR first)', async (t) => {
    const rig = await modemRig()
    t.teardown(() => rig.done())
    await rig.host.cmd('ATE0')
    await replay(t, rig.host, [
      { send: 'AT+CIPMUX=1', expect: ok },
      { send: 'AT+CIPSTART=0,"TCP","127.0.0.1",7000', expect: '\r\nERROR\r\n' },
      { send: 'AT+CIICR', expect: '\r\nERROR\r\n', note: 'no CSTT before it (§8.2.10)' },
      { send: 'AT+CIFSR', expect: '\r\nERROR\r\n', note: 'no context (§8.2.11)' },
    ])
    t.same(rig.modem.events.ofType('tcp-connecting'), [], 'nothing was dialled')
  })

  t.test('SIM800 single: CSTT without CIICR, then CIPSTART in IP START; CIPSEND before CONNECT OK', async (t) => {
    const { rig, server } = await sessionRig(t, { timings: { connect: 5000 } })
    await rig.host.cmd('ATE0')
    await replay(t, rig.host, [
      { send: 'AT+CSTT="CMNET"', expect: ok },
      { send: `AT+CIPSTART="TCP","127.0.0.1",${server.port}`, expect: '\r\nERROR\r\n', note: 'IP START is neither IP INITIAL nor IP STATUS' },
      { send: 'AT+CIICR', expect: ok },
    ])
    await rig.host.cmd('AT+CIFSR', /\d+\.\d+\.\d+\.\d+\r\n/)
    await replay(t, rig.host, [
      { send: `AT+CIPSTART="TCP","127.0.0.1",${server.port}`, expect: ok },
      { send: 'AT+CIPSEND=5', expect: '\r\nERROR\r\n', note: 'still TCP CONNECTING (§8.2.3)' },
      { expect: '\r\nCONNECT OK\r\n' },
      { send: 'AT+CIPSEND=5', expect: '\r\n> ' },
      { send: 'hello', cr: false, expect: '\r\nSEND OK\r\n' },
    ])
  })

  t.test('BG96: AT+QIOPEN before AT+QIACT; AT+QISEND on a socket that is not open', async (t) => {
    const rig = await modemRig({ dialect: 'quectel', model: 'BG96' })
    t.teardown(() => rig.done())
    await rig.host.cmd('ATE0')
    await replay(t, rig.host, [
      { send: 'AT+QISEND=0,4', expect: '\r\nERROR\r\n' },
      { send: 'AT+QIOPEN=1,0,"TCP","127.0.0.1",7000,0,0', expect: ok },
      { expect: '\r\n+QIOPEN: 0,561\r\n', note: 'context 1 is not active (GUESS: 561)' },
      { send: 'AT+QIACT=1', expect: ok },
      { send: 'AT+QIACT=1', expect: '\r\nERROR\r\n', note: 'already active (GUESS)' },
    ])
    t.same(rig.modem.events.ofType('tcp-open'), [], 'nothing was connected')
  })

  t.test('M95: AT+QIACT without AT+QIREGAPP; AT+QIREGAPP twice; AT+QIOPEN after the context dropped', async (t) => {
    const rig = await modemRig({ dialect: 'quectel', model: 'M95' })
    t.teardown(() => rig.done())
    await rig.host.cmd('ATE0')
    await replay(t, rig.host, [
      { send: 'AT+QIACT', expect: '\r\nERROR\r\n', note: 'IP INITIAL: QIREGAPP first' },
      { send: 'AT+QIREGAPP', expect: ok },
      { send: 'AT+QIREGAPP', expect: '\r\nERROR\r\n', note: 'only in IP INITIAL' },
      { send: 'AT+QIACT', expect: ok },
    ])
    rig.modem.deactivatePdp()
    await replay(t, rig.host, [
      { expect: '\r\n+PDP DEACT\r\n' },
      { send: 'AT+QIOPEN="TCP","127.0.0.1",7000', expect: '\r\nERROR\r\n', note: 'PDP DEACT: AT+QIDEACT first' },
      { send: 'AT+QIDEACT', expect: '\r\nDEACT OK\r\n' },
    ])
  })
})
