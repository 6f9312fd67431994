import { privateIp, type ModemContext } from '../context.js'
import type { ModemSocket } from '../network/socket.js'
import type { Bg96State } from './bg96-state-table.js'
import type { M95State } from './m95-state-table.js'

/** Quectel module families differ in command syntax and URC style. */
export type Family = 'm95' | 'bg96'

export interface QConn {
  readonly id: number
  readonly host: string
  readonly port: number
  state: 'opening' | 'connected' | 'closing' | 'closed'
  socket?: ModemSocket
  rx: Buffer[]
  rxLen: number
  /** Bytes received in total and read by the host (AT+QIRD=<id>,0). */
  totalIn: number
  readIn: number
  sent: number
  notified: boolean
}

/** M95 TCP/IP stages as AT+QISTATE names them (M95 AT Commands Manual, AT+QISTAT). */
export type Stage = 'IP INITIAL' | 'IP START' | 'IP CONFIG' | 'IP GPRSACT' | 'IP STATUS' | 'PDP DEACT'

/**
 * Connections and context of a Quectel TCP/IP stack, with the URCs of each family:
 * BG96/EC2x `+QIOPEN:`, `+QIURC: "recv"|"closed"|"pdpdeact"`; M95/M26 `<id>, CONNECT OK`,
 * `+QIRDI: 0,1,<id>`, `<id>, CLOSED`, `+PDP DEACT`.
 */
export class QuectelIpStack {
  stage: Stage = 'IP INITIAL'
  apn = { name: '', user: '', pwd: '' }
  ip = ''
  /** M95 AT+QIMUX / AT+QINDI. */
  mux: 0 | 1 = 0
  indi: 0 | 1 = 0
  readonly conns = new Map<number, QConn>()

  constructor(
    private readonly ctx: ModemContext,
    readonly family: Family,
  ) {}

  get active(): boolean {
    return this.stage === 'IP GPRSACT' || this.stage === 'IP STATUS'
  }

  async activate(): Promise<boolean> {
    this.stage = 'IP CONFIG'
    await this.ctx.sleep(this.ctx.opts.timings.activate)
    if (this.stage !== 'IP CONFIG') return false
    if (!this.ctx.net.attached) this.ctx.net.attach(true)
    if (!this.ctx.net.canActivatePdp()) {
      this.stage = this.family === 'm95' ? 'IP START' : 'IP INITIAL'
      this.ctx.events.emit('pdp', { active: false, reason: 'activation failed' })
      return false
    }
    this.stage = 'IP GPRSACT'
    this.ip = privateIp(this.ctx)
    this.ctx.events.emit('pdp', { active: true, apn: this.apn.name, ip: this.ip })
    return true
  }

  /**
   * M95: the state AT+QISTAT reports with AT+QIMUX=0 (Quectel M35 AT Commands Manual V1.0 §11.9: the
   * connection's state once one was opened), or with AT+QIMUX=1 the stage, qualified as CONNECTION
   * OPEN when connection `id` is opening or open (the key of the multi-connection audit table).
   */
  m95State(id?: number): M95State {
    if (this.stage === 'PDP DEACT') return 'PDP DEACT'
    if (this.mux === 1) {
      const c = id === undefined ? undefined : this.conns.get(id)
      return c && (c.state === 'opening' || c.state === 'connected') ? 'CONNECTION OPEN' : this.stage
    }
    switch (this.conns.get(0)?.state) {
      case 'opening':
        return 'TCP CONNECTING'
      case 'connected':
        return 'CONNECT OK'
      case 'closing':
      case 'closed':
        if (this.stage === 'IP STATUS') return 'IP CLOSE'
    }
    return this.stage
  }

  /** BG96: context 1 × the state of socket service `id`, the key of the BG96 audit table. */
  bg96State(id: number): Bg96State {
    const context = this.active ? 'ACTIVE' : this.stage === 'PDP DEACT' ? 'DEACT' : 'INACTIVE'
    const conn = this.conns.get(id)
    const socket = !conn ? 'Initial' : conn.state === 'opening' ? 'Opening' : conn.state === 'connected' ? 'Connected' : 'Closing'
    return `${context} / ${socket}`
  }

  prefix(id: number): string {
    return this.family === 'm95' && this.mux === 0 ? '' : `${id}, `
  }

  /** Opens a connection in the background and reports the family's result URC. */
  async open(conn: QConn): Promise<void> {
    const ctx = this.ctx
    await ctx.sleep(ctx.opts.timings.connect)
    if (this.conns.get(conn.id) !== conn || conn.state !== 'opening') return
    if (!this.active && this.family === 'm95' && (this.stage === 'IP INITIAL' || this.stage === 'IP START')) await this.activate()
    if (!this.active) return this.failed(conn, 561)
    if (this.stage === 'IP GPRSACT') this.stage = 'IP STATUS'
    const socket = ctx.packet.connectFail
      ? undefined
      : await ctx.connect(conn.id, conn.host, conn.port, { data: (b) => this.received(conn, b), closed: () => this.remoteClosed(conn) })
    if (this.conns.get(conn.id) !== conn || conn.state !== 'opening') {
      socket?.close(true)
      return
    }
    if (!socket) return this.failed(conn, 566)
    conn.socket = socket
    conn.state = 'connected'
    ctx.engine.urc(this.family === 'bg96' ? `+QIOPEN: ${conn.id},0` : `${this.prefix(conn.id)}CONNECT OK`)
  }

  private failed(conn: QConn, code: number): void {
    conn.state = 'closed'
    if (this.family === 'bg96') this.conns.delete(conn.id)
    this.ctx.engine.urc(this.family === 'bg96' ? `+QIOPEN: ${conn.id},${code}` : `${this.prefix(conn.id)}CONNECT FAIL`)
  }

  private received(conn: QConn, bytes: Buffer): void {
    if (this.conns.get(conn.id) !== conn) return
    conn.totalIn += bytes.length
    const engine = this.ctx.engine
    if (this.family === 'm95' && this.indi === 0) {
      // M95 without AT+QINDI=1 pushes the data at once (GUESS: header as in the M95 manual's +RECEIVE example).
      conn.readIn += bytes.length
      engine.urcRaw(`\r\n+RECEIVE: ${conn.id}, ${bytes.length}\r\n${bytes.toString('latin1')}`)
      return
    }
    conn.rx.push(bytes)
    conn.rxLen += bytes.length
    if (conn.notified) return
    conn.notified = true
    engine.urc(this.family === 'bg96' ? `+QIURC: "recv",${conn.id}` : `+QIRDI: 0,1,${conn.id}`)
  }

  take(conn: QConn, max: number): Buffer {
    const all = Buffer.concat(conn.rx)
    const out = all.subarray(0, Math.min(max, all.length))
    const rest = all.subarray(out.length)
    conn.rx = rest.length > 0 ? [rest] : []
    conn.rxLen = rest.length
    conn.readIn += out.length
    if (conn.rxLen === 0) conn.notified = false
    return out
  }

  private remoteClosed(conn: QConn): void {
    if (this.conns.get(conn.id) !== conn || conn.state !== 'connected') return
    conn.state = 'closed'
    conn.socket = undefined
    this.ctx.engine.urc(this.family === 'bg96' ? `+QIURC: "closed",${conn.id}` : `${this.prefix(conn.id)}CLOSED`)
  }

  close(conn: QConn, quick = true): void {
    conn.socket?.close(quick)
    conn.socket = undefined
    conn.state = 'closed'
  }

  /** Scenario fault: the network drops connection `id` (or all). */
  drop(id?: number): void {
    for (const conn of this.conns.values()) {
      if ((id !== undefined && conn.id !== id) || conn.state !== 'connected') continue
      this.close(conn)
      this.ctx.engine.urc(this.family === 'bg96' ? `+QIURC: "closed",${conn.id}` : `${this.prefix(conn.id)}CLOSED`)
    }
  }

  bearerLost(): void {
    if (!this.active && this.stage !== 'IP CONFIG') return
    for (const conn of this.conns.values()) if (conn.state !== 'closed') this.close(conn)
    this.stage = 'PDP DEACT'
    this.ip = ''
    this.ctx.events.emit('pdp', { active: false, reason: 'network' })
    this.ctx.engine.urc(this.family === 'bg96' ? '+QIURC: "pdpdeact",1' : '+PDP DEACT')
  }

  /** AT+QIDEACT: everything closed, context down. */
  deactivate(): void {
    for (const conn of this.conns.values()) this.close(conn)
    this.conns.clear()
    if (this.ip) this.ctx.events.emit('pdp', { active: false, reason: 'host' })
    this.stage = 'IP INITIAL'
    this.ip = ''
  }

  reset(): void {
    this.deactivate()
    this.mux = 0
    this.indi = 0
    this.apn = { name: '', user: '', pwd: '' }
  }
}

export function newConn(id: number, host: string, port: number): QConn {
  return { id, host, port, state: 'opening', rx: [], rxLen: 0, totalIn: 0, readIn: 0, sent: 0, notified: false }
}
