/**
 * The one source of time for every emulator, the simulated device and the rig.
 * Nothing else calls setTimeout or Date.now: in `sim` benches time is virtual
 * (a 60-second payment window costs no real minute); elsewhere it is real.
 */
export interface TimerHandle {
  readonly id: number
}

export interface Clock {
  /** Milliseconds since the Unix epoch; may carry a fraction (a byte at 115200 baud is 87 µs). */
  now(): number
  setTimeout(fn: () => void, ms: number): TimerHandle
  clearTimeout(handle: TimerHandle | undefined): void
  /** Resolves after `ms`; rejects with the signal's reason when it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
  /**
   * Marks real I/O in flight (a TCP connect, an HTTP call): a virtual clock does not jump
   * ahead while it is pending, so a loopback reply is never mistaken for a time-out.
   */
  busy<T>(work: Promise<T>): Promise<T>
}

/** Repeats `fn` every `ms` on the given clock until the returned function is called. */
export function every(clock: Clock, ms: number, fn: () => void): () => void {
  let handle: TimerHandle | undefined
  let stopped = false
  const tick = (): void => {
    if (stopped) return
    handle = clock.setTimeout(tick, ms)
    fn()
  }
  handle = clock.setTimeout(tick, ms)
  return () => {
    stopped = true
    clock.clearTimeout(handle)
  }
}

/** ISO-8601 text of a clock time (UTC, millisecond precision). */
export function isoTime(clock: Clock): string {
  return new Date(Math.floor(clock.now())).toISOString()
}

/** `Clock.sleep` in terms of the clock's own timers; clocks use it to implement `sleep`. */
export function sleepOn(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const onAbort = (): void => {
      clock.clearTimeout(handle)
      reject(signal!.reason)
    }
    const handle = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
