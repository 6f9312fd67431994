import t from 'tap'
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { filterForShard, parseShard } from '../../rig/runner/shard.js'
import { mergeSummaries, readShardReports } from '../../reports/merge.js'
import { renderJunit } from '../../reports/junit.js'
import type { RunSummary, ScenarioResult } from '../../rig/runner/types.js'
import { tempDir } from '../e2e/helpers.js'

t.test('shards cover every scenario exactly once, in order, balanced', async (t) => {
  const items = Array.from({ length: 11 }, (_, i) => i)
  for (const total of [1, 2, 3, 4, 11, 15]) {
    const parts = Array.from({ length: total }, (_, i) => filterForShard({ current: i + 1, total }, items))
    t.same(parts.flat(), items, `${total} shards`)
    const sizes = parts.map((p) => p.length)
    t.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, `balanced: ${sizes}`)
  }
  t.same(parseShard('2/3'), { current: 2, total: 3 })
  t.throws(() => parseShard('0/3'), /1 <= I <= N/)
  t.throws(() => parseShard('4/3'), /1 <= I <= N/)
  t.throws(() => parseShard('a/b'), /like 1\/3/)
})

function result(name: string, status: ScenarioResult['status']): ScenarioResult {
  return { id: name, file: `scenarios/${name}.yaml`, name, tags: [], params: {}, bench: 'sim', seed: 1, status, steps: [], startedAt: '2026-01-01T00:00:00.000Z', realMs: 5, virtualMs: 5, artifacts: [], receipts: [], display: [], notes: [], ledger: [], links: [] }
}

function summary(shard: number, results: ScenarioResult[]): RunSummary & { version: number; tool: 'qr-receipt-rig' } {
  const counts = { passed: 0, failed: 0, error: 0, skipped: 0, interrupted: 0 }
  for (const r of results) counts[r.status]++
  return { version: 1, tool: 'qr-receipt-rig', status: counts.failed ? 'failed' : 'passed', startedAt: `2026-01-01T00:00:0${shard}.000Z`, realMs: 100 * shard, seed: 1, shard: { current: shard, total: 2 }, counts, results }
}

t.test('merging adds counts, keeps shard order, and the worst status wins', async (t) => {
  const merged = mergeSummaries([summary(2, [result('c', 'failed')]), summary(1, [result('a', 'passed'), result('b', 'passed')])])
  t.same(merged.results.map((r) => r.name), ['a', 'b', 'c'])
  t.same(merged.counts, { passed: 2, failed: 1, error: 0, skipped: 0, interrupted: 0 })
  t.equal(merged.status, 'failed')
  t.equal(merged.startedAt, '2026-01-01T00:00:01.000Z')
  t.match(renderJunit(merged), /<testsuites name="qr-receipt-rig" tests="3" failures="1"/)
})

t.test('reports from a newer rig, or not from the rig, are refused', async (t) => {
  const dir = tempDir()
  const write = (name: string, value: unknown): string => {
    mkdirSync(join(dir, name))
    writeFileSync(join(dir, name, 'report.json'), JSON.stringify(value))
    return join(dir, name)
  }
  await t.rejects(readShardReports([write('new', { ...summary(1, []), version: 99 })]), /report version 99 is newer/)
  await t.rejects(readShardReports([write('other', { hello: 1 })]), /not a qr-receipt-rig report/)
  await t.rejects(readShardReports([join(dir, 'none')]), /not found/)
  const ok = await readShardReports([write('ok', summary(1, [result('a', 'passed')]))])
  t.equal(ok[0]!.results[0]!.name, 'a')
  t.ok(readFileSync(join(dir, 'ok', 'report.json')))
})
