/** DE7 (MMDDhhmmss, GMT) of a clock time. */
export function toDe7(ms: number): string {
  const d = new Date(Math.floor(ms))
  const p = (n: number): string => String(n).padStart(2, '0')
  return `${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`
}

/**
 * The clock time a DE7 value most plausibly means: DE7 has no year, so take the year that
 * puts it nearest to `now` (a message sent on 31 Dec read on 1 Jan is a second old, not a
 * year ahead). NaN when the value is not a real date and time.
 */
export function fromDe7(de7: string, now: number): number {
  const m = /^(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)$/.exec(de7)
  if (!m) return NaN
  const [mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number]
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return NaN
  const year = new Date(Math.floor(now)).getUTCFullYear()
  let best = NaN
  for (const y of [year - 1, year, year + 1]) {
    const t = Date.UTC(y, mo - 1, d, h, mi, s)
    if (new Date(t).getUTCDate() !== d) continue // 31 April and friends
    if (Number.isNaN(best) || Math.abs(t - now) < Math.abs(best - now)) best = t
  }
  return best
}
