import type { Reporter } from '../rig/runner/reporter.js'
import { JsonReporter } from './json.js'
import { JunitReporter } from './junit.js'
import { ListReporter } from './list.js'
import { HtmlReporter } from './html.js'

/** Reporter names accepted by --reporter. */
export const REPORTERS: Record<string, () => Reporter> = {
  list: () => new ListReporter(),
  json: () => new JsonReporter(),
  junit: () => new JunitReporter(),
  html: () => new HtmlReporter(),
}

export const DEFAULT_REPORTERS = ['list', 'json', 'junit', 'html']

export function createReporters(names: string[]): Reporter[] {
  const reporters = names.map((name) => {
    const make = REPORTERS[name]
    if (!make) throw new RangeError(`unknown reporter "${name}"; known: ${Object.keys(REPORTERS).join(', ')}`)
    return make()
  })
  // A run always says something on the terminal.
  if (!reporters.some((r) => r.printsToStdio?.())) reporters.unshift(new ListReporter())
  return reporters
}
