import t from 'tap'
import fc from 'fast-check'
import { VirtualClock } from '../../rig/clock/virtual-clock.js'
import { Link } from '../../rig/link/link.js'
import type { LineSettings } from '../../rig/link/line-settings.js'
import { RegisterEmulator, renderReceipt, type ReceiptDefinition } from '../../emulators/register/index.js'

const TX_FIFO = 16 // the Link's UART transmit FIFO, as on a 16550

/** A long receipt: enough bytes that the printer's flow control must act mid-job. */
function longReceipt(items: number): ReceiptDefinition {
  return {
    header: ['FLOW TEST'],
    items: Array.from({ length: items }, (_, i) => ({ name: `Item ${i + 1}`, price: ((i * 37) % 900) / 100 + 1 })),
  }
}

/** Bytes the register put on the wire between the XOFF reaching it and the XON, from the link's ordered capture. */
function bytesWhileHeld(link: Link, stop: number, go: number): number {
  let seenStop = false
  let n = 0
  for (const c of link.capture) {
    if (c.from === 'dut' && c.data.includes(stop)) seenStop = true
    else if (c.from === 'dut' && c.data.includes(go)) break
    else if (seenStop && c.from === 'emulator') n += c.data.length
  }
  return n
}

async function xoffRun(baudRate: number, xoffAfter: number, holdMs: number) {
  const clock = new VirtualClock({ start: 0 })
  const link = await Link.open({ name: 'register', clock, line: { baudRate, flowControl: 'xonxoff' } })
  const register = new RegisterEmulator({ clock, port: link.emulatorEnd })
  const got: Buffer[] = []
  let count = 0
  let held = false
  let heldAt = 0
  let countAtXoff = 0
  link.dutEnd.on('data', (d: Buffer) => {
    got.push(d)
    count += d.length
    if (!held && count >= xoffAfter) {
      held = true
      countAtXoff = count
      link.dutEnd.write(Buffer.from([0x13]))
      clock.setTimeout(() => {
        heldAt = count
        link.dutEnd.write(Buffer.from([0x11]))
      }, holdMs)
    }
  })
  const job = renderReceipt(longReceipt(60)).bytes
  clock.start()
  const result = await register.print(job)
  const doneAt = clock.now()
  await clock.stop()
  await register.close()
  await link.close()
  return { job, received: Buffer.concat(got), afterXoff: bytesWhileHeld(link, 0x13, 0x11), heldAt, countAtXoff, result, doneAt, register }
}

t.test('XOFF stops the register within its transmit FIFO; XON resumes with no byte lost', async (t) => {
  const r = await xoffRun(9600, 300, 2000)
  t.ok(r.afterXoff <= TX_FIFO, `${r.afterXoff} bytes arrived after the XOFF reached the register (at most ${TX_FIFO})`)
  t.equal(r.heldAt - r.countAtXoff, r.afterXoff, 'nothing else moved during the 2 s hold')
  t.same(r.received, r.job, 'every byte arrived once, in order')
  t.equal(r.register.events.ofType('job-done').length, 1)
  t.same(r.register.events.ofType('printer-error'), [], 'a 2 s hold is no error')
  // The job's wire time plus the hold, less the FIFO that kept going while the XOFF was held.
  const charMs = (10 * 1000) / 9600
  const floor = r.job.length * charMs + 2000 - TX_FIFO * charMs
  t.ok(r.doneAt >= floor, `print() resolved after the bytes drained (${r.doneAt.toFixed(1)} ms ≥ ${floor.toFixed(1)} ms)`)
})

t.test('property: any XOFF point, hold time and baud rate: bounded overrun, nothing lost', async (t) => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(2400, 9600, 19200, 38400, 115200),
      fc.integer({ min: 1, max: 2000 }),
      fc.integer({ min: 1, max: 5000 }),
      async (baud, after, hold) => {
        const r = await xoffRun(baud, after, hold)
        return r.afterXoff <= TX_FIFO && r.received.equals(r.job)
      },
    ),
    { seed: 6, numRuns: 12 },
  )
  t.pass('held for every sampled case')
})

t.test('a printer that never sends XON: the register records a flow-control time-out and stays responsive', async (t) => {
  const clock = new VirtualClock({ start: 0 })
  const link = await Link.open({ name: 'register', clock, line: { baudRate: 9600, flowControl: 'xonxoff' } })
  const register = new RegisterEmulator({ clock, port: link.emulatorEnd, drainTimeoutMs: 3000 })
  let sent = false
  link.dutEnd.on('data', () => {
    if (!sent) link.dutEnd.write(Buffer.from([0x13]))
    sent = true
  })
  clock.start()
  const result = await register.print(longReceipt(30))
  await clock.stop()
  const errors = register.events.ofType<{ reason: string }>('printer-error')
  t.same(errors.map((e) => e.data.reason), ['flow-timeout'])
  t.ok(clock.now() >= 3000 && clock.now() < 4000, 'gave up after drainTimeoutMs of clock time')
  t.ok(result.bytes > 0)
  await register.close()
  await link.close()
})

t.test('RTS/CTS: the printer dropping RTS holds the register within its FIFO; raising it resumes with no loss', async (t) => {
  const clock = new VirtualClock({ start: 0 })
  const link = await Link.open({ name: 'register', clock, line: { baudRate: 19200, flowControl: 'rtscts' } })
  const register = new RegisterEmulator({ clock, port: link.emulatorEnd })
  const got: Buffer[] = []
  let count = 0
  let droppedAt = -1
  let countWhileLow = -1
  const setRts = (rts: boolean): Promise<void> =>
    new Promise((resolve, reject) => link.dutEnd.set({ rts }, (e) => (e ? reject(e) : resolve())))
  link.dutEnd.on('data', (d: Buffer) => {
    got.push(d)
    count += d.length
    if (droppedAt < 0 && count >= 500) {
      droppedAt = count
      void setRts(false).then(() => {
        const atDrop = count
        clock.setTimeout(() => {
          countWhileLow = count - atDrop
          void setRts(true)
        }, 1500)
      })
    }
  })
  const job = renderReceipt(longReceipt(40)).bytes
  clock.start()
  await register.print(job)
  await clock.stop()
  t.ok(countWhileLow >= 0 && countWhileLow <= TX_FIFO, `${countWhileLow} bytes arrived while RTS was low (at most ${TX_FIFO})`)
  t.same(Buffer.concat(got), job, 'nothing lost')
  await register.close()
  await link.close()
})

const FRAMINGS: Array<{ label: string; line: LineSettings; bits: number }> = [
  { label: '8N1', line: { dataBits: 8, parity: 'none', stopBits: 1 }, bits: 10 },
  { label: '8E1', line: { dataBits: 8, parity: 'even', stopBits: 1 }, bits: 11 },
  { label: '8O2', line: { dataBits: 8, parity: 'odd', stopBits: 2 }, bits: 12 },
  { label: '7E1', line: { dataBits: 7, parity: 'even', stopBits: 1 }, bits: 10 },
]

t.test('line settings: every baud rate 2400–115200 and framing gives the right wire time and intact bytes', async (t) => {
  const ascii = renderReceipt({ header: ['LINE TEST'], items: [{ name: 'Widget', qty: 3, price: 1.25 }] }).bytes
  for (const baudRate of [2400, 4800, 9600, 19200, 38400, 57600, 115200]) {
    for (const f of FRAMINGS) {
      const clock = new VirtualClock({ start: 0 })
      const link = await Link.open({ name: 'register', clock, line: { baudRate, ...f.line } })
      const register = new RegisterEmulator({ clock, port: link.emulatorEnd })
      const got: Buffer[] = []
      link.dutEnd.on('data', (d: Buffer) => got.push(d))
      clock.start()
      await register.print(ascii)
      await clock.stop()
      const start = register.events.ofType('job-start')[0]!.t
      const done = register.events.ofType('job-done')[0]!.t
      const expected = (ascii.length * f.bits * 1000) / baudRate
      t.ok(Math.abs(done - start - expected) < 1e-6, `${baudRate} ${f.label}: ${ascii.length} bytes drained in ${expected.toFixed(2)} ms`)
      t.same(Buffer.concat(got), ascii, `${baudRate} ${f.label}: bytes intact`)
      await register.close()
      await link.close()
    }
  }
})

t.test('a 7-bit line cannot carry code page 437 accents: the printer gets bit 7 cleared and the register warns', async (t) => {
  const clock = new VirtualClock({ start: 0 })
  const link = await Link.open({ name: 'register', clock, line: { baudRate: 9600, dataBits: 7, parity: 'even' } })
  const register = new RegisterEmulator({ clock, port: link.emulatorEnd })
  const got: Buffer[] = []
  link.dutEnd.on('data', (d: Buffer) => got.push(d))
  const job = renderReceipt({ items: [{ name: 'Café', price: 2 }] }).bytes
  clock.start()
  await register.print(job)
  await clock.stop()
  const received = Buffer.concat(got)
  t.equal(received.length, job.length)
  t.ok(job.includes(0x82), 'the job holds é as cp437 0x82')
  t.notOk(received.some((b) => b >= 0x80), 'no byte above 0x7F arrived')
  t.equal(received[job.indexOf(0x82)], 0x02, '0x82 arrived as 0x02')
  t.same(register.events.ofType<{ count: number }>('line-warning').map((e) => e.data.count), [1])
  t.same(register.events.ofType<{ line: { dataBits: number } }>('attached')[0]!.data.line.dataBits, 7)
  await register.close()
  await link.close()
})
