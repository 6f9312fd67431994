/**
 * `npm run bench`: runs every bench/*.bench.ts module and prints one line per figure with
 * its target. Exit status 1 when a figure misses its target. Usage: npm run bench [-- name-filter]
 */
import { readdirSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { dirname, join } from 'node:path'
import type { BenchFn, BenchResult } from './types.js'

const here = dirname(fileURLToPath(import.meta.url))
const filter = process.argv[2]
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !filter || f.includes(filter))
  .sort()

let failed = 0
for (const file of files) {
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { bench: BenchFn }
  let results: BenchResult[]
  try {
    results = await mod.bench()
  } catch (err) {
    failed++
    console.log(`${file}: ERROR ${(err as Error).stack ?? err}`)
    continue
  }
  for (const r of results) {
    const { min, max } = r.target ?? {}
    const ok = (min === undefined || r.value >= min) && (max === undefined || r.value <= max)
    if (!ok) failed++
    const target = min !== undefined ? ` (target >= ${min})` : max !== undefined ? ` (target <= ${max})` : ''
    console.log(`${ok ? 'ok  ' : 'MISS'} ${r.name}: ${format(r.value)} ${r.unit}${target}`)
  }
}
process.exitCode = failed > 0 ? 1 : 0

function format(v: number): string {
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)
}
