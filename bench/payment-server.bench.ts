/**
 * Payment server on loopback with 100 device connections (profile jsonl). A complete
 * transaction is register → ack → the wallet pays → paid notification → paid-ack.
 * 1. Sustained load: the devices together start OFFERED_TPS transactions per second (each
 *    device one every 100/OFFERED_TPS s, staggered), as a shop floor does; figures are the
 *    completed rate and the latency of a complete transaction (p99, median).
 * 2. Saturation: every device runs transactions back to back; the figure is the ceiling
 *    (with 100 in flight, latency there is just queueing: 100 / rate).
 * Over both: lost and duplicated notifications, which must be zero.
 */
import { connect, type Socket } from 'node:net'
import { randomBytes } from 'node:crypto'
import { decodeJsonl, encodeJsonl, LineSplitter, verifyMac, type JsonlMessage, type JsonlType } from '../protocols/device-link/jsonl.js'
import { encodeMpm } from '../protocols/emv/mpm.js'
import { RealClock } from '../rig/clock/real-clock.js'
import { PaymentServer } from '../emulators/payment-server/index.js'
import { percentile, type BenchResult } from './types.js'

const DEVICES = 100
const OFFERED_TPS = 600
const SUSTAIN_MS = 5000
const SATURATION_PER_DEVICE = 20
const WARMUP_PER_DEVICE = 3

interface Device {
  id: string
  key: string
  socket: Socket
  stan: number
  /** Waiting transactions by reference: called with the device's ack. */
  onAck: Map<string, (m: JsonlMessage) => void>
}

function send(d: Device, clock: RealClock, type: JsonlType, body: Record<string, unknown>): void {
  d.stan = (d.stan % 999_999) + 1
  const time = new Date(Math.floor(clock.now())).toISOString()
  d.socket.write(encodeJsonl({ type, terminalId: d.id, stan: String(d.stan).padStart(6, '0'), time, nonce: randomBytes(12).toString('hex'), body }, d.key))
}

export async function bench(): Promise<BenchResult[]> {
  const clock = new RealClock()
  const terminals: Record<string, { key: string }> = {}
  for (let i = 0; i < DEVICES; i++) terminals[`T${String(i).padStart(7, '0')}`] = { key: `key-${i}-${randomBytes(8).toString('hex')}` }
  const server = new PaymentServer({ clock, terminals, http: false })
  const { gatewayPort } = await server.start()

  const paidSeen = new Map<string, number>()
  const acked = new Map<string, () => void>()
  server.events.on((e) => {
    if (e.type === 'notify-acked') acked.get((e.data as { reference: string }).reference)?.()
  })
  let badMacs = 0

  const devices: Device[] = await Promise.all(
    Object.entries(terminals).map(async ([id, { key }]) => {
      const socket = connect(gatewayPort, '127.0.0.1')
      socket.setNoDelay(true)
      await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject))
      const d: Device = { id, key, socket, stan: 0, onAck: new Map() }
      const splitter = new LineSplitter((line) => {
        const m = decodeJsonl(line)
        if (!verifyMac(m, key)) badMacs++
        if (m.type === 'paid') {
          const ref = m.body.reference as string
          paidSeen.set(ref, (paidSeen.get(ref) ?? 0) + 1)
          send(d, clock, 'paid-ack', { reference: ref })
        }
        if (m.type === 'ack') d.onAck.get(m.body.reference as string)?.(m)
      })
      socket.on('data', (c: Buffer) => splitter.push(c))
      return d
    }),
  )

  /** One complete transaction; resolves with its latency in ms once the server has the paid-ack. */
  const transaction = (d: Device, n: number): Promise<number> =>
    new Promise((resolve, reject) => {
      const reference = `${d.id}-${n}`
      const req = {
        pan: '6011000995500000',
        processingCode: '000000',
        amount: `${1 + (n % 50)}.${String(n % 100).padStart(2, '0')}`,
        transmissionTime: '0115093000',
        merchantType: '5812',
        terminalId: d.id,
        currency: '156',
        reference,
        merchantName: 'BENCH SHOP',
        merchantCity: 'SHANGHAI',
        country: 'CN',
      }
      const payload = encodeMpm(req)
      const t0 = performance.now()
      acked.set(reference, () => {
        acked.delete(reference)
        resolve(performance.now() - t0)
      })
      d.onAck.set(reference, (m) => {
        d.onAck.delete(reference)
        if (m.body.result !== 'accepted') return reject(new Error(`registration refused: ${String(m.body.reason)}`))
        void server.wallet.pay(payload).then((r) => {
          if (!r.ok) reject(new Error(`payment refused: ${r.message}`))
        })
      })
      const { terminalId: _t, merchantName: _n, merchantCity: _c, country: _k, ...rest } = req
      send(d, clock, 'register', { ...rest, payload })
    })

  let serial = 0
  const backToBack = async (count: number): Promise<number[]> => {
    const latencies: number[] = []
    await Promise.all(
      devices.map(async (d) => {
        for (let i = 0; i < count; i++) latencies.push(await transaction(d, serial++))
      }),
    )
    return latencies
  }

  /** Open loop: each device starts one transaction every `period` ms, whatever is in flight. */
  const paced = async (ms: number): Promise<{ latencies: number[]; elapsed: number }> => {
    const period = (DEVICES / OFFERED_TPS) * 1000
    const latencies: number[] = []
    const inFlight: Array<Promise<void>> = []
    const start = performance.now()
    await Promise.all(
      devices.map(async (d, i) => {
        let next = start + (i * period) / DEVICES
        while (next < start + ms) {
          await new Promise((r) => setTimeout(r, Math.max(0, next - performance.now())))
          inFlight.push(transaction(d, serial++).then((l) => void latencies.push(l)))
          next += period
        }
      }),
    )
    await Promise.all(inFlight)
    return { latencies, elapsed: performance.now() - start }
  }

  await backToBack(WARMUP_PER_DEVICE)
  const sustained = await paced(SUSTAIN_MS)
  const t0 = performance.now()
  const saturation = await backToBack(SATURATION_PER_DEVICE)
  const saturationMs = performance.now() - t0
  await new Promise((r) => setTimeout(r, 200)) // let any stray duplicate arrive before counting

  const total = serial
  const lost = server.ledger.all().filter((x) => x.state !== 'acknowledged').length + (total - server.ledger.size)
  const duplicated = [...paidSeen.values()].filter((c) => c > 1).length + badMacs
  for (const d of devices) d.socket.destroy()
  await server.close()
  clock.clearAll()

  const { latencies, elapsed } = sustained
  return [
    { name: `payment-server: complete transactions/s sustained, ${DEVICES} devices on loopback (${OFFERED_TPS}/s offered)`, value: (latencies.length / elapsed) * 1000, unit: 'txn/s', target: { min: 500 } },
    { name: 'payment-server: register→pay→notify→ack latency at that load (p99)', value: percentile(latencies, 99), unit: 'ms', target: { max: 50 } },
    { name: 'payment-server: register→pay→notify→ack latency at that load (median)', value: percentile(latencies, 50), unit: 'ms' },
    { name: `payment-server: saturation, ${DEVICES} devices back to back`, value: (saturation.length / saturationMs) * 1000, unit: 'txn/s' },
    { name: 'payment-server: lost notifications', value: lost, unit: 'txn', target: { max: 0 } },
    { name: 'payment-server: duplicated (or badly signed) notifications', value: duplicated, unit: 'txn', target: { max: 0 } },
  ]
}
