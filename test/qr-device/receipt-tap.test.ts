import t from 'tap'
import iconv from 'iconv-lite'
import { ReceiptTap, normaliseAmount, type ReceiptSeen } from '../../emulators/qr-device/receipt-tap.js'
import { DUE_PATTERN, RECEIVED_PATTERN } from '../../emulators/qr-device/config.js'

const PATTERNS = [DUE_PATTERN, RECEIVED_PATTERN]

const INSERT = Buffer.from('<QR>')

function tap(encoding = 'cp437'): { tap: ReceiptTap; seen: ReceiptSeen[] } {
  const seen: ReceiptSeen[] = []
  const tap = new ReceiptTap({
    totalPatterns: PATTERNS,
    encoding,
    onCut: (r) => {
      seen.push(r)
      return r.total ? INSERT : Buffer.alloc(0)
    },
  })
  return { tap, seen }
}

const ESC_INIT = [0x1b, 0x40]
const CUT = [0x1d, 0x56, 0x01]

t.test('bytes pass through unchanged; the QR block goes in just before the cut', async (t) => {
  const { tap: tp, seen } = tap()
  const job = Buffer.from([...ESC_INIT, ...Buffer.from('Tea   2.10\nTOTAL      12.30\n'), 0x1b, 0x64, 0x03, ...CUT])
  const out = tp.push(job)
  const cutAt = job.length - 3
  t.same(out, Buffer.concat([job.subarray(0, cutAt), INSERT, job.subarray(cutAt)]))
  t.equal(seen[0]!.total, '12.30')
  t.same(seen[0]!.lines, ['Tea   2.10', 'TOTAL      12.30'])
})

t.test('a cut split across chunks is held until complete; nothing else waits', async (t) => {
  const { tap: tp } = tap()
  const a = tp.push(Buffer.from('TOTAL 5.00\n\x1d'))
  t.same(a, Buffer.from('TOTAL 5.00\n'), 'the lone GS waits: it may start a cut')
  t.notOk(tp.idle)
  const b = tp.push(Buffer.from([0x56, 0x41, 0x10]))
  t.same(b, Buffer.concat([INSERT, Buffer.from([0x1d, 0x56, 0x41, 0x10])]))
  t.ok(tp.idle, 'idle after the cut')
})

t.test('image data that happens to contain GS V bytes is not a cut', async (t) => {
  const { tap: tp, seen } = tap()
  // GS v 0: 2 bytes wide, 2 rows; the data bytes are 1D 56 01 00.
  const image = Buffer.from([0x1d, 0x76, 0x30, 0x00, 0x02, 0x00, 0x02, 0x00, 0x1d, 0x56, 0x01, 0x00])
  const first = tp.push(image.subarray(0, 9))
  t.same(first, image.subarray(0, 9), 'a long command is forwarded as it arrives')
  const rest = tp.push(Buffer.concat([image.subarray(9), Buffer.from('TOTAL 1.00\n'), Buffer.from(CUT)]))
  t.same(rest, Buffer.concat([image.subarray(9), Buffer.from('TOTAL 1.00\n'), INSERT, Buffer.from(CUT)]))
  t.equal(seen.length, 1, 'exactly one cut')
})

t.test('a receipt without a total gets no QR', async (t) => {
  const { tap: tp, seen } = tap()
  const job = Buffer.from([...Buffer.from('X REPORT\nno sale\n'), ...CUT])
  t.same(tp.push(job), job)
  t.equal(seen[0]!.total, undefined)
})

t.test('total lines seen in the wild', async (t) => {
  const cases: Array<[string, string]> = [
    ['TOTAL          12.30', '12.30'],
    ['Total: $1,234.50', '1234.50'],
    ['TOTAL RMB 88.00', '88.00'],
    ['AMOUNT DUE     7.5', '7.50'],
    ['SUBTOTAL 10.00\nTAX 0.80\nTOTAL 10.80', '10.80'],
    ['TOTAL 10.80\nSUBTOTAL 10.00', '10.80'],
    ['应付金额: 88.00\n实收 100.00\n找零 12.00', '88.00'],
    ['实收 ￥48.00', '48.00'],
    ['TOTAL (INCL. VAT) EUR 40.00', '40.00'],
    ['GRAND TOTAL ¥10,930', '10930.00'],
  ]
  for (const [text, want] of cases) {
    // A register that prints Chinese without FS & (its printer powers on in Chinese mode).
    const { tap: tp, seen } = tap('gb18030')
    tp.push(Buffer.concat([iconv.encode(text + '\n', 'gb18030'), Buffer.from(CUT)]))
    t.equal(seen[0]!.total, want, text)
  }
})

t.test('GB18030 text under FS & is decoded and its total found', async (t) => {
  const { tap: tp, seen } = tap()
  const line = iconv.encode('合计：￥56.80', 'gb18030')
  tp.push(Buffer.concat([Buffer.from([0x1c, 0x26]), line, Buffer.from([0x0a, 0x1c, 0x2e]), Buffer.from(CUT)]))
  t.same(seen[0]!.lines, ['合计：￥56.80'])
  t.equal(seen[0]!.total, '56.80')
})

t.test('Big5 traditional Chinese when configured', async (t) => {
  const seen: ReceiptSeen[] = []
  const tp = new ReceiptTap({ totalPatterns: PATTERNS, encoding: 'cp437', chineseEncoding: 'big5', onCut: (r) => (seen.push(r), Buffer.alloc(0)) })
  tp.push(Buffer.concat([Buffer.from([0x1c, 0x26]), iconv.encode('總計 NT$1,200', 'big5'), Buffer.from([0x0a]), Buffer.from(CUT)]))
  t.equal(seen[0]!.total, '1200.00')
})

t.test('normaliseAmount', async (t) => {
  t.equal(normaliseAmount('1,234.5'), '1234.50')
  t.equal(normaliseAmount('12'), '12.00')
})
