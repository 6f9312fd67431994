/**
 * ESC t character code tables and ESC R international character sets, numbered as in the Epson
 * ESC/POS Command Reference (ESC t "Select character code table"; ESC R "Select an international
 * character set" and its character table "International character sets"). A table is decoded
 * with iconv-lite where iconv-lite has it; the others print as PC437 with a warning.
 */
import iconv from 'iconv-lite'
import type { Interpreter } from './interpreter.js'

export interface CodeTable {
  /** The table's name in the Epson reference. */
  name: string
  /** iconv-lite encoding; 'katakana' = JIS X 0201 katakana at A1h–DFh. */
  codec?: string
}

/** ESC t n (Epson ESC/POS Command Reference, ESC t, [Range] and table of n). */
export const ESC_T_TABLES: Record<number, CodeTable> = {
  0: { name: 'PC437 (USA: Standard Europe)', codec: 'cp437' },
  1: { name: 'Katakana', codec: 'katakana' },
  2: { name: 'PC850 (Multilingual)', codec: 'cp850' },
  3: { name: 'PC860 (Portuguese)', codec: 'cp860' },
  4: { name: 'PC863 (Canadian-French)', codec: 'cp863' },
  5: { name: 'PC865 (Nordic)', codec: 'cp865' },
  6: { name: 'Hiragana' },
  7: { name: 'One-pass printing Kanji characters' },
  8: { name: 'One-pass printing Kanji characters' },
  11: { name: 'PC851 (Greek)' },
  12: { name: 'PC853 (Turkish)' },
  13: { name: 'PC857 (Turkish)', codec: 'cp857' },
  14: { name: 'PC737 (Greek)', codec: 'cp737' },
  15: { name: 'ISO8859-7 (Greek)', codec: 'iso88597' },
  16: { name: 'WPC1252', codec: 'windows1252' },
  17: { name: 'PC866 (Cyrillic #2)', codec: 'cp866' },
  18: { name: 'PC852 (Latin 2)', codec: 'cp852' },
  19: { name: 'PC858 (Euro)', codec: 'cp858' },
  // Epson's own Thai tables: no codec has them (TIS-620 is not verified to match any of them).
  20: { name: 'Thai Character Code 42' },
  21: { name: 'Thai Character Code 11' },
  22: { name: 'Thai Character Code 13' },
  23: { name: 'Thai Character Code 14' },
  24: { name: 'Thai Character Code 16' },
  25: { name: 'Thai Character Code 17' },
  26: { name: 'Thai Character Code 18' },
  // Table 30 is iconv-lite's TCVN (5712) upper half: escpos-php's TCVN-3-1 encoder output for
  // this table decodes with it to the sentence it encoded (character-encodings.bin). Table 31
  // (the upper-case TCVN-3-2 font) has no codec.
  30: { name: 'TCVN-3 (Vietnamese)', codec: 'tcvn' },
  31: { name: 'TCVN-3 (Vietnamese)' },
  32: { name: 'PC720 (Arabic)', codec: 'cp720' },
  33: { name: 'WPC775 (Baltic Rim)', codec: 'cp775' },
  34: { name: 'PC855 (Cyrillic)', codec: 'cp855' },
  35: { name: 'PC861 (Icelandic)', codec: 'cp861' },
  36: { name: 'PC862 (Hebrew)', codec: 'cp862' },
  37: { name: 'PC864 (Arabic)', codec: 'cp864' },
  38: { name: 'PC869 (Greek)', codec: 'cp869' },
  39: { name: 'ISO8859-2 (Latin 2)', codec: 'iso88592' },
  40: { name: 'ISO8859-15 (Latin 9)', codec: 'iso885915' },
  41: { name: 'PC1098 (Farsi)' },
  42: { name: 'PC1118 (Lithuanian)' },
  43: { name: 'PC1119 (Lithuanian)' },
  44: { name: 'PC1125 (Ukrainian)', codec: 'cp1125' },
  45: { name: 'WPC1250 (Latin 2)', codec: 'windows1250' },
  46: { name: 'WPC1251 (Cyrillic)', codec: 'windows1251' },
  47: { name: 'WPC1253 (Greek)', codec: 'windows1253' },
  48: { name: 'WPC1254 (Turkish)', codec: 'windows1254' },
  49: { name: 'WPC1255 (Hebrew)', codec: 'windows1255' },
  50: { name: 'WPC1256 (Arabic)', codec: 'windows1256' },
  51: { name: 'WPC1257 (Baltic Rim)', codec: 'windows1257' },
  52: { name: 'WPC1258 (Vietnamese)', codec: 'windows1258' },
  53: { name: 'KZ-1048 (Kazakhstan)', codec: 'rk1048' },
  66: { name: 'Devanagari' },
  67: { name: 'Bengali' },
  68: { name: 'Tamil' },
  69: { name: 'Telugu' },
  70: { name: 'Assamese' },
  71: { name: 'Oriya' },
  72: { name: 'Kannada' },
  73: { name: 'Malayalam' },
  74: { name: 'Gujarati' },
  75: { name: 'Punjabi' },
  82: { name: 'Marathi' },
  254: { name: 'Page 254' },
  255: { name: 'Page 255' },
}

/** The codec of ESC t n when it can be decoded, else undefined. */
export function tableCodec(n: number): string | undefined {
  const codec = ESC_T_TABLES[n]?.codec
  return codec && (codec === 'katakana' || iconv.encodingExists(codec)) ? codec : undefined
}

/** The 12 positions ESC R substitutes. */
export const INTL_POSITIONS = [0x23, 0x24, 0x40, 0x5b, 0x5c, 0x5d, 0x5e, 0x60, 0x7b, 0x7c, 0x7d, 0x7e]

export interface IntlSet {
  name: string
  /** The 12 characters at INTL_POSITIONS; undefined when not verified (printed as U.S.A.). */
  chars?: string
}

/**
 * ESC R n, with the characters of Epson's "International character sets" table (0–12 are also
 * the ESC/P sets: Epson FX / ESC/P references list the same characters).
 */
export const ESC_R_SETS: Record<number, IntlSet> = {
  0: { name: 'U.S.A.', chars: '#$@[\\]^`{|}~' },
  1: { name: 'France', chars: '#$à°ç§^`éùè¨' },
  2: { name: 'Germany', chars: '#$§ÄÖÜ^`äöüß' },
  3: { name: 'U.K.', chars: '£$@[\\]^`{|}~' },
  4: { name: 'Denmark I', chars: '#$@ÆØÅ^`æøå~' },
  5: { name: 'Sweden', chars: '#¤ÉÄÖÅÜéäöåü' },
  6: { name: 'Italy', chars: '#$@°\\é^ùàòèì' },
  7: { name: 'Spain I', chars: '₧$@¡Ñ¿^`¨ñ}~' },
  8: { name: 'Japan', chars: '#$@[¥]^`{|}~' },
  9: { name: 'Norway', chars: '#¤ÉÆØÅÜéæøåü' },
  10: { name: 'Denmark II', chars: '#$ÉÆØÅÜéæøåü' },
  11: { name: 'Spain II', chars: '#$á¡Ñ¿é`íñóú' },
  12: { name: 'Latin America', chars: '#$á¡Ñ¿éüíñóú' },
  13: { name: 'Korea', chars: '#$@[₩]^`{|}~' },
  14: { name: 'Slovenia/Croatia', chars: '#$ŽŠĐĆČžšđćč' },
  15: { name: 'China', chars: '#¥@[\\]^`{|}~' },
  16: { name: 'Vietnam' },
  17: { name: 'Arabia' },
  66: { name: 'India (Devanagari)' },
  67: { name: 'India (Bengali)' },
  68: { name: 'India (Tamil)' },
  69: { name: 'India (Telugu)' },
  70: { name: 'India (Assamese)' },
  71: { name: 'India (Oriya)' },
  72: { name: 'India (Kannada)' },
  73: { name: 'India (Malayalam)' },
  74: { name: 'India (Gujarati)' },
  75: { name: 'India (Punjabi)' },
  82: { name: 'India (Marathi)' },
}

/** ESC t n. */
export function selectCodeTable(it: Interpreter, n: number): void {
  const table = ESC_T_TABLES[n]
  // GUESS: an n the reference does not list leaves the table as it was.
  if (!table) return it.warn(`ESC t: n = ${n} is not a character code table: ignored`)
  if (!tableCodec(n)) it.warn(`ESC t: table ${n} (${table.name}) is not available: printed as PC437`)
  else if (table.codec === 'katakana') it.warn('ESC t: table 1 (Katakana): only A1h–DFh (half-width katakana) are known; other bytes from 80h print as U+FFFD')
  it.st.codePage = n
}

/** ESC R n. */
export function selectIntlSet(it: Interpreter, n: number): void {
  const set = ESC_R_SETS[n]
  if (!set) return it.warn(`ESC R: n = ${n} is not an international character set: ignored`)
  if (!set.chars) it.warn(`ESC R: international character set ${n} (${set.name}): its characters are not verified: printed as U.S.A.`)
  it.st.intlSet = n
}
