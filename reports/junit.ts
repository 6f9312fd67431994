import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Reporter, RunInfo } from '../rig/runner/reporter.js'
import type { RunSummary, ScenarioResult } from '../rig/runner/types.js'

const esc = (s: string): string =>
  s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')

/** junit.xml: one testsuite per scenario file, one testcase per scenario; device notes in system-out. */
export class JunitReporter implements Reporter {
  private outDir = 'rig-report'

  onBegin(info: RunInfo): void {
    this.outDir = info.outDir
  }

  async onEnd(summary: RunSummary): Promise<void> {
    await writeFile(join(this.outDir, 'junit.xml'), renderJunit(summary))
  }
}

export function renderJunit(summary: RunSummary): string {
  const byFile = new Map<string, ScenarioResult[]>()
  for (const r of summary.results) byFile.set(r.file, [...(byFile.get(r.file) ?? []), r])
  const c = summary.counts
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="qr-receipt-rig" tests="${summary.results.length}" failures="${c.failed}" errors="${c.error + c.interrupted}" skipped="${c.skipped}" time="${(summary.realMs / 1000).toFixed(3)}">`,
  ]
  for (const [file, results] of byFile) {
    const n = (s: string): number => results.filter((r) => r.status === s).length
    const time = results.reduce((t, r) => t + r.realMs, 0) / 1000
    out.push(
      `  <testsuite name="${esc(file)}" tests="${results.length}" failures="${n('failed')}" errors="${n('error') + n('interrupted')}" skipped="${n('skipped')}" time="${time.toFixed(3)}" timestamp="${esc(results[0]!.startedAt)}">`,
    )
    for (const r of results) out.push(testcase(r))
    out.push('  </testsuite>')
  }
  out.push('</testsuites>', '')
  return out.join('\n')
}

function testcase(r: ScenarioResult): string {
  const lines = [`    <testcase classname="${esc(r.file)}" name="${esc(r.name)}" time="${(r.realMs / 1000).toFixed(3)}">`]
  const detail = r.error ? [r.error.message, r.error.traffic ? `last traffic:\n${r.error.traffic}` : ''].filter(Boolean).join('\n') : ''
  const first = r.error?.message.split('\n')[0] ?? ''
  if (r.status === 'failed') lines.push(`      <failure message="${esc(first)}" type="ExpectationFailed">${esc(detail)}</failure>`)
  else if (r.status === 'error' || r.status === 'interrupted') lines.push(`      <error message="${esc(first)}" type="${r.status}">${esc(detail)}</error>`)
  else if (r.status === 'skipped') lines.push('      <skipped/>')
  const out = [
    ...r.steps.map((s) => `step ${s.index + 1} ${s.status.padEnd(7)} +${(s.startMs / 1000).toFixed(3)}s ${s.name}`),
    ...r.display.map((d) => `display +${(d.t / 1000).toFixed(3)}s ${d.text}`),
    ...r.notes.map((n) => `device ${n}`),
    ...r.artifacts.map((a) => `[[ATTACHMENT|${a.path}]]`),
  ]
  if (out.length) lines.push(`      <system-out>${esc(out.join('\n'))}</system-out>`)
  lines.push('    </testcase>')
  return lines.join('\n')
}
