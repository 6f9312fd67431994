import type { Duplex } from 'node:stream'
import type { Clock } from '../../protocols/runtime/clock.js'
import type { DeviceConfig } from './config.js'
import { QuectelDriver, quectelFamily } from './quectel-driver.js'
import { Sim800Driver } from './sim800-driver.js'

export type ModemState = 'off' | 'starting' | 'registering' | 'attaching' | 'connecting' | 'connected' | 'failed'

/**
 * The firmware's one TCP connection to the payment server, through whichever modem is
 * fitted. The device sees bytes in and out and a "connection lost" signal, never AT commands.
 */
export interface ModemTransport {
  readonly state: ModemState
  /** From power-on (or a lost connection) to an open TCP connection; rejects with ModemError. */
  connect(): Promise<void>
  /** Writes bytes on the open connection; rejects when the modem refuses them. */
  send(bytes: Buffer): Promise<void>
  /** Closes the connection (best effort). */
  close(): Promise<void>
}

export interface ModemTransportHooks {
  /** Bytes from the server. */
  onData: (bytes: Buffer) => void
  /** The connection or the packet bearer dropped; `why` is the modem's URC. */
  onLost: (why: string) => void
  /** A line for the console's NOTE log. */
  note: (what: string) => void
}

export interface ModemDriverOptions {
  apn: string
  server: { host: string; port: number }
  /** Default reply time-out for simple commands (ms). */
  atTimeout: number
  /** Time-out for the connect result after the open command (ms); SIM800 allows up to 160 s in single mode. */
  connectTimeout: number
}

export function driverOptions(config: DeviceConfig): ModemDriverOptions {
  return { apn: config.apn, server: config.server, atTimeout: config.timeouts.at, connectTimeout: config.timeouts.connect }
}

export interface TransportContext {
  port: Duplex
  clock: Clock
  options: ModemDriverOptions
  hooks: ModemTransportHooks
}

/** The driver for the configured modem: SIM800 (default) or Quectel (M95-style or BG96-style by model). */
export function createModemTransport(config: DeviceConfig, ctx: Omit<TransportContext, 'options'>): ModemTransport {
  const full: TransportContext = { ...ctx, options: driverOptions(config) }
  return config.modem.dialect === 'quectel' ? new QuectelDriver(full, quectelFamily(config.modem.model)) : new Sim800Driver(full)
}
