import t from 'tap'
import type { Duplex } from 'node:stream'
import { scriptedModem } from './scripted-modem.js'
import { AtClient, isUrc } from '../../emulators/qr-device/at-client.js'
import { BG96 } from '../../emulators/qr-device/quectel-bg96.js'
import { M95 } from '../../emulators/qr-device/quectel-m95.js'
import { VirtualClock } from '../../rig/clock/virtual-clock.js'

/** Each command line gets the chunks the script returns, pushed one by one. */
const modem = (script: (cmd: string) => Array<string | Buffer>): Duplex => scriptedModem((cmd, reply) => script(cmd).forEach(reply))

const quectel = (family: typeof BG96) => ({ isUrc: (l: string) => isUrc(l) || family.urc.test(l), dataLength: (l: string) => family.dataLength(l) })

t.test('BG96 +QIRD: <n> data holding CR, LF, "OK" and NUL, split after the CR of the header, lands in the reply', async (t) => {
  const clock = new VirtualClock({ start: 0 })
  const payload = Buffer.from([0x00, 0x3e, 0x0d, 0x0a, 0x4f, 0x4b, 0x0d, 0x0a, 0x0a, 0xff])
  const port = modem((cmd) => (cmd === 'AT+QIRD=0,1500' ? ['\r\n+QIRD: 10\r', Buffer.concat([Buffer.from('\n'), payload.subarray(0, 3)]), payload.subarray(3), '\r\nOK\r\n'] : []))
  const pushed: Buffer[] = []
  const at = new AtClient(port, clock, () => {}, (d) => pushed.push(d), quectel(BG96))
  const r = await at.command('AT+QIRD=0,1500', 1000)
  t.same(r.lines, ['+QIRD: 10'])
  t.ok(r.data?.equals(payload), `exactly the 10 bytes: ${r.data?.toString('hex')}`)
  t.equal(r.final, 'OK')
  t.same(pushed, [], 'nothing went to the push-data handler')
})

t.test('BG96 +QIRD: 0 carries no data', async (t) => {
  const clock = new VirtualClock({ start: 0 })
  const port = modem(() => ['\r\n+QIRD: 0\r\n\r\nOK\r\n'])
  const r = await new AtClient(port, clock, () => {}, () => {}, quectel(BG96)).command('AT+QIRD=0,1500', 1000)
  t.equal(r.data, undefined)
  t.equal(r.final, 'OK')
})

t.test('M95 +QIRD: <ip:port>,TCP,<n> header; an empty read is a bare OK', async (t) => {
  const clock = new VirtualClock({ start: 0 })
  let n = 0
  const port = modem(() => (n++ === 0 ? ['\r\n+QIRD: 10.1.2.3:7000,TCP,5\r\nab\r\nc\r\nOK\r\n'] : ['\r\nOK\r\n']))
  const at = new AtClient(port, clock, () => {}, () => {}, quectel(M95))
  t.equal((await at.command('AT+QIRD=0,1,0,1500', 1000)).data?.toString('latin1'), 'ab\r\nc')
  t.equal((await at.command('AT+QIRD=0,1,0,1500', 1000)).data, undefined)
})

t.test('Quectel URCs arriving inside another reply go to the URC handler, not into the reply', async (t) => {
  const clock = new VirtualClock({ start: 0 })
  const urcs: string[] = []
  const port = modem(() => ['\r\n+QIURC: "recv",0\r\n', '\r\n+CSQ: 20,0\r\n\r\n+QIRDI: 0,1,0\r\n0, CLOSED\r\n\r\nOK\r\n'])
  const at = new AtClient(port, clock, (u) => urcs.push(u), () => {}, { isUrc: (l) => isUrc(l) || BG96.urc.test(l) || M95.urc.test(l) })
  const r = await at.command('AT+CSQ', 1000)
  t.same(r.lines, ['+CSQ: 20,0'])
  t.same(urcs, ['+QIURC: "recv",0', '+QIRDI: 0,1,0', '0, CLOSED'])
})

t.test('send() with the Quectel command waits for the prompt and SEND OK', async (t) => {
  const clock = new VirtualClock({ start: 0 })
  const written: string[] = []
  const port = modem((cmd) => (cmd === 'AT+QISEND=0,3' ? ['\r\n> '] : []))
  const write = port.write.bind(port)
  port.write = ((chunk: Buffer | string, ...rest: never[]) => {
    written.push(chunk.toString())
    if (chunk.toString() === 'abc') setImmediate(() => port.push(Buffer.from('\r\nSEND OK\r\n')))
    return write(chunk, ...rest)
  }) as typeof port.write
  await new AtClient(port, clock, () => {}, () => {}).send(Buffer.from('abc'), 1000, 'AT+QISEND=0,3')
  t.same(written, ['AT+QISEND=0,3\r', 'abc'])
})

t.test('an abandoned waitLine is cancelled and cannot take a later line', async (t) => {
  const clock = new VirtualClock({ start: 0 })
  const port = modem(() => [])
  const urcs: string[] = []
  const at = new AtClient(port, clock, (u) => urcs.push(u), () => {}, { isUrc: (l) => isUrc(l) || BG96.urc.test(l) })
  const abandon = new AbortController()
  const first = at.waitLine((l) => l.startsWith('+QIOPEN:'), 60_000, abandon.signal)
  abandon.abort()
  await t.rejects(first, /cancelled/)
  const second = at.waitLine((l) => l.startsWith('+QIOPEN:'), 60_000)
  port.push(Buffer.from('\r\n+QIOPEN: 0,0\r\n'))
  t.equal(await second, '+QIOPEN: 0,0')
  t.same(urcs, [])
})
