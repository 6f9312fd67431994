import t from 'tap'
import { ASCII, BINARY, decodeMessage, encodeMessage } from '../../protocols/iso8583/codec.js'
import { buildBitmap, readBitmap } from '../../protocols/iso8583/bitmap.js'
import { frame, FrameSplitter } from '../../protocols/iso8583/framing.js'
import { decodeFrame, registerBodyOf, registerRequest, responseMti, signMessage, verifyMessage } from '../../protocols/iso8583/profile.js'
import { fromDe7, toDe7 } from '../../protocols/iso8583/time.js'
import { checkIsoFieldsPayload, encodeIsoFieldsPayload } from '../../protocols/iso8583/qr-fields.js'
import { checkPayload } from '../../protocols/emv/check-payload.js'
import { Iso8583Error } from '../../protocols/iso8583/errors.js'
import { request } from './helpers.js'

t.test('bitmap worked example (Wikipedia "ISO 8583" article, also chileoffshore.com bitmap tool): 4210001102C04804', async (t) => {
  t.same(readBitmap(Buffer.from('4210001102C04804', 'hex')), [2, 7, 12, 28, 32, 39, 41, 42, 50, 53, 62])
  t.equal(buildBitmap([2, 7, 12, 28, 32, 39, 41, 42, 50, 53, 62]).toString('hex').toUpperCase(), '4210001102C04804')
  // same page: C0000000000000010000000000000003 has a secondary bitmap and fields 2, 64, 127, 128
  t.same(readBitmap(Buffer.from('C0000000000000010000000000000003', 'hex')), [2, 64, 127, 128])
  t.equal(buildBitmap([2, 64, 127, 128]).toString('hex').toUpperCase(), 'C0000000000000010000000000000003')
})

t.test('ASCII layout: the 0210 worked example of on-september.blogspot.com "read ISO 8583 message" (2010)', async (t) => {
  // The post splits this response field by field; its bitmap 723A00010A808400 flags 2,3,4,7,11,12,13,15,32,37,39,41,49,54.
  const wire =
    '0210723A00010A80840018593600141001099999' + '0110000000100000001007021533000001191533' + '1006100706565656100609010224000000090136' + '0020100236C0102240000000'
  const m = decodeMessage(Buffer.from(wire, 'ascii'), ASCII)
  t.equal(m.mti, '0210')
  t.same(m.fields, {
    2: '593600141001099999',
    3: '011000',
    4: '000010000000',
    7: '1007021533',
    11: '000001',
    12: '191533',
    13: '1006',
    15: '1007',
    32: '565656',
    37: '100609010224',
    39: '00',
    41: '00000901',
    49: '360',
    54: '100236C0102240000000',
  })
  t.equal(encodeMessage(m, ASCII).toString('ascii'), wire, 'encoding the decoded fields gives the same bytes')
})

t.test('binary layout: the 0800 worked example of devpeace.com "ISO8583 message decoding"', async (t) => {
  // "(0800 2020000000800000 000000 000001 3239313130303031)": MTI 0800, bitmap flags 3, 11, 41;
  // DE3 000000 and DE11 000001 packed BCD, DE41 "29110001" in ASCII.
  const wire = Buffer.from('0800' + '2020000000800000' + '000000' + '000001' + '3239313130303031', 'hex')
  const m = decodeMessage(wire, BINARY)
  t.equal(m.mti, '0800')
  t.same(m.fields, { 3: '000000', 11: '000001', 41: '29110001' })
  t.same(encodeMessage(m, BINARY), wire)
})

t.test('odd-length BCD and LL/LLL prefixes round-trip; bad input is a named Iso8583Error', async (t) => {
  const msg = { mti: '0200', fields: { 2: '6011000995500000', 4: '000000001230', 32: '12345', 62: 'REF-1', 63: '最佳 payload' } }
  for (const enc of [BINARY, ASCII]) t.same(decodeMessage(encodeMessage(msg, enc), enc).fields, msg.fields)
  const bin = encodeMessage({ mti: '0200', fields: { 32: '12345' } }, BINARY)
  t.equal(bin.subarray(10).toString('hex'), '05012345', 'LL 05 then 3 BCD bytes, left-padded')
  const err = (fn: () => unknown): string | undefined => {
    try {
      fn()
    } catch (e) {
      return e instanceof Iso8583Error ? e.code : 'other'
    }
    return undefined
  }
  t.equal(err(() => encodeMessage({ mti: '0200', fields: { 3: '12345' } })), 'bad-value', 'fixed length enforced')
  t.equal(err(() => encodeMessage({ mti: '020', fields: {} })), 'bad-mti')
  t.equal(err(() => encodeMessage({ mti: '0200', fields: { 5: '1' } })), 'unknown-field')
  t.equal(err(() => decodeMessage(Buffer.from('0200', 'hex'))), 'truncated')
  t.equal(err(() => decodeMessage(Buffer.from('0A00' + '2000000000000000' + '000000', 'hex'))), 'bad-mti')
  t.equal(err(() => decodeMessage(Buffer.concat([encodeMessage({ mti: '0800', fields: { 11: '000001' } }), Buffer.from([1])]))), 'trailing-bytes')
  t.equal(err(() => decodeMessage(Buffer.from('0800' + '0800000000000000', 'hex'))), 'unknown-field', 'field 5 is not in the profile')
})

t.test('MAC: DE64 is HMAC-SHA256 truncated to 8 bytes over everything before it; DE128 with a secondary bitmap', async (t) => {
  const msg = { mti: '0800', fields: { 7: '0115093000', 11: '000001', 41: 'TERM0001', 48: 'abc' } }
  const signed = signMessage(msg, 'key')
  const d = decodeFrame(signed)
  t.ok(d.fields[64])
  t.ok(verifyMessage(signed, d, 'key'))
  t.notOk(verifyMessage(signed, d, 'other'))
  const tampered = Buffer.from(signed)
  tampered[12] ^= 1
  t.notOk(verifyMessage(tampered, decodeFrame(tampered), 'key'))
  const withSecondary = signMessage({ mti: '0800', fields: { ...msg.fields, 70: '301' } }, 'key')
  const d2 = decodeFrame(withSecondary)
  t.ok(d2.fields[128] && !d2.fields[64], 'MAC moves to DE128')
  t.ok(verifyMessage(withSecondary, d2, 'key'))
})

t.test('register request maps the seven patent fields to DE2, 3, 4, 7, 18, 41, 49', async (t) => {
  const req = request('R1')
  const body = { reference: 'R1', pan: req.pan, processingCode: '000000', amount: '12.30', transmissionTime: '0115093000', merchantType: '5812', currency: '156', payload: 'QR' }
  const m = registerRequest({ terminalId: 'T1', stan: '000007', time: '0115093000', nonce: 'n' }, body)
  t.equal(m.fields[4], '000000001230', 'DE4 in minor units, zero padded to 12')
  t.equal(m.fields[41], 'T1      ', 'DE41 ans8, space padded')
  t.same(registerBodyOf(decodeFrame(signMessage(m, 'k')).fields), body)
  t.equal(responseMti('0200'), '0210')
  t.equal(responseMti('0800'), '0810')
  t.equal(responseMti('0620'), '0630')
  t.equal(responseMti('0210'), undefined)
})

t.test('DE7 carries no year: the nearest year to the clock is chosen', async (t) => {
  const now = Date.UTC(2026, 0, 1, 0, 0, 5)
  t.equal(fromDe7('1231235959', now), Date.UTC(2025, 11, 31, 23, 59, 59))
  t.equal(toDe7(Date.UTC(2026, 0, 15, 9, 30, 0)), '0115093000')
  t.ok(Number.isNaN(fromDe7('0431120000', now)), '31 April does not exist')
  t.ok(Number.isNaN(fromDe7('1301000000', now)))
})

t.test('frame splitter: 2-byte big-endian length; split and merged chunks; oversize skipped without losing sync', async (t) => {
  const frames: string[] = []
  const oversize: number[] = []
  const s = new FrameSplitter((b) => frames.push(b.toString()), (n) => oversize.push(n), 10)
  const all = Buffer.concat([frame(Buffer.from('hello')), frame(Buffer.from('x'.repeat(40))), frame(Buffer.from('world'))])
  for (const byte of all) s.push(Buffer.from([byte]))
  t.same(frames, ['hello', 'world'])
  t.same(oversize, [40])
  t.same(frame(Buffer.from('ab')), Buffer.from([0, 2, 0x61, 0x62]))
})

t.test('iso8583-fields QR profile: ASCII 0200 with the seven fields and the reference', async (t) => {
  const payload = encodeIsoFieldsPayload(request('REF-77'))
  t.match(payload, /^0200[0-9A-F]{16}/)
  const c = checkPayload(payload)
  t.equal(c.kind, 'iso8583-fields')
  t.ok(c.valid, JSON.stringify(c.errors))
  t.match(c.request, { reference: 'REF-77', amount: '12.30', currency: '156', terminalId: 'TERM0001', pan: '6011000995500000' })
  const badPan = encodeIsoFieldsPayload({ ...request('R'), pan: '6011000995500001' })
  t.ok(checkIsoFieldsPayload(badPan)?.errors.some((e) => e.code === 'luhn'))
  t.notOk(checkPayload(payload.slice(0, -3)).valid, 'truncated payload')
})
