/**
 * The scenarios of shard `current` of `total` (current counts from 1): contiguous, balanced
 * by count, the same on every machine for the same input order.
 */
export function filterForShard<T>(shard: { current: number; total: number }, items: T[]): T[] {
  const { current, total } = shard
  if (!Number.isInteger(total) || total < 1 || !Number.isInteger(current) || current < 1 || current > total) {
    throw new RangeError(`shard must be I/N with 1 <= I <= N, got ${current}/${total}`)
  }
  const base = Math.floor(items.length / total)
  const extra = items.length % total
  const start = (current - 1) * base + Math.min(current - 1, extra)
  const size = base + (current <= extra ? 1 : 0)
  return items.slice(start, start + size)
}

export function parseShard(text: string): { current: number; total: number } {
  const m = /^(\d+)\/(\d+)$/.exec(text)
  if (!m) throw new RangeError(`--shard must look like 1/3, got "${text}"`)
  const shard = { current: Number(m[1]), total: Number(m[2]) }
  filterForShard(shard, [])
  return shard
}
