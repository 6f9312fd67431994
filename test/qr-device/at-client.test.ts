import t from 'tap'
import { scriptedModem } from './scripted-modem.js'
import { AtClient } from '../../emulators/qr-device/at-client.js'
import { VirtualClock } from '../../rig/clock/virtual-clock.js'

const modem = scriptedModem

t.test('a query reply is kept even though it looks like a URC; real URCs go to the handler', async (t) => {
  const clock = new VirtualClock({ start: 0 })
  const urcs: string[] = []
  const port = modem((cmd, reply) => {
    if (cmd === 'AT+CPIN?') reply('\r\nCall Ready\r\n\r\n+CPIN: READY\r\n\r\nOK\r\n')
  })
  const at = new AtClient(port, clock, (u) => urcs.push(u), () => {})
  const r = await at.command('AT+CPIN?', 1000)
  t.same(r.lines, ['+CPIN: READY'])
  t.same(urcs, ['Call Ready'])
})

t.test('+IPD data inside the stream is delivered whole, even split across chunks and containing CR LF', async (t) => {
  const clock = new VirtualClock({ start: 0 })
  const data: Buffer[] = []
  const port = modem((cmd, reply) => {
    if (cmd === 'AT') {
      reply('\r\n+IPD,7:ab\r')
      reply('\ncdeOK\r\n')
      reply('\r\nOK\r\n')
    }
  })
  const at = new AtClient(port, clock, () => {}, (d) => data.push(d))
  const r = await at.command('AT', 1000)
  t.equal(r.final, 'OK')
  t.same(Buffer.concat(data).toString(), 'ab\r\ncde')
})

t.test('send waits for the prompt without a newline, then for SEND OK', async (t) => {
  const clock = new VirtualClock({ start: 0 })
  const port = modem((cmd, reply) => {
    if (cmd === 'AT+CIPSEND=5') reply('\r\n> ')
  })
  const written: string[] = []
  port.on('pipe', () => {})
  const origWrite = port.write.bind(port)
  port.write = ((chunk: Buffer | string, ...rest: never[]) => {
    written.push(chunk.toString())
    if (chunk.toString() === 'HELLO') setImmediate(() => port.push(Buffer.from('\r\nSEND OK\r\n')))
    return origWrite(chunk, ...rest)
  }) as typeof port.write
  const at = new AtClient(port, clock, () => {}, () => {})
  await at.send(Buffer.from('HELLO'), 1000)
  t.same(written, ['AT+CIPSEND=5\r', 'HELLO'])
})

t.test('no answer: the command fails at its time-out on the clock', async (t) => {
  const clock = new VirtualClock({ start: 0 })
  clock.start()
  const at = new AtClient(modem(() => {}), clock, () => {}, () => {})
  await t.rejects(at.command('AT+CSQ', 2000), /no reply to AT\+CSQ within 2000 ms/)
  t.equal(clock.now(), 2000)
  await clock.stop()
})

t.test('ERROR and +CME ERROR reject with the reply', async (t) => {
  const clock = new VirtualClock({ start: 0 })
  const port = modem((cmd, reply) => reply(cmd === 'AT+CGATT=1' ? '\r\n+CME ERROR: 30\r\n' : '\r\nERROR\r\n'))
  const at = new AtClient(port, clock, () => {}, () => {})
  const cme = await at.command('AT+CGATT=1', 1000).catch((e: { reply?: string }) => e)
  t.equal((cme as { reply?: string }).reply, '+CME ERROR: 30')
  const plain = await at.command('AT+FOO', 1000).catch((e: { reply?: string }) => e)
  t.equal((plain as { reply?: string }).reply, 'ERROR')
})
