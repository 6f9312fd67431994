/**
 * The printer's accounting of bytes (issue 9, "The rule to build to"): every byte it receives
 * is in a command (or text run) that printed, changed state, or warned with the command's name
 * and offset; real-time commands act when they arrive; the commands documented in no-effect.ts
 * change nothing on a real TM's paper either. Random streams mix well-formed commands of every
 * family, truncated commands, text and garbage, written in random chunk sizes.
 */
import t from 'tap'
import fc from 'fast-check'
import { nameAt } from '../../protocols/escpos/framing.js'
import { VirtualClock } from '../../rig/clock/virtual-clock.js'
import { PrinterEmulator, type FrameAccount, type PrintWarning } from '../../emulators/printer/index.js'
import { anyStream } from './streams.js'

/** Warnings about no single command: the receive buffer and the segment list. */
const NOT_A_COMMAND = ['receive buffer', 'segments']

interface Run {
  frames: FrameAccount[]
  warnings: PrintWarning[]
}

function run(bytes: Uint8Array, chunk: number): Run {
  const frames: FrameAccount[] = []
  const p = new PrinterEmulator({ clock: new VirtualClock(), maxSegmentHeight: 3000, onFrame: (f) => frames.push(f) })
  for (let i = 0; i < bytes.length; i += chunk) p.write(bytes.subarray(i, i + chunk))
  p.flush()
  return { frames, warnings: p.events.ofType<PrintWarning>('warning').map((e) => e.data) }
}

/** What is wrong with a run's accounting (empty when every byte is accounted for). */
function problems(bytes: Uint8Array, { frames, warnings }: Run): string[] {
  const out: string[] = []
  let at = 0
  for (const f of frames) {
    if (f.offset !== at) out.push(`bytes ${at}–${f.offset - 1} are in no command (next: ${f.name} at ${f.offset})`)
    at = f.offset + f.length
    if (f.effect === 'none') out.push(`${f.name} at ${f.offset} (${f.length} bytes) printed nothing, changed nothing and did not warn`)
    if (f.name !== nameAt(bytes, f.offset) && !(f.name === 'text' && nameAt(bytes, f.offset) === 'text')) out.push(`frame at ${f.offset} is named ${f.name}, its bytes say ${nameAt(bytes, f.offset)}`)
  }
  // A refused command (declared longer than the receive limit) may claim bytes past the end of the stream.
  if (at < bytes.length) out.push(`bytes ${at}–${bytes.length - 1} are in no command`)
  for (const w of warnings) {
    const prefix = w.message.slice(0, w.message.indexOf(': '))
    if (w.message.indexOf(': ') < 0) out.push(`warning without a command name: "${w.message}"`)
    else if (prefix === 'text' || NOT_A_COMMAND.includes(prefix)) continue
    else if (prefix !== nameAt(bytes, w.offset)) out.push(`warning at ${w.offset} names ${prefix}, the bytes there are ${nameAt(bytes, w.offset)}: "${w.message}"`)
  }
  return out
}

t.test('every byte of a random stream is printed, changes state or warns, with the command named at its offset', async (t) => {
  let runs = 0
  let frames = 0
  const effects = new Map<string, number>()
  fc.assert(
    fc.property(anyStream, fc.integer({ min: 1, max: 64 }), (bytes, chunk) => {
      runs++
      const r = run(bytes, chunk)
      frames += r.frames.length
      for (const f of r.frames) effects.set(f.effect, (effects.get(f.effect) ?? 0) + 1)
      const bad = problems(bytes, r)
      if (bad.length) throw new Error(`${bad.join('\n')}\nstream: ${Buffer.from(bytes).toString('hex')}`)
    }),
    { seed: 0xacc0, numRuns: 3000 },
  )
  t.equal(runs, 3000)
  t.ok(frames > 15_000, `${frames} commands and text runs accounted for`)
  for (const e of ['printed', 'state', 'warned', 'realtime', 'documented']) t.ok((effects.get(e) ?? 0) > 0, `some were ${e} (${effects.get(e) ?? 0})`)
})

t.test('the accounting itself: a frame that does nothing is reported as none', async (t) => {
  // ESC J 0 with an empty line does nothing, but it is a print-and-feed command: "printed".
  const r = run(Uint8Array.from([0x1b, 0x4a, 0x00]), 8)
  t.same(r.frames.map((f) => f.effect), ['printed'])
  // A truncated command at the end is refused with a warning naming it.
  const cut = run(Uint8Array.from([0x41, 0x0a, 0x1d, 0x76, 0x30, 0x00, 0x02]), 3)
  t.same(cut.frames.map((f) => [f.name, f.effect]), [['text', 'state'], ['LF', 'printed'], ['GS v 0', 'warned']])
  t.match(cut.warnings.at(-1)!.message, /^GS v 0: truncated command \(5 bytes\)/)
  t.same(problems(Uint8Array.from([0x41, 0x0a, 0x1d, 0x76, 0x30, 0x00, 0x02]), cut), [])
})
