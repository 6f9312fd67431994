import { isIP } from 'node:net'
import { ModemConfigError } from '../errors.js'

/** Where a socket of the modem really connects, or why it may not. */
export type Destination =
  | { ok: true; host: string; port: number; routed: boolean }
  | { ok: false; reason: 'blocked' | 'unresolved' | 'bad-port' }

/** `host:port` → { host, port }; accepts `[v6]:port`; port optional when `defaultPort` is given. */
export function parseHostPort(text: string, defaultPort?: number): { host: string; port: number } {
  const m = /^\[([^\]]+)\](?::(\d+))?$/.exec(text) ?? /^([^:]+)(?::(\d+))?$/.exec(text)
  const port = m?.[2] !== undefined ? Number(m[2]) : defaultPort
  if (!m || port === undefined || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ModemConfigError(`"${text}" is not host:port`)
  }
  return { host: m[1]!, port }
}

export function isLoopback(host: string): boolean {
  const h = host.toLowerCase()
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h)
}

/**
 * Applies the bench's name resolution (`routes`: 'name:port' or 'name' → 'host[:port]')
 * and the safety policy: loopback targets only, unless the destination is on the allow-list
 * ('host:port' or 'host'). A name that is neither routed, an IP literal, nor allowed does not
 * resolve — the emulator never asks real DNS about names it was not told about.
 */
export function resolveDestination(
  host: string,
  port: number,
  routes: Readonly<Record<string, string>>,
  allow: readonly string[],
): Destination {
  if (!Number.isInteger(port) || port < 1 || port > 65535) return { ok: false, reason: 'bad-port' }
  const route = routes[`${host}:${port}`] ?? routes[host]
  let target = { host, port }
  if (route !== undefined) target = parseHostPort(route, port)
  const allowed = (h: string, p: number): boolean => allow.includes(`${h}:${p}`) || allow.includes(h)
  if (isLoopback(target.host) || allowed(target.host, target.port) || allowed(host, port)) {
    return { ok: true, host: target.host, port: target.port, routed: route !== undefined }
  }
  if (route === undefined && isIP(host) === 0) return { ok: false, reason: 'unresolved' }
  return { ok: false, reason: 'blocked' }
}
