import { readFile, writeFile } from 'node:fs/promises'
import { basename, extname, join } from 'node:path'
import { parseArgs } from 'node:util'
import { UsageError, type Command } from '../command.js'
import { prepareOutDir } from '../out-dir.js'
import { PrinterEmulator, type PrintedSegment, type PrintWarning } from '../../../emulators/printer/index.js'
import { writeSegment, type SegmentLogEntry } from '../../../emulators/printer/print-log.js'
import { RealClock } from '../../clock/real-clock.js'

const usage = `Usage: rig render FILE [--paper 58|80] [--out DIR]

Interprets an ESC/POS file with the printer emulator and writes one PNG per cut segment
(FILE-000.png, …, numbered from 0 in cut order; colour-2 dots of two-colour graphics and
text in red) and FILE.print-log.json (text lines, QR symbols with their payload as jsQR
reads it back, images, barcodes, warnings) into DIR. Every segment is written, however many.

Options:
  --paper 58|80   paper width: 58 mm = 384 dots, 80 mm = 576 dots (default 80)
  --out DIR       output folder (default: render-<FILE name>)`

const render: Command = {
  summary: 'ESC/POS file → one PNG per cut and a print-log JSON',
  usage,
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { paper: { type: 'string', default: '80' }, out: { type: 'string' } },
    })
    if (positionals.length !== 1) throw new UsageError('expected exactly one FILE')
    const file = positionals[0]!
    const paper = Number(values.paper)
    if (paper !== 58 && paper !== 80) throw new UsageError(`--paper must be 58 or 80, got "${values.paper}"`)
    const name = basename(file, extname(file))
    const out = values.out ?? `render-${name}`
    const bytes = await readFile(file)
    await prepareOutDir(out)
    // Segments are collected as they are emitted: printer.segments keeps only the newest, and the
    // event log only its last 100,000 events; a listener sees every one.
    const printer = new PrinterEmulator({ clock: new RealClock(), paper, maxSegments: 0 })
    const warnings: PrintWarning[] = []
    const cut: PrintedSegment[] = []
    printer.events.on((e) => {
      if (e.type === 'warning') warnings.push(e.data as PrintWarning)
      else if (e.type === 'segment') cut.push(e.data as PrintedSegment)
    })
    printer.write(bytes)
    printer.flush()
    await printer.close()
    const segments: SegmentLogEntry[] = []
    for (const s of cut) segments.push(await writeSegment(out, name, s))
    const log = { file, bytes: bytes.length, paper, dots: printer.width, segments, warnings }
    const logFile = join(out, `${name}.print-log.json`)
    await writeFile(logFile, JSON.stringify(log, null, 2) + '\n')
    console.log(`${segments.length} segment(s), ${warnings.length} warning(s) → ${out}/ (${logFile})`)
    for (const w of warnings.slice(0, 20)) console.log(`  warning at byte ${w.offset}: ${w.message}`)
    if (warnings.length > 20) console.log(`  … ${warnings.length - 20} more in the print log`)
    return 0
  },
}

export default render
