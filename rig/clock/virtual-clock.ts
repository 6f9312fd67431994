import { sleepOn, type Clock, type TimerHandle } from '../../protocols/runtime/clock.js'
import { TimerQueue } from './timer-queue.js'

export interface VirtualClockOptions {
  /** Start time, ms since the epoch. Default 2026-01-15T09:30:00Z, so runs are reproducible. */
  start?: number
  /**
   * Event-loop turns with nothing happening before time may jump to the next timer.
   * Loopback TCP replies land within one or two turns; default 4.
   */
  settleTurns?: number
  /** Longest real time (ms) one `busy()` hold may stop the clock. Default 2000. */
  maxBusyMs?: number
}

export const DEFAULT_EPOCH = Date.UTC(2026, 0, 15, 9, 30, 0)

/**
 * Deterministic virtual time. In auto mode (`start()`), whenever the process has gone
 * quiet the clock jumps straight to the next due timer, so waiting costs no real time
 * and the order of events depends only on the scenario and the seed.
 */
export class VirtualClock implements Clock {
  private t: number
  private seq = 0
  private nextId = 1
  private readonly queue = new TimerQueue()
  private readonly settleTurns: number
  private readonly maxBusyMs: number
  private activity = 0
  private holds = 0
  private running = false
  private wake: (() => void) | undefined
  private driver: Promise<void> | undefined
  /** Number of timers fired so far (a cheap progress counter for benchmarks and watchdogs). */
  fired = 0

  constructor(options: VirtualClockOptions = {}) {
    this.t = options.start ?? DEFAULT_EPOCH
    this.settleTurns = options.settleTurns ?? 4
    this.maxBusyMs = options.maxBusyMs ?? 2000
  }

  now(): number {
    return this.t
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = this.nextId++
    const delay = Number.isFinite(ms) && ms > 0 ? ms : 0
    this.queue.push({ id, at: this.t + delay, seq: this.seq++, fn })
    this.poke()
    return { id }
  }

  clearTimeout(handle: TimerHandle | undefined): void {
    if (handle) this.queue.cancel(handle.id)
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return sleepOn(this, ms, signal)
  }

  busy<T>(work: Promise<T>): Promise<T> {
    this.holds++
    let released = false
    const release = (): void => {
      if (released) return
      released = true
      this.holds--
      this.poke()
    }
    // A hold that never settles must not freeze the run: it lapses after maxBusyMs of real time.
    const lapse = setTimeout(release, this.maxBusyMs)
    lapse.unref?.()
    return work.finally(() => {
      clearTimeout(lapse)
      release()
    })
  }

  /** Pending timer count. */
  get pending(): number {
    return this.queue.size
  }

  /** Begins advancing time on its own whenever the process is quiet. */
  start(): void {
    if (this.running) return
    this.running = true
    this.driver = this.drive()
  }

  /** Stops auto-advance; pending timers stay queued. */
  async stop(): Promise<void> {
    this.running = false
    this.poke()
    await this.driver
  }

  /**
   * Manual mode for unit tests: fires every timer due within `ms`, in order,
   * letting the process settle after each, and leaves the clock at now + ms.
   */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms
    await this.settle()
    for (;;) {
      const next = this.queue.peek()
      if (!next || next.at > end) break
      this.fireNext()
      await this.settle()
    }
    this.t = Math.max(this.t, end)
  }

  /** Marks that something happened, so the clock waits for the process to go quiet again. */
  poke(): void {
    this.activity++
    const wake = this.wake
    this.wake = undefined
    wake?.()
  }

  private async drive(): Promise<void> {
    while (this.running) {
      await this.settle()
      if (!this.running) break
      if (this.holds > 0 || !this.queue.peek()) {
        await new Promise<void>((resolve) => (this.wake = resolve))
        continue
      }
      this.fireNext()
    }
  }

  private fireNext(): void {
    const timer = this.queue.pop()
    if (!timer) return
    if (timer.at > this.t) this.t = timer.at
    this.fired++
    this.activity++
    timer.fn()
  }

  /** Waits until `settleTurns` consecutive event-loop turns pass with no activity. */
  private async settle(): Promise<void> {
    let quiet = 0
    while (quiet < this.settleTurns) {
      const before = this.activity
      await new Promise<void>((resolve) => setImmediate(resolve))
      quiet = this.activity === before && this.holds === 0 ? quiet + 1 : 0
    }
  }
}
