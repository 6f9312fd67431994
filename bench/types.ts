/** One measured figure of `npm run bench`. */
export interface BenchResult {
  /** What was measured, e.g. "printer: interpret+render demo.bin (median)". */
  name: string
  value: number
  unit: string
  /** The floor or ceiling from the issue, e.g. { max: 100 } or { min: 5 }. */
  target?: { min?: number; max?: number }
}

/** A bench module exports `bench()`; it measures with real time (benchmarks are the one place that may). */
export type BenchFn = () => Promise<BenchResult[]>

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!
}

/** Runs `fn` `runs` times after `warmup` runs and returns each run's ms. */
export async function timeRuns(fn: () => unknown | Promise<unknown>, runs: number, warmup = 3): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    await fn()
    times.push(performance.now() - t0)
  }
  return times
}
