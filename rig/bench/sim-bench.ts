import { QrDevice, resolveConfig, type DeviceConfig } from '../../emulators/qr-device/index.js'
import type { Dialect, QuectelModel } from '../../emulators/modem/index.js'
import type { PaymentServerOptions } from '../../emulators/payment-server/index.js'
import type { EventLog } from '../../protocols/runtime/event-log.js'
import type { VirtualClock } from '../clock/virtual-clock.js'
import { Link } from '../link/link.js'
import type { LineSettings } from '../link/line-settings.js'
import { emulatorLogs, startEmulators } from './emulator-set.js'
import { Teardown } from './teardown.js'
import type { Bench, DutPort } from './types.js'

export interface SimBenchOptions {
  clock: VirtualClock
  /** Seed for every random choice of the bench. Default 1. */
  seed?: number
  /** Device configuration overrides. */
  device?: Partial<DeviceConfig>
  /** Line settings per port. Defaults: register 9600, printer 19200, modem 115200 (8N1), console not baud-limited. */
  lines?: Partial<Record<DutPort, LineSettings>>
  /** Paper width of the printer. Default 80. */
  paper?: 58 | 80
  /** Register status polling (DLE EOT) before and after each job. Default off. */
  registerPolls?: boolean
  /** The payment server's gateway profile. Default: the device's `server.profile` (set it to test a mismatch). */
  server?: { profile?: PaymentServerOptions['profile'] }
  /** The modem's AT dialect and Quectel model. Default: the device's `modem` (set them to test a mismatch). */
  modem?: { dialect?: Dialect; model?: QuectelModel }
}

const DEFAULT_LINES: Record<DutPort, LineSettings> = {
  register: { baudRate: 9600 },
  printer: { baudRate: 19200 },
  modem: { baudRate: 115200 },
  console: { baudRate: 0 },
}

/**
 * The `sim` bench: the simulated device in-process, wired to the emulators by links over
 * @serialport/binding-mock, all on one virtual clock. Whatever fails during start-up or
 * later, close() releases everything that was started.
 */
export async function startSimBench(options: SimBenchOptions): Promise<Bench> {
  const { clock } = options
  const seed = options.seed ?? 1
  const config = resolveConfig(options.device)
  const teardown = new Teardown()
  try {
    const links = {} as Record<DutPort, Link>
    for (const port of ['register', 'printer', 'modem', 'console'] as const) {
      const link = await Link.open({ name: port, clock, seed, line: { ...DEFAULT_LINES[port], ...options.lines?.[port] } })
      teardown.add(`link ${port}`, () => link.close())
      links[port] = link
    }
    // The emulators speak what the device is configured for unless the caller says otherwise.
    const emulators = await startEmulators({
      clock,
      seed,
      teardown,
      ports: { register: links.register.emulatorEnd, printer: links.printer.emulatorEnd, modem: links.modem.emulatorEnd, console: links.console.emulatorEnd },
      terminal: { id: config.terminalId, key: config.terminalKey },
      dial: config.server,
      paper: options.paper,
      registerPolls: options.registerPolls,
      profile: options.server?.profile ?? config.server.profile,
      dialect: options.modem?.dialect ?? config.modem.dialect,
      model: options.modem?.model ?? config.modem.model,
    })

    const device = new QrDevice({
      clock,
      seed,
      config,
      ports: { register: links.register.dutEnd, printer: links.printer.dutEnd, modem: links.modem.dutEnd, console: links.console.dutEnd },
    })
    // The device stops first, so nothing it does races the emulators' teardown.
    teardown.add('device', () => device.stop())
    device.start()

    const logs = (): EventLog[] => [...emulatorLogs(emulators), ...Object.values(links).map((l) => l.events)]
    return { kind: 'sim', clock, ...emulators, links, logs, close: () => teardown.run() }
  } catch (err) {
    await teardown.run()
    throw err
  }
}
