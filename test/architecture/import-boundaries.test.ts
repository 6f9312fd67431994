import t from 'tap'
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

function sources(dir: string): string[] {
  const out: string[] = []
  for (const name of readdirSync(join(root, dir))) {
    const p = join(dir, name)
    if (statSync(join(root, p)).isDirectory()) out.push(...sources(p))
    else if (/\.ts$/.test(name)) out.push(p)
  }
  return out
}

/** Relative import targets of a file, resolved to repo paths. */
function imports(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8')
  const specs = [...text.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]!)
  return specs.filter((s) => s.startsWith('.')).map((s) => relative(root, resolve(root, dirname(file), s)))
}

const layer = (path: string): string => path.split('/')[0]!

t.test('the simulated device imports only protocols/ and its own folder', async (t) => {
  const files = sources('emulators/qr-device')
  t.ok(files.length > 5, 'found the device sources')
  for (const file of files) {
    for (const target of imports(file)) {
      const ok = target.startsWith('emulators/qr-device/') || target.startsWith('protocols/')
      t.ok(ok, `${file} imports ${target}`)
    }
  }
})

t.test('the checker itself catches a forbidden import', async (t) => {
  // Guards the test above against silently matching nothing.
  const fake = "import { Link } from '../../rig/link/link.js'\nimport x from './y.js'"
  const specs = [...fake.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]/g)].map((m) => m[1])
  t.same(specs, ['../../rig/link/link.js', './y.js'])
})

t.test('layers point one way: protocols ← emulators ← rig ← reports/CLI', async (t) => {
  const allowed: Record<string, string[]> = {
    protocols: ['protocols'],
    emulators: ['protocols', 'emulators'],
    rig: ['protocols', 'emulators', 'rig'],
    reports: ['protocols', 'emulators', 'rig', 'reports'],
  }
  for (const top of Object.keys(allowed)) {
    for (const file of sources(top)) {
      for (const target of imports(file)) {
        const to = layer(target)
        // The CLI is the top of the stack with the reporters: it may wire reporters in.
        const cli = file.startsWith('rig/cli/') && to === 'reports'
        t.ok(allowed[top]!.includes(to) || cli, `${file} → ${target}`)
      }
    }
  }
})

t.test('one emulator never reaches into another', async (t) => {
  for (const file of sources('emulators')) {
    const own = file.split('/')[1]
    for (const target of imports(file)) {
      if (target.startsWith('emulators/')) t.equal(target.split('/')[1], own, `${file} → ${target}`)
    }
  }
})

t.test('no direct timers or wall-clock reads outside the clock implementations', async (t) => {
  const offenders: string[] = []
  for (const top of ['protocols', 'emulators', 'rig']) {
    for (const file of sources(top)) {
      if (file.startsWith('rig/clock/')) continue
      const text = readFileSync(join(root, file), 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '')
      const direct = text.split('\n').some(
        (line) =>
          /Date\.now\(/.test(line) ||
          // a call not on an object (clock.setTimeout is fine), and not a method declaration
          (/(?<![.\w])(setTimeout|setInterval)\(/.test(line) && !/^\s*(setTimeout|setInterval)\(.*\)\s*[:{]/.test(line)),
      )
      if (direct) offenders.push(file)
    }
  }
  t.same(offenders, [], 'time comes from the injected clock')
})
