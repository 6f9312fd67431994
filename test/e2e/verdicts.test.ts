import t from 'tap'
import { paidReceiptYaml, runYaml } from './helpers.js'

t.test('a device that prints the wrong amount fails, naming the step, the expected and the actual value', async (t) => {
  const result = await runYaml(paidReceiptYaml('{ inject: { qrAmount: "12.03" } }'))
  t.equal(result.status, 'failed')
  const step = result.steps[1]!
  t.equal(step.status, 'failed')
  t.equal(result.steps[2]!.status, 'skipped', 'later steps do not run')
  const msg = result.error!.message
  t.match(msg, /step 2 "receipt with payment QR" \(expect\.receipt at scenarios\/test\/inline\.yaml:\d+:\d+\)/)
  t.match(msg, /QR field 54 \(transaction amount\): expected "12.25", actual "12.03"/)
  t.match(result.error!.traffic!, /printer/, 'the failure shows the last traffic on the links')
  t.equal(result.receipts.length, 1, 'the receipt printed so far is still captured')
})

t.test('waiting for something that never comes fails at its time-out, quickly in real time', async (t) => {
  const started = performance.now()
  const result = await runYaml(`
name: never
steps:
  - name: a receipt nobody prints
    expect.receipt: { timeout: 45s, text: [NEVER] }
`)
  const realMs = performance.now() - started
  t.equal(result.status, 'failed')
  t.match(result.error!.message, /step 1 "a receipt nobody prints".*timed out after 45s waiting for the next printed receipt/)
  t.ok(result.error!.timedOut)
  t.ok(result.virtualMs >= 45_000 && result.virtualMs < 47_000, `failed at the virtual time-out (${result.virtualMs} ms)`)
  t.ok(realMs < 15_000, `and did not take real minutes (${Math.round(realMs)} ms)`)
})

t.test('a device that never prints the slip fails at the slip step', async (t) => {
  const result = await runYaml(paidReceiptYaml('{ inject: { skipSlip: true } }'))
  t.equal(result.status, 'failed')
  t.equal(result.steps[4]!.status, 'failed')
  t.match(result.error!.message, /step 5 "success slip".*timed out after 1.5m/)
})

t.test('a device that prints no QR fails the QR expectation with what was decoded', async (t) => {
  const result = await runYaml(paidReceiptYaml('{ inject: { skipQr: true } }'))
  t.equal(result.status, 'failed')
  t.match(result.error!.message, /QR symbols decoded from the printed pixels: expected at least 1, actual 0/)
})

t.test('the scenario time-out bounds every step', async (t) => {
  const result = await runYaml(`
name: short
timeout: 10s
steps:
  - expect.receipt: { timeout: 5m }
`)
  t.equal(result.status, 'failed')
  t.ok(result.virtualMs <= 12_000, `stopped at the scenario time-out (${result.virtualMs} ms)`)
})

t.test('a real-time watchdog stops a scenario that hangs in real time', async (t) => {
  const { parseScenario } = await import('../../rig/scenario/load.js')
  const { runScenario } = await import('../../rig/runner/run-scenario.js')
  const [scenario] = parseScenario(`
name: hang
steps:
  - expect.receipt: { timeout: 1h }
`, 'scenarios/test/hang.yaml')
  const started = performance.now()
  // A 1 ms real-time limit cannot be met: the watchdog must end the run, cleanly.
  const result = await runScenario(scenario!, { outDir: (await import('./helpers.js')).tempDir(), seed: 1, realTimeoutMs: 1 })
  t.equal(result.status, 'error')
  t.match(result.error!.message, /real-time limit/)
  t.ok(performance.now() - started < 10_000)
})
