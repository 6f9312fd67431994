import t from 'tap'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { tempDir } from '../e2e/helpers.js'
import { OUT_MARKER, prepareOutDir } from '../../rig/cli/out-dir.js'

// Issue 12: a command may clear only a folder it created itself; a user's files are never at risk.
function rig(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(NODE_OPTIONS|TS_NODE_|_?TAP)/.test(k)))
  const r = spawnSync(process.execPath, [join(process.cwd(), 'bin/rig.js'), ...args], { cwd, env, encoding: 'utf8', timeout: 120_000 })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

t.test('rig run --out on a folder holding a user file: refused, exit 2, the file still there', async (t) => {
  const dir = tempDir()
  const out = join(dir, 'mine')
  mkdirSync(out)
  writeFileSync(join(out, 'thesis.txt'), 'years of work')
  const r = rig(['run', join(process.cwd(), 'scenarios/smoke'), '--out', out], dir)
  t.equal(r.status, 2)
  t.match(r.stderr, /not empty and was not written by the rig/)
  t.notMatch(r.stderr, /\n\s+at /, 'no stack trace')
  t.equal(readFileSync(join(out, 'thesis.txt'), 'utf8'), 'years of work')
})

t.test('--out . and --out .. are refused before anything is touched', async (t) => {
  const dir = tempDir()
  const inner = join(dir, 'work')
  mkdirSync(inner)
  writeFileSync(join(dir, 'parent-file'), 'x')
  writeFileSync(join(inner, 'own-file'), 'y')
  for (const out of ['.', '..', inner, dir]) {
    const r = rig(['run', join(process.cwd(), 'scenarios/smoke'), '--out', out], inner)
    t.equal(r.status, 2, `--out ${out}`)
    t.match(r.stderr, /refusing to write into the working folder/, `--out ${out}`)
  }
  t.ok(existsSync(join(dir, 'parent-file')))
  t.ok(existsSync(join(inner, 'own-file')))
})

t.test('render --out and merge-reports --out follow the same rule', async (t) => {
  const dir = tempDir()
  mkdirSync(join(dir, 'pics'))
  writeFileSync(join(dir, 'pics/holiday.png'), 'not ours')
  writeFileSync(join(dir, 'r.bin'), Buffer.from('HELLO\n\x1dV\x00', 'latin1'))
  const render = rig(['render', 'r.bin', '--out', 'pics'], dir)
  t.equal(render.status, 2)
  t.match(render.stderr, /--out pics: the folder is not empty/)
  const merge = rig(['merge-reports', 'a', 'b', '--out', 'pics'], dir)
  t.equal(merge.status, 2)
  t.same(readdirSync(join(dir, 'pics')), ['holiday.png'])
  const ok = rig(['render', 'r.bin', '--out', 'fresh'], dir)
  t.equal(ok.status, 0, ok.stderr)
  t.ok(existsSync(join(dir, 'fresh', OUT_MARKER)), 'a folder the rig created carries the marker')
})

t.test('a folder the rig marked is emptied and reused; an empty folder is taken', async (t) => {
  const dir = tempDir()
  const marked = join(dir, 'report')
  await prepareOutDir(marked)
  writeFileSync(join(marked, 'old.json'), '{}')
  mkdirSync(join(marked, 'artifacts'))
  await prepareOutDir(marked)
  t.same(readdirSync(marked), [OUT_MARKER], 'only the marker survives')
  const empty = join(dir, 'empty')
  mkdirSync(empty)
  await prepareOutDir(empty)
  t.ok(existsSync(join(empty, OUT_MARKER)))
  writeFileSync(join(dir, 'file'), 'x')
  await t.rejects(prepareOutDir(join(dir, 'file')), /exists and is not a folder/)
  await t.rejects(prepareOutDir('/'), /refusing/)
})
