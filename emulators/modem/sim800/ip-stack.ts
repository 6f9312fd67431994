import { privateIp, type ModemContext } from '../context.js'
import type { ModemSocket } from '../network/socket.js'
import type { Sim800State } from './state-table.js'

/** Bearer part of the SIM800 CIPSTATUS state machine (SIM800 Series AT Command Manual, AT+CIPSTATUS). */
export type Bearer = 'IP INITIAL' | 'IP START' | 'IP CONFIG' | 'IP GPRSACT' | 'IP STATUS' | 'PDP DEACT'
/** Per-connection state as AT+CIPSTATUS=<n> and the multi-connection C: lines show it. */
export type ConnState = 'INITIAL' | 'CONNECTING' | 'CONNECTED' | 'REMOTE CLOSING' | 'CLOSING' | 'CLOSED'

export interface Conn {
  readonly n: number
  readonly host: string
  readonly port: number
  state: ConnState
  socket?: ModemSocket
  /** Received bytes waiting for AT+CIPRXGET (manual read mode). */
  rx: Buffer[]
  rxLen: number
  /** `+CIPRXGET: 1` already sent and not yet drained. */
  notified: boolean
}

export const MAX_CONNS = 6
/** Largest payload of one CIPSEND / CIPRXGET=2 (SIM800 manual). */
export const MAX_SEND = 1460

/**
 * The SIM800 TCP/IP application: bearer state, up to 6 connections, received-data delivery
 * (+IPD / +RECEIVE / raw / CIPRXGET buffering) and the CLOSED / +PDP: DEACT URCs.
 */
export class Sim800IpStack {
  bearer: Bearer = 'IP INITIAL'
  mux: 0 | 1 = 0
  head: 0 | 1 = 0
  rxget: 0 | 1 = 0
  qsend: 0 | 1 = 0
  apn = { name: 'CMNET', user: '', pwd: '' }
  ip = ''
  readonly conns: Array<Conn | undefined> = []

  constructor(private readonly ctx: ModemContext) {}

  /** Activates the PDP context (CIICR, or implicitly by CIPSTART from IP INITIAL). */
  async activate(): Promise<boolean> {
    this.bearer = 'IP CONFIG'
    await this.ctx.sleep(this.ctx.opts.timings.activate)
    if (this.bearer !== 'IP CONFIG') return false
    if (!this.ctx.net.attached) this.ctx.net.attach(true)
    if (!this.ctx.net.canActivatePdp()) {
      this.bearer = 'PDP DEACT'
      this.ctx.events.emit('pdp', { active: false, reason: 'activation failed' })
      return false
    }
    this.bearer = 'IP GPRSACT'
    this.ip = privateIp(this.ctx)
    this.ctx.events.emit('pdp', { active: true, apn: this.apn.name, ip: this.ip })
    return true
  }

  /** The state AT+CIPSTATUS reports (SIM800 Series AT Command Manual V1.09 §8.2.12). */
  state(): Sim800State {
    if (this.bearer === 'PDP DEACT') return 'PDP DEACT'
    if (this.mux === 0) {
      // Single mode: the connection's state once one was dialled (from IP INITIAL the context comes
      // up inside CIPSTART, which CIPSTATUS shows as TCP CONNECTING — GUESS for the implicit steps).
      switch (this.conns[0]?.state) {
        case 'CONNECTING':
          return 'TCP CONNECTING'
        case 'CONNECTED':
          return 'CONNECT OK'
        case 'CLOSING':
          return 'TCP CLOSING'
        case 'CLOSED':
        case 'REMOTE CLOSING':
          if (this.bearer === 'IP STATUS') return 'TCP CLOSED'
      }
      return this.bearer
    }
    if (this.bearer !== 'IP STATUS') return this.bearer
    return this.conns.some((c) => c?.state === 'CONNECTING') ? 'IP PROCESSING' : 'IP STATUS'
  }

  /** One `C:` line / `+CIPSTATUS:` body for connection n. */
  connStatus(n: number): string {
    const c = this.conns[n]
    if (!c) return `${n},,"","","","INITIAL"`
    return `${n},0,"TCP","${c.host}","${c.port}","${c.state}"`
  }

  /** Connection prefix in URCs and replies: '' in single mode, '<n>, ' in multi mode. */
  prefix(n: number): string {
    return this.mux === 1 ? `${n}, ` : ''
  }

  /** Opens connection n in the background; reports CONNECT OK / CONNECT FAIL as URCs. */
  async open(conn: Conn): Promise<void> {
    const ctx = this.ctx
    await ctx.sleep(ctx.opts.timings.connect)
    if (this.conns[conn.n] !== conn || conn.state !== 'CONNECTING') return
    if (this.bearer === 'IP INITIAL' || this.bearer === 'IP START') {
      const ok = await this.activate()
      if (ok) this.bearer = 'IP STATUS'
      if (!ok) return this.connectFailed(conn)
    }
    const socket = ctx.packet.connectFail
      ? undefined
      : await ctx.connect(conn.n, conn.host, conn.port, {
          data: (bytes) => this.received(conn, bytes),
          closed: () => this.remoteClosed(conn),
        })
    if (this.conns[conn.n] !== conn || conn.state !== 'CONNECTING') {
      socket?.close(true)
      return
    }
    if (!socket) return this.connectFailed(conn)
    conn.socket = socket
    conn.state = 'CONNECTED'
    ctx.engine.urc(`${this.prefix(conn.n)}CONNECT OK`)
  }

  private connectFailed(conn: Conn): void {
    conn.state = 'CLOSED'
    // Single mode: the manual's example shows the state line before CONNECT FAIL.
    if (this.mux === 0) this.ctx.engine.urc(`STATE: ${this.state()}`)
    this.ctx.engine.urc(`${this.prefix(conn.n)}CONNECT FAIL`)
  }

  private received(conn: Conn, bytes: Buffer): void {
    if (this.conns[conn.n] !== conn) return
    const engine = this.ctx.engine
    if (this.rxget === 1) {
      conn.rx.push(bytes)
      conn.rxLen += bytes.length
      if (!conn.notified) {
        conn.notified = true
        engine.urc(this.mux === 1 ? `+CIPRXGET: 1,${conn.n}` : '+CIPRXGET: 1')
      }
      return
    }
    const data = bytes.toString('latin1')
    if (this.mux === 1) engine.urcRaw(`\r\n+RECEIVE,${conn.n},${bytes.length}:\r\n${data}`)
    else if (this.head === 1) engine.urcRaw(`\r\n+IPD,${bytes.length}:${data}`)
    else engine.urcRaw(data)
  }

  /** Takes up to `max` buffered bytes of connection n (CIPRXGET=2/3). */
  take(conn: Conn, max: number): Buffer {
    const all = Buffer.concat(conn.rx)
    const out = all.subarray(0, Math.min(max, all.length))
    const rest = all.subarray(out.length)
    conn.rx = rest.length > 0 ? [rest] : []
    conn.rxLen = rest.length
    if (conn.rxLen === 0) conn.notified = false
    return out
  }

  private remoteClosed(conn: Conn): void {
    if (this.conns[conn.n] !== conn || conn.state !== 'CONNECTED') return
    conn.state = 'CLOSED'
    conn.socket = undefined
    this.ctx.engine.urc(`${this.prefix(conn.n)}CLOSED`)
  }

  /** Closes connection n from the modem side. */
  close(conn: Conn, quick: boolean): void {
    conn.socket?.close(quick)
    conn.socket = undefined
    conn.state = 'CLOSED'
  }

  /** Scenario fault: the network tears the connection(s) down. */
  drop(n?: number): void {
    for (const conn of this.conns) {
      if (!conn || (n !== undefined && conn.n !== n)) continue
      if (conn.state !== 'CONNECTED' && conn.state !== 'CONNECTING') continue
      const was = conn.state
      this.close(conn, true)
      this.ctx.engine.urc(`${this.prefix(conn.n)}${was === 'CONNECTED' ? 'CLOSED' : 'CONNECT FAIL'}`)
    }
  }

  /** The bearer is gone (network detach, PDP deactivation): connections close, +PDP: DEACT. */
  bearerLost(): void {
    const active = this.bearer === 'IP GPRSACT' || this.bearer === 'IP STATUS' || this.bearer === 'IP CONFIG'
    if (!active) return
    this.drop()
    this.bearer = 'PDP DEACT'
    this.ip = ''
    this.ctx.events.emit('pdp', { active: false, reason: 'network' })
    this.ctx.engine.urc('+PDP: DEACT')
  }

  /** Power-on state: no connections, settings back to their defaults. */
  reset(): void {
    this.shut()
    this.mux = 0
    this.head = 0
    this.rxget = 0
    this.qsend = 0
    this.apn = { name: 'CMNET', user: '', pwd: '' }
  }

  /** AT+CIPSHUT / reboot: everything closed, back to IP INITIAL. */
  shut(): void {
    for (const conn of this.conns) if (conn) this.close(conn, true)
    this.conns.length = 0
    if (this.ip) this.ctx.events.emit('pdp', { active: false, reason: 'shut' })
    this.bearer = 'IP INITIAL'
    this.ip = ''
  }
}
