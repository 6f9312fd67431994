import { ExpectationError, StepUsageError } from '../expect/errors.js'
import { waitFor } from '../expect/wait-for.js'
import { durationSchema } from './schema-parts.js'
import type { StepDefinition } from './types.js'

interface DisplayArgs {
  /** Substring the display must show, or /regex/. */
  text: string
  timeout?: string | number
}

function matcher(text: string): (s: string) => boolean {
  const re = /^\/(.*)\/([a-z]*)$/.exec(text)
  if (re) return (s) => new RegExp(re[1]!, re[2]).test(s)
  return (s) => s.includes(text)
}

/** Waits until the device's display shows the text (read back through the console port). */
export const expectDisplay: StepDefinition<DisplayArgs> = {
  kind: 'expect.display',
  summary: "the device's display shows the text (a substring or /regex/)",
  schema: { type: 'object', additionalProperties: false, required: ['text'], properties: { text: { type: 'string' }, timeout: durationSchema } },
  defaultTimeoutMs: 30_000,
  async run(ctx, args, timeoutMs) {
    const monitor = ctx.bench.console
    if (!monitor) throw new StepUsageError('this bench has no console port, so the display cannot be read back')
    const match = matcher(args.text)
    const current = monitor.display
    if (current !== undefined && match(current)) return { text: current }
    const log = monitor.events
    const { result } = await waitFor({
      log,
      from: log.events.length + log.dropped,
      clock: ctx.clock,
      timeoutMs,
      signal: ctx.signal,
      what: `the display to show ${JSON.stringify(args.text)}`,
      match: (e) => (e.type === 'display' && match((e.data as { text: string }).text) ? { text: (e.data as { text: string }).text } : undefined),
    }).catch((err: Error) => {
      throw new ExpectationError(`${err.message}; it shows ${JSON.stringify(monitor.display ?? '')}`, args.text, monitor.display)
    })
    return result
  },
}

/** The operator presses keys on the device's keypad (sent through the console port). */
export const consolePress: StepDefinition<string> = {
  kind: 'console.press',
  summary: "the operator presses keys on the device's keypad",
  schema: { type: 'string' },
  async run(ctx, keys) {
    if (!ctx.bench.console) throw new StepUsageError('this bench has no console port')
    ctx.bench.console.press(keys)
    return undefined
  },
}
