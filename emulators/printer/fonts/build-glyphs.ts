/**
 * Derives `unifont.bin.gz` from GNU Unifont's `unifont.hex` (Debian package `unifont`,
 * /usr/share/unifont/unifont.hex). Development-time only: the emulator reads the committed
 * .bin.gz and never needs Unifont installed. Run: npx tsx emulators/printer/fonts/build-glyphs.ts [hex]
 *
 * Format (before gzip): 65536 width codes (0 none, 1 = 8x16, 2 = 16x16), one per BMP code
 * point, then the bitmaps in code point order (16 or 32 bytes, rows top-down, MSB = left).
 * Control characters, surrogates and the private use area are left out.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'

const src = process.argv[2] ?? '/usr/share/unifont/unifont.hex'
const widths = new Uint8Array(65536)
const bitmaps = new Map<number, Buffer>()
for (const line of readFileSync(src, 'latin1').split('\n')) {
  const m = /^([0-9A-F]{4}):([0-9A-F]+)$/i.exec(line.trim())
  if (!m) continue
  const cp = parseInt(m[1]!, 16)
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || (cp >= 0xd800 && cp < 0xf900)) continue
  const bits = Buffer.from(m[2]!, 'hex')
  if (bits.length !== 16 && bits.length !== 32) continue
  widths[cp] = bits.length === 16 ? 1 : 2
  bitmaps.set(cp, bits)
}
const parts: Buffer[] = [Buffer.from(widths)]
for (let cp = 0; cp < 65536; cp++) if (widths[cp]) parts.push(bitmaps.get(cp)!)
const out = gzipSync(Buffer.concat(parts), { level: 9 })
writeFileSync(fileURLToPath(new URL('./unifont.bin.gz', import.meta.url)), out)
console.log(`${bitmaps.size} glyphs, ${out.length} bytes`)
