/**
 * Conformance cases: streams written from the Epson ESC/POS reference with the print log,
 * warnings and dots the reference implies (format in conformance/README.md).
 */
import t, { type Test } from 'tap'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { render } from './helpers.js'
import type { PrintedSegment, PrinterOptions } from '../../emulators/printer/index.js'

const ROOT = fileURLToPath(new URL('./conformance/', import.meta.url))

interface Case {
  title: string
  source: string
  paper?: 58 | 80
  options?: Partial<PrinterOptions>
  stream: Array<string | { hex: string }>
  expect: { segments?: SegmentExpect[]; replies?: string; warnings?: Array<Record<string, unknown>> }
}

interface SegmentExpect {
  cut?: string
  height?: number
  lines?: Array<Record<string, unknown>>
  qr?: Array<Record<string, unknown>>
  barcodes?: Array<Record<string, unknown>>
  images?: Array<Record<string, unknown>>
  warnings?: Array<Record<string, unknown>>
  dots?: Array<{ x: number; y: number; ink: number }>
  art?: { at: [number, number]; rows: string[] } | Array<{ at: [number, number]; rows: string[] }>
  box?: [number, number, number, number] | null
}

function caseFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((f) => {
      const p = join(dir, f)
      if (statSync(p).isDirectory()) return caseFiles(p)
      return f.endsWith('.yaml') ? [p] : []
    })
}

/** Builds the stream; a malformed part names the case file and the part. */
export function streamOf(file: string, parts: Case['stream']): Uint8Array {
  const chunks: Buffer[] = []
  parts.forEach((p, i) => {
    if (typeof p === 'string') chunks.push(Buffer.from(p, 'latin1'))
    else if (p && typeof p.hex === 'string') {
      const hex = p.hex.replace(/\s+/g, '')
      if (!/^([0-9a-fA-F]{2})*$/.test(hex)) throw new Error(`${file}: stream[${i}]: hex must be pairs of hex digits`)
      chunks.push(Buffer.from(hex, 'hex'))
    } else throw new Error(`${file}: stream[${i}]: a string or { hex: "…" }`)
  })
  return Buffer.concat(chunks)
}

function valueMatches(actual: unknown, expected: unknown): boolean {
  if (typeof expected === 'string' && expected.length > 1 && expected.startsWith('/') && expected.endsWith('/')) {
    return typeof actual === 'string' && new RegExp(expected.slice(1, -1)).test(actual)
  }
  if (Array.isArray(expected)) return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => valueMatches(actual[i], e))
  if (expected && typeof expected === 'object') {
    return !!actual && typeof actual === 'object' && Object.entries(expected).every(([k, v]) => valueMatches((actual as Record<string, unknown>)[k], v))
  }
  return actual === expected
}

const ART: Record<string, number | undefined> = { '.': 0, '#': 1, r: 2, '@': 3, '?': undefined }

function checkSegment(t: Test, seg: PrintedSegment, exp: SegmentExpect, label: string): void {
  if (exp.cut !== undefined) t.equal(seg.cut, exp.cut, `${label}: cut`)
  if (exp.height !== undefined) t.equal(seg.raster.height, exp.height, `${label}: height in dots`)
  for (const key of ['lines', 'qr', 'barcodes', 'images', 'warnings'] as const) {
    const want = exp[key]
    if (!want) continue
    const got = seg[key] as unknown as Array<Record<string, unknown>>
    const ok = got.length === want.length && want.every((w, i) => valueMatches(got[i], w))
    t.ok(ok, `${label}: ${key}`, { found: got, wanted: want })
  }
  const r = seg.raster
  const at = (x: number, y: number): number => (x >= 0 && y >= 0 && x < r.width && y < r.height ? r.data[y * r.width + x]! : 0)
  for (const d of exp.dots ?? []) t.equal(at(d.x, d.y), d.ink, `${label}: dot (${d.x}, ${d.y})`)
  const arts = exp.art === undefined ? [] : Array.isArray(exp.art) ? exp.art : [exp.art]
  for (const a of arts) {
    const [x0, y0] = a.at
    const bad: string[] = []
    a.rows.forEach((row, dy) => {
      ;[...row].forEach((ch, dx) => {
        if (!(ch in ART)) throw new Error(`${label}: art character "${ch}" (use . # r @ ?)`)
        const want = ART[ch]
        if (want !== undefined && at(x0 + dx, y0 + dy) !== want) bad.push(`(${x0 + dx}, ${y0 + dy}) is ${at(x0 + dx, y0 + dy)}, want ${want}`)
      })
    })
    t.same(bad, [], `${label}: dots from (${x0}, ${y0})`)
  }
  if (exp.box !== undefined) {
    let minX = Infinity, minY = Infinity, maxX = -1, maxY = -1
    for (let y = 0; y < r.height; y++) {
      for (let x = 0; x < r.width; x++) {
        if (!r.data[y * r.width + x]) continue
        if (x < minX) minX = x
        if (x > maxX) maxX = x
        if (y < minY) minY = y
        if (y > maxY) maxY = y
      }
    }
    const box = maxX < 0 ? null : [minX, minY, maxX - minX + 1, maxY - minY + 1]
    t.same(box, exp.box, `${label}: ink bounding box`)
  }
}

const files = caseFiles(ROOT)

for (const file of files) {
  const name = relative(ROOT, file)
  t.test(name, async (t) => {
    const c = parse(readFileSync(file, 'utf8')) as Case
    t.ok(c && typeof c.title === 'string' && typeof c.source === 'string' && c.source.length > 0, `${name}: has a title and a source`)
    t.comment(`${c.title} — ${c.source}`)
    const bytes = streamOf(name, c.stream)
    const { printer, segments } = render(bytes, { paper: c.paper ?? 80, ...c.options })
    if (c.expect.segments) {
      t.equal(segments.length, c.expect.segments.length, 'segment count')
      c.expect.segments.forEach((exp, i) => {
        const seg = segments[i]
        if (seg) checkSegment(t, seg, exp, `segment ${i}`)
      })
    }
    if (c.expect.warnings) {
      // Every warning the printer emitted, in order (a cut with nothing to cut warns outside any segment).
      const got = printer.events.ofType<Record<string, unknown>>('warning').map((e) => e.data)
      const want = c.expect.warnings
      t.ok(got.length === want.length && want.every((w, i) => valueMatches(got[i], w)), 'every warning emitted', { found: got, wanted: want })
    }
    if (c.expect.replies !== undefined) {
      const replies = printer.events.ofType<{ bytes: number[] }>('reply').flatMap((e) => e.data.bytes)
      t.equal(Buffer.from(replies).toString('hex'), c.expect.replies.replace(/\s+/g, '').toLowerCase(), 'replies to the host')
    }
  })
}

t.test('the conformance folder holds cases', async (t) => {
  t.ok(files.length > 0, `${files.length} case(s)`)
})
