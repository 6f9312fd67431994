import { parseArgs } from 'node:util'
import type { Command } from '../command.js'
import { selectScenarios } from '../select-scenarios.js'

const command: Command = {
  summary: 'list scenarios and their parameter expansions',
  usage: `Usage: rig list [paths…] [--grep RE] [--tag T]

Prints one line per runnable scenario (one per parameter combination) with its tags and step count.`,
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { grep: { type: 'string' }, tag: { type: 'string', multiple: true } },
    })
    const scenarios = await selectScenarios(positionals, { grep: values.grep, tags: values.tag })
    for (const s of scenarios) {
      const tags = s.tags.length ? ` [${s.tags.join(', ')}]` : ''
      console.log(`${s.file}:${s.location.line}  ${s.name}${tags}  (${s.steps.length} steps, bench ${s.bench})`)
    }
    console.log(`${scenarios.length} scenario${scenarios.length === 1 ? '' : 's'}`)
    return 0
  },
}

export default command
