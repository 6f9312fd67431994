import type { Duplex } from 'node:stream'
import { RegisterEmulator } from '../../emulators/register/index.js'
import { PrinterEmulator } from '../../emulators/printer/index.js'
import { ModemEmulator, type Dialect, type QuectelModel } from '../../emulators/modem/index.js'
import { PaymentServer, type PaymentServerOptions } from '../../emulators/payment-server/index.js'
import type { Clock } from '../../protocols/runtime/clock.js'
import type { EventLog } from '../../protocols/runtime/event-log.js'
import { ConsoleMonitor } from './console-monitor.js'
import type { Teardown } from './teardown.js'

export interface EmulatorSetOptions {
  clock: Clock
  seed: number
  teardown: Teardown
  /** The emulators' ends of the DUT's ports. */
  ports: { register: Duplex; printer: Duplex; modem: Duplex; console?: Duplex }
  /** The terminal the payment server accepts. */
  terminal: { id: string; key: string }
  /** What the DUT dials; the modem routes it to the server's loopback gateway. */
  dial: { host: string; port: number }
  paper?: 58 | 80
  registerPolls?: boolean
  /** The payment server's gateway profile. Default 'jsonl'. */
  profile?: PaymentServerOptions['profile']
  /** The modem's AT dialect and Quectel model. Default SIM800. */
  dialect?: Dialect
  model?: QuectelModel
}

export interface EmulatorSet {
  register: RegisterEmulator
  printer: PrinterEmulator
  modem: ModemEmulator
  server: PaymentServer
  console?: ConsoleMonitor
}

/** Starts the four emulators (server first: the modem routes to its gateway) and registers their teardown. */
export async function startEmulators(o: EmulatorSetOptions): Promise<EmulatorSet> {
  const { clock, seed, teardown } = o
  const server = new PaymentServer({ clock, seed, profile: o.profile, terminals: { [o.terminal.id]: { key: o.terminal.key } } })
  teardown.add('payment server', () => server.close())
  const { gatewayPort } = await clock.busy(server.start())
  const register = new RegisterEmulator({ clock, port: o.ports.register, poll: o.registerPolls ? {} : false })
  teardown.add('register', () => register.close())
  const printer = new PrinterEmulator({ clock, port: o.ports.printer, paper: o.paper ?? 80 })
  teardown.add('printer', () => printer.close())
  const modem = new ModemEmulator({
    clock,
    seed,
    port: o.ports.modem,
    dialect: o.dialect,
    model: o.model,
    routes: { [`${o.dial.host}:${o.dial.port}`]: `127.0.0.1:${gatewayPort}` },
  })
  teardown.add('modem', () => modem.close())
  const console = o.ports.console ? new ConsoleMonitor(clock, o.ports.console) : undefined
  return { register, printer, modem, server, console }
}

/** The event logs of an emulator set, in a fixed order. */
export function emulatorLogs(e: EmulatorSet): EventLog[] {
  return [e.register.events, e.printer.events, e.modem.events, e.server.events, ...(e.console ? [e.console.events] : [])]
}
