import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadScenarioFile } from '../rig/scenario/load.js'
import { runScenario } from '../rig/runner/run-scenario.js'
import { median, type BenchResult } from './types.js'

/** Whole flows on the sim bench: real time per run and the speed-up over virtual (device) time. */
export async function bench(): Promise<BenchResult[]> {
  const out = mkdtempSync(join(tmpdir(), 'rig-bench-'))
  const results: BenchResult[] = []
  for (const file of ['scenarios/smoke/paid-receipt.yaml', 'scenarios/faults/declined-and-duplicates.yaml']) {
    const [scenario] = await loadScenarioFile(file)
    const real: number[] = []
    let virtualMs = 0
    for (let i = 0; i < 8; i++) {
      const r = await runScenario(scenario!, { outDir: out, seed: 1 })
      if (r.status !== 'passed') throw new Error(`${file}: ${r.error?.message}`)
      real.push(r.realMs)
      virtualMs = r.virtualMs
    }
    const med = median(real)
    results.push({ name: `e2e: ${file} (median real time, captures included)`, value: med, unit: 'ms' })
    results.push({ name: `e2e: ${file} virtual-time speed-up`, value: virtualMs / med, unit: 'x', target: { min: 1 } })
  }
  const mem = process.memoryUsage().rss / 1e6
  results.push({ name: 'e2e: resident memory after 16 scenario runs', value: mem, unit: 'MB', target: { max: 1024 } })
  return results
}
