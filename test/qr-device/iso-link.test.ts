import t from 'tap'
import { createHmac } from 'node:crypto'
import { FrameSplitter } from '../../protocols/iso8583/framing.js'
import { decodeFrame, verifyMessage } from '../../protocols/iso8583/profile.js'
import { fromDe7 } from '../../protocols/iso8583/time.js'
import type { DecodedMessage } from '../../protocols/iso8583/codec.js'
import { DEFAULT_DEVICE_CONFIG } from '../../emulators/qr-device/index.js'
import { dataBlocks, paidFlow, splitModemWrites, START, until } from './flow-harness.js'

const KEY = DEFAULT_DEVICE_CONFIG.terminalKey

interface Frame {
  raw: Buffer
  m: DecodedMessage
}

/** The length-prefixed frames the device sent, reassembled from the modem port's send blocks. */
function framesSent(toModem: Buffer): Frame[] {
  const frames: Frame[] = []
  const splitter = new FrameSplitter((raw) => frames.push({ raw, m: decodeFrame(raw) }), (n) => {
    throw new Error(`oversize frame ${n}`)
  })
  for (const block of dataBlocks(splitModemWrites(toModem))) splitter.push(block)
  return frames
}

/** The MAC scheme as the brief states it, computed here independently of protocols/iso8583: HMAC-SHA256, first 8 bytes, over every byte before the MAC. */
function independentMac(raw: Buffer): Buffer {
  return createHmac('sha256', KEY).update(raw.subarray(0, raw.length - 8)).digest().subarray(0, 8)
}

for (const dialect of ['sim800', 'quectel'] as const) {
  t.test(`iso8583 link over ${dialect}: sign-on, then the 0200 field by field, then the 0630`, async (t) => {
    await paidFlow({ server: { host: 'pay.qrreceipt.test', port: 7000, profile: 'iso8583' }, modem: { dialect } }, ({ toModem, qr, reference, bench }) => {
      const frames = framesSent(toModem)
      t.same(frames.map((f) => f.m.mti), ['0800', '0200', '0630'], 'sign-on, registration, paid response; nothing else')

      const signOn = frames[0]!
      t.equal(signOn.m.fields[70], '001', 'DE70 001 sign-on')
      t.equal(signOn.m.fields[41], 'QRT00001')
      t.ok(signOn.m.fields[128] && verifyMessage(signOn.raw, signOn.m, KEY), 'DE70 needs a secondary bitmap: the MAC is DE128 and verifies')

      const reg = frames[1]!
      t.equal(reg.raw.subarray(0, 2).toString('hex'), '0200', 'MTI as packed BCD')
      const f = reg.m.fields
      t.equal(f[2], '6212345678901232', 'DE2 merchant PAN')
      t.equal(f[3], '000000', 'DE3 purchase')
      t.equal(f[4], '000000001230', 'DE4 12.30 CNY in minor units, 12 digits')
      t.match(f[7], /^\d{10}$/, 'DE7 MMDDhhmmss')
      const sentAt = fromDe7(f[7]!, START)
      t.ok(sentAt >= START && sentAt - START < 60_000, `DE7 ${f[7]} is the time of sending`)
      t.equal(f[11], '000001', 'DE11 first STAN')
      t.equal(f[18], '5812', 'DE18 merchant type')
      t.equal(f[41], 'QRT00001', 'DE41 terminal id')
      t.match(f[48], /^[0-9a-f]{16}$/, 'DE48 nonce')
      t.equal(f[49], '156', 'DE49 CNY')
      t.equal(f[62], reference, 'DE62 the reference the server recorded')
      t.equal(f[63], qr, 'DE63 is exactly the QR text decoded from the printed pixels')
      t.ok(f[64], 'DE64 MAC (no field above 64)')
      t.ok(independentMac(reg.raw).equals(reg.raw.subarray(-8)), 'DE64 = first 8 bytes of HMAC-SHA256 over the bytes before it')
      t.ok(verifyMessage(reg.raw, reg.m, KEY), 'the protocols codec agrees')
      t.notOk(verifyMessage(reg.raw, reg.m, `${KEY}x`), 'and refuses another key')

      const paidOut = bench.server.events.events.find((e) => e.type === 'message-out' && (e.data as { type: string }).type === '0620')
      const ack = frames[2]!
      t.equal(ack.m.fields[39], '00', 'DE39 approved')
      t.equal(ack.m.fields[62], reference)
      t.equal(ack.m.fields[4], '000000001230')
      t.equal(ack.m.fields[11], (paidOut?.data as { stan: string }).stan, "DE11 echoes the 0620's STAN")
      t.ok(independentMac(ack.raw).equals(ack.raw.subarray(-8)), '0630 MAC')
      t.not(ack.m.fields[48], f[48], 'a fresh nonce per message')
    })
  })
}

t.test('the iso8583 echo test (0800 DE70 301) is the heartbeat', async (t) => {
  const config = { server: { host: 'pay.qrreceipt.test', port: 7000, profile: 'iso8583' as const }, heartbeatSeconds: 20 }
  await paidFlow(config, async ({ clock, bench }) => {
    const echoes = (): number => bench.server.events.events.filter((e) => e.type === 'message-in' && (e.data as { type: string }).type === '0800').length
    const before = echoes()
    await until(clock, () => echoes() >= before + 2, 'two echo tests', 60_000)
    const link = bench.links.modem!.capture.filter((c) => c.from === 'dut').map((c) => c.data)
    const frames = framesSent(Buffer.concat(link))
    const echo = frames.filter((fr) => fr.m.mti === '0800' && fr.m.fields[70] === '301')
    t.ok(echo.length >= 2, `${echo.length} echo tests`)
    t.ok(echo.every((e) => verifyMessage(e.raw, e.m, KEY)), 'each signed')
    t.same(bench.server.events.ofType('rejected'), [], 'the server rejected nothing')
  })
})

t.test('a server on the other profile: no registration, the device keeps retrying and stays up', async (t) => {
  const { VirtualClock } = await import('../../rig/clock/virtual-clock.js')
  const { startSimBench } = await import('../../rig/bench/sim-bench.js')
  const { RECEIPT } = await import('./flow-harness.js')
  const clock = new VirtualClock({ start: START })
  clock.start()
  const bench = await startSimBench({ clock, seed: 1, device: { server: { host: 'pay.qrreceipt.test', port: 7000, profile: 'iso8583' } }, server: { profile: 'jsonl' } })
  try {
    await bench.register.print(RECEIPT)
    await clock.sleep(150_000)
    const notes = bench.console!.events.ofType<{ text: string }>('note').map((e) => e.data.text)
    t.ok(notes.some((n) => /no sign-on response/.test(n)), `the device reports the silent sign-on (${notes.slice(0, 3).join(' | ')})`)
    const opens = bench.modem.events.ofType('tcp-open').length
    t.ok(opens >= 2, `it reconnected (${opens} connections)`)
    t.equal(bench.server.ledger.size, 0, 'nothing registered')
    t.equal(bench.server.events.ofType('message-in').length, 0, 'the jsonl server accepted none of the binary frames')
    t.equal(bench.printer.segments.length, 1, 'the receipt and its QR still printed')
  } finally {
    await clock.stop()
    await bench.close()
  }
})

t.test('the bearer drops during the sign-on: the device gives up on it at once, reconnects and signs on again', async (t) => {
  const { VirtualClock } = await import('../../rig/clock/virtual-clock.js')
  const { startSimBench } = await import('../../rig/bench/sim-bench.js')
  const clock = new VirtualClock({ start: START })
  clock.start()
  const device = { modem: { dialect: 'quectel' as const }, server: { host: 'pay.qrreceipt.test', port: 7000, profile: 'iso8583' as const } }
  const bench = await startSimBench({ clock, seed: 1, device })
  try {
    await until(clock, () => bench.modem.events.ofType('tcp-open').length === 1, 'first connection')
    bench.modem.deactivatePdp()
    const lostAt = clock.now()
    await until(clock, () => bench.server.events.ofType('sign-on').length >= 1, 'a sign-on that the server accepts', 60_000)
    const notes = bench.console!.events.ofType<{ text: string }>('note').map((e) => e.data.text)
    t.ok(notes.includes('modem: connection lost during sign-on'), notes.join(' | '))
    t.ok(clock.now() - lostAt < DEFAULT_DEVICE_CONFIG.timeouts.ack, `signed on again ${clock.now() - lostAt} ms after the drop, before the ${DEFAULT_DEVICE_CONFIG.timeouts.ack} ms reply time-out`)
    t.equal(bench.modem.events.ofType('tcp-open').length, 2)
  } finally {
    await clock.stop()
    await bench.close()
  }
})
