import t from 'tap'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Jimp } from 'jimp'
import { loadScenarioFile } from '../../rig/scenario/load.js'
import { runScenario } from '../../rig/runner/run-scenario.js'
import { jsQR } from '../../rig/capture/decode-qr.js'
import { crc16Hex } from '../../protocols/checks/crc16.js'
import { parseTlv } from '../../protocols/emv/tlv.js'
import { tempDir } from './helpers.js'

/** Decodes a PNG from disk with jsQR, independently of the rig's own raster path. */
async function decodePng(path: string): Promise<string | undefined> {
  const img = await Jimp.read(path)
  const pad = 32
  const w = img.bitmap.width + 2 * pad
  const h = img.bitmap.height + 2 * pad
  const rgba = new Uint8ClampedArray(w * h * 4).fill(255)
  for (let y = 0; y < img.bitmap.height; y++) {
    rgba.set(img.bitmap.data.subarray(y * img.bitmap.width * 4, (y + 1) * img.bitmap.width * 4), ((y + pad) * w + pad) * 4)
  }
  return jsQR(rgba, w, h)?.data
}

t.test('the bundled smoke scenario passes end to end and leaves its pictures', async (t) => {
  const [scenario] = await loadScenarioFile('scenarios/smoke/paid-receipt.yaml')
  const out = tempDir()
  const result = await runScenario(scenario!, { outDir: out, seed: 1 })
  t.equal(result.status, 'passed', result.error?.message ?? '')
  t.equal(result.steps.filter((s) => s.status === 'passed').length, scenario!.steps.length)

  const receipt = result.receipts[0]!
  const png = join(out, receipt.png!)
  const text = await decodePng(png)
  t.ok(text, 'the receipt PNG decodes with jsQR')
  const fields = Object.fromEntries(parseTlv(text!).map((f) => [f.id, f.value]))
  t.equal(fields['54'], '12.30', 'tag 54 carries the receipt total (2 x 4.50 + 3.30)')
  t.equal(fields['00'], '01')
  t.equal(fields['01'], '12', 'a dynamic code')
  t.equal(crc16Hex(text!.slice(0, -4)), fields['63'], 'the CRC over everything up to "6304" checks')
  t.ok(receipt.lines.some((l) => /TOTAL\s+12\.30/.test(l)), 'the register\'s own lines were passed through')

  const slip = result.receipts[1]!
  t.same(slip.lines.slice(0, 2), ['PAYMENT', 'SUCCESSFUL'])
  t.equal(await decodePng(join(out, slip.png!)), undefined, 'the slip carries no QR')
  t.ok(readFileSync(join(out, slip.png!)).subarray(1, 4).equals(Buffer.from('PNG')), 'a second PNG shows the slip')

  t.ok(result.virtualMs < 5 * 60_000, 'within the scenario time-out')
  t.equal(result.ledger[0]?.state, 'acknowledged')
  t.match(String(result.ledger[0]?.pan), /^621234\*+1232$/, 'the PAN is masked in the report')
  t.notMatch(JSON.stringify(result), /6212345678901232/, 'the full PAN appears nowhere in the result')
})

t.test('the same seed gives the same verdicts and the same artifacts', async (t) => {
  const [scenario] = await loadScenarioFile('scenarios/smoke/paid-receipt.yaml')
  const runs = []
  for (let i = 0; i < 3; i++) {
    const out = tempDir()
    const r = await runScenario(scenario!, { outDir: out, seed: 7 })
    runs.push({
      status: r.status,
      virtualMs: r.virtualMs,
      steps: r.steps.map((s) => [s.status, s.startMs, s.durationMs]),
      pngs: r.receipts.map((p) => readFileSync(join(out, p.png!)).toString('base64')),
      timeline: readFileSync(join(out, r.artifacts.find((a) => a.kind === 'timeline')!.path), 'utf8').replace(/"(httpPort|gatewayPort|remote|target)":("[^"]*"|\d+)/g, ''),
      trace: readFileSync(join(out, r.artifacts.find((a) => a.name === 'link-modem.trace.txt')!.path), 'utf8'),
    })
  }
  t.equal(runs[0]!.status, 'passed')
  t.same(runs[1], runs[0])
  t.same(runs[2], runs[0])
})
