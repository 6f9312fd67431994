import t from 'tap'
import fc from 'fast-check'
import { renderReceipt, ReceiptDefinitionError, parseReceiptDefinition, findTotal, type ReceiptDefinition } from '../../emulators/register/index.js'
import { decodeEscPos } from './helpers.js'

const amount = fc.oneof(
  fc.double({ min: -1e6, max: 1e6, noNaN: false }),
  fc.string({ maxLength: 12 }),
  fc.integer({ min: 0, max: 99999999 }).map((n) => (n / 100).toFixed(2)),
)

const definition: fc.Arbitrary<ReceiptDefinition> = fc.record(
  {
    language: fc.constantFrom('en', 'zh-CN', 'zh-TW') as fc.Arbitrary<'en' | 'zh-CN' | 'zh-TW'>,
    columns: fc.constantFrom(32, 42, 48) as fc.Arbitrary<32 | 42 | 48>,
    header: fc.array(fc.string({ maxLength: 60 }), { maxLength: 3 }),
    items: fc.array(fc.record({ name: fc.string({ maxLength: 50 }), qty: fc.option(fc.double({ min: -5, max: 50 }), { nil: undefined }), price: amount }), { maxLength: 8 }),
    totalLine: fc.option(fc.record({ label: fc.string({ maxLength: 20 }), symbol: fc.constantFrom('$', '￥', 'NT$', ''), thousands: fc.boolean(), size: fc.constantFrom(1, 2) as fc.Arbitrary<1 | 2> }), { nil: undefined }),
  },
  { requiredKeys: ['items'] },
)

t.test('any definition renders or fails with a ReceiptDefinitionError; a rendered one decodes to its own lines', async (t) => {
  let rendered = 0
  fc.assert(
    fc.property(definition, (def) => {
      let r
      try {
        r = renderReceipt(def)
      } catch (err) {
        return err instanceof ReceiptDefinitionError
      }
      rendered++
      const encoding = def.language === 'zh-CN' ? 'gb18030' : def.language === 'zh-TW' ? 'big5' : 'cp437'
      const decoded = decodeEscPos(r.bytes, { doubleByte: encoding })
      return decoded.receipts.length === 1 && JSON.stringify(decoded.receipts[0]!.lines.map((l) => l.text)) === JSON.stringify(r.lines)
    }),
    { seed: 61, numRuns: 400 },
  )
  t.ok(rendered > 50, `${rendered} of 400 random definitions rendered`)
})

t.test('plain ASCII receipts: the total the renderer reports is the one read back off the lines', async (t) => {
  const item = fc.record({
    name: fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ]{0,20}$/),
    qty: fc.integer({ min: 1, max: 20 }),
    price: fc.integer({ min: 1, max: 500000 }).map((n) => (n / 100).toFixed(2)),
  })
  fc.assert(
    fc.property(fc.array(item, { minLength: 1, maxLength: 20 }), fc.boolean(), (items, thousands) => {
      const r = renderReceipt({ items, totalLine: { symbol: '$', thousands } })
      const cents = items.reduce((s, i) => s + i.qty * Math.round(Number(i.price) * 100), 0)
      return r.total === (cents / 100).toFixed(2) && findTotal(r.lines)?.total === r.total
    }),
    { seed: 62, numRuns: 300 },
  )
  t.pass()
})

t.test('garbage receipt files fail with a ReceiptDefinitionError, never anything else', async (t) => {
  fc.assert(
    fc.property(fc.string({ maxLength: 200 }), (text) => {
      try {
        parseReceiptDefinition(text, 'fuzz.yaml')
        return true
      } catch (err) {
        return err instanceof ReceiptDefinitionError
      }
    }),
    { seed: 63, numRuns: 500 },
  )
  t.pass()
})
