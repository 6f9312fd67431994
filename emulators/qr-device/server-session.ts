import type { AckBody, PaidBody, RegisterBody } from '../../protocols/device-link/jsonl.js'
import type { Clock } from '../../protocols/runtime/clock.js'
import type { Random } from '../../protocols/runtime/random.js'
import type { DeviceConfig } from './config.js'
import type { DeviceTransaction } from './transaction.js'

/** A paid notification the session has authenticated, with the profile's way to answer it. */
export interface PaidNotice {
  body: PaidBody
  /** STAN of the notification (for the log). */
  stan: string
  /** Acknowledges it: a jsonl paid-ack, or an iso8583 0630 approved. */
  ack(): Promise<void>
}

export interface ServerSessionOptions {
  clock: Clock
  config: DeviceConfig
  random: Random
  /** Writes bytes to the open server connection. */
  send: (bytes: Buffer) => Promise<void>
  onPaid: (notice: PaidNotice) => void
  note: (what: string) => void
}

/**
 * The firmware's half of one device↔server profile (jsonl-session.ts, iso-session.ts):
 * the device hands it transactions and bytes; it signs, frames, matches replies and
 * authenticates what the server sends.
 */
export interface ServerSession {
  /** Next system trace audit number (DE11), 000001–999999. */
  nextStan(): string
  /** Bytes from the server connection. */
  receive(data: Buffer): void
  /** Once the connection is open: the profile's sign-on; rejects when the host refuses or is silent. */
  open(): Promise<void>
  /** Sends the transaction and waits for the server's verdict. */
  register(txn: DeviceTransaction): Promise<AckBody>
  heartbeat(): Promise<void>
}

/** The registration as both profiles carry it. */
export function registerBody(txn: DeviceTransaction): RegisterBody {
  return {
    reference: txn.reference,
    pan: txn.request.pan,
    processingCode: txn.request.processingCode,
    amount: txn.request.amount,
    transmissionTime: txn.request.transmissionTime,
    merchantType: txn.request.merchantType,
    currency: txn.request.currency,
    payload: txn.payload,
  }
}

/** Eight random bytes as hex: the per-message nonce the server's replay guard checks. */
export function nonceHex(random: Random): string {
  return Array.from({ length: 8 }, () => random.int(0, 255).toString(16).padStart(2, '0')).join('')
}

/** The reply, or a rejection `${what} within <ms> ms` on the clock; the timer never outlives the wait. */
export function awaitReply<T>(clock: Clock, reply: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = clock.setTimeout(() => reject(new Error(`${what} within ${timeoutMs} ms`)), timeoutMs)
    reply.then(
      (v) => {
        clock.clearTimeout(timer)
        resolve(v)
      },
      (err: unknown) => {
        clock.clearTimeout(timer)
        reject(err)
      },
    )
  })
}
