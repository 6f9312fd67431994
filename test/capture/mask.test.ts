import t from 'tap'
import { PanMasker } from '../../rig/capture/mask.js'
import { linkTrace, lastTraffic } from '../../rig/capture/traffic.js'
import type { TracedPort } from '../../rig/link/types.js'
import { EventLog } from '../../protocols/runtime/event-log.js'
import { VirtualClock } from '../../rig/clock/virtual-clock.js'

const PAN = '6212345678901232'

t.test('PANs are masked first 6 / last 4 in text, values and raw bytes (ASCII and BCD)', async (t) => {
  const m = new PanMasker()
  m.learn(PAN)
  m.learn('not-a-pan')
  t.equal(m.text(`pan=${PAN};`), 'pan=621234******1232;')
  t.same(m.value({ a: [PAN], n: 3 }), { a: ['621234******1232'], n: 3 })
  t.same(m.bytes(Buffer.from(`x${PAN}y`)), Buffer.from('x621234******1232y'))
  const bcd = Buffer.concat([Buffer.from([0x16]), Buffer.from(PAN, 'hex')])
  t.same(m.bytes(bcd), Buffer.from([0x16, 0x62, 0x12, 0x34, 0xff, 0xff, 0xff, 0x12, 0x32]), 'packed BCD keeps 6 + 4 digits')
  const odd = new PanMasker()
  odd.learn('621234567890123')
  t.same(odd.bytes(Buffer.from('0621234567890123', 'hex')), Buffer.from([0x06, 0x21, 0x23, 0xff, 0xff, 0xff, 0x01, 0x23]), 'odd length, left-padded')
  const untouched = Buffer.from('nothing here')
  t.equal(m.bytes(untouched), untouched, 'no copy when nothing matched')
})

t.test('a PAN split across delivered slices is masked in traces and failure messages', async (t) => {
  const clock = new VirtualClock({ start: 0 })
  const text = `{"pan":"${PAN}"}`
  const cut = text.indexOf(PAN) + 5
  const port: TracedPort = {
    name: 'modem',
    events: new EventLog(clock, 'link:modem'),
    line: () => ({ baudRate: 115200, dataBits: 8, parity: 'none', stopBits: 1, flowControl: 'none' }),
    capture: [
      { t: 1, from: 'dut', data: Buffer.from(text.slice(0, cut)), charMs: 0 },
      { t: 2, from: 'emulator', data: Buffer.from('OK'), charMs: 0 },
      { t: 3, from: 'dut', data: Buffer.from(text.slice(cut)), charMs: 0 },
    ],
  }
  const m = new PanMasker()
  m.learn(PAN)
  const trace = linkTrace(port, 0, (d) => m.bytes(d))
  const hexOfPanDigits = [...Buffer.from(PAN.slice(6, 12))].map((b) => b.toString(16)).join(' ')
  t.notMatch(trace, hexOfPanDigits, 'the middle digits are not in the hex column')
  t.match(trace, /2a 2a 2a/, 'masked as *')
  t.notMatch(lastTraffic([['modem', port]], 0, (d) => m.bytes(d)), /5678 ?90/)
  t.equal(port.capture[0]!.data.toString(), text.slice(0, cut), 'the capture itself is untouched')
})
