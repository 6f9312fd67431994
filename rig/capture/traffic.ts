import type { EndName, TracedPort } from '../link/types.js'

/** Hex and printable text of bytes, for traces and failure messages. */
export function hexdump(data: Buffer): string {
  const hex = [...data].map((b) => b.toString(16).padStart(2, '0')).join(' ')
  const text = [...data].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('')
  return `${hex}  |${text}|`
}

/** The last `n` bytes each way on every link, newest last: what a failure message shows. */
export function lastTraffic(links: Array<[string, TracedPort]>, epoch: number, n = 48): string {
  const out: string[] = []
  for (const [name, link] of links) {
    for (const from of ['emulator', 'dut'] as EndName[]) {
      const entries = link.capture.filter((c) => c.from === from)
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
export function linkTrace(link: TracedPort, epoch: number): string {
  const lines = [`# link ${link.name}; times are seconds from the scenario's start; > emulator→device, < device→emulator`]
  for (const c of link.capture) {
    for (let i = 0; i < c.data.length; i += 16) {
      const t = c.t - epoch + i * c.charMs
      lines.push(`${(t / 1000).toFixed(6)} ${c.from === 'emulator' ? '>' : '<'} ${hexdump(c.data.subarray(i, i + 16))}${c.garbled ? ' (garbled)' : ''}`)
    }
  }
  return lines.join('\n') + '\n'
}
