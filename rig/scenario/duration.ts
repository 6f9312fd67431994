/** "250ms", "10s", "1.5m", "2h" or a number of ms → ms. */
export function parseDuration(value: string | number): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`duration must be a non-negative number of ms, got ${value}`)
    return value
  }
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(value)
  if (!m) throw new RangeError(`"${value}" is not a duration (use e.g. 500ms, 10s, 2m)`)
  const n = Number(m[1])
  const unit = m[2] ?? 'ms'
  return n * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[unit]!
}

export const DURATION_PATTERN = '^\\s*\\d+(\\.\\d+)?\\s*(ms|s|m|h)?\\s*$'

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`
  if (ms < 60_000) return `${+(ms / 1000).toFixed(2)}s`
  return `${+(ms / 60_000).toFixed(2)}m`
}
