import t from 'tap'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadScenarioFile } from '../../rig/scenario/load.js'
import { runScenario } from '../../rig/runner/run-scenario.js'
import { loadBenchFile } from '../../rig/bench/bench-file.js'
import { haveSocat } from '../../rig/bench/pty-pair.js'
import { tempDir } from '../e2e/helpers.js'

t.test('the smoke scenario runs unchanged against the device as a separate process on pseudo-terminals', { skip: haveSocat() ? false : 'socat not installed (.ci/run installs it)' }, async (t) => {
  const [scenario] = await loadScenarioFile('scenarios/smoke/paid-receipt.yaml')
  const out = tempDir()
  const result = await runScenario({ ...scenario!, bench: 'benches/process.yaml' }, { outDir: out, seed: 1 })
  t.equal(result.status, 'passed', result.error?.message ?? '')
  t.equal(result.receipts.length, 2, 'receipt and slip captured from the real ports')
  const trace = readFileSync(join(out, result.artifacts.find((a) => a.name === 'link-modem.trace.txt')!.path), 'utf8')
  t.match(trace, /< 41 54 0d {2}\|AT\.\|/, 'the firmware process sent AT on the modem pseudo-terminal')
  t.match(trace, /> .*\|\.\.OK\.\.\|/, 'and the modem emulator answered')
  t.ok(result.display.some((d) => d.text.startsWith('PAID')), 'the display timeline came back over the console port')
})

t.test('bench files: clear errors at file:line:col', async (t) => {
  const dir = tempDir()
  const write = (name: string, text: string): string => {
    const p = join(dir, name)
    writeFileSync(p, text)
    return p
  }
  await t.rejects(loadBenchFile(write('a.yaml', 'kind: usb\n')), /a\.yaml:1:1: bench: "kind" must be process or serial/)
  await t.rejects(loadBenchFile(write('b.yaml', 'kind: serial\nports: { register: /dev/ttyUSB0 }\n')), /b\.yaml:2:1: bench: a serial bench needs ports\.printer/)
  await t.rejects(loadBenchFile(write('c.yaml', 'kind: process\n')), /c\.yaml:1:1: bench: a process bench needs "command"/)
  await t.rejects(loadBenchFile(write('d.yaml', 'kind: process\ncommand: [x]\nport: 1\n')), /d\.yaml:3:1: bench: unknown key "port"/)
  await t.rejects(loadBenchFile(join(dir, 'missing.yaml')), /cannot read bench file/)
  const ok = await loadBenchFile('benches/serial.example.yaml')
  t.equal(ok.ports?.printer, '/dev/ttyUSB1')
})

t.test('a serial bench whose ports do not exist fails with the port named, and releases everything', async (t) => {
  const dir = tempDir()
  const bench = join(dir, 'bench.yaml')
  writeFileSync(bench, 'kind: serial\nports: { register: /dev/rig-none-0, printer: /dev/rig-none-1, modem: /dev/rig-none-2 }\n')
  const [scenario] = await loadScenarioFile('scenarios/smoke/paid-receipt.yaml')
  const result = await runScenario({ ...scenario!, bench }, { outDir: dir, seed: 1 })
  t.equal(result.status, 'error')
  t.match(result.error!.message, /bench: cannot open register port \/dev\/rig-none-0/)
})
