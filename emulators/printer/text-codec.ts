/**
 * Byte → Unicode for printed text: single-byte code pages (ESC t, via iconv-lite), the
 * international character sets of ESC R, and two-byte Chinese mode (GB18030 or Big5).
 */
import iconv from 'iconv-lite'
import { ESC_R_SETS, INTL_POSITIONS, tableCodec } from './code-pages.js'

const tables = new Map<string, Uint16Array>()

/** 256 code points for a code page and international set (0xFFFD where undefined). */
export function byteTable(codePage: number, intlSet: number): Uint16Array {
  const name = tableCodec(codePage) ?? 'cp437'
  const key = `${name}/${intlSet}`
  let t = tables.get(key)
  if (t) return t
  t = new Uint16Array(256)
  for (let b = 0; b < 0x80; b++) t[b] = b
  const intl = ESC_R_SETS[intlSet]?.chars
  if (intl) {
    const chars = [...intl]
    INTL_POSITIONS.forEach((pos, i) => (t![pos] = chars[i]!.codePointAt(0)!))
  }
  for (let b = 0x80; b < 0x100; b++) {
    // JIS X 0201 katakana: A1h–DFh are U+FF61–U+FF9F.
    if (name === 'katakana') t[b] = b >= 0xa1 && b <= 0xdf ? 0xff61 + (b - 0xa1) : 0xfffd
    else {
      // A C1 control code (ISO 8859 80h–9Fh, the gaps of PC720) is no character: undefined.
      const s = iconv.decode(Buffer.from([b]), name)
      const cp = s.length === 1 ? s.charCodeAt(0) : 0xfffd
      t[b] = cp >= 0x80 && cp <= 0x9f ? 0xfffd : cp
    }
  }
  tables.set(key, t)
  return t
}

export type CjkEncoding = 'gb18030' | 'big5'

/**
 * Length of the two- or four-byte character at `i`: 0 when `buf[i]` does not start one
 * (single-byte ASCII), -1 when the character is cut off by the end of `buf`.
 */
export function cjkLength(buf: Uint8Array, i: number, end: number, enc: CjkEncoding): number {
  const b = buf[i]!
  if (b < 0x81 || b > 0xfe) return 0
  if (i + 1 >= end) return -1
  const c = buf[i + 1]!
  if (enc === 'gb18030' && c >= 0x30 && c <= 0x39) return i + 3 >= end ? -1 : 4
  return 2
}

const cjkCache = new Map<number, string>()

/** Unicode text of one multi-byte character (U+FFFD when invalid). */
export function decodeCjk(buf: Uint8Array, i: number, len: number, enc: CjkEncoding): string {
  let key = enc === 'big5' ? 1 : 2
  for (let k = 0; k < len; k++) key = key * 256 + buf[i + k]!
  let s = cjkCache.get(key)
  if (s === undefined) {
    s = iconv.decode(Buffer.from(buf.subarray(i, i + len)), enc)
    if (s.length === 0) s = '\ufffd'
    cjkCache.set(key, s)
  }
  return s
}
