import iconv from 'iconv-lite'
import type { ReceiptEncoding, ReceiptLanguage } from './receipt-definition.js'
import { ReceiptDefinitionError } from './errors.js'

/** ESC t n table numbers (Epson ESC/POS reference, "ESC t"): PC437 = 0, PC850 = 2, WPC1252 = 16. */
export const CODE_PAGE_NUMBER: Partial<Record<ReceiptEncoding, number>> = { cp437: 0, cp850: 2, cp1252: 16 }

export function isDoubleByte(encoding: ReceiptEncoding): boolean {
  return encoding === 'gb18030' || encoding === 'big5'
}

export function defaultEncoding(language: ReceiptLanguage): ReceiptEncoding {
  return language === 'zh-CN' ? 'gb18030' : language === 'zh-TW' ? 'big5' : 'cp437'
}

/**
 * Columns one character takes on paper: in Chinese mode a two-byte (or GB18030 four-byte)
 * character is a 24-dot glyph, twice the 12-dot ASCII cell; in single-byte code pages every character is one cell.
 */
export function charWidth(ch: string, encoding: ReceiptEncoding): number {
  if (!isDoubleByte(encoding)) return 1
  const cp = ch.codePointAt(0)!
  return cp < 0x80 ? 1 : 2
}

export function textWidth(text: string, encoding: ReceiptEncoding): number {
  let w = 0
  for (const ch of text) w += charWidth(ch, encoding)
  return w
}

/** Encodes text, refusing characters the code page lacks (iconv-lite would silently print "?"). */
export function encodeStrict(text: string, encoding: ReceiptEncoding): Buffer {
  // Control characters would be read by the printer as commands (a stray LF breaks the layout).
  const control = [...text].find((c) => c < ' ' || c === '\x7f')
  if (control) throw new ReceiptDefinitionError(`control character U+${control.codePointAt(0)!.toString(16).padStart(4, '0')} in "${text}"`)
  const bytes = iconv.encode(text, encoding)
  const back = iconv.decode(bytes, encoding)
  if (back !== text) {
    const chars = [...text]
    const backChars = [...back]
    const bad = chars.find((c, i) => backChars[i] !== c) ?? text
    throw new ReceiptDefinitionError(`"${bad}" (in "${text}") cannot be printed in ${encoding}`)
  }
  if (!isDoubleByte(encoding)) {
    const i = bytes.findIndex((b) => b < 0x20 || b === 0x7f)
    // cp437 maps some symbols (☺, ♥, ⌂) to control-code positions, which ESC/POS reads as commands.
    if (i >= 0) throw new ReceiptDefinitionError(`"${[...text][i]}" (in "${text}") is a control code in ${encoding}`)
  }
  return bytes
}
