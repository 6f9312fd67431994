import { parseArgs } from 'node:util'
import { createReporters, DEFAULT_REPORTERS } from '../../../reports/registry.js'
import { ReporterMultiplexer } from '../../runner/reporter.js'
import { runAll } from '../../runner/run.js'
import { filterForShard, parseShard } from '../../runner/shard.js'
import { UsageError, type Command } from '../command.js'
import { selectScenarios } from '../select-scenarios.js'
import { prepareOutDir } from '../out-dir.js'

const usage = `Usage: rig run [paths…] [options]

Runs scenarios (default: everything under scenarios/) and writes a report folder.

Options:
  --bench FILE          run on this bench instead of each scenario's own (default: sim)
  --grep RE             only scenarios whose name or file matches RE
  --tag T               only scenarios with tag T (repeatable)
  --workers N           scenarios run at the same time (default 1)
  --shard I/N           run the I-th of N equal shares (for several machines)
  --reporter LIST       comma-separated: list,junit,json,html (default all four)
  --out DIR             report folder (default rig-report); must be new, empty or an earlier report
  --seed N              seed for scenarios that set none (default 1)
  --retries N           re-run a failed scenario up to N times
  --timeout MS          real-time limit per scenario (default 120000)
  --update-snapshots    record receipt snapshots (expect.receipt snapshot:) instead of comparing

Exit status: 0 when every scenario passed, 1 otherwise, 2 for bad input.`

const command: Command = {
  summary: 'run scenarios and write rig-report/',
  usage,
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        bench: { type: 'string' },
        grep: { type: 'string' },
        tag: { type: 'string', multiple: true },
        workers: { type: 'string', default: '1' },
        shard: { type: 'string' },
        reporter: { type: 'string', default: DEFAULT_REPORTERS.join(',') },
        out: { type: 'string', default: 'rig-report' },
        seed: { type: 'string', default: '1' },
        retries: { type: 'string', default: '0' },
        timeout: { type: 'string', default: '120000' },
        'update-snapshots': { type: 'boolean', default: false },
      },
    })
    const int = (name: string, v: string, min: number): number => {
      const n = Number(v)
      if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be an integer >= ${min}, got "${v}"`)
      return n
    }
    const seed = int('seed', values.seed, 0)
    const workers = int('workers', values.workers, 1)
    const retries = int('retries', values.retries, 0)
    const realTimeoutMs = int('timeout', values.timeout, 1)
    const shard = values.shard ? parseShard(values.shard) : undefined
    let scenarios = await selectScenarios(positionals, { grep: values.grep, tags: values.tag })
    if (values.bench) scenarios = scenarios.map((s) => ({ ...s, bench: values.bench! }))
    if (shard) scenarios = filterForShard(shard, scenarios)
    const reporter = new ReporterMultiplexer(createReporters(values.reporter.split(',').map((r) => r.trim()).filter(Boolean)))
    await prepareOutDir(values.out)
    const abort = new AbortController()
    const onSignal = (): void => abort.abort()
    process.once('SIGINT', onSignal)
    process.once('SIGTERM', onSignal)
    try {
      const updateSnapshots = values['update-snapshots']
      const summary = await runAll(scenarios, { outDir: values.out, seed, workers, retries, shard, reporter, realTimeoutMs, signal: abort.signal, updateSnapshots })
      return summary.status === 'passed' && summary.results.length > 0 ? 0 : 1
    } finally {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
    }
  },
}

export default command
