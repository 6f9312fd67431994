import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { rasterToPng, type PrintedSegment } from '../../emulators/printer/index.js'
import type { LogEvent } from '../../protocols/runtime/event-log.js'
import type { Bench } from '../bench/types.js'
import { readSegment } from '../expect/receipt-check.js'
import { describeLine } from '../link/line-settings.js'
import type { Artifact, LinkSummary, ReceiptRecord } from '../runner/types.js'
import type { PanMasker } from './mask.js'
import { linkTrace } from './traffic.js'

export interface Captured {
  artifacts: Artifact[]
  receipts: ReceiptRecord[]
  display: Array<{ t: number; text: string }>
  notes: string[]
  ledger: Array<Record<string, unknown>>
  links: LinkSummary[]
  /** What could not be captured (the run goes on; the report says so). */
  problems: string[]
}

/**
 * Writes everything a run captured into its artifact folder: one PNG per printed segment
 * (the uncut remainder too), the print log, per-link byte traces, the event timeline and
 * the server ledger. Each part is written on its own, so one failure loses nothing else.
 */
export async function captureArtifacts(bench: Bench, dir: string, rel: string, epoch: number, masker: PanMasker): Promise<Captured> {
  const out: Captured = { artifacts: [], receipts: [], display: [], notes: [], ledger: [], links: [], problems: [] }
  await mkdir(dir, { recursive: true })
  const attempt = async (what: string, fn: () => Promise<void>): Promise<void> => {
    try {
      await fn()
    } catch (err) {
      out.problems.push(`${what}: ${(err as Error).message}`)
    }
  }
  const put = async (kind: Artifact['kind'], name: string, data: string | Buffer): Promise<string> => {
    await writeFile(join(dir, name), data)
    const path = `${rel}/${name}`
    out.artifacts.push({ kind, name, path })
    return path
  }

  await attempt('printer', async () => {
    bench.printer.flush()
    // From the event log, which holds every segment: `segments` keeps only the last maxSegments.
    const segments = bench.printer.events.ofType<PrintedSegment>('segment').map((e) => e.data)
    for (const segment of segments) {
      const seen = readSegment(segment)
      masker.learn(seen.request?.pan ?? seen.fields?.['26.01']) // EMV tag 26.01 or iso8583-fields DE2
      const png = await put('receipt', `receipt-${segment.index + 1}.png`, await rasterToPng(segment.raster))
      out.receipts.push({
        index: segment.index,
        cut: segment.cut,
        t: segment.t - epoch,
        lines: seen.lines,
        qrs: seen.qrs.map((q) => masker.text(q)),
        png,
        warnings: segment.warnings.map((w) => `offset ${w.offset}: ${w.message}`),
      })
    }
    const log = segments.map(({ raster, ...rest }) => ({ ...rest, width: raster.width, height: raster.height }))
    await put('print-log', 'print-log.json', JSON.stringify(masker.value(log), null, 1))
  })

  await attempt('links', async () => {
    for (const [name, link] of Object.entries(bench.links)) {
      if (!link) continue
      const trace = await put('trace', `link-${name}.trace.txt`, masker.text(linkTrace(link, epoch, (d) => masker.bytes(d))))
      const bytes = (from: string): number => link.capture.filter((c) => c.from === from).reduce((n, c) => n + c.data.length, 0)
      out.links.push({ name, line: describeLine(link.line('dut')), toDut: bytes('emulator'), fromDut: bytes('dut'), trace })
    }
  })

  await attempt('server ledger', async () => {
    out.ledger = bench.server.ledger.all().map((t) => masker.value({ ...t } as unknown as Record<string, unknown>))
    await put('ledger', 'ledger.json', JSON.stringify(out.ledger, null, 1))
  })

  await attempt('timeline', async () => {
    const events = bench
      .logs()
      .flatMap((log) => log.events)
      .map((e, i) => ({ e, i }))
      .sort((a, b) => a.e.t - b.e.t || a.i - b.i)
      .map(({ e }) => timelineEntry(e, epoch))
    await put('timeline', 'timeline.jsonl', events.map((e) => masker.text(JSON.stringify(e))).join('\n') + '\n')
    for (const e of bench.console?.events.events ?? []) {
      const text = (e.data as { text?: string }).text ?? ''
      if (e.type === 'display') out.display.push({ t: e.t - epoch, text })
      if (e.type === 'note') out.notes.push(`+${((e.t - epoch) / 1000).toFixed(3)}s ${masker.text(text)}`)
    }
  })
  return out
}

/** One timeline line: rasters and byte buffers are summarised, not dumped. */
function timelineEntry(e: LogEvent, epoch: number): Record<string, unknown> {
  let data: unknown = e.data
  if (e.type === 'segment') {
    const s = e.data as PrintedSegment
    data = { index: s.index, cut: s.cut, lines: s.lines.length, qr: s.qr.map((q) => q.data), height: s.raster.height }
  }
  return { t: +((e.t - epoch) / 1000).toFixed(6), source: e.source, type: e.type, data: summarise(data) }
}

function summarise(v: unknown): unknown {
  if (Buffer.isBuffer(v) || v instanceof Uint8Array) return `<${v.length} bytes>`
  if (Array.isArray(v)) return v.length > 50 ? [...v.slice(0, 50).map(summarise), `… ${v.length - 50} more`] : v.map(summarise)
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, summarise(x)]))
  return v
}
