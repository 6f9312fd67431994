import t from 'tap'
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SerialPort } from 'serialport'
import command from '../../rig/cli/commands/emulate-register.js'
import { UsageError } from '../../rig/cli/command.js'
import { renderReceipt } from '../../emulators/register/index.js'
import { loadReceiptFile } from '../../emulators/register/load.js'

const RECEIPT = new URL('../../scenarios/receipts/en-basic-42.yaml', import.meta.url).pathname
const hasSocat = spawnSync('socat', ['-V']).status === 0

/** A pseudo-terminal pair from socat: the CLI opens `a`, the test plays the printer on `b`. */
async function ptyPair(t: { teardown: (fn: () => void) => void }): Promise<{ a: string; b: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'register-cli-'))
  const a = join(dir, 'a')
  const b = join(dir, 'b')
  const socat: ChildProcess = spawn('socat', [`pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: 'ignore' })
  t.teardown(() => void socat.kill())
  for (let i = 0; i < 100 && !(existsSync(a) && existsSync(b)); i++) await new Promise((r) => setTimeout(r, 20))
  return { a, b }
}

async function quietly<T>(fn: () => Promise<T>): Promise<{ result: T; out: string }> {
  const log = console.log
  const lines: string[] = []
  console.log = (...args: unknown[]) => void lines.push(args.join(' '))
  try {
    return { result: await fn(), out: lines.join('\n') }
  } finally {
    console.log = log
  }
}

t.test('usage errors are UsageErrors', async (t) => {
  await t.rejects(command.run(['--receipt', RECEIPT]), UsageError)
  await t.rejects(command.run(['--port', '/dev/null']), UsageError)
  await t.rejects(command.run(['--port', '/dev/null', '--receipt', RECEIPT, '--baud', '1234']), /--baud must be one of/)
  await t.rejects(command.run(['--port', '/dev/null', '--receipt', RECEIPT, '--flow', 'dsr']), /--flow must be one of/)
  await t.rejects(command.run(['--port', '/dev/null', '--receipt', RECEIPT, '--poll', '9']), /--poll must be an integer 1–4/)
})

t.test('over a real pty: a definition and a raw capture back to back, with status polling', { skip: !hasSocat && 'socat not installed' }, async (t) => {
  const { a, b } = await ptyPair(t)
  const raw = Buffer.from([0x1b, 0x40, 0x41, 0x42, 0x0a, 0x00, 0xff, 0x1d, 0x56, 0x01])
  const rawFile = join(mkdtempSync(join(tmpdir(), 'register-raw-')), 'capture.bin')
  writeFileSync(rawFile, raw)
  const printer = new SerialPort({ path: b, baudRate: 19200 })
  t.teardown(() => new Promise<void>((r) => (printer.isOpen ? printer.close(() => r()) : r())))
  const got: Buffer[] = []
  printer.on('data', (d: Buffer) => {
    got.push(d)
    // Answer every DLE EOT n with "ready".
    const all = Buffer.concat(got)
    const asked = countPolls(all)
    while (answered < asked) {
      answered++
      printer.write(Buffer.from([0x12]))
    }
  })
  let answered = 0
  const { result: status, out } = await quietly(() =>
    command.run(['--port', a, '--baud', '19200', '--receipt', RECEIPT, '--receipt', rawFile, '--poll', '1', '--poll-timeout', '2000']),
  )
  t.equal(status, 0, out)
  t.match(out, /en-basic-42\.yaml: \d+ bytes, total 12\.30/)
  t.match(out, /capture\.bin: 10 bytes, no total/)
  await new Promise((r) => setTimeout(r, 100))
  const job = await loadReceiptFile(RECEIPT)
  if (job.kind !== 'definition') throw new Error('definition expected')
  const poll = Buffer.from([0x10, 0x04, 0x01])
  t.same(Buffer.concat(got), Buffer.concat([poll, renderReceipt(job.definition).bytes, poll, poll, raw, poll]))
})

t.test('over a real pty: a silent printer gives exit status 1 and a no-reply error', { skip: !hasSocat && 'socat not installed' }, async (t) => {
  const { a } = await ptyPair(t)
  const { result: status, out } = await quietly(() => command.run(['--port', a, '--receipt', RECEIPT, '--poll', '1', '--poll-timeout', '100']))
  t.equal(status, 1)
  t.match(out, /printer-error \{"phase":"before","n":1,"reason":"no-reply"\}/)
  t.match(out, /total 12\.30/, 'printed anyway, as most registers do')
})

function countPolls(buf: Buffer): number {
  let n = 0
  for (let i = 0; i + 2 < buf.length; i++) if (buf[i] === 0x10 && buf[i + 1] === 0x04 && buf[i + 2] === 0x01) n++
  return n
}
