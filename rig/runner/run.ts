import { mkdir } from 'node:fs/promises'
import { RealClock } from '../clock/real-clock.js'
import type { Scenario } from '../scenario/types.js'
import type { Reporter } from './reporter.js'
import { runScenario } from './run-scenario.js'
import type { RunSummary, ScenarioResult, Status } from './types.js'

export interface RunOptions {
  outDir: string
  seed: number
  /** Scenarios run at the same time (each on its own bench and clock). Default 1. */
  workers?: number
  /** Extra attempts for a scenario that fails; a pass on retry is reported as flaky. Default 0. */
  retries?: number
  shard?: { current: number; total: number }
  reporter: Reporter
  realTimeoutMs?: number
  signal?: AbortSignal
  updateSnapshots?: boolean
}

const realClock = new RealClock()

export function emptyCounts(): Record<Status, number> {
  return { passed: 0, failed: 0, error: 0, skipped: 0, interrupted: 0 }
}

/** Runs scenarios (in input order, `workers` at a time) and reports them; results keep input order. */
export async function runAll(scenarios: Scenario[], options: RunOptions): Promise<RunSummary> {
  const started = realClock.now()
  await mkdir(options.outDir, { recursive: true })
  const workers = Math.max(1, options.workers ?? 1)
  await options.reporter.onBegin?.({ scenarios, outDir: options.outDir, seed: options.seed, workers, shard: options.shard })
  const results: ScenarioResult[] = new Array(scenarios.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < scenarios.length) {
      const i = next++
      const scenario = scenarios[i]!
      if (options.signal?.aborted) {
        results[i] = skipped(scenario, options.seed)
        await options.reporter.onScenarioEnd?.(results[i]!)
        continue
      }
      const { outDir, seed, reporter, realTimeoutMs, signal, updateSnapshots } = options
      const run = (attempt?: number): Promise<ScenarioResult> => runScenario(scenario, { outDir, seed, reporter, realTimeoutMs, signal, updateSnapshots, attempt })
      let result = await run()
      for (let attempt = 1; attempt <= (options.retries ?? 0) && (result.status === 'failed' || result.status === 'error'); attempt++) {
        result = await run(attempt)
      }
      results[i] = result
      await options.reporter.onScenarioEnd?.(result)
    }
  }
  await Promise.all(Array.from({ length: Math.min(workers, scenarios.length || 1) }, worker))
  const counts = emptyCounts()
  for (const r of results) counts[r.status]++
  const summary: RunSummary = {
    status: options.signal?.aborted ? 'interrupted' : counts.failed + counts.error + counts.interrupted > 0 ? 'failed' : 'passed',
    startedAt: new Date(started).toISOString(),
    realMs: realClock.now() - started,
    seed: options.seed,
    ...(options.shard ? { shard: options.shard } : {}),
    counts,
    results,
  }
  await options.reporter.onEnd?.(summary)
  return summary
}

function skipped(s: Scenario, seed: number): ScenarioResult {
  return {
    id: s.id,
    file: s.file,
    name: s.name,
    tags: s.tags,
    params: s.params,
    bench: s.bench,
    seed: s.seed ?? seed,
    status: 'skipped',
    steps: [],
    startedAt: new Date(realClock.now()).toISOString(),
    realMs: 0,
    virtualMs: 0,
    artifacts: [],
    receipts: [],
    display: [],
    notes: [],
    ledger: [],
    links: [],
  }
}
