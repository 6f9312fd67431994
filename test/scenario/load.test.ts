import t from 'tap'
import { parseScenario } from '../../rig/scenario/load.js'
import { ScenarioError } from '../../rig/scenario/errors.js'
import { parseDuration } from '../../rig/scenario/duration.js'
import { interpolate } from '../../rig/scenario/interpolate.js'

function errorOf(yaml: string): ScenarioError {
  try {
    parseScenario(yaml, 'scenarios/bad.yaml')
  } catch (err) {
    if (err instanceof ScenarioError) return err
    throw err
  }
  throw new Error('expected a ScenarioError')
}

t.test('malformed scenarios are reported at file:line:col', async (t) => {
  const cases: Array<[string, string, RegExp]> = [
    ['YAML syntax', 'name: x\nsteps:\n  - wait: [1s\n', /^scenarios\/bad\.yaml:\d+:\d+: YAML: /],
    ['missing steps', 'name: x\n', /^scenarios\/bad\.yaml:1:1: scenario: missing "steps"/],
    ['unknown top-level key', 'name: x\nstep:\n  - wait: 1s\n', /^scenarios\/bad\.yaml:2:1: scenario: unknown key "step"/],
    ['unknown step', 'name: x\nsteps:\n  - wait: 1s\n  - expect.reciept: {}\n', /^scenarios\/bad\.yaml:4:5: unknown step "expect.reciept"; known steps like it: .*expect\.receipt/],
    ['two actions in one step', 'name: x\nsteps:\n  - wait: 1s\n    wallet.pay: { payload: x }\n', /^scenarios\/bad\.yaml:4:5: step 1 has 2 actions/],
    ['bad argument key', 'name: x\nsteps:\n  - expect.receipt:\n      timeout: 5s\n      txet: [A]\n', /^scenarios\/bad\.yaml:5:7: expect\.receipt: unknown key "txet"/],
    ['bad duration', 'name: x\nsteps:\n  - expect.receipt:\n      timeout: soon\n', /^scenarios\/bad\.yaml:4:16: expect\.receipt\.timeout: /],
    ['bad enum', 'name: x\nsteps:\n  - expect.receipt: { cut: sideways }\n', /^scenarios\/bad\.yaml:3:28: expect\.receipt\.cut: must be one of "full", "partial", "none", "any"/],
    ['missing required', 'name: x\nsteps:\n  - wallet.pay: {}\n', /^scenarios\/bad\.yaml:3:17: wallet\.pay: missing "payload"/],
    ['step not a mapping', 'name: x\nsteps:\n  - just text\n', /^scenarios\/bad\.yaml:3:5: step 1 must be a mapping/],
    ['duplicate key', 'name: x\nname: y\nsteps:\n  - wait: 1s\n', /^scenarios\/bad\.yaml:2:1: YAML: /],
    ['bad "as"', 'name: x\nsteps:\n  - wait: 1s\n    as: 9lives\n', /^scenarios\/bad\.yaml:4:9: "as" must be a name/],
  ]
  for (const [what, yaml, pattern] of cases) t.match(errorOf(yaml).message, pattern, what)
})

t.test('a parameter matrix expands to one scenario per combination', async (t) => {
  const scenarios = parseScenario(
    'name: m\nparams:\n  amount: ["1.00", "2.50"]\n  paper: [58, 80]\ndevice: { qr: { moduleSize: 4 } }\nsteps:\n  - wait: 1s\n',
    'scenarios/m.yaml',
  )
  t.same(
    scenarios.map((s) => s.name),
    ['m [amount=1.00, paper=58]', 'm [amount=1.00, paper=80]', 'm [amount=2.50, paper=58]', 'm [amount=2.50, paper=80]'],
  )
  t.equal(new Set(scenarios.map((s) => s.id)).size, 4, 'ids are unique')
  t.same(scenarios[3]!.params, { amount: '2.50', paper: 80 })
  t.equal(scenarios[0]!.steps[0]!.location.line, 7)
})

t.test('durations', async (t) => {
  t.equal(parseDuration('250ms'), 250)
  t.equal(parseDuration('10s'), 10_000)
  t.equal(parseDuration('1.5m'), 90_000)
  t.equal(parseDuration(42), 42)
  t.throws(() => parseDuration('soon'), /not a duration/)
  t.throws(() => parseDuration(-1), /non-negative/)
})

t.test('interpolation keeps types for whole references and names what is missing', async (t) => {
  const vars = { sale: { total: '12.30', n: 3 }, list: [1, 2] }
  t.equal(interpolate('${sale.total}', vars), '12.30')
  t.equal(interpolate('${sale.n}', vars), 3)
  t.equal(interpolate('TOTAL ${sale.total} x${sale.n}', vars), 'TOTAL 12.30 x3')
  t.same(interpolate({ a: ['${sale.total}'] }, vars), { a: ['12.30'] })
  t.throws(() => interpolate('${receipt.qr}', vars), /\$\{receipt\.qr\} is not defined \(saved values: sale, list\)/)
})

t.test('every bundled scenario loads', async (t) => {
  const { findScenarioFiles, loadScenarioFile } = await import('../../rig/scenario/load.js')
  const files = await findScenarioFiles(['scenarios'])
  t.ok(files.includes('scenarios/smoke/paid-receipt.yaml'))
  t.notOk(files.some((f) => f.includes('/receipts/')), 'receipt definitions are not mistaken for scenarios')
  for (const f of files) t.ok((await loadScenarioFile(f)).length > 0, f)
})

t.test('the committed editor schema is up to date and accepts the bundled scenarios', async (t) => {
  const { readFileSync } = await import('node:fs')
  const { schemaText, SCHEMA_FILE } = await import('../../rig/cli/commands/schema.js')
  t.equal(readFileSync(SCHEMA_FILE, 'utf8'), schemaText(), 'run `npm run schema` after changing a step')
  const { Ajv } = await import('ajv')
  const { parse } = await import('yaml')
  const validate = new Ajv({ strict: false }).compile(JSON.parse(schemaText()))
  const ok = validate(parse(readFileSync('scenarios/smoke/paid-receipt.yaml', 'utf8')))
  t.ok(ok, JSON.stringify(validate.errors))
  t.notOk(validate(parse('name: x\nsteps:\n  - expect.receipt: { txet: [A] }\n')), 'and rejects a misspelt key')
})
