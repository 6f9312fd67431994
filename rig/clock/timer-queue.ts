/** A min-heap of timers ordered by due time, then by scheduling order (so equal times fire FIFO). */
export interface QueuedTimer {
  id: number
  at: number
  seq: number
  fn: () => void
}

export class TimerQueue {
  private heap: QueuedTimer[] = []
  private readonly cancelled = new Set<number>()

  get size(): number {
    return this.heap.length - this.cancelled.size
  }

  push(timer: QueuedTimer): void {
    const h = this.heap
    h.push(timer)
    let i = h.length - 1
    while (i > 0) {
      const p = (i - 1) >> 1
      if (!before(h[i]!, h[p]!)) break
      ;[h[i], h[p]] = [h[p]!, h[i]!]
      i = p
    }
  }

  cancel(id: number): void {
    if (this.heap.some((t) => t.id === id)) this.cancelled.add(id)
  }

  peek(): QueuedTimer | undefined {
    this.dropCancelled()
    return this.heap[0]
  }

  pop(): QueuedTimer | undefined {
    this.dropCancelled()
    return this.take()
  }

  private dropCancelled(): void {
    while (this.heap.length > 0 && this.cancelled.has(this.heap[0]!.id)) {
      this.cancelled.delete(this.heap[0]!.id)
      this.take()
    }
  }

  private take(): QueuedTimer | undefined {
    const h = this.heap
    const top = h[0]
    const last = h.pop()
    if (h.length > 0 && last) {
      h[0] = last
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        const r = l + 1
        let m = i
        if (l < h.length && before(h[l]!, h[m]!)) m = l
        if (r < h.length && before(h[r]!, h[m]!)) m = r
        if (m === i) break
        ;[h[i], h[m]] = [h[m]!, h[i]!]
        i = m
      }
    }
    return top
  }
}

function before(a: QueuedTimer, b: QueuedTimer): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq)
}
