import { cp, readFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { RunSummary, Status } from '../rig/runner/types.js'
import { REPORT_VERSION, type JsonReport } from './json.js'

/** Reads the report.json of each shard folder; refuses reports from a newer rig. */
export async function readShardReports(dirs: string[]): Promise<JsonReport[]> {
  const reports: JsonReport[] = []
  for (const dir of dirs) {
    const file = join(dir, 'report.json')
    const text = await readFile(file, 'utf8').catch(() => {
      throw new Error(`${file}: not found (run each shard with --reporter json or the default reporters)`)
    })
    const report = JSON.parse(text) as JsonReport
    if (report.tool !== 'qr-receipt-rig') throw new Error(`${file}: not a qr-receipt-rig report`)
    if (report.version > REPORT_VERSION) throw new Error(`${file}: report version ${report.version} is newer than this rig reads (${REPORT_VERSION}); update the rig`)
    reports.push(report)
  }
  return reports
}

/** One run summary from several shards: results in shard order, counts added, the worst status wins. */
export function mergeSummaries(reports: RunSummary[]): RunSummary {
  const counts: Record<Status, number> = { passed: 0, failed: 0, error: 0, skipped: 0, interrupted: 0 }
  const results = reports
    .slice()
    .sort((a, b) => (a.shard?.current ?? 0) - (b.shard?.current ?? 0))
    .flatMap((r) => r.results)
  for (const r of results) counts[r.status]++
  const rank = { passed: 0, failed: 1, interrupted: 2 } as const
  const status = reports.reduce<RunSummary['status']>((worst, r) => (rank[r.status] > rank[worst] ? r.status : worst), 'passed')
  const starts = reports.map((r) => r.startedAt).sort()
  return {
    status,
    startedAt: starts[0] ?? new Date(0).toISOString(),
    realMs: Math.max(0, ...reports.map((r) => r.realMs)),
    seed: reports[0]?.seed ?? 1,
    counts,
    results,
  }
}

/** Copies each shard's artifacts into the merged folder, so the merged report's links work. */
export async function copyArtifacts(dirs: string[], outDir: string): Promise<void> {
  for (const dir of dirs) {
    const from = join(dir, 'artifacts')
    if (existsSync(from)) await cp(from, join(outDir, 'artifacts'), { recursive: true, force: true })
  }
}
