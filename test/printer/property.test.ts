/**
 * Robustness: random, structured and mutated streams never throw, never hang and keep memory
 * bounded. 10,000 streams in all (fixed seeds), written in random chunk sizes.
 */
import t from 'tap'
import fc from 'fast-check'
import { readdirSync } from 'node:fs'
import { VirtualClock } from '../../rig/clock/virtual-clock.js'
import { PrinterEmulator } from '../../emulators/printer/index.js'
import { FIXTURES, fixture } from './helpers.js'

const MAX_HEIGHT = 1200
const clock = new VirtualClock()

/** Runs one stream; returns the total raster bytes produced. */
function run(bytes: Uint8Array, chunk: number, paperOutAt = -1): number {
  const p = new PrinterEmulator({ clock, maxSegmentHeight: MAX_HEIGHT, bufferSize: 2048 })
  for (let i = 0; i < bytes.length; i += chunk) {
    if (i >= paperOutAt && paperOutAt >= 0) {
      p.setPaper('out')
      paperOutAt = -1
    }
    p.write(bytes.subarray(i, i + chunk))
  }
  p.setPaper('ok')
  p.flush()
  let total = 0
  for (const s of p.segments) {
    if (s.raster.height > MAX_HEIGHT || s.raster.data.length !== s.raster.width * s.raster.height) throw new Error('raster out of bounds')
    total += s.raster.data.length
  }
  return total
}

const u8 = fc.integer({ min: 0, max: 255 })
const small = fc.integer({ min: 0, max: 40 })
/** Byte-level command templates with random parameters (and sometimes wrong lengths). */
const command = fc.oneof(
  fc.string({ maxLength: 20 }).map((s) => [...Buffer.from(s, 'latin1')]),
  fc.constantFrom([0x0a], [0x09], [0x0d], [0x1b, 0x40], [0x1c, 0x26], [0x1c, 0x2e], [0x1d, 0x56, 0x00], [0x1d, 0x56, 0x42, 0x03]),
  fc.tuple(fc.constantFrom(0x21, 0x45, 0x2d, 0x61, 0x64, 0x4a, 0x74, 0x4d, 0x33, 0x20, 0x52, 0x56, 0x7b, 0x3d), u8).map(([c, n]) => [0x1b, c, n]),
  fc.tuple(fc.constantFrom(0x21, 0x42, 0x68, 0x77, 0x48, 0x66, 0x61, 0x72, 0x49, 0x2f), u8).map(([c, n]) => [0x1d, c, n]),
  fc.tuple(fc.constantFrom(0x4c, 0x57), u8, fc.integer({ min: 0, max: 3 })).map(([c, l, h]) => [0x1d, c, l, h]),
  fc.tuple(fc.integer({ min: 0, max: 3 }), small, small, fc.uint8Array({ maxLength: 200 })).map(([m, x, y, d]) => [0x1d, 0x76, 0x30, m, x, 0, y, 0, ...d]),
  fc.tuple(fc.constantFrom(0, 1, 32, 33, 7), small, fc.uint8Array({ maxLength: 120 })).map(([m, n, d]) => [0x1b, 0x2a, m, n, 0, ...d]),
  fc.tuple(fc.constantFrom(48, 49, 50), fc.integer({ min: 60, max: 90 }), fc.uint8Array({ maxLength: 30 })).map(([cn, fn, d]) => [0x1d, 0x28, 0x6b, (d.length + 2) & 0xff, 0, cn, fn, ...d]),
  fc.tuple(fc.string({ minLength: 1, maxLength: 40 })).map(([s]) => {
    const d = Buffer.from(s, 'utf8')
    return [0x1d, 0x28, 0x6b, (d.length + 3) & 0xff, (d.length + 3) >> 8, 0x31, 0x50, 0x30, ...d, 0x1d, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30]
  }),
  fc.tuple(fc.constantFrom(48, 49, 50, 65, 66, 67, 69, 112, 113, 83, 85), fc.uint8Array({ maxLength: 60 })).map(([fn, d]) => [0x1d, 0x28, 0x4c, (d.length + 2) & 0xff, 0, 0x30, fn, ...d]),
  fc.tuple(fc.integer({ min: 0, max: 80 }), fc.uint8Array({ maxLength: 20 })).map(([m, d]) => (m <= 6 ? [0x1d, 0x6b, m, ...d, 0] : [0x1d, 0x6b, m, d.length, ...d])),
  fc.tuple(fc.integer({ min: 0, max: 5 })).map(([n]) => [0x10, 0x04, n]),
  fc.tuple(u8, u8).map(([a, b]) => [0x1c, 0x70, a, b]),
  fc.tuple(fc.constantFrom(0x81, 0xb0, 0xd6, 0xfe), u8, u8, u8).map((b) => b),
)

t.test('10,000 random, structured and mutated streams never throw and stay bounded', async (t) => {
  const heapBefore = process.memoryUsage().heapUsed
  let runs = 0
  // 1. Raw random bytes.
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 400 }), fc.integer({ min: 1, max: 64 }), (bytes, chunk) => {
      runs++
      run(bytes, chunk)
    }),
    { seed: 0x5eed1, numRuns: 4000 },
  )
  // 2. Command soup.
  fc.assert(
    fc.property(fc.array(command, { maxLength: 40 }), fc.integer({ min: 1, max: 97 }), fc.integer({ min: -1, max: 300 }), (cmds, chunk, out) => {
      runs++
      run(Uint8Array.from(cmds.flat()), chunk, out)
    }),
    { seed: 0x5eed2, numRuns: 3000 },
  )
  // 3. Windows of the sample streams with byte flips, insertions and deletions.
  const samples = readdirSync(FIXTURES).filter((f) => f.endsWith('.bin')).map((f) => fixture(f))
  const mutation = fc.tuple(fc.nat(), fc.constantFrom('flip', 'insert', 'delete', 'zero'), u8)
  fc.assert(
    fc.property(
      fc.nat({ max: samples.length - 1 }),
      fc.nat(),
      fc.integer({ min: 1, max: 1500 }),
      fc.array(mutation, { minLength: 1, maxLength: 8 }),
      fc.integer({ min: 1, max: 256 }),
      (which, at, len, muts, chunk) => {
        runs++
        const src = samples[which]!
        const start = at % src.length
        const bytes = [...src.subarray(start, start + len)]
        for (const [pos, kind, v] of muts) {
          const i = bytes.length ? pos % bytes.length : 0
          if (kind === 'flip') bytes[i] = (bytes[i] ?? 0) ^ (1 << (v & 7))
          else if (kind === 'insert') bytes.splice(i, 0, v)
          else if (kind === 'delete') bytes.splice(i, 1)
          else bytes[i] = 0
        }
        run(Uint8Array.from(bytes), chunk)
      },
    ),
    { seed: 0x5eed3, numRuns: 3000 },
  )
  t.equal(runs, 10_000)
  const growth = process.memoryUsage().heapUsed - heapBefore
  t.ok(growth < 300 * 1024 * 1024, `heap growth ${(growth / 1048576).toFixed(1)} MiB stays bounded`)
})

t.test('the raster height cap stops a runaway segment with a clear warning', async (t) => {
  const p = new PrinterEmulator({ clock, maxSegmentHeight: 2000 })
  const feed = Buffer.alloc(3 * 1000)
  for (let i = 0; i < 1000; i++) feed.set([0x1b, 0x4a, 0xff], i * 3)
  p.write(Buffer.concat([Buffer.from('top\n'), feed, Buffer.from('lost\n\x1dV\x00')]))
  const s = p.segments[0]!
  t.equal(s.raster.height, 2000)
  t.match(s.warnings[0]!.message, /longer than 2000 dots/)
  t.equal(p.events.ofType('warning').length, 1, 'warned once')
})

t.test('absurd declared lengths are refused without buffering them', async (t) => {
  const p = new PrinterEmulator({ clock })
  // GS 8 L declaring 4 GB, then a normal job.
  p.write(Buffer.from([0x1d, 0x38, 0x4c, 0xff, 0xff, 0xff, 0xff, 0x30, 0x70]))
  t.match(p.events.ofType<{ message: string }>('warning')[0]!.data.message, /refused/)
  t.equal(p.buffered, 0)
})
