import t from 'tap'
import { crc16Hex } from '../../protocols/checks/crc16.js'
import { luhnValid } from '../../protocols/checks/luhn.js'
import { validateMpm } from '../../protocols/emv/validate.js'
import { checkPayload } from '../../protocols/emv/check-payload.js'
import { encodeMpm, withCrc } from '../../protocols/emv/mpm.js'
import { encodeTlv } from '../../protocols/emv/tlv.js'
import { request } from './helpers.js'

/** Published payloads, each with where it was published. */
const PUBLISHED: Array<{ source: string; payload: string }> = [
  {
    source: 'EMVCo MPM spec sample "BEST TRANSPORT" (as the official_sample in ericsalim/exemvi test/mpm_test.exs)',
    payload:
      '00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412340603***0708A60086670902ME91320016A0112233449988770708123456786304A13A',
  },
  { source: 'dtinth/promptpay-qr index.test.js "Local phone number"', payload: '00020101021129370016A000000677010111011300668012345675802TH530376463046197' },
  { source: 'dtinth/promptpay-qr index.test.js "Dashed phone number"', payload: '00020101021129370016A000000677010111011300668912345675802TH5303764630429C1' },
  { source: 'dtinth/promptpay-qr index.test.js "National ID number"', payload: '00020101021129370016A000000677010111021311111111111115802TH530376463047B5A' },
  { source: 'dtinth/promptpay-qr index.test.js "Tax ID number"', payload: '00020101021129370016A000000677010111021301234567890125802TH530376463040CBD' },
  { source: 'dtinth/promptpay-qr index.test.js "Amount" (also in the payment-payload crib sheet)', payload: '00020101021229370016A000000677010111011300660000000005802TH530376454044.226304E469' },
  { source: 'tanat44/useful-script node/thaiqrpayment/crcgen.js (PromptPay, amount 6000.00)', payload: '00020101021129370016A000000677010111011300669245317755802TH54076000.00530376463049B3B' },
  {
    source: 'purnama/spring-qris SpringQrisApplicationTests.java (Indonesian QRIS, static)',
    payload:
      '00020101021126530012COM.DOKU.WWW01189360089900000024750204247503' +
      '03URE51440014ID.CO.QRIS.WWW0215ID10200392934820303URE5204539953033605802ID5911GUREUM SHOP6013JAKARTA PUSAT61051064062070703A016304455C',
  },
]

t.test('CRC-16/CCITT-FALSE check value: CRC("123456789") = 29B1', async (t) => {
  t.equal(crc16Hex('123456789'), '29B1')
})

t.test('Luhn examples from the crib sheet', async (t) => {
  for (const pan of ['4111111111111111', '5454545454545454', '6011000995500000']) t.ok(luhnValid(pan), pan)
  t.notOk(luhnValid('4111111111111112'))
})

t.test('published example payloads are accepted', async (t) => {
  for (const { source, payload } of PUBLISHED) {
    const v = validateMpm(payload)
    t.same(v.errors, [], source)
    t.ok(v.valid, source)
  }
  const spec = validateMpm(PUBLISHED[0]!.payload)
  t.equal(spec.values['64.01'], '最佳运输', 'UTF-8 language template is read by characters')
  t.equal(spec.values['54'], '23.72')
})

t.test('every single-character corruption of a published payload is rejected', async (t) => {
  // substitute each position with a digit, a letter and a space (whichever differ from the original)
  for (const { source, payload } of PUBLISHED) {
    const chars = [...payload]
    let tried = 0
    const missed: string[] = []
    for (let i = 0; i < chars.length; i++) {
      for (const sub of ['0', '7', 'A', 'z', ' ', '.']) {
        if (sub === chars[i]) continue
        const bad = [...chars.slice(0, i), sub, ...chars.slice(i + 1)].join('')
        tried++
        if (validateMpm(bad).valid) missed.push(`${i}:${sub}`)
      }
      // deletion of the character
      tried++
      if (validateMpm([...chars.slice(0, i), ...chars.slice(i + 1)].join('')).valid) missed.push(`${i}:deleted`)
    }
    t.same(missed, [], `${source}: ${tried} corruptions all rejected`)
  }
})

t.test('our own device payloads validate, and each rule reports a clear reason', async (t) => {
  const good = encodeMpm(request('R-1'))
  t.ok(validateMpm(good, { strict: true }).valid, 'device payload passes even in strict mode')
  const codes = (p: string): string[] => validateMpm(p).errors.map((e) => e.code)
  const acct = (pan: string): [string, string] => ['26', encodeTlv([['00', 'cn.qrreceipt.pay'], ['01', pan]])]
  const build = (fields: Array<[string, string]>): string => withCrc(encodeTlv(fields))
  const base: Array<[string, string]> = [['00', '01'], ['01', '12'], acct('4111111111111111'), ['52', '5812'], ['53', '156'], ['54', '12.30'], ['58', 'CN'], ['59', 'SHOP'], ['60', 'CITY']]
  const replace = (id: string, value: string | undefined): Array<[string, string]> =>
    value === undefined ? base.filter(([i]) => i !== id) : base.map(([i, v]) => [i, i === id ? value : v])
  t.same(codes(build(base)), [], 'the base payload is valid')
  t.ok(codes(good.slice(0, -4) + good.slice(-4).toLowerCase()).some((c) => c === 'crc-format' || c === 'crc-mismatch'), 'lowercase CRC')
  t.ok(codes(build(replace('26', undefined))).includes('missing-field'), 'no merchant account')
  t.ok(codes(build(replace('01', '13'))).includes('format'), 'point of initiation must be 11 or 12')
  t.ok(codes(build(replace('58', 'cn'))).includes('format'), 'country is two capitals')
  t.ok(codes(build(replace('52', '58A2'))).includes('format'), 'MCC is n4')
  t.ok(codes(build(replace('53', undefined))).includes('missing-field'), 'currency is mandatory')
  t.ok(codes(build(replace('59', 'X'.repeat(26)))).includes('length'), 'merchant name at most 25')
  t.ok(codes(build(replace('60', 'Y'.repeat(16)))).includes('length'), 'city at most 15')
  t.ok(codes(build([...replace('26', undefined), acct('4111111111111112')])).includes('luhn'), 'PAN in our account template is Luhn-checked')
  t.ok(codes(build(replace('54', '12.345'))).includes('format'), 'CNY has two decimals')
  t.ok(codes(build(replace('54', '0.00'))).includes('format'), 'zero amount')
  t.ok(codes(build(replace('53', '392'))).includes('format'), 'JPY (392) has no decimals, so 12.30 is malformed')
  t.ok(codes(build([...base, ['55', '02']])).includes('missing-field'), '55=02 needs 56')
  t.ok(codes(build([...base, ['56', '1.00']])).includes('unexpected-field'), '56 without 55=02')
  t.ok(codes(build([...base, ['62', encodeTlv([['09', 'XYZ']])]])).includes('format'), 'consumer data request letters')
  t.ok(codes(build([...base, ['64', encodeTlv([['01', 'Name']])]])).includes('missing-field'), 'language template needs 00')
  t.ok(codes(build([...base, ['81', encodeTlv([['01', 'x']])]])).includes('missing-field'), 'unreserved template needs a GUI')
  t.ok(codes(build([...base, ['52', '5812']])).includes('duplicate-field'), 'each id at most once')
  t.ok(codes(encodeTlv(base) + '6304ABCG').includes('crc-format'), 'CRC must be 4 hex digits')
  t.ok(codes(encodeTlv(base)).includes('crc-missing'), 'CRC must be last')
  t.ok(codes(withCrc(encodeTlv(base.slice(1)))).includes('format-indicator'), '00 must come first')
  t.ok(codes('00020').includes('tlv-structure'), 'truncated TLV')
  t.ok(codes('').includes('empty'))
  const strict = validateMpm(PUBLISHED[1]!.payload, { strict: true })
  t.notOk(strict.valid, 'strict mode insists on 52, 59, 60 which PromptPay omits')
  t.equal(validateMpm(PUBLISHED[1]!.payload).warnings.length, 3, 'default mode keeps them as warnings')
})

t.test('URL payloads are recognised and refused with the wallet named', async (t) => {
  const ali = checkPayload('https://qr.alipay.com/bax08713ipwm8ijf2ax4006d')
  t.equal(ali.kind, 'url')
  t.notOk(ali.valid)
  t.equal(ali.wallet, 'alipay')
  t.match(ali.errors[0]!.message, /Alipay URL payload/)
  const wx = checkPayload('weixin://wxpay/bizpayurl?pr=Z3qYMfm')
  t.equal(wx.wallet, 'wechat-pay')
  t.match(wx.errors[0]!.message, /WeChat Pay/)
  t.equal(checkPayload('https://example.com/pay?id=1').wallet, 'other')
})
