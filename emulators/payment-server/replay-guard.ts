/**
 * Replay protection for device messages: a message's transmission time must lie within
 * ±window of the host clock, and its nonce must not have been seen inside that window
 * (so the memory of nonces never needs to outlive the window). Separately, replies are
 * remembered by (terminal, STAN, transmission time): a device that repeats a request after
 * a lost reply (fresh nonce, same STAN and time, as ISO 8583 repeats do) gets the same
 * answer again instead of a second transaction.
 */
export type GuardVerdict = { ok: true } | { ok: false; reason: 'stale-time' | 'replay'; message: string }

export class ReplayGuard {
  private readonly nonces = new Map<string, number>()
  private readonly replies = new Map<string, { t: number; reply: unknown }>()
  private lastSweep = -Infinity

  constructor(private readonly windowMs: number) {}

  /** Checks time and nonce; records the nonce when the message passes. */
  admit(terminalId: string, nonce: string, sentAt: number, now: number): GuardVerdict {
    this.sweep(now)
    if (!Number.isFinite(sentAt)) return { ok: false, reason: 'stale-time', message: 'transmission time is not a valid time' }
    const skew = sentAt - now
    if (Math.abs(skew) > this.windowMs) {
      const s = Math.round(skew / 1000)
      return { ok: false, reason: 'stale-time', message: `transmission time is ${s} s from the host clock; the window is ±${this.windowMs / 1000} s` }
    }
    const key = `${terminalId}\n${nonce}`
    if (this.nonces.has(key)) return { ok: false, reason: 'replay', message: `nonce ${nonce} was already used by terminal ${terminalId}` }
    this.nonces.set(key, now)
    return { ok: true }
  }

  /** The reply given earlier to (terminal, STAN, time), if any. */
  earlierReply<R>(terminalId: string, stan: string, time: string): R | undefined {
    return this.replies.get(`${terminalId}\n${stan}\n${time}`)?.reply as R | undefined
  }

  remember(terminalId: string, stan: string, time: string, reply: unknown, now: number): void {
    this.replies.set(`${terminalId}\n${stan}\n${time}`, { t: now, reply })
  }

  /** Forgets what has left the window; amortised so a busy gateway does not sweep per message. */
  private sweep(now: number): void {
    if (now - this.lastSweep < this.windowMs / 10) return
    this.lastSweep = now
    const horizon = now - 2 * this.windowMs
    for (const [k, t] of this.nonces) if (t < horizon) this.nonces.delete(k)
    for (const [k, v] of this.replies) if (v.t < horizon) this.replies.delete(k)
  }
}
