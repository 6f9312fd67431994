import { ERROR, OK, cme, lines, type Reply } from '../at/types.js'
import { privateIp, simError, type CommandTable, type ModemContext } from '../context.js'
import { httpCall, type HttpOutcome } from '../network/http-client.js'

const METHODS = ['GET', 'POST', 'HEAD'] as const

/** Network-error statuses of +HTTPACTION (SIM800 HTTP application note; exact mapping is a GUESS). */
const NET_ERROR: Record<Exclude<HttpOutcome, { ok: true }>['reason'], number> = {
  'bad-url': 603,
  unresolved: 603,
  blocked: 601,
  connect: 601,
  timeout: 408,
}

interface Bearer {
  params: Record<string, string>
  open: boolean
  ip: string
}

/**
 * The SIM800 bearer (AT+SAPBR) and HTTP application (AT+HTTPINIT/PARA/DATA/ACTION/READ/TERM).
 * HTTPACTION makes a REAL HTTP request to the routed target; its result arrives as the
 * `+HTTPACTION: <method>,<status>,<length>` URC.
 */
export function httpCommands(ctx: ModemContext): { table: CommandTable; bearerLost(): void; reset(): void; bearerOpen(): boolean } {
  const t: CommandTable = new Map()
  const bearer: Bearer = { params: { CONTYPE: 'GPRS', APN: '' }, open: false, ip: '0.0.0.0' }
  let session: { params: Record<string, string>; data: Buffer; busy: boolean; response?: { method: number; status: number; headers: string; body: Buffer } } | undefined

  t.set('+SAPBR', async (c) => {
    if (c.kind === 'test') return lines('+SAPBR: (0-4),(1-3),"ConParamTag","ConParamValue"')
    const cmd = c.args.int(0, 0, 4)
    const cid = c.args.int(1, 1, 3)
    if (c.kind !== 'set' || cmd === undefined || cid === undefined) return ERROR
    if (cid !== 1) return cmd === 2 ? lines(`+SAPBR: ${cid},3,"0.0.0.0"`) : ERROR
    switch (cmd) {
      case 3: {
        const tag = c.args.str(2)?.toUpperCase()
        if (!tag) return ERROR
        bearer.params[tag] = c.args.str(3) ?? ''
        return OK
      }
      case 4:
        return lines('+SAPBR:', ...Object.entries(bearer.params).map(([k, v]) => `${k}: ${v}`))
      case 2:
        return lines(`+SAPBR: 1,${bearer.open ? 1 : 3},"${bearer.ip}"`)
      case 1: {
        const sim = simError(ctx.net)
        if (sim) return sim
        if (bearer.open) return ERROR
        await ctx.sleep(ctx.opts.timings.activate)
        if (!ctx.net.attached) ctx.net.attach(true)
        if (!ctx.net.canActivatePdp()) return ERROR
        bearer.open = true
        bearer.ip = privateIp(ctx)
        ctx.events.emit('bearer', { open: true, apn: bearer.params.APN, ip: bearer.ip })
        return OK
      }
      default: {
        if (!bearer.open) return ERROR
        bearer.open = false
        bearer.ip = '0.0.0.0'
        ctx.events.emit('bearer', { open: false, reason: 'host' })
        return OK
      }
    }
  })

  t.set('+HTTPINIT', (c) => {
    if (c.kind !== 'exec') return c.kind === 'test' ? OK : ERROR
    if (session) return ERROR
    session = { params: { CID: '1', UA: 'SIMCOM_MODULE', TIMEOUT: '120' }, data: Buffer.alloc(0), busy: false }
    return OK
  })

  t.set('+HTTPTERM', (c) => {
    if (c.kind !== 'exec') return c.kind === 'test' ? OK : ERROR
    if (!session) return ERROR
    session = undefined
    return OK
  })

  t.set('+HTTPPARA', (c) => {
    if (c.kind === 'test') return lines('+HTTPPARA: "HTTPParamTag","HTTPParamValue"')
    if (c.kind === 'read') return session ? lines(...Object.entries(session.params).map(([k, v]) => `+HTTPPARA: ${k},"${v}"`)) : ERROR
    const tag = c.args.str(0)?.toUpperCase()
    if (c.kind !== 'set' || !session || !tag) return ERROR
    // Everything after the tag is the value (URLs may hold commas).
    const rest = c.args.raw.slice(1).join(',').trim()
    session.params[tag] = rest.startsWith('"') && rest.endsWith('"') && rest.length >= 2 ? rest.slice(1, -1) : rest
    return OK
  })

  t.set('+HTTPDATA', (c) => {
    if (c.kind === 'test') return lines('+HTTPDATA: (1-319488),(1000-120000)')
    const size = c.args.int(0, 1, 319_488)
    const time = c.args.int(1, 1000, 120_000)
    if (c.kind !== 'set' || !session || size === undefined || time === undefined) return ERROR
    const s = session
    return {
      prompt: {
        prompt: '\r\nDOWNLOAD\r\n',
        length: size,
        timeoutMs: time,
        echo: false,
        complete: (data: Buffer): Reply => {
          s.data = data
          return OK
        },
      },
    }
  })

  t.set('+HTTPACTION', (c) => {
    if (c.kind === 'test') return lines('+HTTPACTION: (0-2)')
    const method = c.args.int(0, 0, 2)
    if (c.kind !== 'set' || !session || method === undefined) return ERROR
    const s = session
    if (s.busy) return { after: () => ctx.engine.urc(`+HTTPACTION: ${method},604,0`) }
    s.busy = true
    return { after: () => void action(s, method) }
  })

  const action = async (s: NonNullable<typeof session>, method: number): Promise<void> => {
    const { latencyMs } = ctx.opts.net
    await ctx.sleep(ctx.opts.timings.http + 2 * latencyMs)
    let status: number
    let body: Buffer = Buffer.alloc(0)
    let headers = ''
    if (!bearer.open) status = 601
    else {
      const extra = Object.fromEntries(
        (s.params.USERDATA ?? '')
          .split(/\\r\\n|\r\n/)
          .map((l) => /^([^:]+):\s*(.*)$/.exec(l))
          .filter((m): m is RegExpExecArray => m !== null)
          .map((m) => [m[1]!, m[2]!]),
      )
      const out = await httpCall(
        ctx.clock,
        {
          method: METHODS[method]!,
          url: s.params.URL ?? '',
          headers: { 'User-Agent': s.params.UA ?? 'SIMCOM_MODULE', ...(s.params.CONTENT ? { 'Content-Type': s.params.CONTENT } : {}), ...extra },
          ...(method === 1 ? { body: s.data } : {}),
          timeoutMs: Number(s.params.TIMEOUT ?? 120) * 1000,
          signal: ctx.signal,
        },
        ctx.opts.routes,
        ctx.opts.allow,
      )
      if (out.ok) {
        status = out.status
        body = out.body
        headers = out.headers
      } else status = NET_ERROR[out.reason]
      ctx.events.emit('http', { method: METHODS[method], url: s.params.URL, status, bytes: body.length })
    }
    s.busy = false
    if (session !== s || ctx.signal.aborted) return
    s.response = { method, status, headers, body }
    ctx.engine.urc(`+HTTPACTION: ${method},${status},${body.length}`)
  }

  t.set('+HTTPREAD', (c) => {
    if (c.kind === 'test') return OK
    const r = session?.response
    if (!session) return ERROR
    if (!r) return OK
    const start = c.kind === 'set' ? c.args.int(0, 0) : 0
    const size = c.kind === 'set' ? c.args.int(1, 1) : r.body.length
    if (start === undefined || size === undefined) return ERROR
    const part = r.body.subarray(start, start + size)
    return { lines: [`+HTTPREAD: ${part.length}`], data: part.toString('latin1') }
  })

  t.set('+HTTPHEAD', (c) => {
    const r = session?.response
    if (c.kind !== 'exec' || !r) return ERROR
    return { lines: [`+HTTPHEAD: ${r.headers.length}`], data: r.headers }
  })

  t.set('+HTTPSTATUS', (c) => {
    if (c.kind !== 'read') return c.kind === 'test' ? OK : ERROR
    if (!session) return cme(3)
    const m = METHODS[session.response?.method ?? 0]
    return lines(`+HTTPSTATUS: ${m},${session.busy ? 1 : 0},0,0`)
  })

  for (const n of ['+HTTPSSL', '+HTTPSCONT']) t.set(n, (c) => (c.kind === 'read' ? lines(`${n}: 0`) : OK))

  const bearerLost = (): void => {
    if (!bearer.open) return
    bearer.open = false
    bearer.ip = '0.0.0.0'
    ctx.events.emit('bearer', { open: false, reason: 'network' })
    ctx.engine.urc('+SAPBR 1: DEACT')
  }
  const reset = (): void => {
    bearer.open = false
    bearer.ip = '0.0.0.0'
    bearer.params = { CONTYPE: 'GPRS', APN: '' }
    session = undefined
  }
  return { table: t, bearerLost, reset, bearerOpen: () => bearer.open }
}
