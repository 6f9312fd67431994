import t from 'tap'
import { paidReceiptYaml, runYaml } from './helpers.js'

/** Sockets, servers and timers the process holds (Node's own view). */
function held(): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const r of process.getActiveResourcesInfo()) if (/TCP|Timeout|Pipe|FSReq/.test(r)) counts[r] = (counts[r] ?? 0) + 1
  return counts
}

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r))
}

t.test('benches release every socket, server and timer: after a pass, a failure and a throw', async (t) => {
  await runYaml(paidReceiptYaml()) // warm-up: module-level resources load once
  await settle()
  const before = held()
  const passed = await runYaml(paidReceiptYaml())
  const failed = await runYaml(paidReceiptYaml('{ inject: { qrAmount: "1.00" } }'))
  const threw = await runYaml('name: throws\nsteps:\n  - register.print: { raw: /no/such/file.bin }\n')
  t.equal(passed.status, 'passed')
  t.equal(failed.status, 'failed')
  t.equal(threw.status, 'error')
  t.match(threw.error!.message, /ENOENT/)
  await settle()
  t.same(held(), before, 'nothing left open')
})

t.test('the check above sees a running bench (it can fail)', async (t) => {
  const { startSimBench } = await import('../../rig/bench/sim-bench.js')
  const { VirtualClock } = await import('../../rig/clock/virtual-clock.js')
  await settle()
  const before = held()
  const clock = new VirtualClock()
  const bench = await startSimBench({ clock })
  const during = held()
  t.ok((during.TCPServerWrap ?? 0) > (before.TCPServerWrap ?? 0), 'the payment server listens while the bench runs')
  await bench.close()
  await settle()
  t.same(held(), before)
})
