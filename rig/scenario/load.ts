import { readFile, readdir, stat } from 'node:fs/promises'
import { join, relative, resolve } from 'node:path'
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import { LineCounter, parseDocument } from 'yaml'
import { STEPS } from '../steps/registry.js'
import { durationSchema } from '../steps/schema-parts.js'
import { parseDuration } from './duration.js'
import { ScenarioError } from './errors.js'
import { interpolate } from './interpolate.js'
import { scenarioTopSchema, STEP_META_KEYS } from './schema.js'
import { SourceMap } from './source-map.js'
import type { Scenario, ScenarioStep } from './types.js'

const ajv = new Ajv({ allErrors: true, strict: false })
ajv.addSchema({ $id: 'defs', $defs: { duration: durationSchema } })
const validateTop = ajv.compile(scenarioTopSchema)
const stepValidators = new Map<string, ValidateFunction>()

function stepValidator(kind: string): ValidateFunction {
  let v = stepValidators.get(kind)
  if (!v) {
    const schema = JSON.parse(JSON.stringify(STEPS.get(kind)!.schema).replaceAll('"#/$defs/duration"', '"defs#/$defs/duration"'))
    v = ajv.compile(schema)
    stepValidators.set(kind, v)
  }
  return v
}

export const DEFAULT_SCENARIO_TIMEOUT_MS = 10 * 60_000

/** Reads one scenario file; a file with a parameter matrix gives one scenario per combination. */
export async function loadScenarioFile(path: string, cwd = process.cwd()): Promise<Scenario[]> {
  const text = await readFile(path, 'utf8')
  return parseScenario(text, relative(cwd, resolve(path)) || path)
}

export function parseScenario(text: string, file: string): Scenario[] {
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true })
  const map = new SourceMap(file, doc, lines)
  const yamlError = doc.errors[0]
  if (yamlError) throw new ScenarioError(`YAML: ${yamlError.message.split('\n')[0]}`, map.offset(yamlError.pos[0]))
  const raw = doc.toJS() as unknown
  if (!validateTop(raw)) throw ajvError(mostUseful(validateTop.errors), map, [])
  const top = raw as Record<string, unknown>
  const steps = (top.steps as unknown[]).map((s, i) => parseStep(s, i, map))
  const base = {
    file,
    name: top.name as string,
    description: top.description as string | undefined,
    tags: (top.tags as string[] | undefined) ?? [],
    bench: (top.bench as string | undefined) ?? 'sim',
    timeoutMs: top.timeout !== undefined ? parseDuration(top.timeout as string) : DEFAULT_SCENARIO_TIMEOUT_MS,
    seed: top.seed as number | undefined,
    startTime: top.startTime as string | undefined,
    paper: top.paper as 58 | 80 | undefined,
    registerPolls: top.registerPolls as boolean | undefined,
    location: map.at([]),
  }
  return expand(top.params as Record<string, unknown[]> | undefined).map((params) => {
    const label = Object.entries(params)
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(', ')
    const configured = interpolate({ device: top.device, lines: top.lines }, params) as Pick<Scenario, 'device' | 'lines'>
    return {
      ...base,
      ...configured,
      id: label ? `${file}[${label}]` : file,
      name: label ? `${base.name} [${label}]` : base.name,
      params,
      steps,
    }
  })
}

function parseStep(value: unknown, index: number, map: SourceMap): ScenarioStep {
  const path = ['steps', index]
  // A bare step name ("- modem.dropConnection") is a call without arguments.
  if (typeof value === 'string' && STEPS.has(value) && Object.keys(STEPS.get(value)!.schema).length === 0) {
    return { index, kind: value, args: undefined, name: value, location: map.at(path) }
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new ScenarioError(`step ${index + 1} must be a mapping like "- register.print: {...}"`, map.at(path))
  }
  const entry = value as Record<string, unknown>
  const kinds = Object.keys(entry).filter((k) => !STEP_META_KEYS.includes(k))
  if (kinds.length !== 1) {
    const what = kinds.length === 0 ? 'no action' : `${kinds.length} actions (${kinds.join(', ')})`
    throw new ScenarioError(`step ${index + 1} has ${what}; a step has exactly one`, map.at(path, kinds[1]))
  }
  const kind = kinds[0]!
  if (!STEPS.has(kind)) {
    throw new ScenarioError(`unknown step "${kind}"${suggest(kind)}`, map.at(path, kind))
  }
  const validate = stepValidator(kind)
  const args = entry[kind]
  if (!validate(args)) throw ajvError(mostUseful(validate.errors), map, [...path, kind], kind)
  if (entry.as !== undefined && (typeof entry.as !== 'string' || !/^[A-Za-z_][\w-]*$/.test(entry.as))) {
    throw new ScenarioError(`"as" must be a name like "receipt"`, map.at([...path, 'as']))
  }
  if (entry.name !== undefined && typeof entry.name !== 'string') throw new ScenarioError(`"name" must be text`, map.at([...path, 'name']))
  return {
    index,
    kind,
    args,
    name: (entry.name as string | undefined) ?? kind,
    as: entry.as as string | undefined,
    location: map.at(path, kind),
  }
}

/** A misspelt key explains a "missing" one; schema combinators (oneOf) explain least. */
function mostUseful(errors: ErrorObject[] | null | undefined): ErrorObject | undefined {
  const rank = (e: ErrorObject): number =>
    e.keyword === 'additionalProperties' ? 0 : e.keyword === 'required' ? 2 : ['oneOf', 'anyOf', 'if'].includes(e.keyword) ? 3 : 1
  return [...(errors ?? [])].sort((a, b) => rank(a) - rank(b) || b.instancePath.length - a.instancePath.length)[0]
}

function ajvError(err: ErrorObject | undefined, map: SourceMap, base: Array<string | number>, kind?: string): ScenarioError {
  if (!err) return new ScenarioError('invalid scenario', map.at(base))
  const path = [...base, ...err.instancePath.split('/').filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p.replace(/~1/g, '/').replace(/~0/g, '~')))]
  const where = kind ? `${kind}${err.instancePath.replace(/\//g, '.')}` : err.instancePath.slice(1).replace(/\//g, '.') || 'scenario'
  if (err.keyword === 'additionalProperties') {
    const key = (err.params as { additionalProperty: string }).additionalProperty
    return new ScenarioError(`${where}: unknown key "${key}"`, map.at(path, key))
  }
  if (err.keyword === 'required') {
    return new ScenarioError(`${where}: missing "${(err.params as { missingProperty: string }).missingProperty}"`, map.at(path))
  }
  if (err.keyword === 'enum') {
    return new ScenarioError(`${where}: must be one of ${(err.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`, map.at(path))
  }
  return new ScenarioError(`${where}: ${err.message ?? 'invalid'}`, map.at(path))
}

function suggest(kind: string): string {
  const all = [...STEPS.keys()]
  const near = all.filter((k) => k.split('.')[0] === kind.split('.')[0] || distance(k, kind) <= 3)
  return near.length ? `; known steps like it: ${near.slice(0, 6).join(', ')}` : `; known steps: ${all.filter((k) => !/\.set|\.drop|\.reboot|\.clear|\.restart|\.inject|\.stray|\.press/.test(k)).join(', ')}`
}

function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)])
  for (let j = 1; j <= b.length; j++) d[0]![j] = j
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
  return d[a.length]![b.length]!
}

function expand(params: Record<string, unknown[]> | undefined): Array<Record<string, unknown>> {
  let combos: Array<Record<string, unknown>> = [{}]
  for (const [key, values] of Object.entries(params ?? {})) {
    combos = combos.flatMap((c) => values.map((v) => ({ ...c, [key]: v })))
  }
  return combos
}

/** Scenario files under the given paths (files or folders); folders are searched for *.yaml with `steps`. */
export async function findScenarioFiles(paths: string[]): Promise<string[]> {
  const found: string[] = []
  for (const p of paths) {
    const s = await stat(p).catch(() => undefined)
    if (!s) throw new Error(`no such file or folder: ${p}`)
    if (s.isFile()) found.push(p)
    else found.push(...(await walk(p)))
  }
  return [...new Set(found)].sort()
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = []
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...(await walk(p)))
    else if (/\.ya?ml$/.test(entry.name) && /^steps\s*:/m.test(await readFile(p, 'utf8'))) out.push(p)
  }
  return out
}
