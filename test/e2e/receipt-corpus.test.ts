import t from 'tap'
import { readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { loadReceiptFile } from '../../emulators/register/load.js'
import { defaultEncoding } from '../../emulators/register/encodings.js'
import { runYaml } from './helpers.js'

/**
 * Every receipt of the corpus, printed by the register through the simulated device to the
 * printer: the device must read the hand-written total of each (QR tag 54 decoded from the
 * printed pixels) and print no payment QR where there is nothing to collect.
 */
const dir = resolve('scenarios/receipts')
const files = readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f))

t.test('the corpus is there', async (t) => {
  t.ok(files.length >= 20, `${files.length} receipts`)
})

for (const file of files) {
  t.test(file, async (t) => {
    const job = await loadReceiptFile(join(dir, file))
    if (job.kind !== 'definition') return t.fail('expected a receipt definition')
    const def = job.definition
    const want = def.expect?.total
    const encoding = def.encoding ?? defaultEncoding(def.language ?? 'en')
    const doubleByte = encoding === 'gb18030' || encoding === 'big5'
    const device = {
      ...(doubleByte ? { chineseEncoding: encoding } : {}),
      ...(doubleByte && def.chineseMode === false ? { encoding } : {}),
      currencyExponent: want?.includes('.') ? want.split('.')[1]!.length : 0,
    }
    const collect = want !== undefined && Number(want) > 0
    const check = collect
      ? `qr: { payload: emv-mpm, crc: valid, fields: { "54": "${want}" } }`
      : 'noQr: true'
    const result = await runYaml(`
name: corpus ${file}
device: ${JSON.stringify(device)}
steps:
  - register.print: { file: ${JSON.stringify(join(dir, file))} }
  - expect.receipt: { timeout: 5m, ${check} }
`)
    t.equal(result.status, 'passed', result.error?.message ?? '')
  })
}
