import type { DeviceConfig } from '../../emulators/qr-device/index.js'
import { startSimBench, type SimBenchOptions } from '../../rig/bench/sim-bench.js'
import type { Bench } from '../../rig/bench/types.js'
import { VirtualClock } from '../../rig/clock/virtual-clock.js'
import { readSegment } from '../../rig/expect/receipt-check.js'

export const START = Date.parse('2026-01-15T09:30:00Z')

/** 2 x 4.50 + 3.30 = 12.30 */
export const RECEIPT = {
  header: ['PROFILE TEST'],
  items: [
    { name: 'Flat white', qty: 2, price: '4.50' },
    { name: 'Croissant', price: '3.30' },
  ],
}

export interface FlowResult {
  bench: Bench
  clock: VirtualClock
  /** Decoded text of the printed QR (from the pixels). */
  qr: string
  reference: string
  /** Every byte the device wrote to its modem port, in order. */
  toModem: Buffer
  /** Every byte the modem wrote to the device. */
  fromModem: Buffer
}

/** Advances virtual time until `done()` holds; throws after `limitMs` of virtual time. */
export async function until(clock: VirtualClock, done: () => boolean, what: string, limitMs = 120_000): Promise<void> {
  const end = clock.now() + limitMs
  while (!done()) {
    if (clock.now() > end) throw new Error(`${what}: not within ${limitMs} ms of virtual time`)
    await clock.sleep(100)
  }
}

function bytes(bench: Bench, from: 'dut' | 'emulator'): Buffer {
  return Buffer.concat((bench.links.modem?.capture ?? []).filter((c) => c.from === from).map((c) => c.data))
}

/**
 * The paid-receipt flow on a sim bench with the given device configuration: print, wait for
 * the registration, pay the QR decoded from the printed pixels, wait for the acknowledgement.
 * `after` runs before the bench closes. The bench is closed whatever happens.
 */
export async function paidFlow<T>(
  device: Partial<DeviceConfig>,
  after: (r: FlowResult) => Promise<T> | T,
  extra: Partial<SimBenchOptions> = {},
): Promise<T> {
  const clock = new VirtualClock({ start: START })
  clock.start()
  const bench = await startSimBench({ clock, seed: 1, device, ...extra })
  try {
    await bench.register.print(RECEIPT)
    await until(clock, () => bench.server.ledger.all().some((t) => t.state === 'registered'), 'registration')
    await until(clock, () => bench.printer.segments.length >= 1, 'the printed receipt')
    const seen = readSegment(bench.printer.segments[0]!)
    const reference = bench.server.ledger.all()[0]!.reference
    const paid = await clock.busy(bench.server.wallet.pay(seen.qr!))
    if (!paid.ok) throw new Error(`wallet refused: ${paid.reason} ${paid.message}`)
    await until(clock, () => bench.server.ledger.get(reference)?.state === 'acknowledged', 'acknowledgement')
    return await after({ bench, clock, qr: seen.qr!, reference, toModem: bytes(bench, 'dut'), fromModem: bytes(bench, 'emulator') })
  } finally {
    await clock.stop()
    await bench.close()
  }
}

/** One command line or data block the device wrote to the modem. */
export type ModemWrite = { kind: 'command'; text: string } | { kind: 'data'; bytes: Buffer }

/**
 * Splits the device's modem output into AT command lines and the data blocks that follow a
 * send command (AT+CIPSEND=<n>, AT+QISEND=<id>,<n>): the firmware writes nothing else
 * between such a command and its n bytes.
 */
export function splitModemWrites(out: Buffer): ModemWrite[] {
  const writes: ModemWrite[] = []
  let i = 0
  while (i < out.length) {
    const cr = out.indexOf(0x0d, i)
    if (cr < 0) break
    const text = out.subarray(i, cr).toString('latin1')
    writes.push({ kind: 'command', text })
    i = cr + 1
    const send = /^AT\+(?:CIPSEND=|QISEND=\d+,)(\d+)$/.exec(text)
    if (send) {
      const n = Number(send[1])
      writes.push({ kind: 'data', bytes: out.subarray(i, i + n) })
      i += n
    }
  }
  return writes
}

export const commands = (w: ModemWrite[]): string[] => w.flatMap((x) => (x.kind === 'command' ? [x.text] : []))
export const dataBlocks = (w: ModemWrite[]): Buffer[] => w.flatMap((x) => (x.kind === 'data' ? [x.bytes] : []))
