import t from 'tap'
import fc from 'fast-check'
import { checkPayload } from '../../protocols/emv/check-payload.js'
import { encodeMpm } from '../../protocols/emv/mpm.js'
import { luhnCheckDigit } from '../../protocols/checks/luhn.js'
import { decodeMessage, ASCII, BINARY } from '../../protocols/iso8583/codec.js'
import { Iso8583Error } from '../../protocols/iso8583/errors.js'
import { encodeIsoFieldsPayload } from '../../protocols/iso8583/qr-fields.js'

const SEED = 42
const ascii = (min: number, max: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -'.split('')), minLength: min, maxLength: max }).filter((s) => s.trim() === s && s.length >= min)

const requestArb = fc.record({
  pan: fc.stringMatching(/^\d{15}$/).map((p) => p + luhnCheckDigit(p)),
  processingCode: fc.constantFrom('000000', '200000'),
  amount: fc.tuple(fc.integer({ min: 0, max: 99999 }), fc.integer({ min: 0, max: 99 })).filter(([a, b]) => a + b > 0).map(([a, b]) => `${a}.${String(b).padStart(2, '0')}`),
  transmissionTime: fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().replace(/^\d{4}-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d).*$/, '$1$2$3$4$5')),
  merchantType: fc.stringMatching(/^\d{4}$/),
  terminalId: ascii(8, 8),
  currency: fc.constantFrom('156', '840', '978'),
  reference: ascii(1, 25),
  merchantName: ascii(1, 25),
  merchantCity: ascii(1, 15),
  country: fc.constantFrom('CN', 'TH', 'SG'),
})

t.test('device payloads (both profiles) are valid, and every single-character substitution in an MPM payload is rejected', async (t) => {
  await fc.assert(
    fc.property(requestArb, fc.nat(), fc.constantFrom(...'0123456789ABCDEFabcdef .-*'.split('')), (req, pos, ch) => {
      const payload = encodeMpm(req)
      if (!checkPayload(payload, { strict: true }).valid) return false
      if (!checkPayload(encodeIsoFieldsPayload(req)).valid) return false
      const at = pos % payload.length
      if (payload[at] === ch) return true
      return !checkPayload(payload.slice(0, at) + ch + payload.slice(at + 1)).valid
    }),
    { seed: SEED, numRuns: 400 },
  )
  t.pass()
})

t.test('no input makes the payload checker or the ISO 8583 decoder throw anything but a named error', async (t) => {
  await fc.assert(
    fc.property(fc.string({ maxLength: 400 }), (s) => {
      const r = checkPayload(s)
      return typeof r.valid === 'boolean' && (r.valid || r.errors.length > 0)
    }),
    { seed: SEED, numRuns: 1000 },
  )
  await fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (bytes, bin) => {
      try {
        decodeMessage(bytes, bin ? BINARY : ASCII)
      } catch (err) {
        return err instanceof Iso8583Error
      }
      return true
    }),
    { seed: SEED, numRuns: 1000 },
  )
  t.pass()
})
