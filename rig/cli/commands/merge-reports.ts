import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { copyArtifacts, mergeSummaries, readShardReports } from '../../../reports/merge.js'
import { createReporters } from '../../../reports/registry.js'
import { ReporterMultiplexer } from '../../runner/reporter.js'
import { UsageError, type Command } from '../command.js'
import { prepareOutDir } from '../out-dir.js'

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
    // A missing or foreign shard folder is bad input (exit 2), not a crash.
    const reports = await readShardReports(positionals).catch((e: unknown) => {
      throw new UsageError(e instanceof SyntaxError ? `a shard's report.json is not JSON: ${e.message}` : (e as Error).message)
    })
    const summary = mergeSummaries(reports)
    await prepareOutDir(values.out)
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
