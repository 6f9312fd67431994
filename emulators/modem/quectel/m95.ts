import { ERROR, OK, lines, type AtCommand, type Reply } from '../at/types.js'
import { simError, type CommandTable, type ModemContext } from '../context.js'
import { MAX_QSEND, qsendEntry } from './common.js'
import { newConn, type QuectelIpStack } from './ip-stack.js'
import { m95Refusal } from './m95-state-table.js'

const MAX_ID = 5

/** M95/M26 TCP/IP commands (Quectel M95 AT Commands Manual, chapter TCPIP). */
export function m95Commands(ctx: ModemContext, ip: QuectelIpStack): CommandTable {
  const t: CommandTable = new Map()
  /** The audit table's answer (m95-state-table.ts) for a command naming connection `id`. */
  const refuse = (command: string, id?: number, onAlready?: () => void): Reply | undefined => m95Refusal(command, ip.m95State(id), ip.mux, onAlready)
  const flag = (name: string, get: () => number, set: (v: 0 | 1) => void, audited = false) => (c: AtCommand) => {
    if (c.kind === 'read') return lines(`${name}: ${get()}`)
    const v = c.args.int(0, 0, 1)
    if (c.kind !== 'set' || v === undefined) return c.kind === 'test' ? lines(`${name}: (0,1)`) : ERROR
    const no = audited ? refuse(name) : undefined
    if (no) return no
    set(v as 0 | 1)
    return OK
  }

  t.set('+QIFGCNT', (c) => (c.kind === 'read' ? lines('+QIFGCNT: 0,0') : c.kind === 'set' && c.args.int(0, 0, 1) !== undefined ? OK : ERROR))
  t.set('+QICSGP', (c) => {
    if (c.kind === 'read') return lines(`+QICSGP: 1,"${ip.apn.name}"`)
    const mode = c.args.int(0, 0, 1)
    if (c.kind !== 'set' || mode === undefined) return c.kind === 'test' ? OK : ERROR
    ip.apn = { name: c.args.str(1) ?? '', user: c.args.str(2) ?? '', pwd: c.args.str(3) ?? '' }
    return OK
  })
  // Only non-transparent mode is modelled: AT+QIMODE=1 is refused.
  t.set('+QIMODE', (c) => {
    if (c.kind === 'read') return lines('+QIMODE: 0')
    if (c.kind === 'test') return lines('+QIMODE: (0,1)')
    if (c.kind !== 'set' || c.args.int(0, 0, 0) !== 0) return ERROR
    return refuse('+QIMODE') ?? OK
  })
  t.set('+QIMUX', flag('+QIMUX', () => ip.mux, (v) => (ip.mux = v), true))
  t.set('+QINDI', flag('+QINDI', () => ip.indi, (v) => (ip.indi = v)))
  for (const n of ['+QIDNSIP', '+QIHEAD', '+QISHOWRA', '+QISHOWPT', '+QISHOWLA', '+QIPROMPT', '+QISDE', '+QNITZ', '+QIDNSCFG']) {
    t.set(n, (c) => (c.kind === 'read' ? lines(`${n}: 0`) : OK))
  }

  t.set('+QIREGAPP', (c) => {
    if (c.kind === 'read') return lines(`+QIREGAPP: "${ip.apn.name}","${ip.apn.user}","${ip.apn.pwd}"`)
    if (c.kind === 'test') return OK
    const sim = simError(ctx.net)
    if (sim) return sim
    const no = refuse('+QIREGAPP')
    if (no) return no
    if (c.kind === 'set') ip.apn = { name: c.args.str(0) ?? '', user: c.args.str(1) ?? '', pwd: c.args.str(2) ?? '' }
    ip.stage = 'IP START'
    return OK
  })

  t.set('+QIACT', async (c) => {
    if (c.kind !== 'exec') return c.kind === 'test' ? OK : ERROR
    const no = refuse('+QIACT')
    if (no) return no
    return (await ip.activate()) ? OK : ERROR
  })

  t.set('+QILOCIP', (c) => {
    if (c.kind !== 'exec') return ERROR
    const no = refuse('+QILOCIP')
    if (no || !ip.ip) return no ?? ERROR
    if (ip.stage === 'IP GPRSACT') ip.stage = 'IP STATUS'
    return { lines: [ip.ip], final: 'none' }
  })

  t.set('+QIDEACT', (c) => {
    if (c.kind !== 'exec') return c.kind === 'test' ? OK : ERROR
    ip.deactivate()
    return { lines: ['DEACT OK'], final: 'none' }
  })

  // AT+QIOPEN=[<index>,]"TCP","host",port  (the index only with AT+QIMUX=1)
  t.set('+QIOPEN', (c) => {
    if (c.kind !== 'set') return c.kind === 'test' ? OK : ERROR
    const off = ip.mux === 1 ? 1 : 0
    const id = ip.mux === 1 ? c.args.int(0, 0, MAX_ID) : 0
    const type = c.args.str(off)?.toUpperCase()
    const host = c.args.str(off + 1)
    const port = c.args.int(off + 2, 1, 65535)
    if (id === undefined || !host || port === undefined || c.args.length !== off + 3) return ERROR
    if (type !== 'TCP') return ERROR
    const sim = simError(ctx.net)
    if (sim) return sim
    const no = refuse('+QIOPEN', id, () => ctx.engine.urc(`${ip.prefix(id)}ALREADY CONNECT`))
    if (no) return no
    const conn = newConn(id, host, port)
    ip.conns.set(id, conn)
    ctx.events.emit('tcp-connecting', { id, host, port })
    return { after: () => void ip.open(conn) }
  })

  t.set('+QISEND', (c) => {
    if (c.kind === 'test') return OK
    const id = ip.mux === 1 ? c.args.int(0, 0, MAX_ID) : 0
    const lenArg = ip.mux === 1 ? 1 : 0
    const len = c.kind === 'set' && c.args.has(lenArg) ? c.args.int(lenArg, 1, MAX_QSEND) : undefined
    if (id === undefined || (c.kind === 'set' && c.args.has(lenArg) && len === undefined)) return ERROR
    const no = refuse('+QISEND', id)
    if (no) return no
    const conn = ip.conns.get(id)
    if (!conn || conn.state !== 'connected') return ERROR
    return { prompt: qsendEntry(ctx, ip, conn, len) }
  })

  // AT+QIRD=<id>,<sc>,<sid>,<len>: id = context 0, sc = 1 (client), sid = connection.
  t.set('+QIRD', (c) => {
    if (c.kind !== 'set') return c.kind === 'test' ? OK : ERROR
    const sid = c.args.int(2, 0, MAX_ID)
    const len = c.args.int(3, 1, 1500)
    if (c.args.int(0, 0, 1) === undefined || c.args.int(1, 1, 2) === undefined || sid === undefined || len === undefined) return ERROR
    const conn = ip.conns.get(sid)
    if (!conn) return ERROR
    const data = ip.take(conn, len)
    // Nothing buffered: the answer is a bare OK.
    return data.length === 0 ? OK : { lines: [`+QIRD: ${conn.host}:${conn.port},TCP,${data.length}`], data: data.toString('latin1') }
  })

  t.set('+QICLOSE', async (c) => {
    const id = ip.mux === 1 ? c.args.int(0, 0, MAX_ID) : 0
    if (id === undefined || (ip.mux === 1 && c.kind !== 'set')) return ERROR
    const no = refuse('+QICLOSE', id)
    if (no) return no
    const conn = ip.conns.get(id)
    if (!conn || (conn.state !== 'connected' && conn.state !== 'opening')) return ERROR
    if (conn.state === 'connected') await ctx.sleep(2 * ctx.opts.net.latencyMs)
    ip.close(conn, false)
    return { lines: [`${ip.prefix(id)}CLOSE OK`], final: 'none' }
  })

  t.set('+QISACK', (c) => {
    const id = ip.mux === 1 ? c.args.int(0, 0, MAX_ID) : 0
    const conn = id === undefined ? undefined : ip.conns.get(id)
    if (!conn) return ERROR
    return lines(`+QISACK: ${conn.sent},${conn.sent},0`)
  })

  const connLine = (id: number): string | undefined => {
    const conn = ip.conns.get(id)
    if (!conn) return undefined
    const s = { opening: 1, connected: 2, closing: 4, closed: 4 }[conn.state]
    return `+QISTATE: ${id},"TCP","${conn.host}",${conn.port},0,${s},1,0,0,"uart1"`
  }
  t.set('+QISTATE', (c) => {
    if (c.kind === 'set') {
      const n = c.args.int(1, 0, MAX_ID)
      if (c.args.int(0, 0, 1) !== 1 || n === undefined) return ERROR
      const l = connLine(n)
      return l ? lines(l) : OK
    }
    // OK first, then the state, as AT+QISTAT answers (M35 AT Commands Manual V1.0 §11.9); the
    // +QISTATE connection lines after it follow TinyGSM's reading (GUESS for their layout).
    const conns = [...ip.conns.keys()].map(connLine).filter((l): l is string => !!l)
    return { lines: ['OK', `STATE: ${ip.mux === 0 ? ip.m95State() : ip.stage}`, ...(conns.length ? [conns.join('\r\n')] : [])], final: 'none' }
  })
  // AT+QISTAT (M35 AT Commands Manual V1.0 §11.9): QIMUX=0 → OK, then STATE: <state>; QIMUX=1 → one
  // +QISTAT: <index>,<mode>,<addr>,<port> line per connection, then OK (GUESS: quoting of mode and addr).
  t.set('+QISTAT', (c) => {
    if (c.kind === 'test') return OK
    if (c.kind !== 'exec') return ERROR
    if (ip.mux === 0) return { lines: ['OK', `STATE: ${ip.m95State()}`], final: 'none' }
    return lines(...[...ip.conns.values()].filter((k) => k.state !== 'closed').map((k) => `+QISTAT: ${k.id},"TCP","${k.host}",${k.port}`))
  })
  return t
}
