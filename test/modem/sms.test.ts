import t from 'tap'
import { decodeSubmitPdu, PduError } from '../../emulators/modem/sms/pdu.js'
import { modemRig } from './helpers.js'

// The SMS-SUBMIT example of the widely used "SMS PDU format" tutorial (dreamfabric.com):
// to +46708251358, 7-bit "hellohello", relative validity, no SMSC given.
const HELLO = '0011000B916407281553F80000AA0AE8329BFD4697D9EC37'

t.test('PDU decoder: published 7-bit vector, UCS2, extension table, bad input', async (t) => {
  const p = decodeSubmitPdu(HELLO)
  t.same([p.smsc, p.to, p.alphabet, p.text, p.tpduLength], ['', '+46708251358', 'gsm7', 'hellohello', 23])
  // Same header, DCS 08 (UCS2), UDL 4: U+0048 U+0069
  t.equal(decodeSubmitPdu('0011000B916407281553F80008AA0400480069').text, 'Hi')
  // 7-bit "€": ESC 0x1B then 0x65, packed LSB first → 9B 32
  t.equal(decodeSubmitPdu('0011000B916407281553F80000AA029B32').text, '€')
  // National number (TON unknown), SMSC present (07 91 ...), no validity period (VPF 00)
  const n = decodeSubmitPdu('07911326040000F001000A8110325476980000' + '03' + '41E110')
  t.same([n.smsc, n.to, n.text, n.tpduLength], ['+31624000000', '0123456789', 'ABC', 15])
  t.throws(() => decodeSubmitPdu('00110'), PduError)
  t.throws(() => decodeSubmitPdu('0004000B916407281553F80000AA0AE8'), PduError, 'SMS-DELIVER is not a submit')
  t.throws(() => decodeSubmitPdu('0011000B916407281553F80000AA0AE8'), PduError, 'user data shorter than UDL')
})

t.test('AT+CMGS in PDU mode, text mode with line prompts, ESC aborts, wrong length and network failure', async (t) => {
  const rig = await modemRig({ timings: { sms: 3000 } })
  t.teardown(() => rig.done())
  const { host, modem, clock } = rig
  await host.cmd('ATE0')
  t.equal(await host.cmd('AT+CMGF?'), '\r\n+CMGF: 0\r\n\r\nOK\r\n', 'PDU mode by default (27.005)')
  host.write('AT+CMGS=23\r')
  t.equal(await host.waitFor('> '), '\r\n> ')
  const t0 = clock.now()
  host.write(HELLO + '\x1a')
  t.equal(await host.waitFor(FINAL_SMS), '\r\n+CMGS: 1\r\n\r\nOK\r\n')
  t.ok(clock.now() - t0 >= 3000, 'sending takes the configured time')
  t.same(modem.sms.map((m) => [m.to, m.text, m.mode, m.pdu, m.mr]), [['+46708251358', 'hellohello', 'pdu', HELLO, 1]])

  host.write('AT+CMGS=22\r')
  await host.waitFor('> ')
  host.write(HELLO + '\x1a')
  t.equal(await host.waitFor(FINAL_SMS), '\r\n+CMS ERROR: 304\r\n', 'announced length must match the TPDU')

  await host.cmd('AT+CMGF=1')
  host.write('AT+CMGS="+15550001"\r')
  await host.waitFor('> ')
  host.write('Line one\rLine two')
  t.equal(await host.waitFor('> '), '\r\n> ', 'a prompt after each CR in text mode')
  host.write('\x1a')
  t.equal(await host.waitFor(FINAL_SMS), '\r\n+CMGS: 2\r\n\r\nOK\r\n')
  t.equal(modem.sms[1]!.text, 'Line one\rLine two')

  host.write('AT+CMGS="+15550002"\r')
  await host.waitFor('> ')
  host.write('never mind\x1b')
  t.equal(await host.waitFor(FINAL_SMS), '\r\nOK\r\n', 'ESC aborts')
  t.equal(modem.sms.length, 2, 'nothing sent')

  await host.cmd('AT+CSCS="UCS2"')
  host.write('AT+CMGS="+15550003"\r')
  await host.waitFor('> ')
  host.write('004800E9\x1a')
  await host.waitFor(FINAL_SMS)
  t.equal(modem.sms[2]!.text, 'Hé', 'UCS2 text is decoded from hex')

  modem.setFaults({ smsFailCode: 500 })
  host.write('AT+CMGS="+15550004"\r')
  await host.waitFor('> ')
  host.write('0048\x1a')
  t.equal(await host.waitFor(FINAL_SMS), '\r\n+CMS ERROR: 500\r\n')
  modem.clearFaults()
  modem.setRegistration(0)
  host.write('AT+CMGS="+15550005"\r')
  await host.waitFor('> ')
  host.write('0048\x1a')
  t.equal(await host.waitFor(FINAL_SMS), '\r\n+CMS ERROR: 331\r\n', 'no network service')
  t.equal(modem.events.ofType('sms').length, 3)
})

const FINAL_SMS = /\r\n(OK|\+CMS ERROR: \d+)\r\n/
