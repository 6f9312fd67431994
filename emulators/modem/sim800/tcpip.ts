import { ERROR, OK, cme, lines, type AtCommand, type DataEntry, type Reply } from '../at/types.js'
import { simError, type CommandTable, type ModemContext } from '../context.js'
import { MAX_CONNS, MAX_SEND, type Conn, type Sim800IpStack } from './ip-stack.js'
import { sim800Refusal, type Sim800State } from './state-table.js'

const PROMPT = '\r\n> '

/** SIM800 TCP/IP commands (SIM800 Series AT Command Manual, chapter 8). */
export function tcpipCommands(ctx: ModemContext, ip: Sim800IpStack): CommandTable {
  const t: CommandTable = new Map()
  const { engine } = ctx
  const conn = (n: number): Conn | undefined => ip.conns[n]
  /** The state the audit table keys on: multi mode names the connection a command addresses. */
  const stateFor = (n?: number): Sim800State => {
    if (ip.mux === 1 && n !== undefined && conn(n)?.state === 'CONNECTED') return 'CONNECTION OPEN'
    return ip.state()
  }
  const refuse = (command: string, n?: number, onAlready?: () => void): Reply | undefined => sim800Refusal(command, stateFor(n), ip.mux, onAlready)
  const flag = (name: string, get: () => number, set: (v: 0 | 1) => Reply | void) => (c: AtCommand) => {
    if (c.kind === 'read') return lines(`${name}: ${get()}`)
    if (c.kind === 'test') return lines(`${name}: (0,1)`)
    const v = c.args.int(0, 0, 1)
    if (c.kind !== 'set' || v === undefined) return ERROR
    return set(v as 0 | 1) ?? OK
  }

  t.set('+CSTT', (c) => {
    if (c.kind === 'read') return lines(`+CSTT: "${ip.apn.name}","${ip.apn.user}","${ip.apn.pwd}"`)
    if (c.kind === 'test') return lines('+CSTT: "APN","USER","PWD"')
    const sim = simError(ctx.net)
    if (sim) return sim
    const no = refuse('+CSTT')
    if (no) return no
    if (c.kind === 'set') ip.apn = { name: c.args.str(0) ?? '', user: c.args.str(1) ?? '', pwd: c.args.str(2) ?? '' }
    ip.bearer = 'IP START'
    return OK
  })

  t.set('+CIICR', async (c) => {
    if (c.kind !== 'exec') return c.kind === 'test' ? OK : ERROR
    const no = refuse('+CIICR')
    if (no) return no
    return (await ip.activate()) ? OK : ERROR
  })

  t.set('+CIFSR', (c) => {
    if (c.kind !== 'exec') return c.kind === 'test' ? OK : ERROR
    const no = refuse('+CIFSR')
    if (no || !ip.ip) return no ?? ERROR
    if (ip.bearer === 'IP GPRSACT') ip.bearer = 'IP STATUS'
    // The address is the whole answer: no OK follows (hence TinyGSM's `AT+CIFSR;E0`).
    return { lines: [ip.ip], final: 'none' }
  })

  t.set('+CIPMUX', flag('+CIPMUX', () => ip.mux, (v) => {
    const no = refuse('+CIPMUX')
    if (no) return no
    ip.mux = v
  }))
  t.set('+CIPHEAD', flag('+CIPHEAD', () => ip.head, (v) => void (ip.head = v)))
  t.set('+CIPQSEND', flag('+CIPQSEND', () => ip.qsend, (v) => void (ip.qsend = v)))
  t.set('+CIPSSL', flag('+CIPSSL', () => 0, (v) => (v === 1 ? ERROR : undefined)))
  for (const n of ['+CDNSCFG', '+CIPSPRT', '+CIPSRIP', '+CIPDPDP', '+CIPTKA', '+CIPATS', '+CIPSCONT', '+CIPCSGP', '+CIPSHOWTP', '+CIPUDPMODE']) {
    t.set(n, (c) => (c.kind === 'read' ? lines(`${n}: 0`) : OK))
  }

  t.set('+CIPSTART', (c) => {
    if (c.kind === 'test') return lines('+CIPSTART: ("TCP","UDP"),("(0-255).(0-255).(0-255).(0-255)","DOMAIN NAME"),(1-65535)')
    if (c.kind !== 'set') return ERROR
    const off = ip.mux === 1 ? 1 : 0
    const n = ip.mux === 1 ? c.args.int(0, 0, MAX_CONNS - 1) : 0
    const mode = c.args.str(off)?.toUpperCase()
    const host = c.args.str(off + 1)
    const port = c.args.int(off + 2, 1, 65535)
    if (n === undefined || mode === undefined || host === undefined || port === undefined || c.args.length !== off + 3) return ERROR
    if (mode !== 'TCP') return ERROR // UDP is not modelled: the device profiles use TCP.
    const sim = simError(ctx.net)
    if (sim) return sim
    const cur = conn(n)
    if (cur && (cur.state === 'CONNECTED' || cur.state === 'CONNECTING')) {
      return { final: { error: 'plain' }, after: () => engine.urc(`${ip.prefix(n)}ALREADY CONNECT`) }
    }
    // Single: IP INITIAL (the context comes up implicitly) or IP STATUS; multi: IP STATUS only.
    const no = refuse('+CIPSTART', n)
    if (no) return no
    const fresh: Conn = { n, host, port, state: 'CONNECTING', rx: [], rxLen: 0, notified: false }
    ip.conns[n] = fresh
    ctx.events.emit('tcp-connecting', { id: n, host, port })
    return { after: () => void ip.open(fresh) }
  })

  t.set('+CIPSEND', (c) => {
    if (c.kind === 'test') return lines(ip.mux === 1 ? '+CIPSEND: (0-5),(1-1460)' : '+CIPSEND: <length>')
    if (c.kind === 'read') {
      // No space after the colon (SIM800 Series AT Command Manual V1.05 §8.2.3, read command).
      const l = ip.mux === 1 ? [...Array(MAX_CONNS).keys()].map((n) => `+CIPSEND:${n},${MAX_SEND}`) : [`+CIPSEND:${MAX_SEND}`]
      return lines(...l)
    }
    const n = ip.mux === 1 ? c.args.int(0, 0, MAX_CONNS - 1) : 0
    const lenArg = ip.mux === 1 ? 1 : 0
    const len = c.kind === 'set' && c.args.has(lenArg) ? c.args.int(lenArg, 1, MAX_SEND) : undefined
    if (n === undefined || (c.kind === 'set' && c.args.has(lenArg) && len === undefined)) return ERROR
    if (ip.mux === 1 && c.kind !== 'set') return ERROR
    if (c.kind === 'set' && c.args.length > lenArg + 1) return ERROR
    const target = conn(n)
    const no = refuse('+CIPSEND', n)
    if (no || !target || target.state !== 'CONNECTED') return no ?? ERROR
    return { prompt: sendEntry(target, len) }
  })

  const sendEntry = (target: Conn, length: number | undefined): DataEntry => ({
    prompt: PROMPT,
    ...(length !== undefined ? { length } : { max: MAX_SEND }),
    complete: async (data) => {
      const pre = ip.prefix(target.n)
      if (data.length === 0) return ERROR
      const socket = target.socket
      if (target.state !== 'CONNECTED' || !socket || ctx.packet.sendFail) {
        ctx.events.emit('tcp-send-fail', { id: target.n, bytes: data.length })
        return { lines: [`${pre}SEND FAIL`], final: 'none' }
      }
      const arrive = socket.send(data)
      if (ip.qsend === 1) {
        return { lines: [ip.mux === 1 ? `DATA ACCEPT:${target.n},${data.length}` : `DATA ACCEPT:${data.length}`], final: 'none' }
      }
      // Without quick send, SEND OK waits for the peer's TCP acknowledgement: one more latency back.
      await ctx.sleep(arrive + ctx.opts.net.latencyMs)
      return { lines: [`${pre}SEND OK`], final: 'none' }
    },
  })

  t.set('+CIPRXGET', (c) => {
    if (c.kind === 'read') return lines(`+CIPRXGET: ${ip.rxget}`)
    if (c.kind === 'test') return lines('+CIPRXGET: (0-4),(0-5),(1-1460)')
    const mode = c.args.int(0, 0, 4)
    if (c.kind !== 'set' || mode === undefined) return ERROR
    if (mode <= 1) {
      if (c.args.length !== 1) return ERROR
      ip.rxget = mode as 0 | 1
      return OK
    }
    if (ip.rxget !== 1) return ERROR
    const off = ip.mux === 1 ? 1 : 0
    const n = ip.mux === 1 ? c.args.int(1, 0, MAX_CONNS - 1) : 0
    const target = n === undefined ? undefined : conn(n)
    if (n === undefined || !target) return ERROR
    const id = ip.mux === 1 ? `${n},` : ''
    if (mode === 4) return lines(`+CIPRXGET: 4,${id}${target.rxLen}`)
    const max = c.args.int(off + 1, 1, mode === 2 ? MAX_SEND : MAX_SEND / 2)
    if (max === undefined) return ERROR
    const data = ip.take(target, max)
    const body = mode === 2 ? data.toString('latin1') : data.toString('hex').toUpperCase()
    // Header, then the bytes on their own line: TinyGSM reads exactly <returned> bytes after the header's LF.
    return { lines: [`+CIPRXGET: ${mode},${id}${data.length},${target.rxLen}`], data: body }
  })

  t.set('+CIPSTATUS', (c) => {
    if (c.kind === 'test') return OK
    if (c.kind === 'set') {
      const n = c.args.int(0, 0, MAX_CONNS - 1)
      if (n === undefined || ip.mux !== 1) return ERROR
      return lines(`+CIPSTATUS: ${ip.connStatus(n)}`)
    }
    if (c.kind !== 'exec') return ERROR
    // OK comes FIRST, then the state (Adafruit_FONA relies on it).
    const out = ['OK', `STATE: ${ip.state()}`]
    if (ip.mux === 1 && ip.bearer === 'IP STATUS') {
      out.push([...Array(MAX_CONNS).keys()].map((n) => `C: ${ip.connStatus(n)}`).join('\r\n'))
    }
    return { lines: out, final: 'none' }
  })

  t.set('+CIPCLOSE', async (c) => {
    if (c.kind === 'test') return OK
    if (c.kind === 'read') return ERROR
    const n = ip.mux === 1 ? c.args.int(0, 0, MAX_CONNS - 1) : 0
    const quickArg = ip.mux === 1 ? 1 : 0
    const quick = c.kind === 'set' && c.args.has(quickArg) ? c.args.int(quickArg, 0, 1) : 0
    if (n === undefined || quick === undefined || (ip.mux === 1 && c.kind !== 'set')) return ERROR
    const target = conn(n)
    if (!target || (target.state !== 'CONNECTED' && target.state !== 'CONNECTING')) return ERROR
    target.state = 'CLOSING'
    if (!quick) await ctx.sleep(ctx.opts.net.latencyMs * 2)
    ip.close(target, quick === 1)
    return { lines: [`${ip.prefix(n)}CLOSE OK`], final: 'none' }
  })

  t.set('+CIPSHUT', (c) => {
    if (c.kind !== 'exec') return c.kind === 'test' ? OK : ERROR
    ip.shut()
    return { lines: ['SHUT OK'], final: 'none' }
  })

  return t
}
