import type { Duplex } from 'node:stream'
import type { Clock } from '../../protocols/runtime/clock.js'
import { EventLog } from '../../protocols/runtime/event-log.js'

/**
 * The rig's side of the device's optional console (test) port: `DISPLAY <text>` lines become
 * 'display' events (the display timeline), `NOTE <text>` lines 'note' events; keys are sent
 * as `KEY <keys>` lines.
 */
export class ConsoleMonitor {
  readonly events: EventLog
  private buf = ''

  constructor(
    clock: Clock,
    private readonly port: Duplex,
  ) {
    this.events = new EventLog(clock, 'console')
    port.on('data', (chunk: Buffer) => this.receive(chunk.toString('utf8')))
  }

  /** What the display shows now. */
  get display(): string | undefined {
    return this.events.ofType<{ text: string }>('display').at(-1)?.data.text
  }

  press(keys: string): void {
    this.port.write(`KEY ${keys}\r\n`)
    this.events.emit('key', { keys })
  }

  private receive(text: string): void {
    this.buf += text
    if (this.buf.length > 65_536) this.buf = this.buf.slice(-4096)
    for (;;) {
      const nl = this.buf.indexOf('\n')
      if (nl < 0) return
      const line = this.buf.slice(0, nl).replace(/\r$/, '')
      this.buf = this.buf.slice(nl + 1)
      const m = /^(DISPLAY|NOTE) (.*)$/.exec(line)
      if (m) this.events.emit(m[1] === 'DISPLAY' ? 'display' : 'note', { text: m[2] })
      else if (line) this.events.emit('unparsed', { line })
    }
  }
}
