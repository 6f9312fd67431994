import t from 'tap'
import { VirtualClock } from '../../rig/clock/virtual-clock.js'
import { Link } from '../../rig/link/link.js'
import { PrinterNotReadyError, RegisterEmulator, renderReceipt, type StatusPollOptions } from '../../emulators/register/index.js'

const receipt = { header: ['POLL TEST'], items: [{ name: 'Tea', price: 2.5 }] }
const DLE_EOT = (n: number): number[] => [0x10, 0x04, n]

/**
 * A stand-in printer on the DUT end: answers DLE EOT n (scanned byte by byte, as real-time
 * commands are) with `reply(n, count)` after 1 ms, or stays silent when it returns undefined.
 */
async function bench(poll: StatusPollOptions, reply: (n: number, count: number) => number | undefined) {
  const clock = new VirtualClock({ start: 0 })
  const link = await Link.open({ name: 'register', clock, line: { baudRate: 9600 } })
  const register = new RegisterEmulator({ clock, port: link.emulatorEnd, poll })
  let state = 0
  let count = 0
  link.dutEnd.on('data', (d: Buffer) => {
    for (const b of d) {
      if (state === 2) {
        const r = reply(b, ++count)
        if (r !== undefined) clock.setTimeout(() => link.dutEnd.write(Buffer.from([r])), 1)
        state = 0
      } else if (state === 1) state = b === 0x04 ? 2 : 0
      else if (b === 0x10) state = 1
    }
  })
  clock.start()
  const done = async (): Promise<void> => {
    await clock.stop()
    await register.close()
    await link.close()
  }
  return { clock, link, register, done }
}

t.test('polls DLE EOT 1 and 4 before and after the job, in wire order, and records the replies', async (t) => {
  const b = await bench({ queries: [1, 4] }, () => 0x12)
  await b.register.print(receipt)
  const job = renderReceipt(receipt).bytes
  t.same(b.link.sent('emulator'), Buffer.concat([Buffer.from([...DLE_EOT(1), ...DLE_EOT(4)]), job, Buffer.from([...DLE_EOT(1), ...DLE_EOT(4)])]))
  const replies = b.register.events.ofType<{ n: number; phase: string; byte: number; flags: string[] }>('status-reply')
  t.same(replies.map((e) => [e.data.phase, e.data.n, e.data.byte, e.data.flags.length]), [
    ['before', 1, 0x12, 0],
    ['before', 4, 0x12, 0],
    ['after', 1, 0x12, 0],
    ['after', 4, 0x12, 0],
  ])
  t.same(b.register.events.ofType('printer-error'), [])
  const types = b.register.events.events.map((e) => e.type).filter((x) => x !== 'status-query' && x !== 'attached')
  t.same(types, ['status-reply', 'status-reply', 'job-start', 'job-done', 'status-reply', 'status-reply'])
  await b.done()
})

t.test('no reply: a printer-error after the time-out (clock time), and the register prints anyway', async (t) => {
  const b = await bench({ queries: [1], timeoutMs: 500 }, () => undefined)
  const result = await b.register.print(receipt)
  t.equal(result.total, '2.50')
  const errors = b.register.events.ofType<{ phase: string; reason: string }>('printer-error')
  t.same(errors.map((e) => [e.data.phase, e.data.reason]), [['before', 'no-reply'], ['after', 'no-reply']])
  const query = b.register.events.ofType('status-query')[0]!
  const charMs = 10_000 / 9600
  t.ok(Math.abs(errors[0]!.t - query.t - (3 * charMs + 500)) < 1e-6, 'time-out counted from when the query left the wire')
  t.equal(b.register.events.ofType('job-done').length, 1)
  await b.done()
})

t.test('paper end (DLE EOT 4 → 0x72) with onError abort: print() rejects and no job byte is sent', async (t) => {
  const b = await bench({ queries: [1, 4], onError: 'abort' }, (n) => (n === 4 ? 0x72 : 0x12))
  await t.rejects(b.register.print(receipt), PrinterNotReadyError)
  const errors = b.register.events.ofType<{ reason: string; byte: number }>('printer-error')
  t.same(errors.map((e) => [e.data.reason, e.data.byte]), [['paper-end', 0x72]])
  t.same(b.link.sent('emulator'), Buffer.from([...DLE_EOT(1), ...DLE_EOT(4)]))
  t.equal(b.register.events.ofType('job-aborted').length, 1)
  await b.done()
})

t.test('decodes offline, cover open and near-end flags; near end alone does not stop printing', async (t) => {
  const answers: Record<number, number> = { 1: 0x1a, 2: 0x16, 4: 0x1e }
  const b = await bench({ queries: [1, 2, 4], after: false, onError: 'abort' }, (n) => answers[n])
  const err = await b.register.print(receipt).catch((e: unknown) => e)
  t.type(err, PrinterNotReadyError)
  t.equal((err as PrinterNotReadyError).reason, 'offline')
  const flags = b.register.events.ofType<{ n: number; flags: string[] }>('status-reply').map((e) => [e.data.n, e.data.flags])
  t.same(flags, [[1, ['offline']], [2, ['cover-open']], [4, ['paper-near-end']]])
  t.same(b.register.events.ofType<{ reason: string }>('printer-error').map((e) => e.data.reason), ['offline', 'cover-open'])
  await b.done()
})

t.test('retries a silent query, and ignores bytes that are not status replies', async (t) => {
  // First query unanswered; the second gets XOFF-like noise (0x13) and then a real reply.
  const b = await bench({ queries: [1], attempts: 2, after: false, timeoutMs: 200 }, (_n, count) => (count === 1 ? undefined : 0x13))
  b.link.dutEnd.on('data', () => undefined)
  const noise = b.register.events.on((e) => {
    if (e.type === 'status-query' && (e.data as { attempt: number }).attempt === 2) {
      b.clock.setTimeout(() => b.link.dutEnd.write(Buffer.from([0x12])), 50)
    }
  })
  await b.register.print(receipt)
  noise()
  t.same(b.register.events.ofType<{ attempt: number }>('status-query').map((e) => e.data.attempt), [1, 2])
  t.same(b.register.events.ofType<{ byte: number }>('status-reply').map((e) => e.data.byte), [0x12])
  t.same(b.register.events.ofType('printer-error'), [])
  await b.done()
})

t.test('back-to-back receipts: concurrent print() calls go out one after another, each polled', async (t) => {
  const b = await bench({ queries: [1] }, () => 0x12)
  const jobs = [receipt, { items: [{ name: 'Scone', price: 3 }] }, { items: [{ name: 'Jam', price: 4 }] }]
  const results = await Promise.all(jobs.map((j) => b.register.print(j)))
  t.same(results.map((r) => r.total), ['2.50', '3.00', '4.00'])
  const poll = Buffer.from(DLE_EOT(1))
  const expected = Buffer.concat(jobs.flatMap((j) => [poll, renderReceipt(j).bytes, poll]))
  t.same(b.link.sent('emulator'), expected, 'jobs never interleave')
  t.same(b.register.events.ofType<{ job: number }>('job-done').map((e) => e.data.job), [1, 2, 3])
  await b.done()
})

t.test('close() during a status wait ends it at once; close twice is safe', async (t) => {
  const b = await bench({ queries: [1], timeoutMs: 60_000 }, () => undefined)
  const p = b.register.print(receipt)
  await b.clock.sleep(100)
  await b.register.close()
  await b.register.close()
  await t.rejects(p, { name: 'RegisterStateError' })
  t.ok(b.clock.now() < 1000, 'did not wait for the 60 s time-out')
  t.same(b.link.sent('emulator'), Buffer.from(DLE_EOT(1)), 'no job bytes after close')
  t.same(b.register.events.ofType('printer-error'), [], 'closing is not a printer error')
  await b.done()
})
