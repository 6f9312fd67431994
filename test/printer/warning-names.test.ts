/**
 * Every printer warning names its command (issue 9: "ESC W, ESC T, ESC S, ESC FF, ESC U, ESC c,
 * ESC r, ESC ( are all reported as 'user-defined characters (ESC &) not supported'"), and every
 * command that used to return without a word now models its effect, warns naming itself, or is
 * documented as having no effect on a real TM's paper (no-effect.ts).
 */
import t from 'tap'
import { render } from './helpers.js'
import { NO_EFFECT } from '../../emulators/printer/no-effect.js'
import type { PrintWarning } from '../../emulators/printer/index.js'

const le16 = (n: number): number[] => [n & 0xff, n >> 8]
const paren = (g: number, body: number[]): number[] => [0x1d, 0x28, g, ...le16(body.length), ...body]

function warningsOf(cmd: number[], before: number[] = []): PrintWarning[] {
  const { printer } = render(Uint8Array.from([0x1b, 0x40, ...before, ...cmd, 0x41, 0x0a]))
  return printer.events.ofType<PrintWarning>('warning').map((e) => e.data)
}

t.test('no warning mentions ESC & unless it is about ESC &', async (t) => {
  const cmds: Array<[string, number[]]> = [
    ['ESC W', [0x1b, 0x57, 0, 0, 0, 0, 0, 0, 0x41, 0x42]],
    ['ESC T', [0x1b, 0x54, 9]],
    ['ESC S', [0x1b, 0x53]],
    ['ESC FF', [0x1b, 0x0c]],
    ['ESC c 4', [0x1b, 0x63, 0x34, 3]],
    ['ESC c 9', [0x1b, 0x63, 0x39, 0]],
    ['ESC r', [0x1b, 0x72, 7]],
    ['ESC ( A', [0x1b, 0x28, 0x41, 3, 0, 48, 55, 3]],
  ]
  for (const [name, cmd] of cmds) {
    const w = warningsOf(cmd)
    t.equal(w.length, 1, `${name}: one warning`)
    t.match(w[0]?.message, new RegExp(`^${name.replace(/[()]/g, '\\$&')}: `), `${name}: the warning starts with its name`)
    t.notMatch(w[0]?.message, /ESC &/, `${name}: it does not speak of ESC &`)
    t.equal(w[0]?.offset, 2, `${name}: at the command's first byte`)
  }
  t.match(warningsOf([0x1b, 0x26, 3, 0x41, 0x41, 1, 0, 0, 0])[0]?.message, /^ESC &: user-defined characters not supported/)
})

t.test('commands that used to be skipped without a word each warn with their name', async (t) => {
  const cases: Array<[string, number[], RegExp]> = [
    ['GS ( A', paren(0x41, [2, 0, 48, 1]), /^GS \( A: test print not emulated/],
    ['GS ( C', paren(0x43, [0, 0, 48]), /^GS \( C: NV user memory not emulated/],
    ['GS ( D', paren(0x44, [20, 1, 0]), /^GS \( D: enable\/disable real-time commands not emulated/],
    ['GS ( E', paren(0x45, [1, 73, 78]), /^GS \( E: user setup/],
    ['GS ( H', paren(0x48, [48, 48, 1, 2, 3, 4]), /^GS \( H: response or status request not emulated/],
    ['GS ( K', paren(0x4b, [49, 1]), /^GS \( K: print control method \/ density not emulated/],
    ['GS ( M', paren(0x4d, [1, 1, 1]), /^GS \( M: printer control values not emulated/],
    ['GS ( N fn 49', paren(0x4e, [49, 49]), /^GS \( N: fn 49 \(background colour\) not modelled/],
    ['GS ( P', paren(0x50, [48, 0, 0, 0, 0]), /^GS \( P: page mode printable area not emulated/],
    ['GS ( Q', paren(0x51, [48, 0, 0, 0, 0, 1, 1, 1]), /^GS \( Q: graphic line and box drawing not emulated/],
    ['GS ( z', paren(0x7a, [48, 0, 0]), /^GS \( z: online recovery wait time not emulated/],
    ['GS b', [0x1d, 0x62, 1], /^GS b: smoothing on not modelled/],
    ['GS E', [0x1d, 0x45, 1], /^GS E: /],
    ['GS :', [0x1d, 0x3a], /^GS :: macro definition not supported/],
    ['GS ^', [0x1d, 0x5e, 2, 0, 0], /^GS \^: macro execution \(2 times\) not supported/],
    ['GS |', [0x1d, 0x7c, 0x34], /^GS \|: print density not modelled/],
    ['GS g 0', [0x1d, 0x67, 0x30, 0, 20, 0], /^GS g 0: maintenance counters not emulated/],
    ['GS g 2', [0x1d, 0x67, 0x32, 0, 20, 0], /^GS g 2: maintenance counters not emulated: no reply is sent/],
    ['CAN in standard mode', [0x18], /^CAN: ignored in standard mode/],
    ['NUL', [0x00], /^NUL: control byte 0x00 is not an ESC\/POS command: ignored/],
    ['BEL', [0x07], /^BEL: control byte 0x07/],
    ['DLE alone', [0x10, 0x41], /^DLE: not followed by EOT, ENQ or DC4/],
    ['ESC ?', [0x1b, 0x3f, 0x41], /^ESC \?: user-defined characters not supported/],
    ['FS C', [0x1c, 0x43, 1], /^FS C: Kanji code system 1 not supported/],
    ['FS ( A', [0x1c, 0x28, 0x41, 2, 0, 48, 0], /^FS \( A: not supported/],
    ['GS I 9', [0x1d, 0x49, 9], /^GS I: n = 9 not supported: no reply is sent/],
    ['GS r 7', [0x1d, 0x72, 7], /^GS r: n = 7 not supported/],
    ['GS h 0', [0x1d, 0x68, 0], /^GS h: height 0 out of range/],
    ['GS w 9', [0x1d, 0x77, 9], /^GS w: module width 9 out of range/],
    ['GS H 7', [0x1d, 0x48, 7], /^GS H: HRI position 7 out of range/],
    ['ESC a 5', [0x1b, 0x61, 5], /^ESC a: n = 5 out of range/],
    ['ESC M 9', [0x1b, 0x4d, 9], /^ESC M: font 9 out of range/],
    ['ESC - 7', [0x1b, 0x2d, 7], /^ESC -: n = 7 out of range/],
    ['ESC 4', [0x1b, 0x34, 1], /^ESC 4: italic mode \(n = 1\) is not an Epson TM command/],
    ['FS g 1', [0x1c, 0x67, 0x31, 0, 0, 0, 0, 0, 2, 0, 0x41, 0x42], /^FS g 1: NV user memory not emulated: the data is not stored/],
    ['GS D', [0x1d, 0x44, 0x30, 0x43, 0x30, 0x4c, 0x47, 0x30, 0x31, 0x42, 0x4d, 8, 0, 0, 0, 0x41, 0x42], /^GS D: Windows BMP graphics not supported/],
    ['unknown ESC', [0x1b, 0x7e], /^ESC ~: unknown command: skipped/],
    ['unknown GS', [0x1d, 0x7e], /^GS ~: unknown command: skipped/],
  ]
  for (const [what, cmd, re] of cases) {
    const w = warningsOf(cmd)
    t.equal(w.length, 1, `${what}: one warning`)
    t.match(w[0]?.message, re, `${what}: ${w[0]?.message}`)
    t.equal(w[0]?.offset, 2, `${what}: at the command's first byte`)
  }
})

t.test('GS P, GS T and GS ( N fn 48 are modelled, not skipped', async (t) => {
  // GS P 101 0: the horizontal motion unit becomes 1/101 inch, so ESC $ 50 is about 100 dots (50 × 203 / 101).
  const { segments } = render(Uint8Array.from([0x1b, 0x40, 0x1d, 0x50, 101, 0, 0x1b, 0x24, 50, 0, 0x41, 0x0a]))
  t.equal(segments[0]!.warnings.length, 0)
  t.match(segments[0]!.lines[0], { text: 'A' })
  const ink = segments[0]!.raster
  let left = ink.width
  for (let y = 0; y < ink.height; y++) for (let x = 0; x < ink.width; x++) if (ink.data[y * ink.width + x] && x < left) left = x
  t.ok(left >= 100 && left < 112, `"A" starts at dot ${left}: 50 units of 1/101 inch = 100 dots`)
  // GS T 0 drops the line buffer; GS T 1 prints it and starts a new line.
  const t0 = render(Buffer.from('\x1b@AB\x1dT\x00CD\n', 'latin1')).segments[0]!
  t.same(t0.lines.map((l) => l.text), ['CD'])
  const t1 = render(Buffer.from('\x1b@AB\x1dT\x01CD\n', 'latin1')).segments[0]!
  t.same(t1.lines.map((l) => [l.text, l.y]), [['AB', 0], ['CD', 24]])
  // GS ( N fn 48 m 50: character colour 2.
  const n = render(Uint8Array.from([0x1b, 0x40, ...paren(0x4e, [48, 50]), 0x41, 0x0a])).segments[0]!
  t.equal(n.lines[0]!.color, 2)
})

t.test('documented no-paper-effect commands leave dots and print log unchanged, without a warning', async (t) => {
  const plain = render(Buffer.from('\x1b@AB\nCD\n', 'latin1')).segments[0]!
  const forms: Record<keyof typeof NO_EFFECT, number[]> = {
    CR: [0x0d],
    'ESC U': [0x1b, 0x55, 1],
    'ESC <': [0x1b, 0x3c],
    'ESC c 3': [0x1b, 0x63, 0x33, 0x0f],
    'ESC c 5': [0x1b, 0x63, 0x35, 1],
  }
  for (const [name, cmd] of Object.entries(forms)) {
    t.ok(NO_EFFECT[name as keyof typeof NO_EFFECT].source.length > 40, `${name}: its source is named`)
    const bytes = Uint8Array.from([...Buffer.from('\x1b@AB', 'latin1'), ...cmd, ...Buffer.from('\nCD', 'latin1'), ...cmd, 0x0a])
    const { segments, printer } = render(bytes)
    t.same(printer.events.ofType('warning'), [], `${name}: no warning`)
    t.same(segments[0]!.lines, plain.lines, `${name}: the print log is unchanged`)
    t.ok(Buffer.from(segments[0]!.raster.data).equals(Buffer.from(plain.raster.data)), `${name}: the dots are unchanged`)
  }
})

t.test('DLE DC4 1 pulses the drawer in real time; other functions warn', async (t) => {
  const { printer } = render(Uint8Array.from([0x10, 0x14, 1, 1, 3, 0x10, 0x14, 2, 1, 8]))
  t.same(printer.events.ofType('drawer').map((e) => e.data), [{ pin: 5, onMs: 300, offMs: 300 }])
  t.same(printer.events.ofType<PrintWarning>('warning').map((e) => e.data), [{ offset: 5, message: 'DLE DC4: function 2 not emulated: ignored' }])
})
