import { parseArgs } from 'node:util'
import { SerialPort } from 'serialport'
import { UsageError, type Command } from '../command.js'
import { RealClock } from '../../clock/real-clock.js'
import { RegisterEmulator, type StatusQuery } from '../../../emulators/register/index.js'
import { loadReceiptFile, type ReceiptJob } from '../../../emulators/register/load.js'

const BAUDS = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200]

const usage = `Usage: rig emulate register --port PATH --receipt FILE [--receipt FILE …] [options]

Acts as a legacy cash register on a real serial port: sends each receipt (YAML/JSON definition
rendered to ESC/POS, or a .bin/.prn/.escpos/.raw capture sent byte for byte) and reports the
totals and any printer errors.

Options:
  --port PATH         serial port (/dev/ttyUSB0, COM3, a socat pty)          (required)
  --receipt FILE      receipt file; repeat for back-to-back receipts           (required)
  --baud N            ${BAUDS.join(', ')} (default 9600)
  --data-bits N       7 or 8 (default 8)
  --parity P          none, even, odd (default none)
  --stop-bits N       1 or 2 (default 1)
  --flow F            none, rtscts, xonxoff (default none)
  --poll LIST         poll DLE EOT n before and after each receipt, e.g. "1,4" (default: no polling)
  --poll-timeout MS   wait for each status reply (default 500)
  --abort-on-error    do not print when the printer reports an error or does not answer
  --repeat N          send the list N times (default 1)
  --gap MS            pause between receipts (default 0)
  --chunk N           write in pieces of N bytes (default: whole receipt)

Exit status: 0 all sent and no printer error, 1 a printer error was recorded, 2 bad input.`

function int(name: string, value: string, min: number, max: number): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be an integer ${min}–${max}, got "${value}"`)
  return n
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, got "${value}"`)
  return value as T
}

const command: Command = {
  summary: 'act as a cash register on a serial port (receipts, raw captures, status polling)',
  usage,
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        receipt: { type: 'string', multiple: true },
        baud: { type: 'string', default: '9600' },
        'data-bits': { type: 'string', default: '8' },
        parity: { type: 'string', default: 'none' },
        'stop-bits': { type: 'string', default: '1' },
        flow: { type: 'string', default: 'none' },
        poll: { type: 'string' },
        'poll-timeout': { type: 'string', default: '500' },
        'abort-on-error': { type: 'boolean', default: false },
        repeat: { type: 'string', default: '1' },
        gap: { type: 'string', default: '0' },
        chunk: { type: 'string', default: '0' },
      },
    })
    if (!values.port) throw new UsageError('--port PATH is required')
    if (!values.receipt?.length) throw new UsageError('--receipt FILE is required')
    const baudRate = Number(values.baud)
    if (!BAUDS.includes(baudRate)) throw new UsageError(`--baud must be one of ${BAUDS.join(', ')}, got "${values.baud}"`)
    const dataBits = oneOf('data-bits', values['data-bits'], ['7', '8'] as const)
    const parity = oneOf('parity', values.parity, ['none', 'even', 'odd'] as const)
    const stopBits = oneOf('stop-bits', values['stop-bits'], ['1', '2'] as const)
    const flow = oneOf('flow', values.flow, ['none', 'rtscts', 'xonxoff'] as const)
    const queries = values.poll?.split(',').map((q) => int('poll', q.trim(), 1, 4) as StatusQuery)
    const repeat = int('repeat', values.repeat, 1, 100_000)

    const jobs: Array<{ file: string; job: ReceiptJob }> = []
    for (const file of values.receipt) jobs.push({ file, job: await loadReceiptFile(file) })

    const port = new SerialPort({
      path: values.port,
      baudRate,
      dataBits: Number(dataBits) as 7 | 8,
      parity,
      stopBits: Number(stopBits) as 1 | 2,
      rtscts: flow === 'rtscts',
      xon: flow === 'xonxoff',
      xoff: flow === 'xonxoff',
      autoOpen: false,
    })
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())))
    const clock = new RealClock()
    const register = new RegisterEmulator({
      clock,
      port,
      poll: queries ? { queries, timeoutMs: int('poll-timeout', values['poll-timeout'], 1, 600_000), onError: values['abort-on-error'] ? 'abort' : 'print' } : false,
      gapMs: int('gap', values.gap, 0, 3_600_000),
      chunkSize: int('chunk', values.chunk, 0, 1 << 20),
    })
    register.events.on((e) => {
      if (e.type === 'printer-error' || e.type === 'line-warning' || e.type === 'status-reply') {
        console.log(`  ${e.type} ${JSON.stringify(e.data)}`)
      }
    })
    let failed = false
    try {
      for (let round = 0; round < repeat; round++) {
        for (const { file, job } of jobs) {
          try {
            const result = job.kind === 'raw' ? await register.print(job.bytes) : await register.print(job.definition)
            console.log(`${file}: ${result.bytes} bytes${result.total !== undefined ? `, total ${result.total}` : ', no total'}`)
          } catch (err) {
            failed = true
            console.log(`${file}: not printed: ${(err as Error).message}`)
          }
        }
      }
    } finally {
      await register.close()
      await new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve()))
      clock.clearAll()
    }
    return failed || register.events.ofType('printer-error').length > 0 ? 1 : 0
  },
}

export default command
