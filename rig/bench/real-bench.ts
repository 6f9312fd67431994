import { spawn, type ChildProcess } from 'node:child_process'
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Duplex } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { SerialPort } from 'serialport'
import { resolveConfig, type DeviceConfig } from '../../emulators/qr-device/index.js'
import type { EventLog } from '../../protocols/runtime/event-log.js'
import type { RealClock } from '../clock/real-clock.js'
import { DEFAULT_LINE, portOpenOptions, type LineSettings } from '../link/line-settings.js'
import { PortRecorder } from '../link/port-recorder.js'
import type { BenchFile } from './bench-file.js'
import { emulatorLogs, startEmulators } from './emulator-set.js'
import { ptyPair } from './pty-pair.js'
import { Teardown } from './teardown.js'
import type { Bench, DutPort } from './types.js'

export interface RealBenchOptions {
  clock: RealClock
  bench: BenchFile
  seed?: number
  /** The scenario's device configuration: written to {config} for `rig device`, and the default terminal and server. */
  device?: Partial<DeviceConfig>
  lines?: Partial<Record<DutPort, LineSettings>>
  paper?: 58 | 80
  registerPolls?: boolean
}

const DEFAULT_BAUD: Record<DutPort, number> = { register: 9600, printer: 19200, modem: 115200, console: 115200 }
const RIG = fileURLToPath(new URL('../../bin/rig.js', import.meta.url))

/**
 * `process` and `serial` benches: the emulators open real serial ports (pseudo-terminals made
 * by socat for a firmware process the rig starts, or the bench's OS serial ports) and run on
 * the real clock. Scenarios run on them unchanged.
 */
export async function startRealBench(o: RealBenchOptions): Promise<Bench> {
  const { clock, bench } = o
  const teardown = new Teardown()
  const config = resolveConfig(o.device)
  try {
    const lineOf = (p: DutPort): Required<LineSettings> => ({ ...DEFAULT_LINE, baudRate: DEFAULT_BAUD[p], ...bench.lines?.[p], ...o.lines?.[p] })
    const paths: Partial<Record<DutPort, string>> = {}
    const dutPaths: Partial<Record<DutPort, string>> = {}
    if (bench.kind === 'process') {
      for (const p of ['register', 'printer', 'modem', 'console'] as const) {
        const pair = await ptyPair(p)
        teardown.add(`pty ${p}`, () => pair.close())
        paths[p] = pair.emulator
        dutPaths[p] = pair.dut
      }
    } else Object.assign(paths, bench.ports)

    const ports = {} as Record<DutPort, Duplex>
    const recorders: Partial<Record<DutPort, PortRecorder>> = {}
    for (const [name, path] of Object.entries(paths) as Array<[DutPort, string]>) {
      const line = lineOf(name)
      const port = new SerialPort(portOpenOptions(path, line))
      await new Promise<void>((res, rej) => port.open((err) => (err ? rej(new Error(`cannot open ${name} port ${path}: ${err.message}`)) : res())))
      teardown.add(`port ${name}`, () => new Promise<void>((res) => (port.isOpen ? port.close(() => res()) : res())))
      recorders[name] = new PortRecorder(name, clock, port, line)
      ports[name] = port
    }

    const emulators = await startEmulators({
      clock,
      seed: o.seed ?? 1,
      teardown,
      ports,
      terminal: bench.terminal ?? { id: config.terminalId, key: config.terminalKey },
      dial: bench.server ?? config.server,
      paper: o.paper ?? bench.paper,
      registerPolls: o.registerPolls,
      profile: config.server.profile,
      dialect: config.modem.dialect,
      model: config.modem.model,
    })

    if (bench.kind === 'process') {
      const dir = mkdtempSync(join(tmpdir(), 'rig-device-'))
      teardown.add('device config', () => rmSync(dir, { recursive: true, force: true }))
      const configFile = join(dir, 'device.json')
      writeFileSync(configFile, JSON.stringify(o.device ?? {}))
      const fill = (arg: string): string =>
        arg.replace(/\{(register|printer|modem|console|config|rig)\}/g, (_, k: string) => (k === 'config' ? configFile : k === 'rig' ? RIG : dutPaths[k as DutPort]!))
      const [cmd, ...args] = bench.command!.map(fill)
      const child = spawn(cmd!, args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: resolve('.') })
      teardown.add('firmware process', () => stopProcess(child, clock))
      const output: string[] = []
      child.stdout?.on('data', (d: Buffer) => output.push(d.toString()))
      child.stderr?.on('data', (d: Buffer) => output.push(d.toString()))
      child.on('exit', (code, signal) => recorders.console?.events.emit('firmware-exit', { code, signal, output: output.join('').slice(-2000) }))
      // Ready when the firmware first speaks on any port (field firmware probes its modem with
      // AT at boot): bytes sent before it opened its ports would be flushed and lost.
      const deadline = clock.now() + (bench.startupMs ?? 15_000)
      const spoke = (): boolean => Object.values(recorders).some((r) => r.capture.some((c) => c.from === 'dut'))
      while (!spoke() && child.exitCode === null && clock.now() < deadline) await clock.sleep(20)
      if (child.exitCode !== null) throw new Error(`firmware exited at start (code ${child.exitCode}): ${output.join('').slice(-500)}`)
      if (!spoke()) recorders.console?.events.emit('firmware-silent', { afterMs: bench.startupMs ?? 15_000 })
    }

    const logs = (): EventLog[] => [...emulatorLogs(emulators), ...Object.values(recorders).map((r) => r.events)]
    return { kind: bench.kind, clock, ...emulators, links: recorders, logs, close: () => teardown.run() }
  } catch (err) {
    await teardown.run()
    throw err
  }
}

async function stopProcess(child: ChildProcess, clock: RealClock): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((res) => child.once('exit', () => res()))
  child.kill('SIGTERM')
  await Promise.race([exited, clock.sleep(3000)])
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
}
