import { Iso8583Error } from './errors.js'

/**
 * ISO 8583 bitmaps: bit 1 (the most significant bit of the first byte) flags a secondary
 * bitmap; bit n flags data element n. Checked against the worked examples in the tests
 * (Elavon's "30 34 04 59 28 E1 82 03" and the classic "4210001102C04804").
 */
export function buildBitmap(fields: readonly number[]): Buffer {
  const secondary = fields.some((f) => f > 64)
  const bytes = Buffer.alloc(secondary ? 16 : 8)
  for (const f of fields) {
    if (!Number.isInteger(f) || f < 2 || f > 128 || f === 65) throw new Iso8583Error(`field ${f} cannot be flagged in a bitmap`, 'unknown-field', f)
    bytes[(f - 1) >> 3]! |= 0x80 >> ((f - 1) & 7)
  }
  if (secondary) bytes[0]! |= 0x80
  return bytes
}

/** Field numbers flagged in a primary (8-byte) or primary+secondary (16-byte) bitmap, bit 1 excluded. */
export function readBitmap(bytes: Uint8Array): number[] {
  const fields: number[] = []
  for (let i = 0; i < bytes.length * 8; i++) {
    if (i === 0) continue
    if (bytes[i >> 3]! & (0x80 >> (i & 7))) fields.push(i + 1)
  }
  return fields
}

/** Whether the bitmap's bit 1 announces a secondary bitmap. */
export function hasSecondary(firstByte: number): boolean {
  return (firstByte & 0x80) !== 0
}
