/** Register emulator figures: rendering speed, and virtual-time printing of the whole corpus. */
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { median, timeRuns, type BenchResult } from './types.js'
import { loadReceiptFile } from '../emulators/register/load.js'
import { RegisterEmulator, renderReceipt, type ReceiptDefinition } from '../emulators/register/index.js'
import { VirtualClock } from '../rig/clock/virtual-clock.js'
import { Link } from '../rig/link/link.js'

const DIR = fileURLToPath(new URL('../scenarios/receipts/', import.meta.url))

export async function bench(): Promise<BenchResult[]> {
  const defs: ReceiptDefinition[] = []
  for (const f of readdirSync(DIR).filter((f) => /\.(ya?ml|json)$/.test(f)).sort()) {
    const job = await loadReceiptFile(join(DIR, f))
    if (job.kind === 'definition') defs.push(job.definition)
  }
  const renderAll = timeRuns(() => defs.forEach((d) => renderReceipt(d)), 20)
  const perReceipt = median(await renderAll) / defs.length

  const long: ReceiptDefinition = { items: Array.from({ length: 3000 }, (_, i) => ({ name: `SKU ${i}`, price: 1 })) }
  const longMs = median(await timeRuns(() => renderReceipt(long), 5, 1))

  // The whole corpus back to back at 9600 baud on a virtual clock: wire time vs real time.
  const clock = new VirtualClock({ start: 0 })
  const link = await Link.open({ name: 'register', clock, line: { baudRate: 9600 } })
  link.dutEnd.on('data', () => undefined)
  const register = new RegisterEmulator({ clock, port: link.emulatorEnd })
  clock.start()
  const t0 = performance.now()
  await register.printAll(defs.map((d) => d))
  const realMs = performance.now() - t0
  const virtualMs = clock.now()
  await clock.stop()
  await register.close()
  await link.close()

  return [
    { name: `register: render one corpus receipt (median of ${defs.length})`, value: perReceipt, unit: 'ms' },
    { name: 'register: render a 3000-item receipt', value: longMs, unit: 'ms' },
    { name: `register: corpus at 9600 baud, ${(virtualMs / 1000).toFixed(1)} s of wire time, real time`, value: realMs, unit: 'ms' },
    { name: 'register: virtual-time speed-up over a real 9600-baud line', value: virtualMs / realMs, unit: 'x', target: { min: 5 } },
  ]
}
