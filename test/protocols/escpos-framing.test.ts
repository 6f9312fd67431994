/**
 * ESC/POS framing (protocols/escpos/framing.ts), shared by the printer and by the simulated
 * device that passes a register's stream through: the issue 9 streams framed byte for byte,
 * and the device's tap finding the cut after an ESC D list.
 */
import t from 'tap'
import { frameAt, frames, nameAt, type FrameResult } from '../../protocols/escpos/framing.js'
import { ReceiptTap, type ReceiptSeen } from '../../emulators/qr-device/receipt-tap.js'
import { DUE_PATTERN } from '../../emulators/qr-device/config.js'

const list = (bytes: number[]): Array<[string, number]> =>
  [...frames(Uint8Array.from(bytes))].map((f: FrameResult) => [f.kind === 'command' ? f.name : f.kind, f.kind === 'need' ? -1 : f.end - f.start])

t.test('ESC D 9 1 ESC D 9 2 …: each list ends at the value not greater than the one before (Epson ESC/POS Command Reference, ESC D, Notes)', async (t) => {
  const stream = [0x1b, 0x44, 9, 1, 0x1b, 0x44, 9, 2, ...Buffer.from('Item'), 0x09, ...Buffer.from('Price'), 0x0a, 0x1d, 0x56, 0x00]
  t.same(list(stream), [
    ['ESC D', 4],
    ['ESC D', 4],
    ['text', 4],
    ['HT', 1],
    ['text', 5],
    ['LF', 1],
    ['GS V', 3],
  ])
})

t.test('ESC D 10 5 "Item\\tPrice\\n…" GS V 0: the receipt and its cut are not swallowed', async (t) => {
  const stream = [0x1b, 0x44, 10, 5, ...Buffer.from('Item\tPrice\nTea\t3.00\n'), 0x1d, 0x56, 0x00]
  const got = list(stream)
  t.same(got[0], ['ESC D', 4])
  t.same(got.at(-1), ['GS V', 3])
  t.equal(got.filter(([n]) => n === 'LF').length, 2)
})

t.test('ESC D ends at NUL, after 32 values (a 33rd byte is data, a NUL closes the list), and waits for more bytes', async (t) => {
  const values = Array.from({ length: 32 }, (_, i) => i + 1)
  t.same(list([0x1b, 0x44, 8, 16, 0]), [['ESC D', 5]])
  t.same(list([0x1b, 0x44, ...values, 0x58]), [['ESC D', 34], ['text', 1]])
  t.same(list([0x1b, 0x44, ...values, 0]), [['ESC D', 35]])
  t.same(list([0x1b, 0x44, 8, 16]), [['need', -1]], 'an ascending list without its end waits')
  t.same(list([0x1b, 0x44, 0]), [['ESC D', 3]], 'ESC D NUL clears every stop')
})

t.test('ESC 4 n takes its parameter (Custom TPTCM112 manual, ESC 4 n)', async (t) => {
  t.same(list([0x1b, 0x34, 0x01, 0x41]), [['ESC 4', 3], ['text', 1]])
})

t.test('GS g 0 and GS g 2 are 6 bytes; FS g 1 carries its data; GS D carries a whole BMP', async (t) => {
  t.same(list([0x1d, 0x67, 0x30, 0, 20, 0, 0x41]), [['GS g', 6], ['text', 1]])
  t.same(list([0x1d, 0x67, 0x32, 0, 20, 0, 0x41]), [['GS g', 6], ['text', 1]])
  t.same(list([0x1c, 0x67, 0x31, 0, 0, 0, 0, 0, 2, 0, 0x41, 0x42, 0x43]), [['FS g', 12], ['text', 1]])
  t.same(list([0x1d, 0x44, 0x30, 0x43, 0x30, 0x4c, 0x47, 0x30, 0x31, 0x42, 0x4d, 8, 0, 0, 0, 1, 2, 0x43]), [['GS D', 17], ['text', 1]])
})

t.test('command names as the Epson reference writes them', async (t) => {
  const name = (b: number[]): string => nameAt(Uint8Array.from(b), 0)
  t.equal(name([0x1b, 0x0c]), 'ESC FF')
  t.equal(name([0x1b, 0x20, 1]), 'ESC SP')
  t.equal(name([0x1d, 0x28, 0x4c, 2, 0]), 'GS ( L')
  t.equal(name([0x1d, 0x38, 0x4c, 2, 0, 0, 0]), 'GS 8 L')
  t.equal(name([0x1b, 0x63, 0x34, 0]), 'ESC c 4')
  t.equal(name([0x10, 0x04, 1]), 'DLE EOT')
  t.equal(name([0x09]), 'HT')
  t.equal(name([0x00]), 'NUL')
  t.equal(name([0x41]), 'text')
  t.equal(frameAt(Uint8Array.from([0x1b, 0x0c]), 0).kind === 'command' && (frameAt(Uint8Array.from([0x1b, 0x0c]), 0) as { name: string }).name, 'ESC FF')
})

t.test('the simulated device still finds the cut after an ESC D list and passes every byte through', async (t) => {
  const seen: ReceiptSeen[] = []
  const tap = new ReceiptTap({ totalPatterns: [DUE_PATTERN], encoding: 'cp437', onCut: (r) => (seen.push(r), Buffer.from('<QR>')) })
  const job = Buffer.from([0x1b, 0x40, 0x1b, 0x44, 10, 5, ...Buffer.from('Item\tPrice\nTOTAL\t12.30\n'), 0x1d, 0x56, 0x00])
  const out = tap.push(job)
  t.equal(seen.length, 1, 'the cut was found')
  t.same(out, Buffer.concat([job.subarray(0, job.length - 3), Buffer.from('<QR>'), job.subarray(job.length - 3)]))
  t.equal(seen[0]!.total, '12.30', 'and read the total after it')
})
