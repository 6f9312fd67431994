import { STEPS } from '../steps/registry.js'
import { durationSchema } from '../steps/schema-parts.js'

const lineSettings = {
  type: 'object',
  additionalProperties: false,
  properties: {
    baudRate: { type: 'integer', minimum: 0 },
    dataBits: { enum: [5, 6, 7, 8] },
    parity: { enum: ['none', 'even', 'odd', 'mark', 'space'] },
    stopBits: { enum: [1, 1.5, 2] },
    flowControl: { enum: ['none', 'xonxoff', 'rtscts', 'dtrdsr'] },
  },
}

/** The scenario's top level (steps are checked one by one, for precise messages). */
export const scenarioTopSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'steps'],
  properties: {
    name: { type: 'string', minLength: 1 },
    description: { type: 'string' },
    tags: { type: 'array', items: { type: 'string' } },
    bench: { type: 'string' },
    timeout: durationSchema,
    seed: { type: 'integer', minimum: 0 },
    startTime: { type: 'string', pattern: String.raw`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$` },
    device: { type: 'object' },
    paper: { enum: [58, 80] },
    registerPolls: { type: 'boolean' },
    lines: {
      type: 'object',
      additionalProperties: false,
      properties: { register: lineSettings, printer: lineSettings, modem: lineSettings, console: lineSettings },
    },
    params: { type: 'object', additionalProperties: { type: 'array', minItems: 1 } },
    steps: { type: 'array', minItems: 1 },
  },
}

/** Keys a step may carry besides its kind. */
export const STEP_META_KEYS = ['name', 'as', 'timeout']

/** The whole scenario schema, for editors (scenarios/scenario.schema.json is generated from it). */
export function editorSchema(): Record<string, unknown> {
  const bare = [...STEPS.values()].filter((s) => Object.keys(s.schema).length === 0).map((s) => s.kind)
  const steps: unknown[] = [{ enum: bare, description: 'a control call without arguments' }]
  steps.push(...[...STEPS.values()].map((s) => ({
    type: 'object',
    description: s.summary,
    required: [s.kind],
    additionalProperties: false,
    properties: {
      name: { type: 'string' },
      as: { type: 'string', pattern: '^[A-Za-z_][\\w-]*$' },
      [s.kind]: { description: s.summary, ...s.schema },
    },
  })))
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/qr-receipt-rig/qr-receipt-rig/scenarios/scenario.schema.json',
    title: 'qr-receipt-rig scenario',
    ...scenarioTopSchema,
    properties: { ...scenarioTopSchema.properties, steps: { type: 'array', minItems: 1, items: { anyOf: steps } } },
    $defs: { duration: durationSchema },
  }
}
