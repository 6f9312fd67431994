import { isIP } from 'node:net'
import type { Duplex } from 'node:stream'
import type { Clock } from '../../protocols/runtime/clock.js'
import { ModemConfigError } from './errors.js'
import { parseHostPort } from './network/destination.js'
import type { NetTiming } from './network/socket.js'

/** Virtual-time durations (ms) of the modem's slower steps; typical values, well inside the manual's limits. */
export interface ModemTimings {
  /** Reply delay of a simple command. Default 5. */
  command: number
  /** AT+CGATT=1 packet attach. Default 500. */
  attach: number
  /** PDP context activation (AT+CIICR, AT+CGACT, AT+SAPBR=1,1, AT+QIACT). Default 1000. */
  activate: number
  /** From AT+CIPSTART/AT+QIOPEN to the TCP connect attempt. Default 300. */
  connect: number
  /** Longest wait for a TCP connect (SIM800: 75 s multi, 160 s single). Default 75000. */
  connectTimeout: number
  /** From the last SMS byte to +CMGS. Default 2000. */
  sms: number
  /** From power-on (or reboot) to the boot URCs. Default 1500. */
  boot: number
  /** HTTP request overhead of AT+HTTPACTION beyond the network. Default 300. */
  http: number
}

export const DEFAULT_TIMINGS: ModemTimings = {
  command: 5,
  attach: 500,
  activate: 1000,
  connect: 300,
  connectTimeout: 75_000,
  sms: 2000,
  boot: 1500,
  http: 300,
}

export const DEFAULT_NET: NetTiming = { latencyMs: 50, bandwidth: 0 }

export type Dialect = 'sim800' | 'quectel'
export type QuectelModel = 'M95' | 'M26' | 'EC21' | 'EC25' | 'BG96'

export interface ModemOptions {
  clock: Clock
  /** The serial stream to the DUT; or call attach() later. */
  port?: Duplex
  /** AT dialect. Default 'sim800'. */
  dialect?: Dialect
  /** Quectel module family (M95/M26: QIRDI style; EC2x/BG96: QIURC style). Default 'BG96'. */
  model?: QuectelModel
  /**
   * Name resolution / port mapping, 'host:port' (or 'host') → '127.0.0.1:port'. The device dials its
   * configured server name (e.g. 'pay.qrreceipt.test:7000'); the bench maps it to the payment
   * server's loopback gateway. Default {}.
   */
  routes?: Record<string, string>
  /** Extra destinations allowed besides loopback, 'host:port' or 'host'. Default: loopback only. */
  allow?: string[]
  /** Seed of every random choice (IP addresses, message references, faults). Default 1. */
  seed?: number
  /** Step durations in virtual time. Defaults: DEFAULT_TIMINGS. */
  timings?: Partial<ModemTimings>
  /** Radio link latency (one-way, ms) and bandwidth (bytes/s, 0 unlimited). Default 50 ms, unlimited. */
  network?: Partial<NetTiming>
  /**
   * Send the power-on URCs (`RDY`, `+CFUN: 1`, `+CPIN: READY`, `Call Ready`, `SMS Ready`)
   * timings.boot after attach(). Default false (the modem is already up when the DUT starts).
   */
  bootUrcs?: boolean
  /** The address the network assigns at every PDP activation. Default: a seeded private 10.x.y.z address. */
  localIp?: string
  /** Identity. Defaults: IMEI 869951030000010, ICCID 8988211000000000001, IMSI 001010000000001. */
  imei?: string
  iccid?: string
  imsi?: string
}

export interface ResolvedOptions {
  dialect: Dialect
  model: QuectelModel
  routes: Record<string, string>
  allow: string[]
  seed: number
  timings: ModemTimings
  net: NetTiming
  bootUrcs: boolean
  localIp: string | undefined
  imei: string
  iccid: string
  imsi: string
}

export function resolveOptions(o: ModemOptions): ResolvedOptions {
  const dialect = o.dialect ?? 'sim800'
  if (dialect !== 'sim800' && dialect !== 'quectel') throw new ModemConfigError(`unknown dialect "${String(dialect)}"`)
  const model = o.model ?? 'BG96'
  if (!['M95', 'M26', 'EC21', 'EC25', 'BG96'].includes(model)) throw new ModemConfigError(`unknown Quectel model "${model}"`)
  const routes = { ...o.routes }
  for (const [from, to] of Object.entries(routes)) {
    parseHostPort(from, 0)
    parseHostPort(to, 0)
  }
  const timings = { ...DEFAULT_TIMINGS, ...o.timings }
  for (const [k, v] of Object.entries(timings)) {
    if (!Number.isFinite(v) || v < 0) throw new ModemConfigError(`timings.${k} must be a number >= 0, got ${v}`)
  }
  if (o.localIp !== undefined && isIP(o.localIp) !== 4) throw new ModemConfigError(`localIp must be an IPv4 address, got "${o.localIp}"`)
  const net = { ...DEFAULT_NET, ...o.network }
  if (!(net.latencyMs >= 0) || !(net.bandwidth >= 0)) throw new ModemConfigError('network latencyMs and bandwidth must be >= 0')
  return {
    dialect,
    model,
    routes,
    allow: [...(o.allow ?? [])],
    seed: o.seed ?? 1,
    timings,
    net,
    bootUrcs: o.bootUrcs ?? false,
    localIp: o.localIp,
    imei: o.imei ?? '869951030000010',
    iccid: o.iccid ?? '8988211000000000001',
    imsi: o.imsi ?? '001010000000001',
  }
}
