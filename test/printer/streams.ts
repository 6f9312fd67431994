/**
 * fast-check arbitraries of ESC/POS byte sequences for the printer's property tests: well-formed
 * commands of every family the Epson reference defines (random parameters, in and out of range),
 * the same commands cut short, text and raw garbage.
 */
import fc from 'fast-check'

const u8 = fc.integer({ min: 0, max: 255 })
const small = fc.integer({ min: 0, max: 12 })
const le16 = (n: number): number[] => [n & 0xff, (n >> 8) & 0xff]

/** `X ( c pL pH …` with the count right. */
const block = (lead: number[], body: number[]): number[] => [...lead, ...le16(body.length), ...body]

/** Printable ASCII text (letters, digits, space, punctuation). */
export const text = fc.string({ minLength: 1, maxLength: 24 }).map((s) => [...Buffer.from(s.replace(/[^\x20-\x7e]/g, 'x'), 'latin1')])

/** Well-formed commands: complete, with random (sometimes out-of-range) parameters. */
export const command: fc.Arbitrary<number[]> = fc.oneof<fc.Arbitrary<number[]>[]>(
  // One-byte controls and the real-time commands.
  fc.constantFrom([0x0a], [0x09], [0x0d], [0x0c], [0x18], [0x00], [0x07], [0x11], [0x7f], [0x10, 0x04, 1], [0x10, 0x05, 2], [0x10, 0x14, 1, 0, 2], [0x10, 0x14, 8, 1, 3]),
  // ESC with one parameter.
  fc.tuple(fc.constantFrom(0x21, 0x45, 0x47, 0x2d, 0x61, 0x64, 0x4a, 0x74, 0x4d, 0x33, 0x20, 0x52, 0x56, 0x7b, 0x72, 0x55, 0x54, 0x4b, 0x65, 0x25, 0x3f, 0x34, 0x3d), u8).map(([c, n]) => [0x1b, c, n]),
  fc.tuple(fc.constantFrom(0x21, 0x45, 0x2d, 0x61, 0x4d, 0x72, 0x54), fc.integer({ min: 0, max: 3 })).map(([c, n]) => [0x1b, c, n]),
  // ESC without parameters.
  fc.constantFrom([0x1b, 0x40], [0x1b, 0x32], [0x1b, 0x4c], [0x1b, 0x53], [0x1b, 0x0c], [0x1b, 0x3c], [0x1b, 0x69], [0x1b, 0x6d], [0x1b, 0x71]),
  // ESC $, ESC \, ESC p, ESC c x n, ESC W, ESC D.
  fc.tuple(fc.constantFrom(0x24, 0x5c), small, fc.integer({ min: 0, max: 2 })).map(([c, l, h]) => [0x1b, c, l * 20, h]),
  fc.tuple(u8, u8, u8).map(([m, a, b]) => [0x1b, 0x70, m, a, b]),
  fc.tuple(fc.constantFrom(0x33, 0x34, 0x35, 0x30), u8).map(([m, n]) => [0x1b, 0x63, m, n]),
  fc.tuple(fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 4, maxLength: 4 })).map(([v]) => [0x1b, 0x57, ...v.flatMap(le16)]),
  fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 36 }).map((v) => [0x1b, 0x44, ...v, 0]),
  // ESC * column image, ESC & user characters.
  fc.tuple(fc.constantFrom(0, 1, 32, 33, 7), small).chain(([m, n]) =>
    fc.uint8Array({ minLength: m >= 32 ? 3 * n : n, maxLength: m >= 32 ? 3 * n : n }).map((d) => [0x1b, 0x2a, m, n, 0, ...d]),
  ),
  fc.constant([0x1b, 0x26, 3, 0x41, 0x41, 1, 0xff, 0xff, 0xff]),
  // GS with one parameter, two parameters.
  fc.tuple(fc.constantFrom(0x21, 0x42, 0x68, 0x77, 0x48, 0x66, 0x61, 0x72, 0x49, 0x2f, 0x62, 0x45, 0x54, 0x7c), u8).map(([c, n]) => [0x1d, c, n]),
  fc.tuple(fc.constantFrom(0x4c, 0x57, 0x24, 0x5c), small, fc.integer({ min: 0, max: 1 })).map(([c, l, h]) => [0x1d, c, l * 16, h]),
  fc.tuple(u8, u8).map(([x, y]) => [0x1d, 0x50, x, y]),
  fc.tuple(fc.constantFrom(0, 1, 48, 49, 65, 66, 7), u8).map(([m, n]) => (m >= 65 ? [0x1d, 0x56, m, n] : [0x1d, 0x56, m])),
  fc.constantFrom([0x1d, 0x3a], [0x1d, 0x5e, 1, 0, 0], [0x1d, 0x67, 0x30, 0, 20, 0], [0x1d, 0x67, 0x32, 0, 20, 0]),
  // GS v 0 raster, GS * / GS / downloaded image.
  fc.tuple(fc.integer({ min: 0, max: 3 }), small, small).chain(([m, x, y]) => fc.uint8Array({ minLength: x * y, maxLength: x * y }).map((d) => [0x1d, 0x76, 0x30, m, x, 0, y, 0, ...d])),
  fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })).chain(([x, y]) => fc.uint8Array({ minLength: x * y * 8, maxLength: x * y * 8 }).map((d) => [0x1d, 0x2a, x, y, ...d])),
  // GS ( L: store (both colours), print (fn 2 and 50), NV define and print, others.
  fc.tuple(fc.constantFrom(48, 52, 50), fc.constantFrom(1, 2), fc.constantFrom(49, 50, 51), fc.integer({ min: 0, max: 24 }), fc.integer({ min: 0, max: 6 })).chain(([a, b, c, w, h]) =>
    fc.uint8Array({ minLength: Math.ceil(w / 8) * h, maxLength: Math.ceil(w / 8) * h }).map((d) => block([0x1d, 0x28, 0x4c], [0x30, 112, a, b, b, c, ...le16(w), ...le16(h), ...d])),
  ),
  fc.constantFrom(2, 50).map((fn) => block([0x1d, 0x28, 0x4c], [0x30, fn])),
  fc.tuple(fc.constantFrom(0, 1, 3, 4, 48, 49, 51, 52, 64, 65, 80, 81, 99)).map(([fn]) => block([0x1d, 0x28, 0x4c], [0x30, fn])),
  fc.tuple(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 1, max: 4 }), fc.constantFrom(1, 2)).chain(([w, h, b]) =>
    fc.uint8Array({ minLength: Math.ceil(w / 8) * h, maxLength: Math.ceil(w / 8) * h }).map((d) => {
      const planes = b === 2 ? [49, ...d, 50, ...d] : [49, ...d]
      return [...block([0x1d, 0x28, 0x4c], [0x30, 67, 48, 0x4c, 0x47, b, ...le16(w), ...le16(h), ...planes]), ...block([0x1d, 0x28, 0x4c], [0x30, 69, 0x4c, 0x47, 1, 1])]
    }),
  ),
  // GS ( k QR: settings, store, print; GS ( N colour; other GS ( groups.
  fc.tuple(fc.constantFrom(65, 67, 69), u8).map(([fn, n]) => block([0x1d, 0x28, 0x6b], [0x31, fn, n, 0])),
  fc.string({ minLength: 1, maxLength: 30 }).map((s) => [...block([0x1d, 0x28, 0x6b], [0x31, 0x50, 0x30, ...Buffer.from(s, 'utf8')]), ...block([0x1d, 0x28, 0x6b], [0x31, 0x51, 0x30])]),
  fc.tuple(fc.constantFrom(48, 49, 50), fc.constantFrom(48, 49, 50, 51)).map(([fn, m]) => block([0x1d, 0x28, 0x4e], [fn, m])),
  fc.constantFrom(0x41, 0x43, 0x44, 0x45, 0x48, 0x4b, 0x4d, 0x50, 0x51, 0x7a).map((g) => block([0x1d, 0x28, g], [2, 0])),
  // GS k barcodes (form 1 and 2).
  fc.tuple(fc.integer({ min: 0, max: 73 }), fc.stringMatching(/^[0-9]{1,12}$/)).map(([m, d]) => {
    const data = [...Buffer.from(d, 'latin1')]
    return m <= 6 ? [0x1d, 0x6b, m, ...data, 0] : [0x1d, 0x6b, m, data.length, ...data]
  }),
  // FS commands.
  fc.constantFrom([0x1c, 0x26], [0x1c, 0x2e], [0x1c, 0x0e], [0x1c, 0x14]),
  fc.tuple(fc.constantFrom(0x21, 0x2d, 0x57, 0x43), u8).map(([c, n]) => [0x1c, c, n]),
  fc.tuple(u8, u8).map(([a, b]) => [0x1c, 0x53, a, b]),
  fc.tuple(fc.integer({ min: 1, max: 3 }), u8).map(([n, m]) => [0x1c, 0x70, n, m]),
  fc.constantFrom([0x1c, 0x28, 0x41, 2, 0, 48, 0], [0x1c, 0x71, 1, 1, 0, 1, 0, ...new Array(8).fill(0xaa)]),
  // NV user memory and BMP graphics (framed by their own lengths, not emulated).
  fc.uint8Array({ maxLength: 6 }).map((d) => [0x1c, 0x67, 0x31, 0, 0, 0, 0, 0, d.length, 0, ...d]),
  fc.uint8Array({ maxLength: 6 }).map((d) => [0x1d, 0x44, 0x30, 0x43, 0x30, 0x4c, 0x47, 0x30, 0x31, 0x42, 0x4d, 6 + d.length, 0, 0, 0, ...d]),
  // Unknown ESC / GS / FS commands.
  fc.tuple(fc.constantFrom(0x1b, 0x1d, 0x1c), fc.constantFrom(0x01, 0x7e, 0x5f, 0x79)).map(([a, b]) => [a, b]),
)

/** A command cut short: its first bytes only. */
export const truncated = command.chain((c) => fc.integer({ min: 1, max: Math.max(1, c.length - 1) }).map((n) => c.slice(0, n)))

export const garbage = fc.uint8Array({ minLength: 1, maxLength: 12 }).map((a) => [...a])

/** A stream of commands, truncated commands, text and garbage. */
export const anyStream = fc
  .array(fc.oneof({ weight: 6, arbitrary: command }, { weight: 1, arbitrary: truncated }, { weight: 3, arbitrary: text }, { weight: 1, arbitrary: garbage }), { maxLength: 30 })
  .map((parts) => Uint8Array.from(parts.flat()))
