import t from 'tap'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { loadReceiptFile } from '../../emulators/register/load.js'
import { renderReceipt } from '../../emulators/register/index.js'
import { findTotal } from '../../emulators/register/total-line.js'
import type { ReceiptDefinition } from '../../emulators/register/index.js'
import { collapse, decodeEscPos, displayWidth } from './helpers.js'

const DIR = new URL('../../scenarios/receipts/', import.meta.url).pathname
const files = readdirSync(DIR).filter((f) => /\.(ya?ml|json)$/.test(f)).sort()

t.ok(files.length >= 20, `the corpus holds at least 20 receipts (${files.length})`)

const languages = new Set<string>()
const encodings = new Set<string>()
const columnsSeen = new Set<number>()

for (const file of files) {
  t.test(file, async (t) => {
    const job = await loadReceiptFile(join(DIR, file))
    if (job.kind !== 'definition') throw new Error('expected a definition')
    const def: ReceiptDefinition = job.definition
    const expect = def.expect
    if (!expect) throw new Error(`${file} has no expect block`)
    const language = def.language ?? 'en'
    const encoding = def.encoding ?? (language === 'zh-CN' ? 'gb18030' : language === 'zh-TW' ? 'big5' : 'cp437')
    const columns = def.columns ?? (language === 'en' ? 42 : 32)
    languages.add(language)
    encodings.add(encoding)
    columnsSeen.add(columns)
    const doubleByte = encoding === 'gb18030' || encoding === 'big5'

    const r = renderReceipt(def)
    const decoded = decodeEscPos(r.bytes, { doubleByte: encoding, chineseAtPowerOn: doubleByte && def.chineseMode === false })
    t.equal(decoded.receipts.length, 1, 'one receipt, ended by one cut')
    const receipt = decoded.receipts[0]!
    t.equal(receipt.cut, 1, 'partial cut (GS V 1)')
    t.same(r.bytes.subarray(0, 2), Buffer.from([0x1b, 0x40]), 'starts with ESC @')
    const lines = receipt.lines.map((l) => l.text)
    t.same(lines, r.lines, 'the decoded text lines are the lines the renderer reports')

    // Code page selection as the reference table says.
    if (doubleByte) {
      t.equal(decoded.commands.includes('FS &'), def.chineseMode !== false, 'FS & sent unless the printer powers on in Chinese mode')
      t.same(decoded.tables, [])
    } else {
      t.same(decoded.tables, [{ cp437: 0, cp850: 2, cp1252: 16 }[encoding]], 'ESC t n selects the code page')
    }

    // The total, read from the decoded lines, is the hand-written one.
    t.equal(findTotal(lines)?.total ?? null, expect.total, 'total read off the printed lines')
    t.equal(r.total ?? null, expect.total, 'renderReceipt reports the same total')
    if (expect.totalLine) {
      const hit = receipt.lines.find((l) => collapse(l.text) === collapse(expect.totalLine!))
      t.ok(hit, `the total line "${expect.totalLine}" is printed`)
      t.ok(hit?.bold || def.totalLine === false || (def.totalLine && def.totalLine.bold === false), 'total line bold unless told otherwise')
      t.equal(collapse(r.totalLine ?? ''), collapse(expect.totalLine))
    } else t.equal(r.totalLine, undefined)

    // Expected lines appear in order.
    let at = 0
    for (const want of expect.contains ?? []) {
      const i = lines.findIndex((l, k) => k >= at && collapse(l) === collapse(want))
      t.ok(i >= 0, `prints "${want}"`)
      if (i >= 0) at = i + 1
    }

    // Layout: nothing overflows; label/amount pairs end flush right at the line's width.
    for (const l of receipt.lines) {
      const width = Math.floor(columns / l.width)
      t.ok(displayWidth(l.text) <= width, `"${l.text}" fits ${width} columns`)
      if (l.align === 0 && / {2,}\S+$/.test(l.text)) t.equal(displayWidth(l.text), width, `"${l.text}" is flush right`)
    }
  })
}

t.test('the corpus covers the languages, encodings and paper widths', async (t) => {
  t.same([...languages].sort(), ['en', 'zh-CN', 'zh-TW'])
  t.same([...encodings].sort(), ['big5', 'cp1252', 'cp437', 'cp850', 'gb18030'])
  t.same([...columnsSeen].sort(), [32, 42, 48])
})
