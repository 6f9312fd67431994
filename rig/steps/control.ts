import type { Bench } from '../bench/types.js'
import { StepUsageError } from '../expect/errors.js'
import { parseDuration } from '../scenario/duration.js'
import type { StepDefinition } from './types.js'

/**
 * Control-API calls scenarios may make, `<step kind>: args` → the method it calls on the
 * bench (fault injection and state changes). An argument list is spread; any other value is
 * the one argument; no value calls without arguments.
 */
export const CONTROLS: Record<string, string[]> = {
  'printer.setPaper': ['printer', 'setPaper'],
  'printer.setCover': ['printer', 'setCover'],
  'printer.setOffline': ['printer', 'setOffline'],
  'printer.setCutterError': ['printer', 'setCutterError'],
  'printer.recover': ['printer', 'recover'],
  'printer.setDrawer': ['printer', 'setDrawer'],
  'modem.setSignal': ['modem', 'setSignal'],
  'modem.setSim': ['modem', 'setSim'],
  'modem.setRegistration': ['modem', 'setRegistration'],
  'modem.setAttach': ['modem', 'setAttach'],
  'modem.setPdp': ['modem', 'setPdp'],
  'modem.setFaults': ['modem', 'setFaults'],
  'modem.clearFaults': ['modem', 'clearFaults'],
  'modem.setLatency': ['modem', 'setLatency'],
  'modem.setBandwidth': ['modem', 'setBandwidth'],
  'modem.setResponseDelay': ['modem', 'setResponseDelay'],
  'modem.dropConnection': ['modem', 'dropConnection'],
  'modem.deactivatePdp': ['modem', 'deactivatePdp'],
  'modem.detachNetwork': ['modem', 'detachNetwork'],
  'modem.strayUrc': ['modem', 'strayUrc'],
  'modem.garbage': ['modem', 'garbage'],
  'modem.reboot': ['modem', 'reboot'],
  'server.setFaults': ['server', 'faults', 'set'],
  'server.clearFaults': ['server', 'faults', 'clear'],
  'server.restart': ['server', 'restart'],
  'server.injectUnknownNotification': ['server', 'injectUnknownNotification'],
  'link.setFaults': ['link', 'setFaults'],
}

export function controlKinds(): string[] {
  return Object.keys(CONTROLS)
}

/** The object a control path starts from; `link.*` names its port in the arguments. */
function root(bench: Bench, name: string, args: unknown): unknown {
  if (name !== 'link') return (bench as unknown as Record<string, unknown>)[name]
  const port = (args as { port?: string } | null)?.port
  const link = port ? bench.links[port as keyof Bench['links']] : undefined
  if (!link) throw new StepUsageError(`link.setFaults needs "port" naming one of: ${Object.keys(bench.links).join(', ')}`)
  return link
}

export function controlStep(kind: string): StepDefinition {
  const path = CONTROLS[kind]!
  return {
    kind,
    summary: `control API: ${path.join('.')}(…)`,
    schema: {},
    defaultTimeoutMs: 60_000,
    async run(ctx, args) {
      let obj = root(ctx.bench, path[0]!, args) as Record<string, unknown>
      for (const key of path.slice(1, -1)) obj = obj?.[key] as Record<string, unknown>
      const fn = obj?.[path.at(-1)!]
      if (typeof fn !== 'function') throw new StepUsageError(`${kind} is not available on this bench`)
      const list = path[0] === 'link' ? [linkFaults(args, ctx.clock.now())] : Array.isArray(args) ? args : args === undefined || args === null ? [] : [args]
      // Wrapped in busy(): a control call may do real I/O (a server restart reopens its ports).
      return await ctx.clock.busy(Promise.resolve((fn as (...a: unknown[]) => unknown).apply(obj, list)))
    },
  }
}

/** `{ port, stall: 5s, drop, corrupt, disconnected }` → the link's fault settings. */
function linkFaults(args: unknown, now: number): unknown {
  const { port: _port, stall, ...rest } = args as Record<string, unknown>
  return stall === undefined ? rest : { ...rest, stallUntil: now + parseDuration(stall as string | number) }
}
