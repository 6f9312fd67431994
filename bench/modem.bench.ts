/**
 * Modem emulator speed (issue 4):
 * 1. AT command round trips per second through a sim link (115200 baud, virtual clock in
 *    auto mode, as sim benches run): the DUT sends `AT+CSQ`, waits for the final OK, repeats.
 * 2. TCP pass-through when the link is not baud-limited (baudRate 0, no radio latency): the DUT
 *    sends 1460-byte CIPSEND blocks (quick-send mode) to a REAL loopback echo server and reads
 *    every byte back as +IPD; the figure is bytes carried each way per real second.
 */
import { createServer, type Socket } from 'node:net'
import { Link } from '../rig/link/link.js'
import { VirtualClock } from '../rig/clock/virtual-clock.js'
import { ModemEmulator } from '../emulators/modem/index.js'
import type { BenchResult } from './types.js'

const ROUND_TRIPS = 3000
const BLOCK = 1460
const BLOCKS = 1500

/** Resolves when `pattern` shows up in what the DUT end received after `from`. */
function receiver(link: Link) {
  let rx = ''
  let waiter: (() => void) | undefined
  link.dutEnd.on('data', (d: Buffer) => {
    rx += d.toString('latin1')
    waiter?.()
  })
  return {
    get length() {
      return rx.length
    },
    reset() {
      rx = ''
    },
    until(test: (rx: string) => boolean): Promise<void> {
      if (test(rx)) return Promise.resolve()
      return new Promise((resolve) => {
        waiter = () => {
          if (!test(rx)) return
          waiter = undefined
          resolve()
        }
      })
    },
  }
}

async function atRoundTrips(): Promise<number> {
  const clock = new VirtualClock()
  const link = await Link.open({ name: 'modem', clock, line: { baudRate: 115200 } })
  const modem = new ModemEmulator({ clock, port: link.emulatorEnd })
  const rx = receiver(link)
  clock.start()
  try {
    link.dutEnd.write('ATE0\r')
    await rx.until((s) => s.endsWith('OK\r\n'))
    const run = async (n: number): Promise<void> => {
      for (let i = 0; i < n; i++) {
        rx.reset()
        link.dutEnd.write('AT+CSQ\r')
        await rx.until((s) => s.endsWith('\r\nOK\r\n'))
      }
    }
    await run(200)
    const t0 = performance.now()
    await run(ROUND_TRIPS)
    return ROUND_TRIPS / ((performance.now() - t0) / 1000)
  } finally {
    await modem.close()
    await link.close()
    await clock.stop()
  }
}

async function passThrough(): Promise<number> {
  const sockets = new Set<Socket>()
  const server = createServer((s) => {
    sockets.add(s)
    s.on('data', (d) => s.write(d))
    s.on('error', () => undefined)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  const clock = new VirtualClock()
  const link = await Link.open({ name: 'modem', clock, line: { baudRate: 0 } })
  const modem = new ModemEmulator({ clock, port: link.emulatorEnd, network: { latencyMs: 0 } })
  const rx = receiver(link)
  clock.start()
  try {
    const cmd = async (line: string, done: (s: string) => boolean): Promise<void> => {
      rx.reset()
      link.dutEnd.write(line + '\r')
      await rx.until(done)
    }
    const ok = (s: string): boolean => s.endsWith('OK\r\n')
    await cmd('ATE0', ok)
    await cmd('AT+CIPQSEND=1', ok)
    await cmd(`AT+CIPSTART="TCP","127.0.0.1",${port}`, (s) => s.includes('CONNECT OK\r\n'))
    const block = Buffer.alloc(BLOCK, 0x55)
    const send = async (n: number): Promise<number> => {
      rx.reset()
      // Received payload = everything after each "+IPD,<len>:" header; count by the headers' lengths.
      let expected = 0
      for (let i = 0; i < n; i++) {
        link.dutEnd.write(`AT+CIPSEND=${BLOCK}\r`)
        await rx.until((s) => s.endsWith('> '))
        rx.reset()
        link.dutEnd.write(block)
        await rx.until((s) => s.includes(`DATA ACCEPT:${BLOCK}\r\n`))
        expected += BLOCK
      }
      return expected
    }
    await cmd('AT+CIPHEAD=1', ok)
    // Received payload: the lengths of the "+IPD,<len>:" headers (the payload itself is 0x55 bytes).
    let received = 0
    let carry = ''
    link.dutEnd.on('data', (d: Buffer) => {
      // Headers may straddle chunks: keep the tail that could start one.
      const text = carry + d.toString('latin1')
      const cut = text.lastIndexOf('+')
      const done = cut >= 0 && !/^\+IPD,\d+:/.test(text.slice(cut)) ? cut : text.length
      for (const m of text.slice(0, done).matchAll(/\+IPD,(\d+):/g)) received += Number(m[1])
      carry = text.slice(done)
    })
    const drained = async (want: number): Promise<void> => {
      const deadline = performance.now() + 10_000
      while (received < want && performance.now() < deadline) await new Promise((r) => setImmediate(r))
    }
    await drained(await send(50))
    received = 0
    const t0 = performance.now()
    const sent = await send(BLOCKS)
    await drained(sent)
    const seconds = (performance.now() - t0) / 1000
    if (received < sent) throw new Error(`pass-through lost data: sent ${sent}, received ${received}`)
    return sent / seconds / 1e6
  } finally {
    await modem.close()
    await link.close()
    await clock.stop()
    for (const s of sockets) s.destroy()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
}

export async function bench(): Promise<BenchResult[]> {
  const rt = await atRoundTrips()
  const mbps = await passThrough()
  return [
    { name: 'modem: AT command round trips through a sim link (115200 baud, virtual time)', value: rt, unit: 'round trips/s', target: { min: 2000 } },
    { name: 'modem: TCP pass-through to a loopback echo server, each way (baudRate 0)', value: mbps, unit: 'MB/s', target: { min: 1 } },
  ]
}
