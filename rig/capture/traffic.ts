import type { CaptureEntry, EndName, TracedPort } from '../link/types.js'

/** Hides secrets (PANs) in the bytes of a trace; the identity by default. */
export type ByteMask = (data: Buffer) => Buffer

/**
 * The capture with `mask` applied to each direction as one stream, so a PAN split across
 * delivered slices is still found; slices keep their boundaries and times.
 */
function masked(capture: CaptureEntry[], mask: ByteMask): CaptureEntry[] {
  const out = capture.map((c) => ({ ...c }))
  for (const from of ['emulator', 'dut'] as EndName[]) {
    const entries = out.filter((c) => c.from === from)
    const whole = mask(Buffer.concat(entries.map((c) => c.data)))
    let offset = 0
    for (const c of entries) {
      c.data = whole.subarray(offset, offset + c.data.length)
      offset += c.data.length
    }
  }
  return out
}

/** Hex and printable text of bytes, for traces and failure messages. */
export function hexdump(data: Buffer): string {
  const hex = [...data].map((b) => b.toString(16).padStart(2, '0')).join(' ')
  const text = [...data].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('')
  return `${hex}  |${text}|`
}

/** The last `n` bytes each way on every link, newest last: what a failure message shows. */
export function lastTraffic(links: Array<[string, TracedPort]>, epoch: number, mask: ByteMask = (d) => d, n = 48): string {
  const out: string[] = []
  for (const [name, link] of links) {
    const capture = masked(link.capture, mask)
    for (const from of ['emulator', 'dut'] as EndName[]) {
      const entries = capture.filter((c) => c.from === from)
      if (entries.length === 0) continue
      const bytes = Buffer.concat(entries.slice(-32).map((c) => c.data)).subarray(-n)
      const t = entries.at(-1)!.t - epoch
      const arrow = from === 'emulator' ? `${name} emulator → device` : `device → ${name} emulator`
      out.push(`  ${arrow} (last at +${(t / 1000).toFixed(3)}s): ${hexdump(bytes)}`)
    }
  }
  return out.join('\n')
}

/** A full trace of one link: one line per delivered slice with its virtual time. */
export function linkTrace(link: TracedPort, epoch: number, mask: ByteMask = (d) => d): string {
  const lines = [`# link ${link.name}; times are seconds from the scenario's start; > emulator→device, < device→emulator`]
  for (const c of masked(link.capture, mask)) {
    for (let i = 0; i < c.data.length; i += 16) {
      const t = c.t - epoch + i * c.charMs
      lines.push(`${(t / 1000).toFixed(6)} ${c.from === 'emulator' ? '>' : '<'} ${hexdump(c.data.subarray(i, i + 16))}${c.garbled ? ' (garbled)' : ''}`)
    }
  }
  return lines.join('\n') + '\n'
}
