import type { Reporter, RunInfo } from '../rig/runner/reporter.js'
import type { RunSummary, ScenarioResult } from '../rig/runner/types.js'
import { formatDuration } from '../rig/scenario/duration.js'

const MARK: Record<string, string> = { passed: 'ok  ', failed: 'FAIL', error: 'ERR ', skipped: 'skip', interrupted: 'INT ' }

/** One line per scenario as it finishes, failures in full, then a summary. */
export class ListReporter implements Reporter {
  private total = 0
  private done = 0

  constructor(private readonly write: (s: string) => void = (s) => process.stdout.write(s)) {}

  printsToStdio(): boolean {
    return true
  }

  onBegin(info: RunInfo): void {
    this.total = info.scenarios.length
    const shard = info.shard ? `, shard ${info.shard.current}/${info.shard.total}` : ''
    this.write(`Running ${info.scenarios.length} scenario${info.scenarios.length === 1 ? '' : 's'} (seed ${info.seed}, ${info.workers} worker${info.workers === 1 ? '' : 's'}${shard})\n\n`)
  }

  onScenarioEnd(r: ScenarioResult): void {
    this.done++
    const retry = r.attempt ? ` (retry ${r.attempt})` : ''
    const times = `${formatDuration(r.realMs)} real, ${formatDuration(r.virtualMs)} virtual`
    this.write(`${MARK[r.status]} [${this.done}/${this.total}] ${r.name}${retry} — ${r.file} (${times})\n`)
    if (r.error && r.status !== 'passed' && r.status !== 'skipped') {
      this.write(indent(r.error.message) + '\n')
      if (r.error.traffic) this.write(`    last traffic:\n${indent(r.error.traffic, 2)}\n`)
      const traces = r.artifacts.filter((a) => a.kind === 'trace' || a.kind === 'timeline').map((a) => a.path)
      if (traces.length) this.write(`    logs: ${traces.join(', ')}\n`)
    }
  }

  onEnd(s: RunSummary): void {
    const c = s.counts
    const parts = [`${c.passed} passed`]
    if (c.failed) parts.push(`${c.failed} failed`)
    if (c.error) parts.push(`${c.error} errored`)
    if (c.interrupted) parts.push(`${c.interrupted} interrupted`)
    if (c.skipped) parts.push(`${c.skipped} skipped`)
    this.write(`\n${parts.join(', ')} (${formatDuration(s.realMs)})\n`)
  }
}

function indent(text: string, level = 1): string {
  const pad = '    '.repeat(level)
  return text
    .split('\n')
    .map((l) => pad + l)
    .join('\n')
}
