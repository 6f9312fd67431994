import type { Duplex } from 'node:stream'
import type { Clock } from '../../protocols/runtime/clock.js'
import { EventLog } from '../../protocols/runtime/event-log.js'
import { DEFAULT_LINE, type LineSettings } from './line-settings.js'
import type { CaptureEntry, EndName, TracedPort } from './types.js'

/**
 * The capture of a real port (process and serial benches): every byte the emulator writes
 * and every byte it reads, with the clock time it passed the emulator's side of the wire.
 */
export class PortRecorder implements TracedPort {
  readonly capture: CaptureEntry[] = []
  readonly events: EventLog
  private readonly settings: Required<LineSettings>

  constructor(
    readonly name: string,
    private readonly clock: Clock,
    port: Duplex,
    line: LineSettings = {},
  ) {
    this.settings = { ...DEFAULT_LINE, ...line }
    this.events = new EventLog(clock, `link:${name}`)
    port.on('data', (data: Buffer) => this.record('dut', data))
    port.on('error', (err: Error) => this.events.emit('port-error', { message: err.message }))
    const write = port.write.bind(port) as (...args: unknown[]) => boolean
    port.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (Buffer.isBuffer(chunk) || typeof chunk === 'string') this.record('emulator', Buffer.from(chunk as Buffer))
      return write(chunk, ...rest)
    }) as Duplex['write']
  }

  line(_end: EndName): Required<LineSettings> {
    return this.settings
  }

  private record(from: EndName, data: Buffer): void {
    if (data.length > 0) this.capture.push({ t: this.clock.now(), from, data: Buffer.from(data), charMs: 0 })
  }
}
