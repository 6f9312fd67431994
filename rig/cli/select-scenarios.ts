import { findScenarioFiles, loadScenarioFile } from '../scenario/load.js'
import type { Scenario } from '../scenario/types.js'
import { UsageError } from './command.js'

/** Loads the scenarios under `paths` (default scenarios/) and applies --grep and --tag. */
export async function selectScenarios(paths: string[], filter: { grep?: string; tags?: string[] }): Promise<Scenario[]> {
  const files = await findScenarioFiles(paths.length ? paths : ['scenarios']).catch((err: Error) => {
    throw new UsageError(err.message)
  })
  const scenarios: Scenario[] = []
  for (const file of files) scenarios.push(...(await loadScenarioFile(file)))
  let grep: RegExp | undefined
  try {
    grep = filter.grep ? new RegExp(filter.grep) : undefined
  } catch (err) {
    throw new UsageError(`--grep: ${(err as Error).message}`)
  }
  return scenarios.filter(
    (s) => (!grep || grep.test(s.name) || grep.test(s.file)) && (!filter.tags?.length || filter.tags.every((t) => s.tags.includes(t))),
  )
}
