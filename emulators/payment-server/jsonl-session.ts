import type { Duplex } from 'node:stream'
import { isoTime } from '../../protocols/runtime/clock.js'
import { decodeJsonl, encodeJsonl, JsonlError, LineSplitter, verifyMac, type JsonlMessage, type JsonlType, type PaidBody } from '../../protocols/device-link/jsonl.js'
import type { DeviceSession, Host } from './host.js'

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/

/**
 * Profile `jsonl` on one TCP connection: authenticates every line (known terminal, MAC,
 * time window, fresh nonce), answers register/heartbeat, takes paid-acks, and carries the
 * server's paid notifications. Anything wrong gets an `error` line and a log entry; no
 * input can throw out of here.
 */
export class JsonlSession implements DeviceSession {
  readonly profile = 'jsonl'
  private readonly splitter: LineSplitter
  private closed = false

  constructor(
    private readonly socket: Duplex,
    private readonly host: Host,
  ) {
    this.splitter = new LineSplitter(
      (line) => this.guarded(() => this.onLine(line)),
      (bytes) => this.refuse('oversize', `line longer than ${host.maxFrameBytes} bytes (${bytes} so far) discarded`),
      host.maxFrameBytes,
    )
    socket.on('data', (chunk: Buffer) => this.splitter.push(chunk))
  }

  sendPaid(txn: { reference: string; terminalId: string; amount: string; currency: string; paidAt?: number }): boolean {
    const body: PaidBody = {
      reference: txn.reference,
      amount: txn.amount,
      currency: txn.currency,
      paidAt: new Date(Math.floor(txn.paidAt ?? this.host.clock.now())).toISOString(),
    }
    return this.send('paid', txn.terminalId, body as unknown as Record<string, unknown>)
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    this.socket.destroy()
  }

  /** A bug must cost one message, never the server: log it and answer with an error. */
  private guarded(fn: () => void): void {
    try {
      fn()
    } catch (err) {
      this.host.events.emit('internal-error', { profile: 'jsonl', message: (err as Error).message, stack: (err as Error).stack })
      this.refuse('internal', 'the host failed to process the message')
    }
  }

  private onLine(line: string): void {
    let m: JsonlMessage
    try {
      m = decodeJsonl(line)
    } catch (err) {
      const reason = err instanceof JsonlError ? err.reason : 'malformed'
      return this.refuse(reason, (err as Error).message)
    }
    const key = this.host.keyOf(m.terminalId)
    if (key === undefined) return this.refuse('unknown-terminal', `terminal ${JSON.stringify(m.terminalId)} is not configured`, m)
    if (!verifyMac(m, key)) return this.refuse('bad-mac', `MAC does not verify under terminal ${m.terminalId}'s key`, m)
    if (!ISO_TIME.test(m.time)) return this.refuse('bad-time', `time must be ISO 8601 UTC (2026-01-15T09:30:00Z), got ${JSON.stringify(m.time.slice(0, 40))}`, m)
    // Date.parse only reads the message's own text; the host's time comes from the clock
    const verdict = this.host.guard.admit(m.terminalId, m.nonce, Date.parse(m.time), this.host.clock.now())
    if (!verdict.ok) return this.refuse(verdict.reason, verdict.message, m)
    this.host.events.emit('message-in', { profile: 'jsonl', type: m.type, terminalId: m.terminalId, stan: m.stan, reference: m.body.reference })
    this.host.online(m.terminalId, this)

    const earlier = this.host.guard.earlierReply<[JsonlType, Record<string, unknown>]>(m.terminalId, m.stan, m.time)
    if (earlier && m.type !== 'paid-ack') {
      this.host.events.emit('duplicate', { terminalId: m.terminalId, stan: m.stan, time: m.time, type: m.type })
      return this.reply(earlier[0], m.terminalId, earlier[1], m.type)
    }
    switch (m.type) {
      case 'register': {
        const ack = this.host.register(m.terminalId, m.stan, m.body)
        const body = ack as unknown as Record<string, unknown>
        this.host.guard.remember(m.terminalId, m.stan, m.time, ['ack', body], this.host.clock.now())
        return this.reply('ack', m.terminalId, body, m.type)
      }
      case 'heartbeat':
        return this.reply('heartbeat-ack', m.terminalId, {}, m.type)
      case 'paid-ack': {
        const reference = m.body.reference
        if (typeof reference !== 'string') return this.refuse('bad-body', 'paid-ack.body.reference must be a string', m)
        return this.host.paidAck(m.terminalId, reference)
      }
      case 'error':
        this.host.events.emit('device-error', { terminalId: m.terminalId, body: m.body })
        return
      default:
        return this.refuse('unexpected-type', `a device may not send "${m.type}"`, m)
    }
  }

  /** Replies to a request, honouring the reply-delay and dropped-ack faults. */
  private reply(type: JsonlType, terminalId: string, body: Record<string, unknown>, to: JsonlType): void {
    if (to === 'register' && this.host.faults.take('dropAcks')) {
      this.host.events.emit('fault-applied', { fault: 'dropAcks', terminalId, reference: body.reference })
      return
    }
    const delay = this.host.faults.value('replyDelayMs')
    if (delay) this.host.clock.setTimeout(() => this.send(type, terminalId, body), delay)
    else this.send(type, terminalId, body)
  }

  private refuse(reason: string, message: string, m?: Partial<JsonlMessage>): void {
    this.host.refuse(reason, message, { profile: 'jsonl', terminalId: m?.terminalId, stan: m?.stan, type: m?.type })
    const terminalId = typeof m?.terminalId === 'string' && this.host.keyOf(m.terminalId) !== undefined ? m.terminalId : 'unknown'
    this.send('error', terminalId, { reason, message })
  }

  /** Signs with the terminal's key (an unknown terminal's error line is signed with the empty key). */
  private send(type: JsonlType, terminalId: string, body: Record<string, unknown>): boolean {
    if (this.closed || this.socket.destroyed || !this.socket.writable) return false
    const key = this.host.keyOf(terminalId) ?? ''
    const forge = type !== 'error' && this.host.faults.take('forgeMac')
    const msg = { type, terminalId, stan: this.host.nextStan(), time: isoTime(this.host.clock), nonce: this.host.nonce(), body }
    const line = encodeJsonl(msg, forge ? `${key}#forged` : key)
    if (forge) this.host.events.emit('fault-applied', { fault: 'forgeMac', type, terminalId })
    this.host.events.emit('message-out', { profile: 'jsonl', type, terminalId, stan: msg.stan, reference: body.reference })
    this.socket.write(line)
    return true
  }
}
