/**
 * "The printer processes the following data as normal data" (Epson ESC/POS Command Reference,
 * GS k Notes and others): bytes the framer counted into a command are executed as if they had
 * been received on their own — text prints, commands act.
 */
import { frameAt } from '../../protocols/escpos/framing.js'
import type { Interpreter } from './interpreter.js'

/**
 * Executes bytes [from, to) of `buf` as received data. `s` is the first byte of the command
 * they belong to (its stream offset is `it.offset`); `cmd` names that command in warnings.
 */
export function processAsNormalData(it: Interpreter, buf: Uint8Array, s: number, from: number, to: number, cmd: string): void {
  if (from >= to) return
  const sub = buf.subarray(from, to)
  const fed0 = it.fed
  const off0 = it.offset
  const base = off0 + (from - s)
  let fed = 0
  for (let i = 0; i < sub.length; ) {
    const f = frameAt(sub, i)
    if (f.kind === 'need') {
      // The real printer would take the missing parameters from the bytes after the command.
      it.offset = base + i
      it.warn(`${cmd}: command at the end of its data (0x${sub[i]!.toString(16).padStart(2, '0')}…) is incomplete: dropped`)
      break
    }
    fed += it.exec(sub, f.start, f.end, f.kind === 'text', base + f.start)
    i = f.end
  }
  it.fed = fed0 + fed
  it.offset = off0
}
