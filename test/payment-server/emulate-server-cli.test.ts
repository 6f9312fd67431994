import t from 'tap'
import { spawn } from 'node:child_process'
import { optionsFromArgs } from '../../rig/cli/commands/emulate-server.js'
import { RealClock } from '../../rig/clock/real-clock.js'
import { JsonlClient } from './helpers.js'

t.test('command line → server options', async (t) => {
  const { options, log } = optionsFromArgs(['--terminal', 'T1:secret:+8613800000000', '--terminal', 'T2:k2', '--profile', 'iso8583', '--gateway', '127.0.0.1:7100', '--no-http', '--log'])
  t.same(options.terminals, { T1: { key: 'secret', merchantPhone: '+8613800000000' }, T2: { key: 'k2' } })
  t.equal(options.profile, 'iso8583')
  t.same(options.gateway, { host: '127.0.0.1', port: 7100 })
  t.equal(options.http, false)
  t.equal(log, true)
  t.same(optionsFromArgs(['--terminal', 'A:b']).options.http, { host: '127.0.0.1', port: 8080 }, 'loopback by default')
  t.throws(() => optionsFromArgs([]), /--terminal/)
  t.throws(() => optionsFromArgs(['--terminal', 'A']), /ID:KEY/)
  t.throws(() => optionsFromArgs(['--terminal', 'A:b', '--profile', 'xml']), /jsonl or iso8583/)
  t.throws(() => optionsFromArgs(['--terminal', 'A:b', '--gateway', 'nowhere']), /HOST:PORT/)
})

t.test('rig emulate server runs, serves a device on loopback and stops cleanly on SIGTERM', async (t) => {
  const code = "const m = await import('./rig/cli/commands/emulate-server.ts'); process.exitCode = await m.default.run(process.argv.slice(1))"
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', code, '--', '--terminal', 'TERM0001:k-term-0001-secret', '--http', '127.0.0.1:0', '--gateway', '127.0.0.1:0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  t.teardown(() => void child.kill('SIGKILL'))
  let err = ''
  const banner = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner: ${err}`)), 20_000)
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString()
      if (/gateway .*:(\d+)/.test(err)) {
        clearTimeout(timer)
        resolve(err)
      }
    })
  })
  const port = Number(/gateway [^:]+:(\d+)/.exec(banner)![1])
  const http = Number(/http:\/\/127\.0\.0\.1:(\d+)/.exec(banner)![1])
  const clock = new RealClock()
  const dev = await JsonlClient.open(port, clock)
  dev.send('heartbeat', {})
  const ack = await dev.next((m) => m.type === 'heartbeat-ack', 0, 5000)
  t.ok(dev.verify(ack))
  dev.close()
  const health = await fetch(`http://127.0.0.1:${http}/health`)
  t.equal(health.status, 200)
  const exit = new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)))
  child.kill('SIGTERM')
  t.equal(await exit, 0)
})
