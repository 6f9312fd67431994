import t from 'tap'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import QRCode from 'qrcode'
import { Jimp } from 'jimp'
import { main } from '../../rig/cli/main.js'
import { encodeMpm } from '../../protocols/emv/mpm.js'
import { request } from './helpers.js'

const PROMPTPAY = '00020101021229370016A000000677010111011300660000000005802TH530376454044.226304E469'

async function run(args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = []
  const log = console.log
  const err = console.error
  console.log = (...a: unknown[]) => void lines.push(a.join(' '))
  console.error = (...a: unknown[]) => void lines.push(a.join(' '))
  try {
    return { code: await main(args), out: lines.join('\n') }
  } finally {
    console.log = log
    console.error = err
  }
}

async function picture(payloads: string[]): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'qrcli-'))
  const canvas = new Jimp({ width: 300 * Math.max(1, payloads.length), height: 320, color: 0xffffffff })
  for (const [i, p] of payloads.entries()) {
    const png = await QRCode.toBuffer([{ data: Buffer.from(p, 'utf8'), mode: 'byte' }], { margin: 4, scale: 4 })
    canvas.composite(await Jimp.read(png), i * 300 + 10, 10)
  }
  const file = join(dir, 'receipt.png') as `${string}.png`
  await canvas.write(file)
  return file
}

t.test('rig qr check PAYLOAD: fields and verdict, exit 0 valid / 1 invalid / 2 usage', async (t) => {
  const ok = await run(['qr', 'check', PROMPTPAY])
  t.equal(ok.code, 0)
  t.match(ok.out, /kind: emv-mpm/)
  t.match(ok.out, /54\s+transaction amount\s+"4\.22"/)
  t.match(ok.out, /verdict: VALID \(3 warnings\)/)
  const strict = await run(['qr', 'check', '--strict', PROMPTPAY])
  t.equal(strict.code, 1)
  const device = await run(['qr', 'check', encodeMpm(request('REF9'))])
  t.equal(device.code, 0)
  t.match(device.out, /26\.01.*"601100\*\*\*\*\*\*0000"/, 'the PAN is masked')
  t.notMatch(device.out, /6011000995500000/)
  const bad = await run(['qr', 'check', PROMPTPAY.slice(0, -1) + '8'])
  t.equal(bad.code, 1)
  t.match(bad.out, /verdict: INVALID.*\n\s+error \[63\]: CRC is E468 but the payload hashes to E469/)
  const url = await run(['qr', 'check', 'weixin://wxpay/bizpayurl?pr=abc'])
  t.equal(url.code, 1)
  t.match(url.out, /WeChat Pay URL payload/)
  const json = await run(['qr', 'check', '--json', PROMPTPAY])
  t.match(JSON.parse(json.out), { kind: 'emv-mpm', valid: true, values: { '54': '4.22' } })
  t.equal((await run(['qr', 'check'])).code, 2)
  t.equal((await run(['qr', 'frobnicate', 'x'])).code, 2)
})

t.test('rig qr check --png FILE decodes every QR symbol in the picture', async (t) => {
  const two = await picture([encodeMpm(request('PNG1')), 'https://qr.alipay.com/bax00001'])
  const r = await run(['qr', 'check', '--png', two])
  t.match(r.out, /2 QR symbols/)
  t.match(r.out, /62\.05\s+reference label\s+"PNG1"/)
  t.match(r.out, /Alipay URL payload/)
  t.equal(r.code, 1, 'one of them is invalid')
  const one = await picture([PROMPTPAY])
  t.equal((await run(['qr', 'check', '--png', one])).code, 0)
  const blank = await picture([])
  const none = await run(['qr', 'check', '--png', blank])
  t.equal(none.code, 1)
  t.match(none.out, /no QR code found/)
  const notImage = join(mkdtempSync(join(tmpdir(), 'qrcli-')), 'x.png')
  writeFileSync(notImage, 'not a picture')
  t.equal((await run(['qr', 'check', '--png', notImage])).code, 1)
})

t.test('the installed binary runs it too (bin/rig.js)', async (t) => {
  const r = spawnSync(process.execPath, ['bin/rig.js', 'qr', 'check', PROMPTPAY], { encoding: 'utf8', timeout: 30_000 })
  t.equal(r.status, 0, r.stderr)
  t.match(r.stdout, /verdict: VALID/)
})
