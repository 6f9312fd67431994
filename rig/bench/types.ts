import type { Clock } from '../../protocols/runtime/clock.js'
import type { EventLog } from '../../protocols/runtime/event-log.js'
import type { RegisterEmulator } from '../../emulators/register/index.js'
import type { PrinterEmulator } from '../../emulators/printer/index.js'
import type { ModemEmulator } from '../../emulators/modem/index.js'
import type { PaymentServer } from '../../emulators/payment-server/index.js'
import type { TracedPort } from '../link/types.js'
import type { ConsoleMonitor } from './console-monitor.js'

export type BenchKind = 'sim' | 'process' | 'serial'
export type DutPort = 'register' | 'printer' | 'modem' | 'console'

/**
 * How the DUT and the emulators are wired. Every adapter (sim, process, serial) gives the
 * runner the same shape, so scenarios run unchanged against a real device.
 */
export interface Bench {
  readonly kind: BenchKind
  readonly clock: Clock
  readonly register: RegisterEmulator
  readonly printer: PrinterEmulator
  readonly modem: ModemEmulator
  readonly server: PaymentServer
  readonly console?: ConsoleMonitor
  /** Byte capture per port: sim Links, or recorders on the emulators' side of real ports. */
  readonly links: Partial<Record<DutPort, TracedPort>>
  /** Every event log of the bench, for expectations, traces and the timeline. */
  logs(): EventLog[]
  /** Releases ports, sockets, servers and processes; safe to call twice, never throws. */
  close(): Promise<void>
}
