import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { SerialPort } from 'serialport'
import { UsageError, type Command } from '../command.js'
import { PrinterEmulator, type FlowControl, type PrintedSegment, type PrintWarning } from '../../../emulators/printer/index.js'
import { writeSegment, type SegmentLogEntry } from '../../../emulators/printer/print-log.js'
import { RealClock } from '../../clock/real-clock.js'

const usage = `Usage: rig emulate printer --port PATH [--baud N] [--paper 58|80] [--out DIR] [options]

Runs the thermal printer emulator on a serial port: it interprets ESC/POS, answers status
(DLE EOT, GS a, GS r) and busy signalling on the port, and writes each segment as it is cut
(DIR/receipt-000.png …) with DIR/print-log.json updated after every cut. Stops on Ctrl-C
(the uncut remainder is written as a last segment) or when the port closes.

Options:
  --port PATH          serial device (required), e.g. /dev/ttyUSB0 or a socat pty
  --baud N             baud rate (default 9600)
  --paper 58|80        paper width: 384 or 576 dots (default 80)
  --out DIR            output folder (default printer-out)
  --flow xon-xoff|dtr|none   busy signalling (default xon-xoff)
  --buffer N           receive buffer bytes (default 4096)
  --speed MM_S         print speed in mm/s, 0 = instant (default 0)
  --chinese gb18030|big5     two-byte encoding of Chinese mode (default gb18030)`

const emulatePrinter: Command = {
  summary: 'thermal printer emulator on a serial port (PNG + print log per cut)',
  usage,
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        baud: { type: 'string', default: '9600' },
        paper: { type: 'string', default: '80' },
        out: { type: 'string', default: 'printer-out' },
        flow: { type: 'string', default: 'xon-xoff' },
        buffer: { type: 'string', default: '4096' },
        speed: { type: 'string', default: '0' },
        chinese: { type: 'string', default: 'gb18030' },
      },
    })
    if (!values.port) throw new UsageError('--port PATH is required')
    const baud = Number(values.baud)
    const paper = Number(values.paper)
    if (!Number.isInteger(baud) || baud <= 0) throw new UsageError(`--baud must be a positive integer, got "${values.baud}"`)
    if (paper !== 58 && paper !== 80) throw new UsageError(`--paper must be 58 or 80, got "${values.paper}"`)
    if (!['xon-xoff', 'dtr', 'none'].includes(values.flow!)) throw new UsageError(`--flow must be xon-xoff, dtr or none`)
    if (values.chinese !== 'gb18030' && values.chinese !== 'big5') throw new UsageError('--chinese must be gb18030 or big5')
    const out = values.out!
    const port = new SerialPort({ path: values.port, baudRate: baud, autoOpen: false })
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())))
    const printer = new PrinterEmulator({
      clock: new RealClock(),
      port,
      paper,
      flowControl: values.flow as FlowControl,
      bufferSize: Number(values.buffer),
      speed: Number(values.speed),
      chineseEncoding: values.chinese,
    })
    const log: SegmentLogEntry[] = []
    const warnings: PrintWarning[] = []
    // Segments are written one after another, in cut order.
    let writing = Promise.resolve()
    const save = (s: PrintedSegment): void => {
      writing = writing.then(async () => {
        log.push(await writeSegment(out, 'receipt', s))
        await writeFile(join(out, 'print-log.json'), JSON.stringify({ port: values.port, paper, segments: log, warnings }, null, 2) + '\n')
        console.log(`segment ${s.index} (${s.cut} cut, ${s.raster.height} dots, ${s.lines.length} lines, ${s.qr.length} QR) → ${out}/${log[log.length - 1]!.png}`)
      })
    }
    printer.events.on((e) => {
      if (e.type === 'segment') save(e.data as PrintedSegment)
      else if (e.type === 'warning') {
        const w = e.data as PrintWarning
        warnings.push(w)
        console.log(`warning at byte ${w.offset}: ${w.message}`)
      }
    })
    console.log(`printer on ${values.port} at ${baud} baud, ${printer.width} dots; Ctrl-C to stop`)
    await new Promise<void>((resolve) => {
      const stop = (): void => resolve()
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
      port.once('close', stop)
    })
    printer.flush()
    await printer.close()
    await writing
    if (port.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()))
    console.log(`${log.length} segment(s) written to ${out}/`)
    return 0
  },
}

export default emulatePrinter
