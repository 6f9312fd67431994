import type { Clock } from '../../protocols/runtime/clock.js'
import type { EventLog } from '../../protocols/runtime/event-log.js'
import type { Random } from '../../protocols/runtime/random.js'
import type { AtEngine } from './at/engine.js'
import { cme, type Handler, type Reply } from './at/types.js'
import type { NetworkModel } from './network/model.js'
import type { ModemSocket, SocketHandlers } from './network/socket.js'
import type { ResolvedOptions } from './options.js'
import type { Outbox } from './sms/outbox.js'

/** Command name (`+CIPSTART`, `E`) → handler. */
export type CommandTable = Map<string, Handler>

/** Failures a scenario can force on the packet side (see ModemEmulator.setFaults). */
export interface PacketFaults {
  /** Every TCP connect fails (`CONNECT FAIL`). */
  connectFail: boolean
  /** Sends fail (`SEND FAIL`) and the data is lost. */
  sendFail: boolean
}

/** What every dialect gets from the modem it runs in. */
export interface ModemContext {
  readonly clock: Clock
  readonly events: EventLog
  readonly random: Random
  readonly net: NetworkModel
  readonly engine: AtEngine
  readonly opts: ResolvedOptions
  readonly outbox: Outbox
  readonly packet: PacketFaults
  /**
   * Waits `ms` on the clock. After close() it never resolves (and holds no timer), so a command
   * in progress simply stops instead of acting on a closed modem.
   */
  sleep(ms: number): Promise<void>
  /** Aborted by close(): in-flight real I/O (HTTP requests) is cut. */
  readonly signal: AbortSignal
  /**
   * Opens a real socket to where host:port resolves (routes, loopback / allow-list policy);
   * undefined when the destination is refused or the connect fails.
   */
  connect(id: number, host: string, port: number, handlers: SocketHandlers): Promise<ModemSocket | undefined>
  /** Power-cycles the modem (AT+CFUN=1,1, reboot fault). */
  reboot(): void
  /**
   * Switches the modem off (AT+CPOWD, AT+QPOWD) once the reply is on the wire: sockets lost, and
   * it reads and answers nothing until the scenario powers it on again (`ModemEmulator.powerOn`).
   */
  powerDown(): void
}

/** A dialect: its command table and what it does when the network or the scenario acts. */
export interface DialectImpl {
  readonly commands: CommandTable
  /** Network lost the bearer (detach, PDP deactivation): drop sockets, send the URC. */
  bearerLost(): void
  /** Scenario fault: close one connection (or all) from the network side. */
  dropConnection(id?: number): void
  /** Forget all TCP/IP state and sockets (reboot, close). */
  reset(): void
  readonly identity: Identity
  /** Power-on URCs, given the SIM state word (`READY`, `NOT INSERTED`). */
  bootUrcs(sim: string): string[]
}

/** What the modem says about itself (ATI, AT+CGMI/CGMM/CGMR). */
export interface Identity {
  manufacturer: string
  model: string
  revision: string
  /** ATI lines. */
  ati: string[]
}

/** The error a SIM-dependent command gives when the SIM is not usable, or undefined when it is. */
export function simError(net: NetworkModel): Reply | undefined {
  switch (net.sim) {
    case 'absent':
      return cme(10)
    case 'pin':
      return cme(11)
    case 'puk':
      return cme(12)
    default:
      return undefined
  }
}

/**
 * The address the network gives a PDP context: `options.localIp` when the bench fixes it (a manual's
 * example replayed byte for byte), else a deterministic private address (10.x.y.z) from the seed.
 */
export function privateIp(ctx: Pick<ModemContext, 'random' | 'opts'>): string {
  if (ctx.opts.localIp) return ctx.opts.localIp
  const random = ctx.random
  return `10.${random.int(0, 255)}.${random.int(0, 255)}.${random.int(1, 254)}`
}
