import type { Clock } from './clock.js'

/** One timestamped record of something an emulator did or saw. */
export interface LogEvent<D = unknown> {
  /** Clock time in ms since the epoch. */
  readonly t: number
  /** Which emulator or link wrote it: `printer`, `modem`, `link:printer`. */
  readonly source: string
  readonly type: string
  readonly data: D
}

export type LogListener = (event: LogEvent) => void

/**
 * Append-only event log of one emulator. Expectations read it; reporters print it.
 * Bounded: past `limit` entries the oldest are dropped (and counted), so a runaway
 * device cannot exhaust memory.
 */
export class EventLog {
  readonly events: LogEvent[] = []
  dropped = 0
  private readonly listeners = new Set<LogListener>()

  constructor(
    private readonly clock: Clock,
    readonly source: string,
    private readonly limit = 100_000,
  ) {}

  emit<D>(type: string, data: D): LogEvent<D> {
    const event: LogEvent<D> = { t: this.clock.now(), source: this.source, type, data }
    this.events.push(event)
    if (this.events.length > this.limit) {
      this.events.shift()
      this.dropped++
    }
    for (const listener of this.listeners) listener(event)
    return event
  }

  /** Calls `listener` for every future event; returns the unsubscribe function. */
  on(listener: LogListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  ofType<D>(type: string): LogEvent<D>[] {
    return this.events.filter((e) => e.type === type) as LogEvent<D>[]
  }
}
