import t from 'tap'
import { encodeTlv, parseTlv, tlv } from '../../protocols/emv/tlv.js'
import { encodeMpm, mpmToRequest, parseMpm, withCrc, type PaymentRequest } from '../../protocols/emv/mpm.js'
import { crc16CcittFalse, crc16Hex } from '../../protocols/checks/crc16.js'
import { luhnCheckDigit, luhnValid, maskPan } from '../../protocols/checks/luhn.js'

// Public vector: PromptPay dynamic QR from dtinth/promptpay-qr's tests (quoted in reference/payment-payload.md).
const PROMPTPAY = '00020101021229370016A000000677010111011300660000000005802TH530376454044.226304E469'

t.test('the encoder rebuilds the published PromptPay payload byte for byte, CRC included', async (t) => {
  const built = withCrc(
    encodeTlv([
      ['00', '01'],
      ['01', '12'],
      ['29', encodeTlv([['00', 'A000000677010111'], ['01', '0066000000000']])],
      ['58', 'TH'],
      ['53', '764'],
      ['54', '4.22'],
    ]),
  )
  t.equal(built, PROMPTPAY)
})

t.test('CRC-16/CCITT-FALSE check value and the EMV CRC of the vector', async (t) => {
  t.equal(crc16CcittFalse('123456789'), 0x29b1)
  t.equal(crc16Hex('123456789'), '29B1')
  t.equal(crc16Hex(PROMPTPAY.slice(0, -4)), 'E469')
  t.equal(crc16Hex(''), 'FFFF')
  t.equal(crc16Hex('汉字'), crc16Hex(Buffer.from('汉字', 'utf8')), 'non-ASCII text is hashed as UTF-8')
})

t.test('TLV parsing of the vector and clear errors on broken structure', async (t) => {
  t.same(
    parseTlv(PROMPTPAY).map((f) => f.id),
    ['00', '01', '29', '58', '53', '54', '63'],
  )
  t.throws(() => parseTlv('0002010102'), /field 01 at offset 6 declares length 2 but only 0 characters remain/)
  t.throws(() => parseTlv('000201XX02'), /expected a 2-digit id and 2-digit length at offset 6, found "XX02"/)
  t.throws(() => tlv('5', 'x'), /two digits/)
  t.throws(() => tlv('59', 'x'.repeat(100)), /at most 99/)
})

t.test("the device's payload: the patent's seven fields survive a round trip and the CRC checks", async (t) => {
  const req: PaymentRequest = {
    pan: '6212345678901232',
    processingCode: '000000',
    amount: '1234.50',
    transmissionTime: '0115093000',
    merchantType: '5812',
    terminalId: 'QRT00001',
    currency: '156',
    reference: '0115093000000001',
    merchantName: 'RIG DEMO CAFE',
    merchantCity: 'SHANGHAI',
    country: 'CN',
  }
  const payload = encodeMpm(req)
  t.match(payload, /^000201010212/, 'format indicator first, dynamic point of initiation')
  t.match(payload, /6304[0-9A-F]{4}$/, 'CRC last')
  const parsed = parseMpm(payload)
  t.ok(parsed.crcValid)
  t.same(mpmToRequest(parsed.values), req)
  const corrupted = payload.replace('1234.50', '1234.60')
  t.notOk(parseMpm(corrupted).crcValid, 'a changed amount breaks the CRC')
})

t.test('Luhn on published valid and invalid numbers; masking keeps first 6 and last 4', async (t) => {
  for (const pan of ['4111111111111111', '5454545454545454', '6011000995500000', '6212345678901232']) t.ok(luhnValid(pan), pan)
  t.notOk(luhnValid('4111111111111112'))
  t.notOk(luhnValid('41111a1111111111'))
  t.equal(luhnCheckDigit('411111111111111'), '1')
  t.equal(maskPan('6212345678901232'), '621234******1232')
})
