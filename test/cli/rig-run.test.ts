import t from 'tap'
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { tempDir } from '../e2e/helpers.js'

function rig(args: string[], cwd = process.cwd()): { status: number | null; stdout: string; stderr: string } {
  // The rig runs as a user runs it: without the test runner's loaders in the environment.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(NODE_OPTIONS|TS_NODE_|_?TAP)/.test(k)))
  const r = spawnSync(process.execPath, [join(process.cwd(), 'bin/rig.js'), ...args], { cwd, env, encoding: 'utf8', timeout: 120_000 })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

t.test('rig run: one line per scenario, a summary, exit 0, and the report files', async (t) => {
  const out = tempDir()
  const r = rig(['run', 'scenarios/smoke', '--out', out])
  t.equal(r.status, 0, r.stderr)
  t.match(r.stdout, /ok {3}\[1\/1\] Paid receipt, end to end/)
  t.match(r.stdout, /1 passed/)
  for (const f of ['report.json', 'junit.xml', 'index.html']) t.ok(existsSync(join(out, f)), f)
  const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'))
  t.equal(report.counts.passed, 1)
  for (const rec of report.results[0].receipts) t.ok(existsSync(join(out, rec.png)), rec.png)
  const junit = readFileSync(join(out, 'junit.xml'), 'utf8')
  t.match(junit, /<testsuites name="qr-receipt-rig" tests="1" failures="0" errors="0"/)
  t.match(junit, /<testcase classname="scenarios\/smoke\/paid-receipt.yaml" name="Paid receipt, end to end"/)
})

t.test('rig run: a failing scenario exits 1 and says why; junit records the failure', async (t) => {
  const dir = tempDir()
  mkdirSync(join(dir, 'scenarios'))
  writeFileSync(
    join(dir, 'scenarios/never.yaml'),
    'name: waits in vain\nsteps:\n  - name: nothing prints\n    expect.receipt: { timeout: 20s, text: [NEVER] }\n',
  )
  const r = rig(['run', '--out', 'out'], dir)
  t.equal(r.status, 1)
  t.match(r.stdout, /FAIL \[1\/1\] waits in vain/)
  t.match(r.stdout, /step 1 "nothing prints" \(expect\.receipt at scenarios\/never\.yaml:4:5\): timed out after 20s/)
  t.match(readFileSync(join(dir, 'out/junit.xml'), 'utf8'), /<failure message="step 1 &quot;nothing prints&quot;/)
})

t.test('rig run: a malformed scenario exits 2 with file:line:col', async (t) => {
  const dir = tempDir()
  writeFileSync(join(dir, 'bad.yaml'), 'name: bad\nsteps:\n  - wallet.pay: { amount: "1.00" }\n')
  const r = rig(['run', 'bad.yaml'], dir)
  t.equal(r.status, 2)
  t.match(r.stderr, /bad\.yaml:3:17: wallet\.pay: missing "payload"/)
})

t.test('rig list and bad options', async (t) => {
  const r = rig(['list'])
  t.equal(r.status, 0)
  t.match(r.stdout, /scenarios\/smoke\/paid-receipt\.yaml:\d+ {2}Paid receipt, end to end \[smoke\]/)
  const bad = rig(['run', '--workers', 'many'])
  t.equal(bad.status, 2)
  t.match(bad.stderr, /--workers must be an integer/)
  const unknown = rig(['frobnicate'])
  t.equal(unknown.status, 2)
  t.match(unknown.stderr, /unknown command "frobnicate"/)
})
