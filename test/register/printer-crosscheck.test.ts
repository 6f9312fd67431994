/**
 * Every corpus receipt through the printer emulator (another developer's independent ESC/POS
 * interpreter): its print log must hold the text lines and the total the receipt promises.
 */
import t from 'tap'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { VirtualClock } from '../../rig/clock/virtual-clock.js'
import { Link } from '../../rig/link/link.js'
import { PrinterEmulator } from '../../emulators/printer/index.js'
import { loadReceiptFile } from '../../emulators/register/load.js'
import { findTotal } from '../../emulators/register/total-line.js'
import { RegisterEmulator, renderReceipt, type ReceiptDefinition } from '../../emulators/register/index.js'
import { collapse } from './helpers.js'

const DIR = new URL('../../scenarios/receipts/', import.meta.url).pathname
const files = readdirSync(DIR).filter((f) => /\.(ya?ml|json)$/.test(f)).sort()

function printerFor(def: ReceiptDefinition, clock: VirtualClock, extra: object = {}): PrinterEmulator {
  const language = def.language ?? 'en'
  const encoding = def.encoding ?? (language === 'zh-CN' ? 'gb18030' : language === 'zh-TW' ? 'big5' : 'cp437')
  const columns = def.columns ?? (language === 'en' ? 42 : 32)
  const doubleByte = encoding === 'gb18030' || encoding === 'big5'
  return new PrinterEmulator({
    clock,
    paper: columns === 32 ? 58 : 80,
    chineseEncoding: encoding === 'big5' ? 'big5' : 'gb18030',
    chineseAtPowerOn: doubleByte && def.chineseMode === false,
    ...extra,
  })
}

for (const file of files) {
  t.test(file, async (t) => {
    const job = await loadReceiptFile(join(DIR, file))
    if (job.kind !== 'definition') throw new Error('expected a definition')
    const def = job.definition
    const r = renderReceipt(def)
    const printer = printerFor(def, new VirtualClock())
    const warnings: unknown[] = []
    printer.events.on((e) => void (e.type === 'warning' && warnings.push(e.data)))
    printer.write(r.bytes)
    t.equal(printer.segments.length, 1, 'one segment, ended by the cut')
    const segment = printer.segments[0]!
    t.equal(segment.cut, 'partial')
    const lines = segment.lines.map((l) => l.text)
    t.same(lines, r.lines, 'the print log holds the receipt lines')
    t.same(warnings, [], 'the printer found nothing to warn about')
    t.equal(findTotal(lines)?.total ?? null, def.expect!.total, 'the total read off the print log')
    if (def.expect!.totalLine) {
      const line = segment.lines.find((l) => collapse(l.text) === collapse(def.expect!.totalLine!))
      t.ok(line, 'the total line is in the print log')
      const size = def.totalLine ? def.totalLine.size ?? 1 : 1
      t.equal(line?.width, size, `printed at ${size}x width`)
    }
    for (const l of segment.lines) t.ok(l.x >= 0 && l.x < printer.width, `"${l.text}" starts on the paper`)
    await printer.close()
  })
}

t.test('register → link → printer: a long receipt, status polls answered by the printer, its XOFF/XON obeyed', async (t) => {
  const clock = new VirtualClock({ start: 0 })
  const link = await Link.open({ name: 'register', clock, line: { baudRate: 38400, flowControl: 'xonxoff' } })
  const items = Array.from({ length: 400 }, (_, i) => ({ name: `Part ${i + 1}`, price: 1 }))
  const def: ReceiptDefinition = { header: ['PARTS DEPOT'], items, totalLine: { thousands: true, symbol: '$' } }
  // A slow printer (50 mm/s) with a 4 kB buffer must go busy on a ~19 kB receipt.
  const printer = printerFor(def, clock, { port: link.dutEnd, speed: 50, bufferSize: 4096, flowControl: 'xon-xoff' })
  const register = new RegisterEmulator({ clock, port: link.emulatorEnd, poll: { queries: [1, 4], timeoutMs: 300 } })
  clock.start()
  const result = await register.print(def)
  await clock.sleep(30_000)
  await clock.stop()
  t.equal(result.total, '400.00')
  const busy = printer.events.ofType<{ busy: boolean }>('busy').map((e) => e.data.busy)
  t.ok(busy.includes(true) && busy.at(-1) === false, `the printer went busy and came back (${busy.length} changes)`)
  t.same(printer.events.ofType('warning'), [], 'no receive-buffer overflow: the register stopped on XOFF')
  const lines = printer.segments.flatMap((s) => s.lines.map((l) => l.text))
  t.same(lines, renderReceipt(def).lines)
  t.equal(findTotal(lines)?.total, '400.00')
  t.same(register.events.ofType<{ byte: number }>('status-reply').map((e) => e.data.byte), [0x12, 0x12, 0x12, 0x12])
  t.same(register.events.ofType('printer-error'), [])
  await register.close()
  await printer.close()
  await link.close()
})

t.test('register → printer out of paper: DLE EOT 4 reports paper end and the register aborts', async (t) => {
  const clock = new VirtualClock({ start: 0 })
  const link = await Link.open({ name: 'register', clock, line: { baudRate: 9600 } })
  const def: ReceiptDefinition = { items: [{ name: 'Tea', price: 2 }] }
  const printer = printerFor(def, clock, { port: link.dutEnd })
  printer.setPaper('out')
  const register = new RegisterEmulator({ clock, port: link.emulatorEnd, poll: { queries: [4], onError: 'abort' } })
  clock.start()
  await t.rejects(register.print(def), { name: 'PrinterNotReadyError' })
  await clock.stop()
  const errors = register.events.ofType<{ reason: string; byte: number }>('printer-error')
  t.same(errors.map((e) => e.data.reason), ['paper-end'])
  t.equal(errors[0]!.data.byte & 0x60, 0x60, 'the printer answered with the paper-end bits')
  t.equal(printer.segments.length, 0, 'nothing printed')
  await register.close()
  await printer.close()
  await link.close()
})
