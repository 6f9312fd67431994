/**
 * The GSM 7-bit default alphabet and its extension table (3GPP TS 23.038 §6.2.1),
 * and septet unpacking (§6.1.2.1.1: septets packed LSB first into octets).
 */
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà'

const EXTENSION: Record<number, string> = {
  0x0a: '\f',
  0x14: '^',
  0x28: '{',
  0x29: '}',
  0x2f: '\\',
  0x3c: '[',
  0x3d: '~',
  0x3e: ']',
  0x40: '|',
  0x65: '€',
}

/** Septet values → text; an escape (0x1B) selects the extension table for the next septet. */
export function decodeGsm7(septets: number[]): string {
  let out = ''
  for (let i = 0; i < septets.length; i++) {
    const s = septets[i]!
    if (s === 0x1b && i + 1 < septets.length) {
      const next = septets[++i]!
      out += EXTENSION[next] ?? BASIC[next]
    } else out += BASIC[s]
  }
  return out
}

/**
 * Unpacks `count` septets from `octets`, skipping `skipBits` leading fill bits
 * (the padding after a user-data header, §9.2.3.24).
 */
export function unpackSeptets(octets: Buffer, count: number, skipBits = 0): number[] {
  const out: number[] = []
  for (let i = 0; i < count; i++) {
    const bit = skipBits + i * 7
    const byte = bit >> 3
    const shift = bit & 7
    const lo = octets[byte] ?? 0
    const hi = octets[byte + 1] ?? 0
    out.push((((hi << 8) | lo) >> shift) & 0x7f)
  }
  return out
}
