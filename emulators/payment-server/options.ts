import type { Clock } from '../../protocols/runtime/clock.js'
import type { NotifyRetryOptions } from './notifier.js'

export interface TerminalConfig {
  /** HMAC-SHA256 key shared with the device. */
  key: string
  /** Merchant's phone number; when set, each payment queues an SMS to it. */
  merchantPhone?: string
}

export interface PaymentServerOptions {
  clock: Clock
  /** Terminals the gateway accepts, by terminal id (DE41). */
  terminals: Record<string, TerminalConfig>
  /** HTTP API address. Default { host: '127.0.0.1', port: 0 } (any free port); false = no HTTP side. */
  http?: { host?: string; port?: number } | false
  /** Device gateway address. Default { host: '127.0.0.1', port: 0 }. */
  gateway?: { host?: string; port?: number }
  /** Gateway wire profile. Default 'jsonl'. */
  profile?: 'jsonl' | 'iso8583'
  /** Seed of the server's nonces. Default 1. */
  seed?: number
  /** Journal file (JSON lines) the ledger and SMS outbox are recovered from after a restart. Default none (memory only). */
  journal?: string
  /** Accepted clock skew of device messages, ms (either way). Default 300000 (±300 s). */
  replayWindowMs?: number
  /** Unpaid transactions expire after this long, ms. Default 900000 (15 min). */
  expiryMs?: number
  /** Backoff of paid-notification retries. Default 1 s doubling up to 30 s, until acknowledged. */
  notifyRetry?: NotifyRetryOptions
  /** Largest device line or frame accepted, bytes. Default 8192. */
  maxFrameBytes?: number
  /** Time the emulated carrier takes to deliver an SMS, ms. Default 500. */
  smsDeliveryMs?: number
}
