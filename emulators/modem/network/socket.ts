import { connect, type Socket } from 'node:net'
import type { Clock, TimerHandle } from '../../../protocols/runtime/clock.js'
import type { EventLog } from '../../../protocols/runtime/event-log.js'

/** The radio link as the sockets see it; both figures apply in the rig's clock. */
export interface NetTiming {
  /** One-way latency in ms. */
  latencyMs: number
  /** Bytes per second in each direction; 0 = unlimited. */
  bandwidth: number
}

export interface SocketHandlers {
  /** Data from the peer, at the virtual time it reaches the modem. */
  data(bytes: Buffer): void
  /** The peer closed or the connection broke (not called after a local close()). */
  closed(reason: 'remote' | 'error'): void
}

export type SocketState = 'connecting' | 'connected' | 'closed'

/**
 * One modem socket: a REAL TCP connection from node:net to the resolved target, with the
 * radio link's latency and bandwidth laid over it in the clock. Real I/O that the modem
 * waits on (the connect) is wrapped in clock.busy() so virtual time never outruns it.
 */
export class ModemSocket {
  state: SocketState = 'connecting'
  private sock: Socket | undefined
  private readonly timers = new Set<TimerHandle>()
  private upFreeAt = 0
  private downFreeAt = 0
  private remoteGone = false
  bytesOut = 0
  bytesIn = 0

  constructor(
    readonly id: number,
    readonly dialled: { host: string; port: number },
    readonly target: { host: string; port: number },
    private readonly clock: Clock,
    private readonly timing: () => NetTiming,
    private readonly events: EventLog,
    private readonly handlers: SocketHandlers,
  ) {}

  /** Opens the real connection; false when refused, unreachable or past `timeoutMs` (virtual). */
  async open(timeoutMs: number): Promise<boolean> {
    const sock = connect({ host: this.target.host, port: this.target.port })
    this.sock = sock
    sock.setNoDelay(true)
    const ok = await this.clock.busy(
      new Promise<boolean>((resolve) => {
        const timer = this.clock.setTimeout(() => resolve(false), timeoutMs)
        sock.once('connect', () => {
          this.clock.clearTimeout(timer)
          resolve(true)
        })
        sock.once('error', () => {
          this.clock.clearTimeout(timer)
          resolve(false)
        })
      }),
    )
    if (!ok || this.state === 'closed') {
      sock.destroy()
      this.state = 'closed'
      return false
    }
    this.state = 'connected'
    this.events.emit('tcp-open', { id: this.id, host: this.dialled.host, port: this.dialled.port, target: `${this.target.host}:${this.target.port}` })
    sock.on('data', (chunk: Buffer) => this.fromPeer(chunk))
    sock.on('end', () => this.peerGone('remote'))
    sock.on('error', () => this.peerGone('error'))
    sock.on('close', () => this.peerGone('remote'))
    return true
  }

  /** Sends bytes to the peer; resolves to the virtual ms until the peer has them (for SEND OK timing). */
  send(bytes: Buffer): number {
    if (this.state !== 'connected' || !this.sock) return 0
    const { latencyMs, bandwidth } = this.timing()
    const now = this.clock.now()
    const start = Math.max(now, this.upFreeAt)
    this.upFreeAt = start + (bandwidth > 0 ? (bytes.length * 1000) / bandwidth : 0)
    const arrive = this.upFreeAt + latencyMs - now
    this.bytesOut += bytes.length
    const copy = Buffer.from(bytes)
    this.later(arrive, () => {
      if (this.state !== 'connected' || !this.sock || this.sock.destroyed) return
      this.sock.write(copy)
      this.events.emit('tcp-data-out', { id: this.id, bytes: copy.length, text: copy.toString('latin1') })
    })
    return arrive
  }

  /** Closes from the modem's side (AT+CIPCLOSE, CIPSHUT, reboot). No `closed` callback. */
  close(quick = false): void {
    if (this.state === 'closed') return
    const wasOpen = this.state === 'connected'
    this.state = 'closed'
    for (const t of this.timers) this.clock.clearTimeout(t)
    this.timers.clear()
    if (quick) this.sock?.destroy()
    else this.sock?.end(() => this.sock?.destroy())
    this.sock?.removeAllListeners('data')
    // A half-closed socket left to the peer must not hold the process open.
    this.sock?.on('error', () => undefined)
    this.sock?.unref()
    if (wasOpen) this.events.emit('tcp-close', { id: this.id, by: 'modem' })
  }

  private fromPeer(chunk: Buffer): void {
    const { latencyMs, bandwidth } = this.timing()
    const now = this.clock.now()
    const start = Math.max(now, this.downFreeAt)
    this.downFreeAt = start + (bandwidth > 0 ? (chunk.length * 1000) / bandwidth : 0)
    this.later(this.downFreeAt + latencyMs - now, () => {
      this.bytesIn += chunk.length
      this.events.emit('tcp-data-in', { id: this.id, bytes: chunk.length, text: chunk.toString('latin1') })
      this.handlers.data(chunk)
    })
  }

  private peerGone(reason: 'remote' | 'error'): void {
    if (this.remoteGone || this.state !== 'connected') return
    this.remoteGone = true
    const { latencyMs } = this.timing()
    const now = this.clock.now()
    // After any data still in flight on the downlink.
    this.later(Math.max(now, this.downFreeAt) + latencyMs - now, () => {
      if (this.state !== 'connected') return
      this.state = 'closed'
      this.sock?.destroy()
      this.events.emit('tcp-close', { id: this.id, by: reason === 'remote' ? 'peer' : 'error' })
      this.handlers.closed(reason)
    })
  }

  private later(ms: number, fn: () => void): void {
    const t = this.clock.setTimeout(() => {
      this.timers.delete(t)
      fn()
    }, Math.max(0, ms))
    this.timers.add(t)
  }
}
