/**
 * ESC t character code tables and ESC R international character sets (Epson ESC/POS Command
 * Reference, ESC t and ESC R with their character tables), against iconv-lite's tables, the
 * ESC R table written out below, and escpos-php's character-tables.bin / character-encodings.bin.
 */
import t from 'tap'
import iconv from 'iconv-lite'
import { fixture, render } from './helpers.js'
import { ESC_R_SETS, ESC_T_TABLES, tableCodec } from '../../emulators/printer/code-pages.js'
import { byteTable } from '../../emulators/printer/text-codec.js'
import { unifontGlyph } from '../../emulators/printer/fonts/unifont.js'

const HIGH = Buffer.from(Array.from({ length: 128 }, (_, i) => 0x80 + i))

/** What iconv-lite makes of bytes 80h–FFh, one character per byte (undefined and C1 codes as U+FFFD). */
function iconvHigh(codec: string, from = 0x80, to = 0x100): string {
  let s = ''
  for (let b = from; b < to; b++) {
    const c = iconv.decode(Buffer.from([b]), codec)
    const cp = c.length === 1 ? c.charCodeAt(0) : 0xfffd
    s += String.fromCharCode(cp >= 0x80 && cp <= 0x9f ? 0xfffd : cp)
  }
  return s
}

/** ESC t n → iconv-lite codec, as the Epson reference names the tables (ESC t, table of n). */
const EXPECTED: Record<number, string> = {
  0: 'cp437', 2: 'cp850', 3: 'cp860', 4: 'cp863', 5: 'cp865', 13: 'cp857', 14: 'cp737', 15: 'iso88597', 16: 'windows1252',
  17: 'cp866', 18: 'cp852', 19: 'cp858', 30: 'tcvn', 32: 'cp720', 33: 'cp775', 34: 'cp855', 35: 'cp861', 36: 'cp862', 37: 'cp864',
  38: 'cp869', 39: 'iso88592', 40: 'iso885915', 44: 'cp1125', 45: 'windows1250', 46: 'windows1251', 47: 'windows1253',
  48: 'windows1254', 49: 'windows1255', 50: 'windows1256', 51: 'windows1257', 52: 'windows1258', 53: 'rk1048',
}

t.test('ESC t n: bytes 80h–FFh print as the Epson table n, decoded as iconv-lite decodes that code page', async (t) => {
  for (const [n, codec] of Object.entries(EXPECTED)) {
    // 32 characters a line, so Font A fits 576 dots; spaces in the tables are kept by the print log.
    const bytes = [0x1b, 0x40, 0x1b, 0x74, Number(n)]
    for (let row = 0; row < 4; row++) bytes.push(0x7c, ...HIGH.subarray(row * 32, row * 32 + 32), 0x7c, 0x0a)
    const { segments } = render(Uint8Array.from(bytes))
    const got = segments[0]!.lines.map((l) => l.text.slice(1, -1)).join('')
    t.equal(got, iconvHigh(codec), `ESC t ${n} (${ESC_T_TABLES[Number(n)]!.name}) = ${codec}`)
    t.same(segments[0]!.warnings, [], `ESC t ${n}: no warning`)
  }
  t.equal(Object.values(ESC_T_TABLES).filter((x) => x.codec && x.codec !== 'katakana').length, Object.keys(EXPECTED).length, 'every decodable table is checked')
})

t.test('ESC t 1 (Katakana): A1h–DFh are the half-width katakana U+FF61–U+FF9F (JIS X 0201), with a warning for the rest', async (t) => {
  const { segments } = render(Uint8Array.from([0x1b, 0x40, 0x1b, 0x74, 1, 0xb1, 0xb2, 0xb3, 0x0a]))
  t.equal(segments[0]!.lines[0]!.text, 'ｱｲｳ')
  t.match(segments[0]!.warnings, [{ offset: 2, message: /^ESC t: table 1 \(Katakana\)/ }])
})

t.test('ESC t: a table no codec has prints as PC437 with a warning naming ESC t and its offset; an unknown n is ignored', async (t) => {
  const { segments } = render(Uint8Array.from([0x1b, 0x40, 0x41, 0x0a, 0x1b, 0x74, 11, 0x82, 0x0a, 0x1b, 0x74, 9, 0x82, 0x0a]))
  const s = segments[0]!
  t.same(s.lines.map((l) => l.text), ['A', 'é', 'é'], 'PC437 82h is é; ESC t 9 leaves the table as it was')
  t.same(s.warnings, [
    { offset: 4, message: 'ESC t: table 11 (PC851 (Greek)) is not available: printed as PC437' },
    { offset: 9, message: 'ESC t: n = 9 is not a character code table: ignored' },
  ])
})

/**
 * Epson ESC/POS Command Reference, ESC R, "International character sets": the characters at
 * 23h 24h 40h 5Bh 5Ch 5Dh 5Eh 60h 7Bh 7Ch 7Dh 7Eh. Sets 0–12 as in Epson's ESC/P character
 * tables (same chart in the Epson FX emulation manuals of Printek and Compuprint's ESC/P
 * programmer manual); 13–15 from the ESC/POS chart.
 */
const INTERNATIONAL: Array<[number, string]> = [
  [0, '#$@[\\]^`{|}~'], [1, '#$à°ç§^`éùè¨'], [2, '#$§ÄÖÜ^`äöüß'], [3, '£$@[\\]^`{|}~'], [4, '#$@ÆØÅ^`æøå~'],
  [5, '#¤ÉÄÖÅÜéäöåü'], [6, '#$@°\\é^ùàòèì'], [7, '₧$@¡Ñ¿^`¨ñ}~'], [8, '#$@[¥]^`{|}~'], [9, '#¤ÉÆØÅÜéæøåü'],
  [10, '#$ÉÆØÅÜéæøåü'], [11, '#$á¡Ñ¿é`íñóú'], [12, '#$á¡Ñ¿éüíñóú'], [13, '#$@[₩]^`{|}~'], [14, '#$ŽŠĐĆČžšđćč'],
  [15, '#¥@[\\]^`{|}~'],
]

t.test('ESC R n substitutes the 12 characters of the international character set', async (t) => {
  for (const [n, chars] of INTERNATIONAL) {
    const { segments } = render(Uint8Array.from([0x1b, 0x40, 0x1b, 0x52, n, ...Buffer.from('#$@[\\]^`{|}~AZ\n', 'latin1')]))
    t.equal(segments[0]!.lines[0]!.text, chars + 'AZ', `ESC R ${n} (${ESC_R_SETS[n]!.name})`)
    t.same(segments[0]!.warnings, [])
  }
  // ESC R and ESC t combine: Germany with WPC1252 (E4h = ä).
  const { segments } = render(Uint8Array.from([0x1b, 0x40, 0x1b, 0x52, 2, 0x1b, 0x74, 16, 0x7b, 0xe4, 0x80, 0x0a]))
  t.equal(segments[0]!.lines[0]!.text, 'ää€')
})

t.test('ESC R: sets whose characters are not verified print as U.S.A. with a warning; an unknown n is ignored; ESC @ restores U.S.A.', async (t) => {
  const { segments } = render(Uint8Array.from([0x1b, 0x40, 0x1b, 0x52, 3, 0x23, 0x0a, 0x1b, 0x52, 16, 0x23, 0x0a, 0x1b, 0x52, 3, 0x1b, 0x52, 40, 0x23, 0x0a, 0x1b, 0x40, 0x23, 0x0a]))
  const s = segments[0]!
  t.same(s.lines.map((l) => l.text), ['£', '#', '£', '#'])
  t.same(s.warnings, [
    { offset: 7, message: 'ESC R: international character set 16 (Vietnam): its characters are not verified: printed as U.S.A.' },
    { offset: 15, message: 'ESC R: n = 40 is not an international character set: ignored' },
  ])
})

t.test('the glyph font has every character of every decodable table and international set', async (t) => {
  const missing: string[] = []
  for (const n of Object.keys(ESC_T_TABLES).map(Number)) {
    if (!tableCodec(n)) continue
    const table = byteTable(n, 0)
    for (let b = 0x20; b < 0x100; b++) if (b !== 0x7f && table[b] !== 0xfffd && !unifontGlyph(table[b]!)) missing.push(`ESC t ${n} ${b.toString(16)}h`)
  }
  for (const [n, set] of Object.entries(ESC_R_SETS)) for (const c of set.chars ?? '') if (!unifontGlyph(c.codePointAt(0)!)) missing.push(`ESC R ${n} ${c}`)
  t.same(missing, [])
})

t.test('character-tables.bin (escpos-php): each table prints as the code page escpos-php names for it', async (t) => {
  // escpos-php's names (its printer profile) → iconv-lite; "CP932" is JIS X 0201 katakana in 80h–FFh.
  const names: Record<string, string> = { CP437: 'cp437', CP850: 'cp850', CP860: 'cp860', CP863: 'cp863', CP865: 'cp865', CP857: 'cp857', CP737: 'cp737', 'ISO_8859-7': 'iso88597', CP1252: 'windows1252', CP866: 'cp866', CP852: 'cp852', CP775: 'cp775', CP855: 'cp855', CP861: 'cp861', CP862: 'cp862', CP864: 'cp864', CP869: 'cp869', 'ISO_8859-2': 'iso88592', 'ISO_8859-15': 'iso885915', CP1125: 'cp1125', CP1250: 'windows1250', CP1251: 'windows1251', CP1253: 'windows1253', CP1254: 'windows1254', CP1255: 'windows1255', CP1256: 'windows1256', CP1257: 'windows1257', CP1258: 'windows1258', RK1048: 'rk1048' }
  const { segments } = render(fixture('character-tables.bin'))
  const lines = segments.flatMap((s) => s.lines.map((l) => l.text))
  let checked = 0
  for (let i = 0; i < lines.length; i++) {
    const m = /^Table (\d+): (\S+)$/.exec(lines[i]!)
    const codec = m && names[m[2]!]
    if (!codec) continue
    // Rows "8 …", "A …", "C …", "E …" hold bytes 80h–FEh, 32 a row (the stream sends a space for FFh).
    const next = lines.findIndex((l, j) => j > i && l.startsWith('Table '))
    const rows = lines.slice(i + 1, next < 0 ? undefined : next).filter((l) => /^[8ACE] /.test(l))
    t.equal(rows.length, 4, `table ${m![1]}: 4 rows of high bytes`)
    rows.forEach((row, r) => {
      const want = iconvHigh(codec, 0x80 + r * 32, r === 3 ? 0xff : 0xa0 + r * 32).replace(/\s+$/, '')
      t.equal(row.slice(2), want, `table ${m![1]} (${m![2]}) row ${row[0]}`)
    })
    checked++
  }
  t.equal(checked, 29, 'every table escpos-php names with a code page iconv-lite has')
})

t.test('character-encodings.bin (escpos-php): text encoded per table prints as the original sentences', async (t) => {
  const { segments } = render(fixture('character-encodings.bin'))
  const text = segments.flatMap((s) => s.lines.map((l) => l.text)).join('')
  for (const sentence of [
    'Ξεσκεπάζω την ψυχοφθόρα βδελυγμία',
    'В чащах юга жил бы цитрус? Да, но фальшивый экземпляр!',
    'Pijamalı hasta, yağız şoföre çabucak güvendi.',
    'Pchnąć w tę łódź jeża lub ośm skrzyń fig.',
    'Glāžšķūņa rūķīši dzērumā čiepj Baha koncertflīģeļu vākus.',
    'Tiếng Việt, còn gọi tiếng Việt Nam hay Việt ngữ, là ngôn ngữ của người Việt (người Kinh) và là ngôn ngữ chính thức tại Việt Nam.',
    'ｲﾛﾊﾆﾎﾍﾄ ﾁﾘﾇﾙｦ ﾜｶﾖﾀﾚｿ ﾂﾈﾅﾗﾑ',
  ]) {
    t.ok(text.includes(sentence), sentence)
  }
})
