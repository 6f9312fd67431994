import type { Bench } from '../bench/types.js'
import { StepUsageError } from '../expect/errors.js'
import type { StepDefinition } from './types.js'

type Target = 'register' | 'printer' | 'modem' | 'server' | 'link'

/**
 * Control-API methods scenarios may call as `<emulator>.<method>: args` (fault injection and
 * state changes). An argument list is spread; any other value is the one argument.
 */
export const CONTROL_METHODS: Record<Exclude<Target, 'link'>, string[]> = {
  register: ['print'],
  printer: ['setPaper', 'setCover', 'setOffline', 'setCutterError', 'setSpeed', 'setDrawer', 'pressFeed'],
  modem: [
    'setSignal',
    'setSim',
    'setRegistration',
    'setAttach',
    'setPdp',
    'dropConnection',
    'reboot',
    'setFault',
    'clearFaults',
    'setLatency',
    'setBandwidth',
    'setResponseDelay',
    'strayUrc',
  ],
  server: ['setFault', 'clearFaults', 'restart', 'injectUnknownNotification'],
}

export function controlKinds(): string[] {
  return [...Object.entries(CONTROL_METHODS).flatMap(([t, ms]) => ms.filter((m) => m !== 'print').map((m) => `${t}.${m}`)), 'link.setFaults']
}

function target(bench: Bench, name: string, args: unknown): object {
  if (name !== 'link') return bench[name as Exclude<Target, 'link'>] as object
  const port = (args as { port?: string })?.port
  const link = port ? bench.links[port as keyof Bench['links']] : undefined
  if (!link) throw new StepUsageError(`link.setFaults needs "port" naming one of: ${Object.keys(bench.links).join(', ')}`)
  return link
}

export function controlStep(kind: string): StepDefinition {
  const [name, method] = kind.split('.') as [Target, string]
  return {
    kind,
    summary: `control API: ${name}.${method}(…)`,
    schema: {},
    defaultTimeoutMs: 60_000,
    async run(ctx, args) {
      const obj = target(ctx.bench, name, args) as Record<string, unknown>
      const fn = obj[method]
      if (typeof fn !== 'function') throw new StepUsageError(`${name} has no control method "${method}" on this bench`)
      const list = Array.isArray(args) ? args : args === undefined || args === null ? [] : [args]
      const callArgs = name === 'link' ? [withoutPort(args)] : list
      return await ctx.clock.busy(Promise.resolve((fn as (...a: unknown[]) => unknown).apply(obj, callArgs)))
    },
  }
}

function withoutPort(args: unknown): unknown {
  const { port: _port, ...rest } = args as Record<string, unknown>
  return rest
}
