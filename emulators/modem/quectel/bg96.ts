import { ERROR, OK, cme, lines, type Reply } from '../at/types.js'
import { simError, type CommandTable, type ModemContext } from '../context.js'
import { MAX_QSEND, qsendEntry } from './common.js'
import { bg96Refusal } from './bg96-state-table.js'
import { newConn, type QuectelIpStack } from './ip-stack.js'

const MAX_ID = 11

/** EC2x/BG96 TCP/IP commands (Quectel BG96 TCP/IP AT Commands Manual). Context 1 only. */
export function bg96Commands(ctx: ModemContext, ip: QuectelIpStack): CommandTable {
  const t: CommandTable = new Map()
  /** The audit table's answer (bg96-state-table.ts) for a command naming socket `id`. */
  const refuse = (command: string, id = 0): Reply | undefined => bg96Refusal(command, ip.bg96State(id), id, (l) => ctx.engine.urc(l))

  t.set('+QICSGP', (c) => {
    if (c.kind === 'test') return lines('+QICSGP: (1-16),(1-3),"APN","USERNAME","PASSWORD",(0-3)')
    const cid = c.args.int(0, 1, 16)
    if (c.kind !== 'set' || cid === undefined) return ERROR
    if (c.args.length === 1) return lines(`+QICSGP: 1,"${ip.apn.name}","${ip.apn.user}","${ip.apn.pwd}",0`)
    if (c.args.int(1, 1, 3) === undefined) return ERROR
    ip.apn = { name: c.args.str(2) ?? '', user: c.args.str(3) ?? '', pwd: c.args.str(4) ?? '' }
    return OK
  })

  t.set('+QIACT', async (c) => {
    if (c.kind === 'read') return lines(...(ip.active ? [`+QIACT: 1,1,1,"${ip.ip}"`] : []))
    if (c.kind === 'test') return lines('+QIACT: (1-16)')
    const cid = c.args.int(0, 1, 16)
    if (c.kind !== 'set' || cid === undefined) return ERROR
    const sim = simError(ctx.net)
    if (sim) return sim
    // An active context is not activated twice (GUESS, see the table; the application note's flow
    // checks AT+QIACT? first, TinyGSM sends AT+QIDEACT before).
    const no = refuse('+QIACT')
    if (no || ip.stage === 'IP CONFIG') return no ?? ERROR
    return (await ip.activate()) ? OK : ERROR
  })

  t.set('+QIDEACT', (c) => {
    if (c.kind !== 'set' || c.args.int(0, 1, 16) === undefined) return c.kind === 'test' ? OK : ERROR
    ip.deactivate()
    return OK
  })

  t.set('+QIOPEN', (c) => {
    if (c.kind === 'test') return OK
    const id = c.args.int(1, 0, MAX_ID)
    const type = c.args.str(2)?.toUpperCase()
    const host = c.args.str(3)
    const port = c.args.int(4, 1, 65535)
    if (c.kind !== 'set' || c.args.int(0, 1, 16) === undefined || id === undefined || !host || port === undefined) return ERROR
    if (type !== 'TCP') return ERROR // UDP and listeners are not modelled.
    // Context 1 inactive: 561; the socket service still allocated (even closed by the peer): 563.
    const no = refuse('+QIOPEN', id)
    if (no) return no
    const conn = newConn(id, host, port)
    ip.conns.set(id, conn)
    ctx.events.emit('tcp-connecting', { id, host, port })
    return { after: () => void ip.open(conn) }
  })

  t.set('+QISEND', (c) => {
    if (c.kind === 'test') return lines('+QISEND: (0-11),(0-1460)')
    const id = c.args.int(0, 0, MAX_ID)
    const len = c.args.has(1) ? c.args.int(1, 0, MAX_QSEND) : undefined
    if (c.kind !== 'set' || id === undefined || (c.args.has(1) && len === undefined)) return ERROR
    const conn = ip.conns.get(id)
    // AT+QISEND=<id>,0 queries the counters of any socket that exists.
    if (len !== 0 && refuse('+QISEND', id)) return ERROR
    if (len === 0) {
      if (!conn) return ERROR
      return lines(`+QISEND: ${conn.sent},${conn.sent},0`)
    }
    if (!conn || conn.state !== 'connected') return ERROR
    return { prompt: qsendEntry(ctx, ip, conn, len) }
  })

  // AT+QISENDEX=<id>,"<hex>": up to 512 hex bytes sent at once (BG96 TCP/IP Application Note §2.2.9).
  t.set('+QISENDEX', (c) => {
    if (c.kind === 'test') return lines('+QISENDEX: (0-11),<hex_string>')
    const id = c.args.int(0, 0, MAX_ID)
    const hex = c.args.str(1)
    if (c.kind !== 'set' || id === undefined || hex === undefined || c.args.length !== 2) return ERROR
    if (!/^([0-9A-Fa-f]{2}){1,512}$/.test(hex)) return ERROR
    const conn = ip.conns.get(id)
    if (!conn || conn.state !== 'connected') return ERROR
    return qsendEntry(ctx, ip, conn, undefined).complete(Buffer.from(hex, 'hex'))
  })

  t.set('+QIRD', (c) => {
    if (c.kind === 'test') return OK
    const id = c.args.int(0, 0, MAX_ID)
    const len = c.args.has(1) ? c.args.int(1, 0, 1500) : 1500
    if (c.kind !== 'set' || id === undefined || len === undefined) return ERROR
    const conn = ip.conns.get(id)
    if (refuse('+QIRD', id) || !conn) return ERROR
    if (len === 0) return lines(`+QIRD: ${conn.totalIn},${conn.readIn},${conn.rxLen}`)
    const data = ip.take(conn, len)
    // The data is followed by its own CRLF, then the final result: `+QIRD: 5<CR><LF>test1<CR><LF><CR><LF>OK`
    // (Quectel BG96 TCP/IP Application Note, AT+QIRD and the buffer-access example).
    return data.length === 0 ? lines('+QIRD: 0') : { lines: [`+QIRD: ${data.length}`], data: `${data.toString('latin1')}\r\n` }
  })

  t.set('+QICLOSE', async (c) => {
    const id = c.args.int(0, 0, MAX_ID)
    if (c.kind !== 'set' || id === undefined) return c.kind === 'test' ? OK : ERROR
    const conn = ip.conns.get(id)
    if (conn) {
      if (conn.state === 'connected') await ctx.sleep(2 * ctx.opts.net.latencyMs)
      ip.close(conn, false)
      ip.conns.delete(id)
    }
    return OK
  })

  const stateLine = (id: number): string | undefined => {
    const conn = ip.conns.get(id)
    if (!conn) return undefined
    const s = { opening: 1, connected: 2, closing: 4, closed: 4 }[conn.state]
    return `+QISTATE: ${id},"TCP","${conn.host}",${conn.port},0,${s},1,0,0,"uart1"`
  }
  t.set('+QISTATE', (c) => {
    if (c.kind === 'test') return OK
    if (c.kind === 'read' || c.kind === 'exec') return lines(...[...ip.conns.keys()].map(stateLine).filter((l): l is string => !!l))
    const type = c.args.int(0, 0, 1)
    const n = c.args.int(1, 0, 16)
    if (type === undefined || n === undefined) return ERROR
    if (type === 0) return lines(...[...ip.conns.keys()].map(stateLine).filter((l): l is string => !!l))
    const l = stateLine(n)
    return l ? lines(l) : OK
  })

  t.set('+QIGETERROR', () => lines('+QIGETERROR: 0,operation successful'))
  t.set('+QSPN', (c) => (c.kind === 'read' ? lines(`+QSPN: "${ctx.net.operator.long}","${ctx.net.operator.short}","",0,"${ctx.net.operator.numeric}"`) : ERROR))
  t.set('+QPING', () => cme(4))
  for (const n of ['+QIDNSCFG', '+QICFG', '+CTZR', '+CTZU', '+QSCLK', '+QNITZ']) t.set(n, (c) => (c.kind === 'read' ? lines(`${n}: 0`) : OK))
  return t
}
