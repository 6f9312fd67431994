import { parseArgs } from 'node:util'
import { SerialPort } from 'serialport'
import { UsageError, type Command } from '../command.js'
import { RealClock } from '../../clock/real-clock.js'
import { DEFAULT_TIMINGS, ModemEmulator, type ModemOptions, type ModemTimings } from '../../../emulators/modem/index.js'

const BAUDS = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800]
const MODELS = ['M95', 'M26', 'EC21', 'EC25', 'BG96'] as const

const usage = `Usage: rig emulate modem --port PATH [options]

Acts as a GPRS modem on a real serial port: answers AT commands in the SIM800 or Quectel
dialect, opens REAL TCP connections for CIPSTART/QIOPEN (loopback only unless allowed),
makes real HTTP requests for AT+HTTPACTION, keeps sent SMS in an outbox. Stops on Ctrl-C.

Options:
  --port PATH            serial port (/dev/ttyUSB0, COM3, a socat pty)          (required)
  --baud N               ${BAUDS.join(', ')} (default 115200)
  --dialect D            sim800 (default) or quectel
  --model M              Quectel family: ${MODELS.join(', ')} (default BG96)
  --allow HOST[:PORT]    also allow this non-loopback destination (repeatable)
  --route NAME[:PORT]=HOST[:PORT]
                         resolve a name the device dials to this target (repeatable),
                         e.g. pay.qrreceipt.test:7000=127.0.0.1:7000
  --latency MS           one-way radio latency added to socket traffic (default 50)
  --timing NAME=MS       duration of one step in ms (repeatable), e.g. --timing command=20 delays
                         every reply by 20 ms; names and defaults:
                         ${Object.entries(DEFAULT_TIMINGS).map(([k, v]) => `${k}=${v}`).join(' ')}
  --boot-urcs            send RDY, +CFUN: 1, +CPIN: READY, Call Ready, SMS Ready at start
  --seed N               seed of IP addresses and message references (default 1)
  --log                  print every modem event as one JSON line on stdout

Exit status: 0 after a clean stop, 1 when the port cannot be opened, 2 bad usage.`

/** Parses the command line into modem options and the port settings (exported for tests). */
export function optionsFromArgs(argv: string[], clock = new RealClock()): { port: string; baudRate: number; options: ModemOptions; log: boolean } {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      baud: { type: 'string', default: '115200' },
      dialect: { type: 'string', default: 'sim800' },
      model: { type: 'string' },
      allow: { type: 'string', multiple: true },
      route: { type: 'string', multiple: true },
      latency: { type: 'string', default: '50' },
      timing: { type: 'string', multiple: true },
      'boot-urcs': { type: 'boolean', default: false },
      seed: { type: 'string', default: '1' },
      log: { type: 'boolean', default: false },
    },
  })
  if (!values.port) throw new UsageError('--port PATH is required')
  const baudRate = Number(values.baud)
  if (!BAUDS.includes(baudRate)) throw new UsageError(`--baud must be one of ${BAUDS.join(', ')}, got "${values.baud}"`)
  if (values.dialect !== 'sim800' && values.dialect !== 'quectel') throw new UsageError(`--dialect must be sim800 or quectel, got "${values.dialect}"`)
  if (values.model !== undefined && !(MODELS as readonly string[]).includes(values.model)) {
    throw new UsageError(`--model must be one of ${MODELS.join(', ')}, got "${values.model}"`)
  }
  const routes: Record<string, string> = {}
  for (const r of values.route ?? []) {
    const [from, to, ...extra] = r.split('=')
    if (!from || !to || extra.length > 0) throw new UsageError(`--route must be NAME[:PORT]=HOST[:PORT], got "${r}"`)
    routes[from] = to
  }
  for (const a of values.allow ?? []) {
    if (!/^(\[[^\]]+\]|[^:\s]+)(:\d{1,5})?$/.test(a)) throw new UsageError(`--allow must be HOST or HOST:PORT, got "${a}"`)
  }
  const latencyMs = Number(values.latency)
  if (!Number.isFinite(latencyMs) || latencyMs < 0) throw new UsageError(`--latency must be a number of ms >= 0, got "${values.latency}"`)
  const timings: Partial<ModemTimings> = {}
  for (const t of values.timing ?? []) {
    const m = /^([A-Za-z]+)=(\d+(?:\.\d+)?)$/.exec(t)
    const name = m?.[1] as keyof ModemTimings | undefined
    if (!m || !name || !(name in DEFAULT_TIMINGS)) {
      throw new UsageError(`--timing must be NAME=MS with NAME one of ${Object.keys(DEFAULT_TIMINGS).join(', ')}, got "${t}"`)
    }
    timings[name] = Number(m[2])
  }
  const seed = Number(values.seed)
  if (!Number.isInteger(seed)) throw new UsageError(`--seed must be an integer, got "${values.seed}"`)
  const options: ModemOptions = {
    clock,
    dialect: values.dialect,
    ...(values.model ? { model: values.model as (typeof MODELS)[number] } : {}),
    routes,
    allow: values.allow ?? [],
    network: { latencyMs },
    ...(Object.keys(timings).length ? { timings } : {}),
    bootUrcs: values['boot-urcs'],
    seed,
  }
  return { port: values.port, baudRate, options, log: values.log }
}

/** Opens the port and starts the modem; `stop()` releases both (exported for tests). */
export async function startModem(argv: string[]): Promise<{ modem: ModemEmulator; stop(): Promise<void> }> {
  const clock = new RealClock()
  const { port: path, baudRate, options, log } = optionsFromArgs(argv, clock)
  const port = new SerialPort({ path, baudRate, autoOpen: false })
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())))
  let modem: ModemEmulator
  try {
    modem = new ModemEmulator({ ...options, port })
  } catch (err) {
    await new Promise<void>((resolve) => port.close(() => resolve()))
    throw err
  }
  if (log) modem.events.on((e) => console.log(JSON.stringify(e)))
  return {
    modem,
    async stop() {
      await modem.close()
      await new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve()))
      clock.clearAll()
    },
  }
}

const command: Command = {
  summary: 'act as a GPRS modem on a serial port (SIM800/Quectel AT, real loopback sockets, HTTP, SMS)',
  usage,
  async run(argv) {
    const { port } = optionsFromArgs(argv) // usage errors before touching the port
    let running: Awaited<ReturnType<typeof startModem>>
    try {
      running = await startModem(argv)
    } catch (err) {
      if (err instanceof UsageError) throw err
      console.error(`rig emulate modem: cannot open the port: ${(err as Error).message}`)
      return 1
    }
    const o = running.modem.options
    console.error(`modem: ${o.dialect}${o.dialect === 'quectel' ? ` ${o.model}` : ''} on ${port}; destinations: loopback${o.allow.length ? `, ${o.allow.join(', ')}` : ''}`)
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve)
      process.once('SIGTERM', resolve)
    })
    await running.stop()
    for (const m of running.modem.sms) console.error(`sms to ${m.to}: ${JSON.stringify(m.text)}`)
    return 0
  },
}

export default command
