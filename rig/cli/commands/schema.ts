import { writeFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { editorSchema } from '../../scenario/schema.js'
import type { Command } from '../command.js'

export const SCHEMA_FILE = 'scenarios/scenario.schema.json'

export function schemaText(): string {
  return JSON.stringify(editorSchema(), null, 2) + '\n'
}

const command: Command = {
  summary: 'write the scenario JSON Schema for editors',
  usage: `Usage: rig schema [--out FILE]

Writes the JSON Schema of scenario files (default ${SCHEMA_FILE}); point your editor's YAML
support at it, e.g. with "# yaml-language-server: $schema=../scenario.schema.json".`,
  async run(argv) {
    const { values } = parseArgs({ args: argv, options: { out: { type: 'string', default: SCHEMA_FILE } } })
    await writeFile(values.out, schemaText())
    console.log(`wrote ${values.out}`)
    return 0
  },
}

export default command
