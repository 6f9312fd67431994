/**
 * Byte → Unicode for printed text: single-byte code pages (ESC t, via iconv-lite), the
 * international character sets of ESC R, and two-byte Chinese mode (GB18030 or Big5).
 */
import iconv from 'iconv-lite'

/** ESC t n → iconv-lite encoding (Epson code page numbering, ESC/POS command reference). */
const CODE_PAGES: Record<number, string> = {
  0: 'cp437', 1: 'katakana', 2: 'cp850', 3: 'cp860', 4: 'cp863', 5: 'cp865', 11: 'cp851', 12: 'cp853',
  13: 'cp857', 14: 'cp737', 15: 'iso88597', 16: 'windows1252', 17: 'cp866', 18: 'cp852', 19: 'cp858',
  20: 'tis620', 21: 'tis620', 26: 'tis620', 32: 'cp720', 33: 'cp775', 34: 'cp855', 35: 'cp861', 36: 'cp862',
  37: 'cp864', 38: 'cp869', 39: 'iso88592', 40: 'iso885915', 41: 'cp1098', 42: 'cp1118', 43: 'cp1119',
  44: 'cp1125', 45: 'windows1250', 46: 'windows1251', 47: 'windows1253', 48: 'windows1254',
  49: 'windows1255', 50: 'windows1256', 51: 'windows1257', 52: 'windows1258', 53: 'rk1048',
}

/**
 * ESC R n: replacements of 0x23 # 0x24 $ 0x40 @ 0x5B [ 0x5C \ 0x5D ] 0x5E ^ 0x60 ` 0x7B { 0x7C | 0x7D } 0x7E ~,
 * from Epson's "international character set" chart (ESC R page of the ESC/POS reference).
 */
const INTL_POSITIONS = [0x23, 0x24, 0x40, 0x5b, 0x5c, 0x5d, 0x5e, 0x60, 0x7b, 0x7c, 0x7d, 0x7e]
const INTL_SETS: Record<number, string> = {
  1: '#$à°ç§^`éùè¨', // France
  2: '#$§ÄÖÜ^`äöüß', // Germany
  3: '£$@[\\]^`{|}~', // UK
  4: '#$@ÆØÅ^`æøå~', // Denmark I
  5: '#¤ÉÄÖÅÜéäöåü', // Sweden
  6: '#$@°\\é^ùàòèì', // Italy
  7: '₧$@¡Ñ¿^`¨ñ}~', // Spain I
  8: '#$@[¥]^`{|}~', // Japan
  9: '#¤ÉÆØÅÜéæøåü', // Norway
  10: '#$ÉÆØÅÜéæøåü', // Denmark II
  11: '#$á¡Ñ¿é`íñóú', // Spain II
  12: '#$á¡Ñ¿éüíñóú', // Latin America
  13: '#$@[₩]^`{|}~', // Korea
  14: '#$ŽŠĐĆČžšđćč', // Slovenia/Croatia
  15: '#¥@[\\]^`{|}~', // China
}

export function codePageName(n: number): string | undefined {
  const name = CODE_PAGES[n]
  return name && (name === 'katakana' || iconv.encodingExists(name)) ? name : undefined
}

const tables = new Map<string, Uint16Array>()

/** 256 code points for a code page and international set (0xFFFD where undefined). */
export function byteTable(codePage: number, intlSet: number): Uint16Array {
  const name = codePageName(codePage) ?? 'cp437'
  const key = `${name}/${intlSet}`
  let t = tables.get(key)
  if (t) return t
  t = new Uint16Array(256)
  for (let b = 0; b < 0x80; b++) t[b] = b
  const intl = INTL_SETS[intlSet]
  if (intl) {
    const chars = [...intl]
    INTL_POSITIONS.forEach((pos, i) => (t![pos] = chars[i]!.codePointAt(0)!))
  }
  for (let b = 0x80; b < 0x100; b++) {
    if (name === 'katakana') t[b] = b >= 0xa1 && b <= 0xdf ? 0xff61 + (b - 0xa1) : 0xfffd
    else {
      const s = iconv.decode(Buffer.from([b]), name)
      t[b] = s.length === 1 ? s.charCodeAt(0) : 0xfffd
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
