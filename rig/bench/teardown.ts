import { RealClock } from '../clock/real-clock.js'

/** Teardown deadlines are real time: a virtual clock may already be stopped. */
const realClock = new RealClock()

/**
 * Releases resources in reverse order of acquisition. Each step is isolated: one that
 * throws or hangs cannot keep the others from running.
 */
export class Teardown {
  private readonly steps: Array<{ what: string; fn: () => unknown }> = []
  private done: Promise<void> | undefined
  /** What failed to release, for the run's diagnostics. */
  readonly errors: string[] = []

  add(what: string, fn: () => unknown): void {
    this.steps.push({ what, fn })
  }

  run(): Promise<void> {
    this.done ??= this.runAll()
    return this.done
  }

  private async runAll(): Promise<void> {
    for (const { what, fn } of this.steps.reverse()) {
      try {
        await withDeadline(Promise.resolve().then(fn), 5000, what)
      } catch (err) {
        this.errors.push(`${what}: ${(err as Error).message}`)
      }
    }
  }
}

/** Real-time bound on one teardown step: a stuck close must not hang the rig. */
function withDeadline<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = realClock.setTimeout(() => reject(new Error(`${what} did not close within ${ms} ms`)), ms)
    p.then(
      (v) => {
        realClock.clearTimeout(timer)
        resolve(v)
      },
      (e: unknown) => {
        realClock.clearTimeout(timer)
        reject(e)
      },
    )
  })
}
