import { request } from 'node:http'
import type { Clock } from '../../../protocols/runtime/clock.js'
import { resolveDestination } from './destination.js'

export interface HttpCall {
  method: 'GET' | 'POST' | 'HEAD'
  /** As the DUT gave it: `http://host[:port]/path` or `host[:port]/path`. */
  url: string
  headers: Record<string, string>
  body?: Buffer
  timeoutMs: number
  /** Cuts the request (modem closed). */
  signal?: AbortSignal
}

export type HttpOutcome =
  | { ok: true; status: number; headers: string; body: Buffer }
  | { ok: false; reason: 'bad-url' | 'unresolved' | 'blocked' | 'connect' | 'timeout' }

/**
 * One real HTTP/1.1 request for the modem's HTTP application, sent to where the URL's
 * host resolves under the bench's routes and the loopback/allow-list policy. The wait is
 * held in clock.busy() so virtual time does not pass the reply; the timeout is virtual.
 */
export async function httpCall(
  clock: Clock,
  call: HttpCall,
  routes: Readonly<Record<string, string>>,
  allow: readonly string[],
): Promise<HttpOutcome> {
  const m = /^(?:(https?):\/\/)?([^/:?#]+)(?::(\d+))?([^#]*)$/i.exec(call.url.trim())
  if (!m) return { ok: false, reason: 'bad-url' }
  const host = m[2]!
  const port = m[3] ? Number(m[3]) : m[1]?.toLowerCase() === 'https' ? 443 : 80
  const path = m[4] || '/'
  const dest = resolveDestination(host, port, routes, allow)
  if (!dest.ok) return { ok: false, reason: dest.reason === 'unresolved' ? 'unresolved' : 'blocked' }
  return clock.busy(
    new Promise<HttpOutcome>((resolve) => {
      let settled = false
      const done = (o: HttpOutcome): void => {
        if (settled) return
        settled = true
        clock.clearTimeout(timer)
        resolve(o)
      }
      const req = request(
        {
          host: dest.host,
          port: dest.port,
          method: call.method,
          path: path.startsWith('/') ? path : `/${path}`,
          headers: { Host: port === 80 ? host : `${host}:${port}`, ...call.headers, ...(call.body ? { 'Content-Length': String(call.body.length) } : {}) },
          agent: false,
        },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () => {
            const head = Object.entries(res.headers)
              .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : v}`)
              .join('\r\n')
            done({ ok: true, status: res.statusCode ?? 0, headers: head, body: Buffer.concat(chunks) })
          })
          res.on('error', () => done({ ok: false, reason: 'connect' }))
        },
      )
      const timer = clock.setTimeout(() => {
        req.destroy()
        done({ ok: false, reason: 'timeout' })
      }, call.timeoutMs)
      req.on('error', () => done({ ok: false, reason: 'connect' }))
      call.signal?.addEventListener('abort', () => req.destroy(), { once: true })
      req.end(call.body)
    }),
  )
}
