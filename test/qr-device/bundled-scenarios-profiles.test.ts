import t from 'tap'
import { findScenarioFiles, loadScenarioFile } from '../../rig/scenario/load.js'
import { runAll } from '../../rig/runner/run.js'
import type { Scenario } from '../../rig/scenario/types.js'
import { tempDir } from '../e2e/helpers.js'

/**
 * The bundled flow and fault scenarios were written for the default profiles (EMV QR, jsonl,
 * SIM800). Their EMV checks still hold when only the link and the modem change, so each runs
 * again on the other links and modems: drops, store-and-forward, declines and duplicate
 * notifications must work the same on every profile.
 */
const COMBOS = [
  { server: { profile: 'iso8583' }, modem: { dialect: 'sim800' } },
  { server: { profile: 'iso8583' }, modem: { dialect: 'quectel', model: 'M95' } },
  { server: { profile: 'jsonl' }, modem: { dialect: 'quectel', model: 'EC25' } },
] as const

t.test('the bundled flows and faults pass on every link profile and modem', async (t) => {
  const files = (await findScenarioFiles(['scenarios/smoke', 'scenarios/flows', 'scenarios/faults'])).filter((f) => !f.endsWith('profiles.yaml'))
  // Pixel snapshots are recorded on the default profiles: the slip's PAID AT comes from the
  // notification, which carries milliseconds on jsonl and whole seconds (DE12/DE13) on iso8583.
  const base = (await Promise.all(files.map((f) => loadScenarioFile(f)))).flat().filter((s) => !JSON.stringify(s.steps.map((x) => x.args)).includes('"snapshot"'))
  t.ok(base.length >= 6, `${base.length} scenarios`)
  const scenarios: Scenario[] = COMBOS.flatMap((combo) =>
    base.map((s) => {
      const device = { ...s.device, ...combo, server: { ...s.device?.server, ...combo.server } } as Scenario['device']
      return { ...s, id: `${s.id}[${JSON.stringify(combo)}]`, device }
    }),
  )
  const summary = await runAll(scenarios, { outDir: tempDir(), seed: 1, workers: 1, reporter: {} })
  for (const r of summary.results) t.equal(r.status, 'passed', `${r.id}: ${r.error?.message ?? ''}`)
})
