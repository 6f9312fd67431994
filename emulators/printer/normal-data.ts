/**
 * "The printer processes the following data as normal data" (Epson ESC/POS Command Reference:
 * GS k Notes, ESC W Details and others): bytes the framer counted into a command are executed as
 * if they had been received on their own — text prints, commands act. They run inside the
 * command that gave them back (Interpreter.execInner), so warnings keep their own offsets.
 */
import { frameAt } from '../../protocols/escpos/framing.js'
import type { Interpreter } from './interpreter.js'

/**
 * Executes bytes [from, end) of the frame being executed as normal data. Bytes that only start
 * a command are skipped with a warning naming the command that gave them back.
 */
export function runAsData(it: Interpreter, buf: Uint8Array, from: number, end: number): void {
  const view = buf.subarray(0, end)
  for (let i = from; i < end; ) {
    const f = frameAt(view, i)
    if (f.kind === 'need') {
      it.warn(`its last ${end - i} bytes (${Buffer.from(buf.subarray(i, end)).toString('hex')}) start a command it does not hold: skipped`)
      break
    }
    it.execInner(buf, f.start, f.end, f.kind === 'text')
    i = f.end
  }
}
