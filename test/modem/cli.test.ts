import { spawn } from 'node:child_process'
import { SerialPort } from 'serialport'
import t from 'tap'
import { optionsFromArgs } from '../../rig/cli/commands/emulate-modem.js'
import { haveSocat, ptyPair, within } from './pty.js'

t.test('rig emulate modem: argument checks', async (t) => {
  const o = optionsFromArgs(['--port', '/dev/x', '--dialect', 'quectel', '--model', 'M95', '--allow', '10.0.0.5:443', '--route', 'pay.test:7000=127.0.0.1:7100', '--latency', '0'])
  t.same([o.port, o.baudRate, o.options.dialect, o.options.model, o.options.allow, o.options.routes, o.options.network], [
    '/dev/x',
    115200,
    'quectel',
    'M95',
    ['10.0.0.5:443'],
    { 'pay.test:7000': '127.0.0.1:7100' },
    { latencyMs: 0 },
  ])
  t.throws(() => optionsFromArgs([]), /--port PATH is required/)
  t.throws(() => optionsFromArgs(['--port', 'p', '--baud', '1234']), /--baud must be one of/)
  t.throws(() => optionsFromArgs(['--port', 'p', '--dialect', 'hayes']), /--dialect must be sim800 or quectel/)
  t.throws(() => optionsFromArgs(['--port', 'p', '--route', 'nonsense']), /--route must be/)
  t.throws(() => optionsFromArgs(['--port', 'p', '--allow', 'a b']), /--allow must be/)
})

t.test('rig emulate modem answers AT on a real serial port (socat pty) and stops cleanly on SIGTERM', { skip: haveSocat() ? false : 'socat not installed' }, async (t) => {
  const pty = await ptyPair()
  const script = "const m = await import('./rig/cli/commands/emulate-modem.ts'); process.exitCode = await m.default.run(JSON.parse(process.env.RIG_ARGS))"
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    env: { ...process.env, RIG_ARGS: JSON.stringify(['--port', pty.a, '--baud', '115200', '--boot-urcs']) },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const dut = new SerialPort({ path: pty.b, baudRate: 115200, autoOpen: false })
  t.teardown(async () => {
    if (dut.isOpen) await new Promise<void>((resolve) => dut.close(() => resolve()))
    if (child.exitCode === null) child.kill('SIGKILL')
    await pty.close()
  })
  await within(new Promise<void>((resolve, reject) => dut.open((err) => (err ? reject(err) : resolve()))), 3000, 'open DUT side')
  let rx = ''
  dut.on('data', (d: Buffer) => (rx += d.toString('latin1')))
  const until = (s: string, what: string) =>
    within(
      new Promise<void>((resolve) => {
        const check = setInterval(() => rx.includes(s) && (clearInterval(check), resolve()), 10)
      }),
      10_000,
      `${what} (got ${JSON.stringify(rx)}; stderr ${stderr})`,
    )
  await until('SMS Ready\r\n', 'boot URCs')
  rx = ''
  // The emulator may still be starting: repeat AT like a real client until it answers.
  for (let i = 0; i < 50 && !rx.includes('OK'); i++) {
    dut.write('AT\r')
    await new Promise((r) => setTimeout(r, 100))
  }
  t.match(rx, /AT\r\r\nOK\r\n/, 'echoed AT, then OK')
  rx = ''
  dut.write('ATI\r')
  await until('OK\r\n', 'ATI')
  t.equal(rx, 'ATI\r\r\nSIM800 R13.08\r\n\r\nOK\r\n')
  child.kill('SIGTERM')
  t.equal(await within(exited, 5000, 'exit after SIGTERM'), 0, 'clean stop, exit status 0')
  t.match(stderr, /modem: sim800 on .*; destinations: loopback/)
})
