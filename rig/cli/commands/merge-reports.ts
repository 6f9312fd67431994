import { mkdir } from 'node:fs/promises'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { copyArtifacts, mergeSummaries, readShardReports } from '../../../reports/merge.js'
import { createReporters } from '../../../reports/registry.js'
import { ReporterMultiplexer } from '../../runner/reporter.js'
import { UsageError, type Command } from '../command.js'

const command: Command = {
  summary: 'merge the report folders of several shards into one report',
  usage: `Usage: rig merge-reports DIR… [--out DIR] [--reporter json,junit,html]

Reads DIR/report.json of each shard (rig run --shard I/N --out DIR), copies their artifacts,
and writes one report (default rig-report). Exit status 0 when every merged scenario passed.`,
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { out: { type: 'string', default: 'rig-report' }, reporter: { type: 'string', default: 'json,junit,html' } },
    })
    if (positionals.length === 0) throw new UsageError('name at least one report folder')
    if (positionals.some((d) => resolve(d) === resolve(values.out))) throw new UsageError('--out must differ from the shard folders')
    const summary = mergeSummaries(await readShardReports(positionals))
    await mkdir(values.out, { recursive: true })
    await copyArtifacts(positionals, values.out)
    const names = values.reporter.split(',').map((r) => r.trim()).filter(Boolean)
    const reporter = new ReporterMultiplexer(createReporters(names).filter((r) => !r.printsToStdio?.()))
    await reporter.onBegin({ scenarios: [], outDir: values.out, seed: summary.seed, workers: 1 })
    await reporter.onEnd(summary)
    const c = summary.counts
    console.log(`merged ${positionals.length} report(s): ${c.passed} passed, ${c.failed} failed, ${c.error} errored, ${c.skipped} skipped → ${values.out}`)
    return summary.status === 'passed' ? 0 : 1
  },
}

export default command
