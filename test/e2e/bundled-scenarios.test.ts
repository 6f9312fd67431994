import t from 'tap'
import { findScenarioFiles, loadScenarioFile } from '../../rig/scenario/load.js'
import { runAll } from '../../rig/runner/run.js'
import { tempDir } from './helpers.js'

t.test('every bundled scenario passes on the sim bench, two at a time', async (t) => {
  const files = await findScenarioFiles(['scenarios'])
  const scenarios = (await Promise.all(files.map((f) => loadScenarioFile(f)))).flat()
  t.ok(scenarios.length >= 7, `${scenarios.length} scenarios`)
  const ended: string[] = []
  const summary = await runAll(scenarios, {
    outDir: tempDir(),
    seed: 1,
    workers: 2,
    reporter: { onScenarioEnd: (r) => void ended.push(r.id) },
  })
  for (const r of summary.results) t.equal(r.status, 'passed', `${r.name}: ${r.error?.message ?? ''}`)
  t.same(summary.results.map((r) => r.id), scenarios.map((s) => s.id), 'results keep the input order')
  t.equal(ended.length, scenarios.length)
})
