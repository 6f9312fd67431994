import t from 'tap'
import fc from 'fast-check'
import { connect } from 'node:net'
import { VirtualClock } from '../../rig/clock/virtual-clock.js'
import { frame } from '../../protocols/iso8583/framing.js'
import { PaymentServer } from '../../emulators/payment-server/index.js'
import { JsonlClient, KEY, TERMINAL, registerBody, request, settle } from './helpers.js'
import { IsoClient } from './iso-client.js'

const SEED = 20260115
const RUNS = 60

t.test('jsonl: malformed JSON, bad shapes, bad MACs and oversize lines each get one error reply and a log line', async (t) => {
  const clock = new VirtualClock()
  const server = new PaymentServer({ clock, terminals: { [TERMINAL]: { key: KEY } }, http: false })
  const { gatewayPort } = await server.start()
  const dev = await JsonlClient.open(gatewayPort, clock)
  t.teardown(async () => {
    dev.close()
    await server.close()
  })
  const valid = (): Record<string, unknown> => JSON.parse(dev.line('register', registerBody(request('PROP'))))
  const badLine = fc.oneof(
    fc.string({ minLength: 1, maxLength: 200 }).filter((s) => !s.includes('\n') && s.replace(/\r$/, '').length > 0),
    fc.json().filter((s) => !s.includes('\n')),
    // a correctly shaped message with one field replaced by anything
    fc.tuple(fc.constantFrom('type', 'terminalId', 'stan', 'time', 'nonce', 'body', 'mac'), fc.anything()).map(([k, v]) => JSON.stringify({ ...valid(), [k]: v ?? null })),
    // a signed message, then one character of it flipped
    fc.nat().map((i) => {
      const s = JSON.stringify(valid())
      const at = i % s.length
      return s.slice(0, at) + (s[at] === 'a' ? 'b' : 'a') + s.slice(at + 1)
    }),
    fc.integer({ min: 8193, max: 20000 }).map((n) => 'x'.repeat(n)),
  )
  let checked = 0
  await fc.assert(
    fc.asyncProperty(badLine, async (line) => {
      const before = dev.received.length
      const rejectedBefore = server.events.ofType('rejected').length
      dev.write(line + '\n')
      dev.send('heartbeat', {})
      const ack = await dev.next((m) => m.type === 'heartbeat-ack', before)
      const between = dev.received.slice(before, dev.received.indexOf(ack))
      checked++
      return between.length === 1 && between[0]!.type === 'error' && server.events.ofType('rejected').length === rejectedBefore + 1
    }),
    { seed: SEED, numRuns: RUNS },
  )
  t.equal(checked, RUNS)
  t.equal(server.ledger.size, 0, 'nothing hostile was registered')
})

t.test('iso8583: random frames, corrupted frames and oversize frames each get one refusal; the session keeps working', async (t) => {
  const clock = new VirtualClock()
  const server = new PaymentServer({ clock, terminals: { [TERMINAL]: { key: KEY } }, http: false, profile: 'iso8583' })
  const { gatewayPort } = await server.start()
  const dev = await IsoClient.open(gatewayPort, clock, TERMINAL, KEY)
  t.teardown(async () => {
    dev.close()
    await server.close()
  })
  const badFrame = fc.oneof(
    fc.uint8Array({ minLength: 0, maxLength: 300 }).map((b) => frame(b)),
    fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })).map(([i, x]) => {
      const good = dev.bytes('0800', { 70: '301' })
      const at = 2 + (i % (good.length - 2))
      good[at]! ^= x
      return good
    }),
    fc.integer({ min: 8193, max: 30000 }).map((n) => {
      const b = Buffer.alloc(2 + n, 0x41)
      b.writeUInt16BE(n)
      return b
    }),
  )
  await fc.assert(
    fc.asyncProperty(badFrame, async (bytes) => {
      const before = dev.received.length
      dev.write(bytes)
      dev.write(dev.bytes('0800', { 70: '301' }))
      const reply = await dev.next((m) => m.mti === '0810' && m.fields[39] === '00' && m.fields[70] === '301', before)
      const between = dev.received.slice(before, dev.received.indexOf(reply))
      return between.length === 1 && between[0]!.fields[39] !== '00'
    }),
    { seed: SEED, numRuns: RUNS },
  )
  t.pass(`${RUNS} hostile frames answered`)
})

t.test('raw garbage on either profile never takes the server down', async (t) => {
  for (const profile of ['jsonl', 'iso8583'] as const) {
    const clock = new VirtualClock()
    const server = new PaymentServer({ clock, terminals: { [TERMINAL]: { key: KEY } }, http: false, profile })
    const { gatewayPort } = await server.start()
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 4000 }), async (bytes) => {
        const c = connect(gatewayPort, '127.0.0.1')
        await new Promise<void>((resolve) => c.once('connect', resolve))
        c.on('error', () => {})
        c.write(Buffer.from(bytes))
        await settle(2)
        c.destroy()
        return true
      }),
      { seed: SEED, numRuns: 30 },
    )
    await settle(20)
    // still serving: a fresh, correct client is answered
    if (profile === 'jsonl') {
      const c = await JsonlClient.open(gatewayPort, clock)
      c.send('heartbeat', {})
      await c.next((m) => m.type === 'heartbeat-ack')
      c.close()
    } else {
      const c = await IsoClient.open(gatewayPort, clock, TERMINAL, KEY)
      c.send('0800', { 70: '001' })
      await c.next((m) => m.fields[39] === '00')
      c.close()
    }
    await server.close()
    t.pass(`${profile}: still serving after 30 connections of garbage`)
  }
})
