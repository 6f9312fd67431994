import t from 'tap'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { SerialPort } from 'serialport'
import { EscPosBuilder } from '../../protocols/escpos/builder.js'
import render from '../../rig/cli/commands/render.js'
import { haveSocat, ptyPair, within } from '../modem/pty.js'

const root = fileURLToPath(new URL('../../', import.meta.url))

t.test('rig render writes a PNG per segment and a print log with the decoded QR payloads', async (t) => {
  const out = mkdtempSync(join(tmpdir(), 'rig-render-'))
  t.teardown(() => rmSync(out, { recursive: true, force: true }))
  const log = console.log
  console.log = () => undefined
  let status: number
  try {
    status = await render.run([fileURLToPath(new URL('../fixtures/escpos-php/qr-code.bin', import.meta.url)), '--paper', '58', '--out', out])
  } finally {
    console.log = log
  }
  t.equal(status, 0)
  const printLog = JSON.parse(readFileSync(join(out, 'qr-code.print-log.json'), 'utf8'))
  t.equal(printLog.dots, 384)
  t.equal(printLog.segments.length, 1)
  const seg = printLog.segments[0]
  t.ok(existsSync(join(out, seg.png)), 'PNG written')
  t.equal(readFileSync(join(out, seg.png)).subarray(1, 4).toString(), 'PNG')
  t.equal(seg.qr[0].data, 'Testing 123')
  t.equal(seg.qr[0].decoded, 'Testing 123', 'jsQR reads the printed symbol back')
  t.ok(seg.lines.some((l: { text: string }) => l.text === 'Most simple example'))
  await t.rejects(render.run(['--paper', '70', 'x.bin']), { name: 'UsageError' })
})

t.test('rig render of 3000 receipts writes 3000 PNGs numbered by their real index (maxSegments does not apply)', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rig-render-3000-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const file = join(dir, 'roll.bin')
  const out = join(dir, 'out')
  const parts: Buffer[] = []
  for (let i = 0; i < 3000; i++) parts.push(Buffer.from(`R${i}\n\x1dV\x00`, 'latin1'))
  writeFileSync(file, Buffer.concat(parts))
  const log = console.log
  console.log = () => undefined
  try {
    t.equal(await render.run([file, '--out', out]), 0)
  } finally {
    console.log = log
  }
  const printLog = JSON.parse(readFileSync(join(out, 'roll.print-log.json'), 'utf8'))
  t.equal(printLog.segments.length, 3000)
  t.same(printLog.warnings, [], 'nothing dropped, nothing to warn about')
  const pngs = readdirSync(out).filter((f) => f.endsWith('.png'))
  t.equal(pngs.length, 3000)
  t.ok(pngs.includes('roll-000.png') && pngs.includes('roll-2999.png'), 'first and last by their index')
  t.same(printLog.segments[2999].lines.map((l: { text: string }) => l.text), ['R2999'])
  t.equal(printLog.segments[2999].png, 'roll-2999.png')
})

t.test('rig emulate printer on a pty: answers DLE EOT and writes each cut segment', { skip: haveSocat() ? false : 'socat not installed' }, async (t) => {
  const pty = await ptyPair()
  const out = mkdtempSync(join(tmpdir(), 'rig-printer-'))
  t.teardown(async () => {
    await pty.close()
    rmSync(out, { recursive: true, force: true })
  })
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '-e', `import('./rig/cli/commands/emulate-printer.ts').then(async (m) => { process.exitCode = await m.default.run(${JSON.stringify(['--port', pty.a, '--baud', '115200', '--out', out])}) })`],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let stdout = ''
  child.stdout.on('data', (d) => (stdout += d))
  child.stderr.on('data', (d) => (stdout += d))
  await within(new Promise<void>((resolve) => {
    const check = (): void => (stdout.includes('Ctrl-C') ? resolve() : void setTimeout(check, 20))
    check()
  }), 15000, 'emulator start')
  const host = new SerialPort({ path: pty.b, baudRate: 115200 })
  t.teardown(() => new Promise<void>((r) => (host.isOpen ? host.close(() => r()) : r())))
  await new Promise<void>((resolve, reject) => host.once('open', resolve).once('error', reject))
  const replies: number[] = []
  host.on('data', (d: Buffer) => replies.push(...d))
  host.write(Buffer.from([0x10, 0x04, 0x01]))
  await within(new Promise<void>((resolve) => {
    const check = (): void => (replies.length ? resolve() : void setTimeout(check, 10))
    check()
  }), 5000, 'DLE EOT reply')
  t.same(replies, [0x12], 'DLE EOT 1 → 0x12 over the serial line')
  host.write(new EscPosBuilder().init().line('Paid 12.50').qr('PAYLOAD-42', { size: 4 }).feed(2).cut('partial').build())
  await within(new Promise<void>((resolve) => {
    const check = (): void => (existsSync(join(out, 'print-log.json')) ? resolve() : void setTimeout(check, 20))
    check()
  }), 10000, 'segment written')
  child.kill('SIGTERM')
  await within(new Promise((r) => child.once('exit', r)), 10000, 'emulator exit')
  const printLog = JSON.parse(readFileSync(join(out, 'print-log.json'), 'utf8'))
  t.equal(printLog.segments[0].cut, 'partial')
  t.equal(printLog.segments[0].lines[0].text, 'Paid 12.50')
  t.equal(printLog.segments[0].qr[0].decoded, 'PAYLOAD-42')
  t.ok(existsSync(join(out, 'receipt-000.png')))
})
