import t from 'tap'
import { decodeJsonl, verifyMac } from '../../protocols/device-link/jsonl.js'
import { DEFAULT_DEVICE_CONFIG } from '../../emulators/qr-device/index.js'
import { startSimBench } from '../../rig/bench/sim-bench.js'
import { VirtualClock } from '../../rig/clock/virtual-clock.js'
import { commands, dataBlocks, paidFlow, RECEIPT, splitModemWrites, START, until } from './flow-harness.js'

const BRING_UP = ['AT', 'ATE0', 'AT+CMEE=2', 'AT+CPIN?', 'AT+CREG?', 'AT+CGATT?']
const SERVER = 'pay.qrreceipt.test'

/** Command lines the device wrote, with the data after each send command left out. */
function sequence(toModem: Buffer): string[] {
  return commands(splitModemWrites(toModem))
}

t.test('BG96 (the Quectel default): QIACT/QIOPEN bring-up, QISEND per message, QIRD after each +QIURC "recv"', async (t) => {
  await paidFlow({ modem: { dialect: 'quectel' } }, ({ toModem, fromModem, reference }) => {
    const seq = sequence(toModem)
    t.same(seq.slice(0, 11), [
      ...BRING_UP,
      'AT+QICSGP=1,1,"cmnet","","",1',
      'AT+QIACT?',
      'AT+QIACT=1',
      'AT+QICLOSE=0',
      `AT+QIOPEN=1,0,"TCP","${SERVER}",7000,0,0`,
    ])
    const rest = seq.slice(11)
    t.ok(rest.every((c) => /^AT\+(QISEND=0,\d+|QIRD=0,1500)$/.test(c)), `after the open only sends and reads: ${rest.join(' ')}`)
    const blocks = dataBlocks(splitModemWrites(toModem))
    const messages = blocks.map((b) => decodeJsonl(b.toString('utf8').trimEnd()))
    t.same(messages.map((m) => m.type), ['register', 'paid-ack'], 'one QISEND per message, each exactly one jsonl line')
    t.ok(messages.every((m) => verifyMac(m, DEFAULT_DEVICE_CONFIG.terminalKey)), 'signed')
    t.equal(messages[1]!.body.reference, reference)
    const urcs = fromModem.toString('latin1').match(/\+QIURC: "recv",0/g)?.length ?? 0
    const reads = rest.filter((c) => c.startsWith('AT+QIRD')).length
    t.ok(urcs >= 2, `${urcs} data URCs (ack and paid)`)
    // Every announcement is read until the module answers +QIRD: 0 (one connect-time drain included).
    t.equal(reads, 2 * urcs + 1, `${reads} reads for ${urcs} announcements`)
  })
})

for (const model of ['M95', 'M26'] as const) {
  t.test(`${model}: QIREGAPP/QIACT/QILOCIP bring-up in multi-connection mode, QIRD=0,1,0 after +QIRDI`, async (t) => {
    await paidFlow({ modem: { dialect: 'quectel', model }, server: { host: SERVER, port: 7000, profile: 'iso8583' } }, ({ toModem, fromModem }) => {
      const seq = sequence(toModem)
      t.same(seq.slice(0, 16), [
        ...BRING_UP,
        'AT+QIDEACT',
        'AT+QIFGCNT=0',
        'AT+QICSGP=1,"cmnet","",""',
        'AT+QIMODE=0',
        'AT+QIMUX=1',
        'AT+QINDI=1',
        'AT+QIREGAPP',
        'AT+QIACT',
        'AT+QILOCIP',
        `AT+QIOPEN=0,"TCP","${SERVER}",7000`,
      ])
      const rest = seq.slice(16)
      t.ok(rest.every((c) => /^AT\+(QISEND=0,\d+|QIRD=0,1,0,1500)$/.test(c)), `after the open only sends and reads: ${rest.join(' ')}`)
      t.equal(rest.filter((c) => c.startsWith('AT+QISEND')).length, 3, 'sign-on, 0200, 0630')
      t.match(fromModem.toString('latin1'), /\+QIRDI: 0,1,0/, 'data announced with +QIRDI')
      t.match(fromModem.toString('latin1'), /\+QIRD: [^,\r\n]+:7000,TCP,\d+\r\n/, 'read replies carry the binary frames')
    })
  })
}

for (const [model, closed] of [
  ['BG96', '+QIURC: "closed",0'],
  ['M95', '0, CLOSED'],
] as const) {
  t.test(`${model}: the network drops the connection; the device sees ${closed}, reconnects and registers the next receipt`, async (t) => {
    const clock = new VirtualClock({ start: START })
    clock.start()
    const bench = await startSimBench({ clock, seed: 1, device: { modem: { dialect: 'quectel', model } } })
    try {
      await until(clock, () => bench.modem.events.ofType('tcp-open').length === 1, 'first connection')
      bench.modem.dropConnection()
      const notes = (): string[] => bench.console!.events.ofType<{ text: string }>('note').map((e) => e.data.text)
      await until(clock, () => notes().some((n) => n === `connection lost (${closed})`), 'the device noticing the drop')
      await until(clock, () => bench.modem.events.ofType('tcp-open').length === 2, 'a second connection', 180_000)
      await bench.register.print(RECEIPT)
      await until(clock, () => bench.server.ledger.all().some((x) => x.state === 'registered'), 'registration after the reconnect')
      const seq = commands(splitModemWrites(Buffer.concat(bench.links.modem!.capture.filter((c) => c.from === 'dut').map((c) => c.data))))
      t.equal(seq.filter((c) => c.startsWith('AT+QIOPEN')).length, 2, 'opened twice')
      t.pass('registered over the new connection')
    } finally {
      await clock.stop()
      await bench.close()
    }
  })
}

t.test('a dialect mismatch (Quectel firmware, SIM800 modem) fails cleanly and retries without crashing', async (t) => {
  const clock = new VirtualClock({ start: START })
  clock.start()
  const bench = await startSimBench({ clock, seed: 1, device: { modem: { dialect: 'quectel' } }, modem: { dialect: 'sim800' } })
  try {
    await bench.register.print(RECEIPT)
    await clock.sleep(60_000)
    const notes = bench.console!.events.ofType<{ text: string }>('note').map((e) => e.data.text)
    t.ok(notes.some((n) => /AT\+QICSGP.*failed: ERROR/.test(n)), `the device names the refused command: ${notes[0]}`)
    t.ok(notes.filter((n) => n.startsWith('modem:')).length >= 2, 'and tries again')
    t.equal(bench.printer.segments.length, 1, 'the receipt still printed')
    t.equal(bench.server.ledger.size, 0)
  } finally {
    await clock.stop()
    await bench.close()
  }
})
