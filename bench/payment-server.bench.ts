/**
 * Payment server on loopback with 100 device connections (profile jsonl). A complete
 * transaction is register → ack → the wallet pays → paid notification → paid-ack.
 * The devices run in a worker thread (as on other machines: their work does not share the
 * server's event loop); the consumer's wallet is called in the server's thread when a
 * device reports its ack.
 * 1. Sustained load: the devices together start OFFERED_TPS transactions per second (each
 *    one every DEVICES/OFFERED_TPS s, staggered), as a shop floor does; figures are the
 *    completed rate and the device-side latency from sending register to receiving paid.
 * 2. Saturation: every device runs transactions back to back; the figure is the ceiling
 *    (with 100 in flight, latency there is just queueing: 100 / rate).
 * Over both: lost and duplicated notifications (must be zero); every transaction must end
 * acknowledged in the ledger.
 */
import { connect, type Socket } from 'node:net'
import { randomBytes } from 'node:crypto'
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads'
import { decodeJsonl, encodeJsonl, LineSplitter, verifyMac, type JsonlMessage, type JsonlType } from '../protocols/device-link/jsonl.js'
import { encodeMpm } from '../protocols/emv/mpm.js'
import { RealClock } from '../rig/clock/real-clock.js'
import { PaymentServer } from '../emulators/payment-server/index.js'
import { percentile, type BenchResult } from './types.js'

const DEVICES = 100
const OFFERED_TPS = 600
const SUSTAIN_MS = 5000
const SATURATION_PER_DEVICE = 20
const WARMUP_PER_DEVICE = 5

type Job = { mode: 'paced'; ms: number } | { mode: 'back-to-back'; perDevice: number }
type ToMain = { pay: string } | { done: { latencies: number[]; elapsed: number } } | { ready: true } | { counts: { paid: Record<string, number>; badMacs: number; started: number } }

interface Device {
  id: string
  key: string
  socket: Socket
  stan: number
  waiting: Map<string, { t0: number; resolve: (ms: number) => void }>
}

// ---------------------------------------------------------------- device side (worker)

async function devicesMain(port: number, terminals: Record<string, string>): Promise<void> {
  const out = (m: ToMain): void => parentPort!.postMessage(m)
  const paid: Record<string, number> = {}
  let badMacs = 0
  let serial = 0
  const send = (d: Device, type: JsonlType, body: Record<string, unknown>): void => {
    d.stan = (d.stan % 999_999) + 1
    const nonce = randomBytes(12).toString('hex')
    d.socket.write(encodeJsonl({ type, terminalId: d.id, stan: String(d.stan).padStart(6, '0'), time: new Date().toISOString(), nonce, body }, d.key))
  }
  const payloads = new Map<string, string>()
  const devices = await Promise.all(
    Object.entries(terminals).map(async ([id, key]) => {
      const socket = connect(port, '127.0.0.1')
      socket.setNoDelay(true)
      await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject))
      const d: Device = { id, key, socket, stan: 0, waiting: new Map() }
      const splitter = new LineSplitter((line) => {
        const m: JsonlMessage = decodeJsonl(line)
        if (!verifyMac(m, key)) badMacs++
        const ref = m.body.reference as string
        if (m.type === 'ack') {
          if (m.body.result !== 'accepted') throw new Error(`registration refused: ${String(m.body.reason)}`)
          out({ pay: payloads.get(ref)! })
          payloads.delete(ref)
        } else if (m.type === 'paid') {
          paid[ref] = (paid[ref] ?? 0) + 1
          send(d, 'paid-ack', { reference: ref })
          const w = d.waiting.get(ref)
          d.waiting.delete(ref)
          w?.resolve(performance.now() - w.t0)
        }
      })
      socket.on('data', (c: Buffer) => splitter.push(c))
      return d
    }),
  )
  const transaction = (d: Device): Promise<number> =>
    new Promise((resolve) => {
      const n = serial++
      const reference = `${d.id}-${n}`
      const req = { pan: '6011000995500000', processingCode: '000000', amount: `${1 + (n % 50)}.${String(n % 100).padStart(2, '0')}`, transmissionTime: '0115093000', merchantType: '5812', terminalId: d.id, currency: '156', reference, merchantName: 'BENCH SHOP', merchantCity: 'SHANGHAI', country: 'CN' }
      const payload = encodeMpm(req)
      payloads.set(reference, payload)
      d.waiting.set(reference, { t0: performance.now(), resolve })
      const { pan, processingCode, amount, transmissionTime, merchantType, currency } = req
      send(d, 'register', { reference, pan, processingCode, amount, transmissionTime, merchantType, currency, payload })
    })
  const run = async (job: Job): Promise<{ latencies: number[]; elapsed: number }> => {
    const latencies: number[] = []
    const start = performance.now()
    if (job.mode === 'back-to-back') {
      await Promise.all(devices.map(async (d) => {
        for (let i = 0; i < job.perDevice; i++) latencies.push(await transaction(d))
      }))
    } else {
      // open loop: each device starts one transaction every `period` ms, whatever is in flight
      const period = (DEVICES / OFFERED_TPS) * 1000
      const inFlight: Array<Promise<void>> = []
      await Promise.all(devices.map(async (d, i) => {
        for (let next = start + (i * period) / DEVICES; next < start + job.ms; next += period) {
          await new Promise((r) => setTimeout(r, Math.max(0, next - performance.now())))
          inFlight.push(transaction(d).then((l) => void latencies.push(l)))
        }
      }))
      await Promise.all(inFlight)
    }
    return { latencies, elapsed: performance.now() - start }
  }
  parentPort!.on('message', (job: Job | 'counts' | 'stop') => {
    if (job === 'counts') return out({ counts: { paid, badMacs, started: serial } })
    if (job === 'stop') {
      for (const d of devices) d.socket.destroy()
      return parentPort!.close()
    }
    void run(job).then((done) => out({ done }))
  })
  out({ ready: true })
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === 'payment-server-devices') {
  const { port, terminals } = workerData as { port: number; terminals: Record<string, string> }
  await devicesMain(port, terminals)
}

// ---------------------------------------------------------------- server side (main)

export async function bench(): Promise<BenchResult[]> {
  const clock = new RealClock()
  const keys: Record<string, string> = {}
  for (let i = 0; i < DEVICES; i++) keys[`T${String(i).padStart(7, '0')}`] = `key-${i}-${randomBytes(8).toString('hex')}`
  const server = new PaymentServer({ clock, terminals: Object.fromEntries(Object.entries(keys).map(([id, key]) => [id, { key }])), http: false })
  const { gatewayPort } = await server.start()
  // module hooks are per thread: the worker registers tsx itself, then loads this .ts file
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}) })`
  const worker = new Worker(boot, { eval: true, workerData: { role: 'payment-server-devices', port: gatewayPort, terminals: keys } })
  const waiting: Array<(m: ToMain) => void> = []
  const refused: string[] = []
  worker.on('message', (m: ToMain) => {
    if ('pay' in m) {
      void server.wallet.pay(m.pay).then((r) => {
        if (!r.ok) refused.push(r.message)
      })
    } else waiting.shift()?.(m)
  })
  const failed = new Promise<never>((_, reject) => worker.once('error', reject))
  const ask = <T extends ToMain>(msg: unknown): Promise<T> => {
    const p = new Promise<T>((resolve) => waiting.push(resolve as (m: ToMain) => void))
    if (msg !== undefined) worker.postMessage(msg)
    return Promise.race([p, failed])
  }
  try {
    await ask(undefined) // the worker's first message: its devices are connected
    await ask({ mode: 'back-to-back', perDevice: WARMUP_PER_DEVICE })
    const sustained = (await ask<{ done: { latencies: number[]; elapsed: number } }>({ mode: 'paced', ms: SUSTAIN_MS })).done
    const saturation = (await ask<{ done: { latencies: number[]; elapsed: number } }>({ mode: 'back-to-back', perDevice: SATURATION_PER_DEVICE })).done
    await new Promise((r) => setTimeout(r, 200)) // let any stray duplicate or late ack land before counting
    const { counts } = await ask<{ counts: { paid: Record<string, number>; badMacs: number; started: number } }>('counts')
    if (refused.length) throw new Error(`payments refused: ${refused.slice(0, 3).join('; ')}`)

    const lost = counts.started - server.ledger.all().filter((x) => x.state === 'acknowledged').length
    const duplicated = Object.values(counts.paid).filter((c) => c > 1).length + counts.badMacs
    return [
      { name: `payment-server: complete transactions/s sustained, ${DEVICES} devices on loopback (${OFFERED_TPS}/s offered)`, value: (sustained.latencies.length / sustained.elapsed) * 1000, unit: 'txn/s', target: { min: 500 } },
      { name: 'payment-server: register→paid latency at that load, device side (p99)', value: percentile(sustained.latencies, 99), unit: 'ms', target: { max: 50 } },
      { name: 'payment-server: register→paid latency at that load, device side (median)', value: percentile(sustained.latencies, 50), unit: 'ms' },
      { name: `payment-server: saturation, ${DEVICES} devices back to back`, value: (saturation.latencies.length / saturation.elapsed) * 1000, unit: 'txn/s' },
      { name: 'payment-server: lost notifications (not acknowledged in the ledger)', value: lost, unit: 'txn', target: { max: 0 } },
      { name: 'payment-server: duplicated (or badly signed) notifications', value: duplicated, unit: 'txn', target: { max: 0 } },
    ]
  } finally {
    worker.postMessage('stop')
    await worker.terminate()
    await server.close()
    clock.clearAll()
  }
}
