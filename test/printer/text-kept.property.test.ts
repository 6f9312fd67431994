/**
 * No printable text after a well-formed command is lost (issue 9, "The rule to build to"):
 * streams of well-formed commands, each followed by text, print every character of that text,
 * in order, in the print log. The commands are those that do not delete text by design (ESC @,
 * CAN, GS T 0, ESC S, ESC = 0 and the page-mode geometry commands are left out: they discard
 * or hide text as the reference says they must, and have tests of their own; so does page
 * mode, whose area clips what lies outside it).
 */
import t from 'tap'
import fc from 'fast-check'
import { VirtualClock } from '../../rig/clock/virtual-clock.js'
import { PrinterEmulator } from '../../emulators/printer/index.js'

const le16 = (n: number): number[] => [n & 0xff, (n >> 8) & 0xff]
const u8 = fc.integer({ min: 0, max: 255 })

/** Letters and digits: what every code page and international set prints as itself. */
const word = fc.stringMatching(/^[A-Za-z0-9]{1,16}$/)

const wellFormed: fc.Arbitrary<number[]> = fc.oneof<fc.Arbitrary<number[]>[]>(
  fc.constantFrom([0x0a], [0x09], [0x0d], [0x1b, 0x32], [0x1b, 0x69], [0x1b, 0x6d], [0x1c, 0x26], [0x1c, 0x2e], [0x10, 0x04, 1], [0x0c]),
  fc.tuple(fc.constantFrom(0x21, 0x45, 0x47, 0x74, 0x33, 0x20, 0x52, 0x56, 0x7b, 0x34), u8).map(([c, n]) => [0x1b, c, n]),
  fc.tuple(fc.constantFrom(0x64, 0x4a), fc.integer({ min: 0, max: 10 })).map(([c, n]) => [0x1b, c, n]),
  fc.tuple(fc.constantFrom(0x2d, 0x61, 0x4d, 0x72), fc.integer({ min: 0, max: 2 })).map(([c, n]) => [0x1b, c, n]),
  fc.tuple(fc.integer({ min: 0, max: 600 })).map(([x]) => [0x1b, 0x24, ...le16(x)]),
  fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 8 }).map((v) => [0x1b, 0x44, ...[...new Set(v)].sort((a, b) => a - b), 0]),
  fc.tuple(fc.integer({ min: 0, max: 0x77 })).map(([n]) => [0x1d, 0x21, n]),
  fc.tuple(fc.constantFrom(0x42, 0x68, 0x48), u8).map(([c, n]) => [0x1d, c, n]),
  fc.tuple(fc.integer({ min: 0, max: 300 })).map(([n]) => [0x1d, 0x4c, ...le16(n)]),
  fc.tuple(fc.integer({ min: 0, max: 576 })).map(([n]) => [0x1d, 0x57, ...le16(n)]),
  fc.tuple(fc.constantFrom(0, 1, 65, 66)).map(([m]) => (m >= 65 ? [0x1d, 0x56, m, 3] : [0x1d, 0x56, m])),
  fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 8 })).map(([x, y]) => [0x1d, 0x76, 0x30, 0, x, 0, y, 0, ...new Array(x * y).fill(0x81)]),
  fc.tuple(fc.integer({ min: 1, max: 30 })).map(([n]) => [0x1b, 0x2a, 0, n, 0, ...new Array(n).fill(0x18)]),
  fc.string({ minLength: 1, maxLength: 20 }).map((s) => {
    const d = [...Buffer.from(s, 'utf8')]
    return [0x1d, 0x28, 0x6b, ...le16(d.length + 3), 0x31, 0x50, 0x30, ...d, 0x1d, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30]
  }),
  // GS k is enabled only with no data in the print buffer (GS k, Notes): an LF first.
  fc.stringMatching(/^[0-9]{12}$/).map((d) => [0x0a, 0x1d, 0x6b, 67, 12, ...Buffer.from(d, 'latin1')]),
  fc.tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 4 }), fc.constantFrom(49, 50)).map(([w, h, c]) => [
    ...[0x1d, 0x28, 0x4c, ...le16(10 + w * h), 0x30, 112, 48, 1, 1, c, ...le16(w * 8), ...le16(h), ...new Array(w * h).fill(0xf0)],
    ...[0x1d, 0x28, 0x4c, 2, 0, 0x30, 2],
  ]),
)

t.test('text after well-formed commands is printed, every character, in order', async (t) => {
  let runs = 0
  fc.assert(
    fc.property(fc.array(fc.tuple(wellFormed, word), { minLength: 1, maxLength: 25 }), fc.integer({ min: 1, max: 97 }), (pairs, chunk) => {
      runs++
      const bytes = Uint8Array.from([...pairs.flatMap(([c, w]) => [...c, ...Buffer.from(w, 'latin1')]), 0x0c, 0x0a])
      const p = new PrinterEmulator({ clock: new VirtualClock() })
      for (let i = 0; i < bytes.length; i += chunk) p.write(bytes.subarray(i, i + chunk))
      p.flush()
      const printed = p.segments.flatMap((s) => s.lines.map((l) => l.text)).join('').replace(/ /g, '')
      const sent = pairs.map(([, w]) => w).join('')
      if (printed !== sent) throw new Error(`sent ${JSON.stringify(sent)}, the print log holds ${JSON.stringify(printed)}\nstream: ${Buffer.from(bytes).toString('hex')}`)
    }),
    { seed: 0x7e47, numRuns: 1500 },
  )
  t.equal(runs, 1500)
})
