import t from 'tap'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseScenario } from '../../rig/scenario/load.js'
import { runScenario } from '../../rig/runner/run-scenario.js'
import { tempDir } from './helpers.js'

const yaml = (terminal: string): string => `
name: slip snapshot
device: { terminalId: ${terminal} }
steps:
  - register.print: { receipt: { items: [{ name: Tea, price: "2.00" }] } }
  - expect.receipt: { timeout: 30s, qr: { fields: { "54": "2.00" } } }
    as: r
  - expect.server: { reference: "\${r.reference}", state: registered, timeout: 60s }
  - wallet.pay: { payload: "\${r.qr}" }
  - expect.receipt: { timeout: 90s, text: [PAYMENT SUCCESSFUL], snapshot: slip }
`

t.test('receipt snapshots: missing, recorded, matched, and a difference shown as a picture', async (t) => {
  const dir = tempDir()
  const file = join(dir, 'slip.yaml')
  writeFileSync(file, yaml('QRT00001'))
  const run = async (text: string, updateSnapshots = false) => {
    const [s] = parseScenario(text, file)
    const out = tempDir()
    return { out, result: await runScenario(s!, { outDir: out, seed: 1, updateSnapshots }) }
  }
  const missing = await run(yaml('QRT00001'))
  t.equal(missing.result.status, 'failed')
  t.match(missing.result.error!.message, /no snapshot "slip" at .*__snapshots__\/slip\/slip\.png; run with --update-snapshots/)

  const recorded = await run(yaml('QRT00001'), true)
  t.equal(recorded.result.status, 'passed')
  t.ok(existsSync(join(dir, '__snapshots__', 'slip', 'slip.png')))

  t.equal((await run(yaml('QRT00001'))).result.status, 'passed', 'the same run matches dot for dot')

  const changed = await run(yaml('QRT00002'))
  t.equal(changed.result.status, 'failed')
  t.match(changed.result.error!.message, /differs from snapshot "slip": \d+ dots differ \(expected 576x\d+ dots, printed 576x\d+\); see artifacts\/.*slip\.diff\.png/)
  const diff = /see (\S+slip\.diff\.png)/.exec(changed.result.error!.message)![1]!
  t.ok(existsSync(join(changed.out, diff)), 'the diff picture is in the report')
})
