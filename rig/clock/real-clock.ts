import { sleepOn, type Clock, type TimerHandle } from '../../protocols/runtime/clock.js'

/** Wall-clock time for `process` and `serial` benches, where real hardware sets the pace. */
export class RealClock implements Clock {
  private nextId = 1
  private readonly timers = new Map<number, NodeJS.Timeout>()

  now(): number {
    return performance.timeOrigin + performance.now()
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = this.nextId++
    const timer = setTimeout(() => {
      this.timers.delete(id)
      fn()
    }, Math.max(0, ms))
    this.timers.set(id, timer)
    return { id }
  }

  clearTimeout(handle: TimerHandle | undefined): void {
    if (!handle) return
    const timer = this.timers.get(handle.id)
    if (timer) clearTimeout(timer)
    this.timers.delete(handle.id)
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return sleepOn(this, ms, signal)
  }

  busy<T>(work: Promise<T>): Promise<T> {
    return work
  }

  /** Cancels every timer this clock still holds (teardown). */
  clearAll(): void {
    for (const timer of this.timers.values()) clearTimeout(timer)
    this.timers.clear()
  }
}
