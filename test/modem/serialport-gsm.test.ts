import { createRequire } from 'node:module'
import { SerialPort } from 'serialport'
import t from 'tap'
import { RealClock } from '../../rig/clock/real-clock.js'
import { ModemEmulator } from '../../emulators/modem/index.js'
import { haveSocat, ptyPair, within } from './pty.js'

/** The parts of serialport-gsm (npm, zabsalahid/serialport-gsm, bundles serialport 10) this test drives. */
interface GsmResult {
  status: string
  data: Record<string, unknown> | string
}
interface GsmModem {
  open(path: string, options: Record<string, unknown>): Promise<unknown>
  initializeModem(): Promise<GsmResult>
  setModemMode(mode: 'PDU' | 'SMS'): Promise<GsmResult>
  getNetworkSignal(): Promise<GsmResult>
  getModemSerial(): Promise<GsmResult>
  sendSMS(to: string, text: string, alert: boolean, cb: (result: GsmResult, error?: unknown) => void): void
  close(): Promise<unknown>
  on(event: string, fn: (...args: unknown[]) => void): void
}
const gsm = createRequire(import.meta.url)('serialport-gsm') as { Modem(): GsmModem }

t.test('serialport-gsm sends an SMS (PDU mode) through the emulator over a socat pty pair', { skip: haveSocat() ? false : 'socat not installed' }, async (t) => {
  const pty = await ptyPair()
  const clock = new RealClock()
  const port = new SerialPort({ path: pty.a, baudRate: 115200, autoOpen: false })
  const emulator = new ModemEmulator({ clock, timings: { command: 2, sms: 50 }, network: { latencyMs: 5 } })
  const client = gsm.Modem()
  t.teardown(async () => {
    await within(client.close(), 3000, 'serialport-gsm close').catch(() => undefined)
    await emulator.close()
    if (port.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()))
    clock.clearAll()
    await pty.close()
  })
  await within(new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve()))), 3000, 'open emulator side')
  emulator.attach(port)

  await within(client.open(pty.b, { baudRate: 115200, incomingCallIndication: false }), 5000, 'serialport-gsm open')
  const init = await within(client.initializeModem(), 10_000, 'initializeModem')
  t.equal(init.status, 'success', 'ATZ, ATE1, AT+CPIN? accepted')
  const mode = await within(client.setModemMode('PDU'), 10_000, 'setModemMode')
  t.equal(mode.status, 'success')
  const signal = await within(client.getNetworkSignal(), 5000, 'getNetworkSignal')
  t.same(signal.data, { signalQuality: '20', signalStrength: 73 })
  const serial = await within(client.getModemSerial(), 5000, 'getModemSerial')
  t.same(serial.data, { modemSerial: emulator.options.imei })

  const text = 'Payment 12.50 EUR received. Ref 000123 {ok}'
  const sent = await within(
    // A two-argument callback makes serialport-gsm call back when the modem answered, not when queued.
    new Promise<GsmResult>((resolve) => client.sendSMS('+15551234567', text, false, (result, _error) => resolve(result))),
    15_000,
    'sendSMS',
  )
  t.equal(sent.status, 'success', 'serialport-gsm reports the message sent')
  t.equal(emulator.sms.length, 1)
  const sms = emulator.sms[0]!
  t.equal(sms.mode, 'pdu')
  t.equal(sms.to, '+15551234567', 'destination decoded from the PDU node-pdu built')
  t.equal(sms.text, text, 'GSM 7-bit text incl. extension-table braces decoded')
  const at = emulator.events.ofType<{ command: string }>('at').map((e) => e.data.command)
  t.ok(at.includes('ATZ') && at.includes('AT+CMGF=0') && at.some((c) => c.startsWith('AT+CMGS=')), 'the client\'s own command sequence')
})
