import { Duplex } from 'node:stream'
import fc from 'fast-check'
import t from 'tap'
import { VirtualClock } from '../../rig/clock/virtual-clock.js'
import { ModemEmulator } from '../../emulators/modem/index.js'

/** A modem on an in-memory port: `feed()` is what the DUT types, `out` what the modem said. */
function bareModem(dialect: 'sim800' | 'quectel') {
  const clock = new VirtualClock({ start: 0 })
  const chunks: Buffer[] = []
  const port = new Duplex({
    read() {},
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk)
      cb()
    },
  })
  const modem = new ModemEmulator({ clock, port, dialect })
  return {
    clock,
    modem,
    feed: (b: Buffer | string) => port.push(typeof b === 'string' ? Buffer.from(b, 'latin1') : b),
    out: () => Buffer.concat(chunks).toString('latin1'),
    mark: () => chunks.splice(0).length,
    async done() {
      await modem.close()
      port.destroy()
    },
  }
}

/** After anything at all: leave a data entry (ESC), restore text results, and expect a plain OK. */
async function stillServes(m: ReturnType<typeof bareModem>): Promise<boolean> {
  await m.clock.advance(200_000)
  m.feed('\x1b\r\nATV1\r')
  await m.clock.advance(1000)
  m.mark()
  m.feed('AT\r')
  await m.clock.advance(1000)
  return /\r\nOK\r\n$/.test(m.out())
}

const SEED = 20260115

t.test('random bytes never crash or wedge the engine', async (t) => {
  await fc.assert(
    fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), fc.constantFrom<'sim800' | 'quectel'>('sim800', 'quectel'), async (bytes, dialect) => {
      const m = bareModem(dialect)
      try {
        m.feed(Buffer.from(bytes))
        const ok = await stillServes(m)
        return ok && m.modem.events.ofType('error').length === 0
      } finally {
        await m.done()
      }
    }),
    { seed: SEED, numRuns: 150 },
  )
  t.pass('150 random byte streams, each followed by a working AT')
})

const NAMES = [
  'CSQ', 'CREG', 'CGREG', 'CPIN', 'CMEE', 'CGATT', 'COPS', 'CFUN', 'CGDCONT', 'CGACT', 'CGPADDR', 'CSTT', 'CIICR', 'CIFSR',
  'CIPMUX', 'CIPSTART', 'CIPSEND', 'CIPQSEND', 'CIPRXGET', 'CIPHEAD', 'CIPSTATUS', 'CIPCLOSE', 'CIPSHUT', 'SAPBR', 'HTTPINIT',
  'HTTPPARA', 'HTTPDATA', 'HTTPACTION', 'HTTPREAD', 'HTTPTERM', 'CMGF', 'CSCS', 'CMGS', 'QICSGP', 'QIACT', 'QIDEACT', 'QIOPEN',
  'QISEND', 'QIRD', 'QICLOSE', 'QISTATE', 'QIREGAPP', 'QILOCIP', 'QIMUX', 'QINDI', 'GSN', 'CIMI', 'CCID', 'ZZTOP', 'CPOWD',
]
const arg = fc.oneof(
  fc.integer({ min: -5, max: 70_000 }).map(String),
  fc.string({ maxLength: 12 }).map((s) => `"${s.replace(/"/g, '')}"`),
  fc.constantFrom('"TCP"', '"198.51.100.1"', '"UDP"', '', '"', '?', '1,1', '"URL","http://198.51.100.1/x"'),
)
const command = fc.oneof(
  fc.tuple(fc.constantFrom(...NAMES), fc.constantFrom('', '?', '=?', '='), fc.array(arg, { maxLength: 5 })).map(([n, op, a]) => `+${n}${op}${op === '=' ? a.join(',') : ''}`),
  fc.constantFrom('E0', 'E1', 'V0', 'V1', 'Q0', 'Z', '&F', 'I', 'E7', '&W', 'S0=1', 'S0?', 'D123;', 'X', 'A/'),
)
const line = fc.array(command, { minLength: 1, maxLength: 3 }).map((cmds) => `AT${cmds.join(';')}`)

t.test('random AT lines always get a final result, and the modem keeps serving', async (t) => {
  await fc.assert(
    fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 6 }), fc.constantFrom<'sim800' | 'quectel'>('sim800', 'quectel'), async (lines, dialect) => {
      const m = bareModem(dialect)
      try {
        for (const l of lines) {
          m.feed(l + '\r')
          await m.clock.advance(200_000)
          m.feed('\x1b')
          await m.clock.advance(1000)
        }
        const ok = await stillServes(m)
        return ok && m.modem.events.ofType('error').length === 0 && m.modem.events.ofType('at').length >= lines.length
      } finally {
        await m.done()
      }
    }),
    { seed: SEED, numRuns: 120 },
  )
  t.pass('120 random command scripts')
})

t.test('unknown commands answer exactly ERROR whatever their arguments', async (t) => {
  const m = bareModem('sim800')
  t.teardown(() => m.done())
  m.feed('ATE0\r')
  await m.clock.advance(100)
  await fc.assert(
    fc.asyncProperty(fc.stringMatching(/^[A-Z]{3,8}$/).filter((n) => !NAMES.includes(n)), fc.array(arg, { maxLength: 4 }), async (name, args) => {
      m.mark()
      m.feed(`AT+X${name}=${args.join(',')}\r`)
      await m.clock.advance(100)
      return m.out() === '\r\nERROR\r\n'
    }),
    { seed: SEED, numRuns: 200 },
  )
  t.pass('200 unknown commands')
})
