import { readFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { SerialPort } from 'serialport'
import { parse as parseYaml } from 'yaml'
import { QrDevice, type DeviceConfig } from '../../../emulators/qr-device/index.js'
import { RealClock } from '../../clock/real-clock.js'
import { UsageError, type Command } from '../command.js'

const DEFAULT_BAUD = { register: 9600, printer: 19200, modem: 115200, console: 115200 }

const usage = `Usage: rig device --register PATH --printer PATH --modem PATH [--console PATH] [--config FILE] [options]

Runs the simulated QR device (the reference firmware) as a process on serial ports, e.g. the
pseudo-terminals of a process bench or real USB-serial adapters. Stops cleanly on SIGINT/SIGTERM.

Options:
  --config FILE        device configuration, YAML or JSON (terminalId, terminalKey, pan, server, …)
  --baud PORT=N,…      baud rates (default register=9600,printer=19200,modem=115200,console=115200)
  --seed N             seed of the firmware's nonces (default: from the time)`

async function open(path: string, baudRate: number): Promise<SerialPort> {
  const port = new SerialPort({ path, baudRate, autoOpen: false })
  await new Promise<void>((res, rej) => port.open((err) => (err ? rej(new Error(`cannot open ${path}: ${err.message}`)) : res())))
  port.on('error', (err) => process.stderr.write(`${path}: ${err.message}\n`))
  return port
}

const command: Command = {
  summary: 'run the simulated QR device as a process on serial ports',
  usage,
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        register: { type: 'string' },
        printer: { type: 'string' },
        modem: { type: 'string' },
        console: { type: 'string' },
        config: { type: 'string' },
        baud: { type: 'string' },
        seed: { type: 'string' },
      },
    })
    for (const p of ['register', 'printer', 'modem'] as const) if (!values[p]) throw new UsageError(`--${p} PATH is required`)
    const baud: Record<string, number> = { ...DEFAULT_BAUD }
    for (const part of values.baud?.split(',') ?? []) {
      const [k, v] = part.split('=')
      if (!k || !(k in baud) || !Number.isInteger(Number(v))) throw new UsageError(`--baud: "${part}" is not PORT=N`)
      baud[k] = Number(v)
    }
    let config: Partial<DeviceConfig> = {}
    if (values.config) {
      const text = await readFile(values.config, 'utf8')
      config = (values.config.endsWith('.json') ? JSON.parse(text) : parseYaml(text)) ?? {}
    }
    const clock = new RealClock()
    const ports = {
      register: await open(values.register!, baud.register!),
      printer: await open(values.printer!, baud.printer!),
      modem: await open(values.modem!, baud.modem!),
      console: values.console ? await open(values.console, baud.console!) : undefined,
    }
    const device = new QrDevice({ clock, config, seed: values.seed ? Number(values.seed) : Math.floor(clock.now()) % 2 ** 31, ports })
    device.start()
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve)
      process.once('SIGTERM', resolve)
    })
    await device.stop()
    clock.clearAll()
    await Promise.all(Object.values(ports).map((p) => (p?.isOpen ? new Promise<void>((res) => p.close(() => res())) : undefined)))
    return 0
  },
}

export default command
