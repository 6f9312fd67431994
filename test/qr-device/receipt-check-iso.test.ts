import t from 'tap'
import { runYaml } from '../e2e/helpers.js'

/** Prints one receipt on a device with the given config and checks its QR with `qr` (YAML flow mapping). */
function yaml(device: string, qr: string): string {
  return `
name: qr check
device: ${device}
steps:
  - register.print:
      receipt: { header: [TEST], items: [{ name: Tea, qty: 3, price: "2.10" }, { name: Cake, price: "5.95" }] }
    as: sale
  - expect.receipt: { timeout: 30s, qr: ${qr} }
    as: receipt
  - expect.server: { reference: "\${receipt.reference}", state: registered, timeout: 60s }
`
}

const ISO = '{ payload: iso8583-fields }'

t.test('an iso8583-fields QR is checked by data element and by request name; the saved record carries reference and amount', async (t) => {
  // expect.server finds the transaction by the reference read from DE62.
  const r = await runYaml(yaml(ISO, '{ payload: iso8583-fields, count: 1, fields: { MTI: "0200", DE4: "000000001225", DE41: "QRT00001", DE49: "156", amount: "12.25", currency: "156" } }'))
  t.equal(r.status, 'passed', r.error?.message ?? '')
  t.same(r.steps.map((s) => s.status), ['passed', 'passed', 'passed'])
  t.equal(r.ledger[0]?.amount, '12.25')
  t.match(r.receipts[0]?.qrs[0], /^0200720040000080800416621234\*{6}1232000000/, 'DE2 is masked in the reported QR text')
  t.notMatch(JSON.stringify(r), /6212345678901232/, 'the full PAN appears nowhere in the result')
})

t.test('a wrong data element fails naming the element, the expected and the actual value', async (t) => {
  const r = await runYaml(yaml(ISO, '{ fields: { DE4: "000000009999" } }'))
  t.equal(r.status, 'failed')
  t.match(r.error?.message, /QR field DE4 \(amount in minor units\): expected "000000009999", actual "000000001225"/)
})

t.test('payload: emv-mpm on an iso8583-fields QR fails, and the reverse', async (t) => {
  const a = await runYaml(yaml(ISO, '{ payload: emv-mpm }'))
  t.equal(a.status, 'failed')
  t.match(a.error?.message, /QR payload is not EMVCo MPM TLV: "0200/)
  const b = await runYaml(yaml('{}', '{ payload: iso8583-fields }'))
  t.equal(b.status, 'failed')
  t.match(b.error?.message, /QR payload is not an iso8583-fields message/)
})

t.test('request names work on an EMV payload too; EMV ids keep working', async (t) => {
  const r = await runYaml(yaml('{}', '{ payload: emv-mpm, crc: valid, fields: { "54": "12.25", amount: "12.25", currency: "156", terminalId: QRT00001 } }'))
  t.equal(r.status, 'passed', r.error?.message ?? '')
})

t.test('an interpolated payload profile that is not one gets a clear failure', async (t) => {
  const text = yaml('{}', '{ payload: "${sale.total}" }')
  const r = await runYaml(text)
  t.equal(r.status, 'failed')
  t.match(r.error?.message, /qr\.payload must be emv-mpm, iso8583-fields or any; got "12\.25"/)
})
