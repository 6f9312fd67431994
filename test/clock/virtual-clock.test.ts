import t from 'tap'
import { VirtualClock, DEFAULT_EPOCH } from '../../rig/clock/virtual-clock.js'
import { RealClock } from '../../rig/clock/real-clock.js'
import { every } from '../../protocols/runtime/clock.js'

t.test('manual advance fires timers in due order, FIFO on ties, and moves now()', async (t) => {
  const clock = new VirtualClock()
  const order: string[] = []
  clock.setTimeout(() => order.push(`b@${clock.now() - DEFAULT_EPOCH}`), 20)
  clock.setTimeout(() => order.push(`a@${clock.now() - DEFAULT_EPOCH}`), 10)
  clock.setTimeout(() => order.push(`c@${clock.now() - DEFAULT_EPOCH}`), 20)
  const cancelled = clock.setTimeout(() => order.push('never'), 15)
  clock.clearTimeout(cancelled)
  await clock.advance(19)
  t.same(order, ['a@10'])
  t.equal(clock.now(), DEFAULT_EPOCH + 19)
  await clock.advance(1)
  t.same(order, ['a@10', 'b@20', 'c@20'])
})

t.test('timers scheduled by timers run within the same advance', async (t) => {
  const clock = new VirtualClock({ start: 0 })
  const seen: number[] = []
  clock.setTimeout(() => {
    seen.push(clock.now())
    clock.setTimeout(() => seen.push(clock.now()), 5)
  }, 5)
  await clock.advance(10)
  t.same(seen, [5, 10])
})

t.test('auto mode: a 60-second sleep costs no real minute', async (t) => {
  const clock = new VirtualClock({ start: 0 })
  clock.start()
  const realStart = performance.now()
  await clock.sleep(60_000)
  t.equal(clock.now(), 60_000)
  t.ok(performance.now() - realStart < 1000, 'finished in well under a second of real time')
  await clock.stop()
})

t.test('auto mode waits for busy real I/O before jumping ahead', async (t) => {
  const clock = new VirtualClock({ start: 0 })
  clock.start()
  const events: string[] = []
  clock.setTimeout(() => events.push('timeout'), 1000)
  await clock.busy(new Promise<void>((resolve) => setTimeout(resolve, 30))).then(() => events.push('io'))
  await clock.sleep(2000)
  t.same(events, ['io', 'timeout'], 'the real reply came before the virtual timeout')
  await clock.stop()
})

t.test('sleep rejects when aborted and its timer is cancelled', async (t) => {
  const clock = new VirtualClock({ start: 0 })
  const ac = new AbortController()
  const p = clock.sleep(100, ac.signal)
  ac.abort(new Error('stop'))
  await t.rejects(p, /stop/)
  t.equal(clock.pending, 0)
})

t.test('every() repeats until stopped', async (t) => {
  const clock = new VirtualClock({ start: 0 })
  const ticks: number[] = []
  const stop = every(clock, 250, () => ticks.push(clock.now()))
  await clock.advance(1000)
  stop()
  await clock.advance(1000)
  t.same(ticks, [250, 500, 750, 1000])
})

t.test('same schedule gives the same order on every run (determinism)', async (t) => {
  const run = async (): Promise<string> => {
    const clock = new VirtualClock({ start: 0 })
    clock.start()
    const out: string[] = []
    await Promise.all(
      [30, 10, 20, 10, 0].map(async (ms, i) => {
        await clock.sleep(ms)
        out.push(`${i}@${clock.now()}`)
      }),
    )
    await clock.stop()
    return out.join(',')
  }
  const first = await run()
  t.equal(first, '4@0,1@10,3@10,2@20,0@30')
  t.equal(await run(), first)
})

t.test('real clock: timers fire in real time and clearAll cancels', async (t) => {
  const clock = new RealClock()
  const t0 = clock.now()
  t.ok(Math.abs(t0 - Date.now()) < 50, 'now() is wall-clock time')
  await clock.sleep(20)
  t.ok(clock.now() - t0 >= 19)
  let fired = false
  clock.setTimeout(() => (fired = true), 10)
  clock.clearAll()
  await new Promise((r) => setTimeout(r, 30))
  t.notOk(fired)
})
