import t from 'tap'
import iconv from 'iconv-lite'
import { renderReceipt, ReceiptDefinitionError, type ReceiptDefinition } from '../../emulators/register/index.js'

/** Every printable character of a single-byte code page, from iconv-lite's table: [byte, char]. */
function singleByteTable(encoding: string): Array<[number, string]> {
  const rows: Array<[number, string]> = []
  for (let b = 0x20; b <= 0xff; b++) {
    if (b === 0x7f) continue
    const ch = iconv.decode(Buffer.from([b]), encoding)
    // Unassigned positions decode to U+FFFD; C1 controls and NBSP/soft hyphen are not text a register prints.
    if (ch === '\ufffd' || ch.codePointAt(0)! < 0x20 || (ch.codePointAt(0)! >= 0x7f && ch.codePointAt(0)! < 0xa0)) continue
    rows.push([b, ch])
  }
  return rows
}

/** Double-byte characters of a row range, from iconv-lite's table: [bytes, char]. */
function doubleByteTable(encoding: string, leads: [number, number], trails: Array<[number, number]>): Array<[Buffer, string]> {
  const rows: Array<[Buffer, string]> = []
  for (let lead = leads[0]; lead <= leads[1]; lead++) {
    for (const [lo, hi] of trails) {
      for (let trail = lo; trail <= hi; trail++) {
        const bytes = Buffer.from([lead, trail])
        const ch = iconv.decode(bytes, encoding)
        if ([...ch].length === 1 && ch !== '\ufffd') rows.push([bytes, ch])
      }
    }
  }
  return rows
}

function chunks<T>(rows: T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size))
  return out
}

for (const [encoding, table] of [['cp437', 0], ['cp850', 2], ['cp1252', 16]] as const) {
  t.test(`${encoding}: every printable character goes out as its byte in iconv-lite's table, after ESC t ${table}`, async (t) => {
    const rows = singleByteTable(encoding).filter(([, ch]) => ch !== ' ')
    t.ok(rows.length > 180, `${rows.length} characters`)
    const groups = chunks(rows, 20)
    const def: ReceiptDefinition = { encoding, items: groups.map((g) => ({ name: g.map(([, ch]) => ch).join(''), price: 1 })) }
    const r = renderReceipt(def)
    t.same(r.bytes.subarray(0, 5), Buffer.from([0x1b, 0x40, 0x1b, 0x74, table]), 'ESC @ then ESC t n')
    let missing = 0
    for (const g of groups) if (!r.bytes.includes(Buffer.from(g.map(([b]) => b)))) missing++
    t.equal(missing, 0, 'each item name appears as the table bytes')
    t.equal(r.total, `${groups.length}.00`)
  })
}

t.test('GB18030: the 3755 level-1 hanzi (GB2312 rows 16-55) go out as their two-byte codes, with and without FS &', async (t) => {
  // Row 55 ends at D7F9; D7FA-D7FE are GBK additions, not GB2312.
  const rows = doubleByteTable('gb18030', [0xb0, 0xd7], [[0xa1, 0xfe]]).filter(([b]) => b.readUInt16BE(0) <= 0xd7f9)
  t.equal(rows.length, 3755, 'GB2312 level 1 has 3755 characters')
  const groups = chunks(rows, 10)
  for (const chineseMode of [true, false]) {
    const def: ReceiptDefinition = {
      language: 'zh-CN',
      chineseMode,
      items: groups.map((g) => ({ name: g.map(([, ch]) => ch).join(''), price: 1 })),
    }
    const r = renderReceipt(def)
    t.equal(r.bytes.includes(Buffer.from([0x1c, 0x26])), chineseMode, `FS & ${chineseMode ? 'sent' : 'not sent'}`)
    t.equal(r.bytes.includes(Buffer.from([0x1b, 0x74])), false, 'no ESC t in Chinese mode')
    let missing = 0
    for (const g of groups) if (!r.bytes.includes(Buffer.concat(g.map(([b]) => b)))) missing++
    t.equal(missing, 0, 'each item name appears as the GB2312 bytes')
  }
})

t.test('GB18030 four-byte characters are sent in their four-byte form', async (t) => {
  const r = renderReceipt({ language: 'zh-CN', items: [{ name: '¥价', price: 1 }] })
  t.ok(r.bytes.includes(Buffer.from([0x81, 0x30, 0x84, 0x36, 0xbc, 0xdb])), '¥ = 81 30 84 36 (GB18030 four-byte), 价 = BC DB')
})

t.test('Big5: the frequent characters (A440-C67E) go out as their two-byte codes', async (t) => {
  const rows = doubleByteTable('big5', [0xa4, 0xc6], [[0x40, 0x7e], [0xa1, 0xfe]]).filter(([b]) => b.readUInt16BE(0) <= 0xc67e)
  t.equal(rows.length, 5401, 'Big5 level 1 has 5401 characters')
  const groups = chunks(rows, 10)
  const r = renderReceipt({ language: 'zh-TW', items: groups.map((g) => ({ name: g.map(([, ch]) => ch).join(''), price: 1 })) })
  t.ok(r.bytes.includes(Buffer.from([0x1c, 0x26])), 'FS & sent')
  let missing = 0
  for (const g of groups) if (!r.bytes.includes(Buffer.concat(g.map(([b]) => b)))) missing++
  t.equal(missing, 0)
})

t.test('in Chinese mode a line is as wide as its bytes: item lines fill exactly 32 columns', async (t) => {
  const r = renderReceipt({ language: 'zh-CN', items: [{ name: '可口可乐', qty: 2, price: 3 }, { name: '面包abc', price: 12.5 }] })
  const lines = r.bytes.toString('latin1').split('\n')
  const itemLines = lines.filter((l) => /^[^\x1b].* {2,}\d+\.\d\d$/.test(l))
  t.equal(itemLines.length, 2)
  for (const l of itemLines) t.equal(Buffer.from(l, 'latin1').length, 32)
})

t.test('characters outside the code page, and control characters, are refused with a clear error', async (t) => {
  t.throws(() => renderReceipt({ items: [{ name: 'Price in €', price: 1 }] }), ReceiptDefinitionError, '€ is not in cp437')
  t.throws(() => renderReceipt({ encoding: 'cp850', items: [{ name: '한국', price: 1 }] }), /cannot be printed in cp850/)
  t.throws(() => renderReceipt({ language: 'zh-TW', items: [{ name: '😀', price: 1 }] }), /cannot be printed in big5/)
  t.throws(() => renderReceipt({ items: [{ name: 'two\nlines', price: 1 }] }), /control character U\+000a/)
  t.throws(() => renderReceipt({ items: [{ name: 'x', price: '12,3.4.5' }] }), /not an amount/)
  t.throws(() => renderReceipt({ items: [{ name: 'x', price: '1.234' }] }), /more than 2 decimals/)
  t.throws(() => renderReceipt({ columns: 40 as 42, items: [] }), /columns must be 32, 42 or 48/)
  t.throws(() => renderReceipt({ encoding: 'utf8' as 'cp437', items: [] }), /unknown encoding/)
  t.throws(() => renderReceipt({} as ReceiptDefinition), /needs an "items" list/)
})
