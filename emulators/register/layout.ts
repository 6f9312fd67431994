import type { ReceiptEncoding } from './receipt-definition.js'
import { charWidth, textWidth } from './encodings.js'

/** Cuts text to at most `width` columns (never splitting a double-width character). */
export function fit(text: string, width: number, encoding: ReceiptEncoding): string {
  if (textWidth(text, encoding) <= width) return text
  let out = ''
  let w = 0
  for (const ch of text) {
    const cw = charWidth(ch, encoding)
    if (w + cw > width) break
    out += ch
    w += cw
  }
  return out
}

/** Splits text into lines of at most `width` columns, breaking at spaces when it can. */
export function wrap(text: string, width: number, encoding: ReceiptEncoding): string[] {
  const lines: string[] = []
  let rest = text
  while (textWidth(rest, encoding) > width) {
    let head = fit(rest, width, encoding)
    const space = head.lastIndexOf(' ')
    if (space > 0 && rest[head.length] !== ' ') head = head.slice(0, space)
    lines.push(head.trimEnd())
    rest = rest.slice(head.length).trimStart()
  }
  lines.push(rest)
  return lines
}

/** Left text, then right text flush with the last column; the left side is cut to keep one space between them. */
export function leftRight(left: string, right: string, width: number, encoding: ReceiptEncoding): string {
  const rw = textWidth(right, encoding)
  const l = fit(left, Math.max(0, width - rw - 1), encoding)
  const gap = width - textWidth(l, encoding) - rw
  return l + ' '.repeat(Math.max(1, gap)) + right
}
