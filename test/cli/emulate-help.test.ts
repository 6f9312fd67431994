import t from 'tap'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { optionsFromArgs } from '../../rig/cli/commands/emulate-modem.js'

function rig(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(NODE_OPTIONS|TS_NODE_|_?TAP)/.test(k)))
  const r = spawnSync(process.execPath, [join(process.cwd(), 'bin/rig.js'), ...args], { env, encoding: 'utf8', timeout: 60_000 })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

const FIRST_LINE: Record<string, RegExp> = {
  printer: /^Usage: rig emulate printer /,
  modem: /^Usage: rig emulate modem /,
  register: /^Usage: rig emulate register/,
  server: /^Usage: rig emulate server/,
}

t.test('rig emulate <kind> --help prints that kind\'s own options, exit 0', async (t) => {
  for (const [kind, first] of Object.entries(FIRST_LINE)) {
    const r = rig(['emulate', kind, '--help'])
    t.equal(r.status, 0, `${kind}: ${r.stderr}`)
    t.match(r.stdout, first, `${kind} usage, not the generic emulate text`)
    t.notMatch(r.stdout, /Usage: rig emulate <printer\|modem/, `${kind}: no generic text`)
  }
  const generic = rig(['emulate', '--help'])
  t.match(generic.stdout, /^Usage: rig emulate <printer\|modem\|register\|server>/, 'without a kind: the generic text')
})

t.test('a usage error of one kind prints that kind\'s usage, exit 2', async (t) => {
  const r = rig(['emulate', 'modem', '--port', 'p', '--timing', 'nonsense=5'])
  t.equal(r.status, 2)
  t.match(r.stderr, /^rig emulate: --timing must be NAME=MS with NAME one of command, attach/)
  t.match(r.stderr, /Usage: rig emulate modem --port PATH/)
  const p = rig(['emulate', 'printer', '--paper', '99', '--port', 'x'])
  t.equal(p.status, 2)
  t.match(p.stderr, /Usage: rig emulate printer /)
})

t.test('rig emulate modem --timing sets the per-command reply delay and other step durations', async (t) => {
  const o = optionsFromArgs(['--port', '/dev/x', '--timing', 'command=20', '--timing', 'boot=100'])
  t.same(o.options.timings, { command: 20, boot: 100 })
  t.notOk('timings' in optionsFromArgs(['--port', '/dev/x']).options, 'no --timing: the defaults')
  t.throws(() => optionsFromArgs(['--port', 'p', '--timing', 'command']), /--timing must be NAME=MS/)
  t.throws(() => optionsFromArgs(['--port', 'p', '--timing', 'command=-1']), /--timing must be NAME=MS/)
})
