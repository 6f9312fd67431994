import { parseDuration } from '../scenario/duration.js'
import type { StepDefinition } from './types.js'

/** Lets virtual (or real) time pass. */
export const wait: StepDefinition<string | number> = {
  kind: 'wait',
  summary: 'let time pass (virtual time on sim benches)',
  schema: { $ref: '#/$defs/duration' },
  async run(ctx, args) {
    await ctx.clock.sleep(parseDuration(args), ctx.signal)
    return undefined
  },
}
