import type { Clock } from '../../protocols/runtime/clock.js'
import type { EventLog, LogEvent } from '../../protocols/runtime/event-log.js'
import { formatDuration } from '../scenario/duration.js'
import { ExpectationTimeout } from './errors.js'

export interface WaitForOptions<R> {
  log: EventLog
  /** Index in log.events to start from (events before it were consumed by earlier steps). */
  from: number
  /** Returns a result for a matching event, undefined to keep waiting. May throw to fail at once. */
  match: (event: LogEvent, index: number) => R | undefined
  timeoutMs: number
  clock: Clock
  /** What was awaited, for the time-out message ("a printed receipt"). */
  what: string
  signal?: AbortSignal
}

/**
 * Waits until an event of `log` (from index `from` on) matches, or the time-out passes on
 * the rig's clock. Resolves with the match and the index after the matched event.
 */
export function waitFor<R>(o: WaitForOptions<R>): Promise<{ result: R; next: number }> {
  return new Promise((resolve, reject) => {
    let index = o.from
    let settled = false
    const finish = (fn: () => void): void => {
      if (settled) return
      settled = true
      unsubscribe()
      o.clock.clearTimeout(timer)
      o.signal?.removeEventListener('abort', onAbort)
      fn()
    }
    const scan = (): void => {
      const events = o.log.events
      // The log is bounded; translate dropped entries so indexes stay meaningful.
      while (index - o.log.dropped < events.length && !settled) {
        const i = index++
        let r: R | undefined
        try {
          r = o.match(events[i - o.log.dropped]!, i)
        } catch (err) {
          finish(() => reject(err))
          return
        }
        if (r !== undefined) {
          const result = r
          finish(() => resolve({ result, next: index }))
          return
        }
      }
    }
    const onAbort = (): void => finish(() => reject(o.signal!.reason))
    const unsubscribe = o.log.on(() => scan())
    const timer = o.clock.setTimeout(
      () => finish(() => reject(new ExpectationTimeout(`timed out after ${formatDuration(o.timeoutMs)} waiting for ${o.what}`))),
      o.timeoutMs,
    )
    o.signal?.addEventListener('abort', onAbort, { once: true })
    scan()
  })
}
