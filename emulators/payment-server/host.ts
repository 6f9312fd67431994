import type { Clock } from '../../protocols/runtime/clock.js'
import type { EventLog } from '../../protocols/runtime/event-log.js'
import type { AckBody } from '../../protocols/device-link/jsonl.js'
import type { Faults } from './faults.js'
import type { ReplayGuard } from './replay-guard.js'
import type { Transaction } from './types.js'

/** What a device connection (either profile) needs from the server it belongs to. */
export interface Host {
  readonly clock: Clock
  readonly events: EventLog
  readonly guard: ReplayGuard
  readonly faults: Faults
  /** Largest frame or line accepted from a device, bytes. */
  readonly maxFrameBytes: number
  keyOf(terminalId: string): string | undefined
  /** Registers a transaction; the reply body to send (never throws). */
  register(terminalId: string, stan: string, body: Record<string, unknown>): AckBody
  /** The device acknowledged a paid notification. */
  paidAck(terminalId: string, reference: string): void
  /** A message from `terminalId` was authenticated on `session`: route notifications there. */
  online(terminalId: string, session: DeviceSession): void
  offline(session: DeviceSession): void
  /** Next server STAN, six digits. */
  nextStan(): string
  /** A fresh nonce (seeded, so runs are reproducible). */
  nonce(): string
  /** Logs a refused message; `reason` is a stable code. */
  refuse(reason: string, message: string, detail?: Record<string, unknown>): void
}

/** One device connection on the gateway. */
export interface DeviceSession {
  readonly profile: 'jsonl' | 'iso8583'
  /** Sends a paid notification; false when the connection is gone. */
  sendPaid(txn: Pick<Transaction, 'reference' | 'terminalId' | 'amount' | 'currency'> & { paidAt?: number }): boolean
  close(): void
}
