import type { Duplex } from 'node:stream'
import { toMinorUnits } from '../../protocols/emv/currency.js'
import { Iso8583Error } from '../../protocols/iso8583/errors.js'
import { frame, FrameSplitter } from '../../protocols/iso8583/framing.js'
import { decodeFrame, envelopeOf, MTI, NETWORK_CODE, registerBodyOf, RESPONSE, responseMti, signMessage, terminalField, verifyMessage } from '../../protocols/iso8583/profile.js'
import { fromDe7, toDe7 } from '../../protocols/iso8583/time.js'
import type { DecodedMessage } from '../../protocols/iso8583/codec.js'
import type { DeviceSession, Host } from './host.js'

/** DE39 for each refusal reason the host logs. */
const CODE_OF: Record<string, string> = {
  'bad-frame': RESPONSE.formatError,
  oversize: RESPONSE.formatError,
  'bad-envelope': RESPONSE.formatError,
  'bad-time': RESPONSE.formatError,
  'unknown-terminal': RESPONSE.notPermitted,
  'bad-mac': RESPONSE.securityViolation,
  'stale-time': RESPONSE.securityViolation,
  replay: RESPONSE.duplicate,
  'unexpected-type': RESPONSE.invalidTransaction,
  'bad-body': RESPONSE.formatError,
  'bad-pan': RESPONSE.formatError,
  'invalid-payload': RESPONSE.formatError,
  'url-payload': RESPONSE.formatError,
  'payload-mismatch': RESPONSE.invalidAmount,
  'duplicate-reference': RESPONSE.duplicate,
}

type Reply = { mti: string; terminalId: string; fields: Record<number, string> }

/**
 * Profile `iso8583` on one TCP connection (see protocols/iso8583/profile.ts for the
 * messages). Same checks as jsonl, in the same order: frame, envelope, terminal, MAC,
 * time window, nonce; refusals are answered with the request's response MTI and a DE39
 * code (an unreadable frame gets an 0810 with DE39 30), and logged.
 */
export class IsoSession implements DeviceSession {
  readonly profile = 'iso8583'
  private readonly splitter: FrameSplitter
  private closed = false

  constructor(
    private readonly socket: Duplex,
    private readonly host: Host,
  ) {
    this.splitter = new FrameSplitter(
      (body) => this.guarded(() => this.onFrame(body)),
      (len) => this.refuse('oversize', `frame announces ${len} bytes; at most ${host.maxFrameBytes}`, MTI.networkResponse),
      host.maxFrameBytes,
    )
    socket.on('data', (chunk: Buffer) => this.splitter.push(chunk))
  }

  sendPaid(txn: { reference: string; terminalId: string; amount: string; currency: string; paidAt?: number }): boolean {
    const paidAt = toDe7(txn.paidAt ?? this.host.clock.now())
    const minor = toMinorUnits(txn.amount, txn.currency) ?? 0
    return this.send({
      mti: MTI.paid,
      terminalId: txn.terminalId,
      fields: { 3: '000000', 4: String(minor).padStart(12, '0'), 11: this.host.nextStan(), 12: paidAt.slice(4), 13: paidAt.slice(0, 4), 49: txn.currency, 62: txn.reference },
    })
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    this.socket.destroy()
  }

  /** A bug must cost one message, never the server: log it and answer with DE39 96. */
  private guarded(fn: () => void): void {
    try {
      fn()
    } catch (err) {
      this.host.events.emit('internal-error', { profile: 'iso8583', message: (err as Error).message, stack: (err as Error).stack })
      this.refuse('internal', 'the host failed to process the message', MTI.networkResponse)
    }
  }

  private onFrame(body: Buffer): void {
    let m: DecodedMessage
    try {
      m = decodeFrame(body)
    } catch (err) {
      const mti = body.length >= 2 ? body.subarray(0, 2).toString('hex') : ''
      return this.refuse('bad-frame', (err as Iso8583Error).message, responseMti(mti) ?? MTI.networkResponse)
    }
    const env = envelopeOf(m.fields)
    const rmti = responseMti(m.mti) ?? MTI.networkResponse
    if (!env.terminalId || !env.stan || !env.time || !env.nonce) return this.refuse('bad-envelope', 'DE7, DE11, DE41 and DE48 (nonce) are mandatory', rmti, m)
    const key = this.host.keyOf(env.terminalId)
    if (key === undefined) return this.refuse('unknown-terminal', `terminal ${JSON.stringify(env.terminalId)} is not configured`, rmti, m)
    if (!verifyMessage(body, m, key)) return this.refuse('bad-mac', `MAC does not verify under terminal ${env.terminalId}'s key`, rmti, m)
    const now = this.host.clock.now()
    const sentAt = fromDe7(env.time, now)
    if (Number.isNaN(sentAt)) return this.refuse('bad-time', `DE7 ${env.time} is not a valid MMDDhhmmss`, rmti, m)
    const verdict = this.host.guard.admit(env.terminalId, env.nonce, sentAt, now)
    if (!verdict.ok) return this.refuse(verdict.reason, verdict.message, rmti, m)
    this.host.events.emit('message-in', { profile: 'iso8583', type: m.mti, terminalId: env.terminalId, stan: env.stan, reference: m.fields[62] })
    this.host.online(env.terminalId, this)

    const earlier = m.mti !== MTI.paidResponse ? this.host.guard.earlierReply<Reply>(env.terminalId, env.stan, env.time) : undefined
    if (earlier) {
      this.host.events.emit('duplicate', { terminalId: env.terminalId, stan: env.stan, time: env.time, type: m.mti })
      return this.reply(earlier, m.mti)
    }
    const echo = { 7: env.time, 11: env.stan }
    switch (m.mti) {
      case MTI.register: {
        const ack = this.host.register(env.terminalId, env.stan, registerBodyOf(m.fields) as Record<string, unknown>)
        const code = ack.result === 'accepted' ? RESPONSE.approved : (CODE_OF[ack.reason?.split(':')[0] ?? ''] ?? RESPONSE.invalidTransaction)
        const fields: Record<number, string> = { ...echo, 39: code }
        if (m.fields[62] !== undefined) fields[62] = m.fields[62]
        for (const n of [3, 4, 49]) if (m.fields[n] !== undefined) fields[n] = m.fields[n]!
        if (ack.reason) fields[63] = ack.reason.slice(0, 999)
        const reply: Reply = { mti: MTI.registerResponse, terminalId: env.terminalId, fields }
        this.host.guard.remember(env.terminalId, env.stan, env.time, reply, now)
        return this.reply(reply, m.mti)
      }
      case MTI.network: {
        const code = m.fields[70]
        const known = code === NETWORK_CODE.signOn || code === NETWORK_CODE.echo
        const fields: Record<number, string> = { ...echo, 39: known ? RESPONSE.approved : RESPONSE.invalidTransaction }
        if (code) fields[70] = code
        const reply: Reply = { mti: MTI.networkResponse, terminalId: env.terminalId, fields }
        if (code === NETWORK_CODE.signOn) this.host.events.emit('sign-on', { terminalId: env.terminalId })
        return this.reply(reply, m.mti)
      }
      case MTI.paidResponse: {
        const reference = m.fields[62]
        if (!reference) return this.refuse('bad-body', '0630 must carry the reference in DE62', MTI.networkResponse, m)
        if (m.fields[39] !== undefined && m.fields[39] !== RESPONSE.approved) {
          this.host.events.emit('device-refused-notification', { terminalId: env.terminalId, reference, code: m.fields[39] })
          return
        }
        return this.host.paidAck(env.terminalId, reference)
      }
      default:
        return this.refuse('unexpected-type', `a device may not send MTI ${m.mti}`, rmti, m)
    }
  }

  private reply(reply: Reply, to: string): void {
    if (to === MTI.register && this.host.faults.take('dropAcks')) {
      this.host.events.emit('fault-applied', { fault: 'dropAcks', terminalId: reply.terminalId, reference: reply.fields[62] })
      return
    }
    const delay = this.host.faults.value('replyDelayMs')
    if (delay) this.host.clock.setTimeout(() => this.send(reply), delay)
    else this.send(reply)
  }

  private refuse(reason: string, message: string, mti: string, m?: DecodedMessage): void {
    const env = m ? envelopeOf(m.fields) : {}
    this.host.refuse(reason, message, { profile: 'iso8583', terminalId: env.terminalId, stan: env.stan, type: m?.mti })
    const terminalId = env.terminalId && this.host.keyOf(env.terminalId) !== undefined ? env.terminalId : '00000000'
    const fields: Record<number, string> = { 39: CODE_OF[reason] ?? RESPONSE.malfunction, 63: `${reason}: ${message}`.slice(0, 999) }
    if (env.stan && /^\d{6}$/.test(env.stan)) fields[11] = env.stan
    this.send({ mti, terminalId, fields })
  }

  /** Adds DE7 (unless echoed), DE41, a fresh DE48 nonce and the MAC, then frames and writes. */
  private send(reply: Reply): boolean {
    if (this.closed || this.socket.destroyed || !this.socket.writable) return false
    const key = this.host.keyOf(reply.terminalId) ?? ''
    const forge = this.host.faults.take('forgeMac')
    const fields: Record<number, string> = { 7: toDe7(this.host.clock.now()), 11: this.host.nextStan(), ...reply.fields, 41: terminalField(reply.terminalId), 48: this.host.nonce() }
    let bytes: Buffer
    try {
      bytes = signMessage({ mti: reply.mti, fields }, forge ? `${key}#forged` : key)
    } catch (err) {
      this.host.events.emit('encode-error', { mti: reply.mti, message: (err as Error).message })
      return false
    }
    if (forge) this.host.events.emit('fault-applied', { fault: 'forgeMac', type: reply.mti, terminalId: reply.terminalId })
    this.host.events.emit('message-out', { profile: 'iso8583', type: reply.mti, terminalId: reply.terminalId, stan: fields[11], reference: fields[62] })
    this.socket.write(frame(bytes))
    return true
  }
}
