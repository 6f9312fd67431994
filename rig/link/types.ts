import type { EventLog } from '../../protocols/runtime/event-log.js'
import type { LineSettings } from './line-settings.js'

export type EndName = 'emulator' | 'dut'

/** What traces and failure messages need of a link: a sim Link or a recorder on a real port. */
export interface TracedPort {
  readonly name: string
  readonly capture: CaptureEntry[]
  readonly events: EventLog
  line(end: EndName): Required<LineSettings>
}

/** One delivered slice of bytes; byte i arrived at `t + i * charMs`. */
export interface CaptureEntry {
  /** Clock time the first byte arrived at the peer. */
  t: number
  from: EndName
  data: Buffer
  charMs: number
  /** The two ends' framing differs: the peer received noise, not these bytes. */
  garbled?: boolean
}

export interface LinkFaults {
  /** Probability that a byte is lost. */
  drop?: number
  /** Probability that a byte has one bit flipped. */
  corrupt?: number
  /** Nothing moves until this clock time (ms since epoch). */
  stallUntil?: number
  /** Bytes sent are lost; the peer sees DCD low. */
  disconnected?: boolean
}
