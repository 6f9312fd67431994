import t from 'tap'
import { PassThrough } from 'node:stream'
import { ASCII, decodeMessage } from '../../protocols/iso8583/codec.js'
import { checkPayload } from '../../protocols/emv/check-payload.js'
import { buildTransaction, QrDevice, resolveConfig } from '../../emulators/qr-device/index.js'
import { VirtualClock } from '../../rig/clock/virtual-clock.js'
import { runYaml } from '../e2e/helpers.js'

const AT = Date.parse('2026-01-15T09:30:00Z')

t.test('payload iso8583-fields: the printed text is the ASCII 0200 of the patent fields, byte for byte', async (t) => {
  const txn = buildTransaction(resolveConfig({ payload: 'iso8583-fields' }), '12.30', '000007', AT)
  // Bitmap worked by hand: DE2,3,4,7 → 0x72; DE18 → byte 3 0x40; DE41 → byte 6 0x80; DE49 → byte 7 0x80; DE62 → byte 8 0x04.
  const expected = ['0200', '7200400000808004', '16', '6212345678901232', '000000', '000000001230', '0115093000', '5812', 'QRT00001', '156', '016', '0115093000000007'].join('')
  t.equal(txn.payload, expected)
  t.equal(txn.reference, '0115093000000007')
  const decoded = decodeMessage(Buffer.from(txn.payload), ASCII)
  t.same(Object.keys(decoded.fields).map(Number), [2, 3, 4, 7, 18, 41, 49, 62])
  const check = checkPayload(txn.payload)
  t.equal(check.kind, 'iso8583-fields')
  t.ok(check.valid, JSON.stringify(check.errors))
  t.equal(check.request.amount, '12.30')
})

t.test('payload iso8583-fields with a zero-decimal currency carries the amount in whole units', async (t) => {
  const txn = buildTransaction(resolveConfig({ payload: 'iso8583-fields', currency: '392', currencyExponent: 0 }), '1500', '000001', AT)
  t.equal(decodeMessage(Buffer.from(txn.payload), ASCII).fields[4], '000000001500', 'JPY has no minor unit')
})

function device(config: Record<string, unknown>): () => QrDevice {
  const ports = { register: new PassThrough(), printer: new PassThrough(), modem: new PassThrough() }
  return () => new QrDevice({ clock: new VirtualClock({ start: AT }), ports, config: config as never })
}

t.test('configurations the firmware cannot run with are refused by name', async (t) => {
  const cases: Array<[Record<string, unknown>, RegExp]> = [
    [{ payload: 'qr-url' }, /payload must be one of emv-mpm, iso8583-fields; got "qr-url"/],
    [{ server: { profile: 'xml' } }, /server\.profile must be one of jsonl, iso8583; got "xml"/],
    [{ modem: { dialect: 'nokia' } }, /modem\.dialect must be one of sim800, quectel; got "nokia"/],
    [{ modem: { dialect: 'quectel', model: 'UC20' } }, /modem\.model must be one of M95, M26, EC21, EC25, BG96; got "UC20"/],
    [{ terminalId: 'TERMINAL-0001', server: { profile: 'iso8583' } }, /terminalId must be 1-8 printable ASCII characters with server\.profile iso8583/],
    [{ terminalId: 'TERMINAL-0001', payload: 'iso8583-fields' }, /terminalId must be 1-8 printable ASCII characters with payload iso8583-fields/],
    [{ server: { host: 'pay "x"', port: 7000 } }, /server\.host must be a host name/],
    [{ server: { host: 'pay.test', port: 70000 } }, /server\.port must be 1-65535/],
  ]
  for (const [config, message] of cases) t.throws(device(config), { name: 'DeviceConfigError', message }, JSON.stringify(config))
  t.doesNotThrow(device({ terminalId: 'TERMINAL-0001' }), 'long terminal ids are fine on jsonl with an EMV payload')
})

t.test('a scenario with a bad device profile ends in a clear bench error, not a crash', async (t) => {
  const r = await runYaml('name: bad\ndevice: { server: { profile: xml } }\nsteps:\n  - wait: 1s\n')
  t.equal(r.status, 'error')
  t.match(r.error?.message, /^bench: .*(profile|xml)/)
})
