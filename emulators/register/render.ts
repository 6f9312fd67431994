import { EscPosBuilder } from '../../protocols/escpos/builder.js'
import type { ReceiptDefinition, ReceiptEncoding, RenderedReceipt, TotalLineStyle } from './receipt-definition.js'
import { CODE_PAGE_NUMBER, defaultEncoding, encodeStrict, isDoubleByte, textWidth } from './encodings.js'
import { fit, leftRight, wrap } from './layout.js'
import { LABELS } from './labels.js'
import { formatMinor, plainAmount, toMinor, type MoneyFormat } from './money.js'
import { computeTotals } from './totals.js'
import { ReceiptDefinitionError } from './errors.js'

/** Collects the ESC/POS bytes and, beside them, the text of every printed line. */
class ReceiptWriter {
  readonly b = new EscPosBuilder()
  readonly lines: string[] = []
  constructor(readonly encoding: ReceiptEncoding) {}

  line(text: string): void {
    encodeStrict(text, this.encoding)
    this.b.line(text)
    this.lines.push(text)
  }
}

/**
 * Turns a receipt definition into the print job a legacy register sends: ESC @, code page
 * (ESC t n) or Chinese mode (FS &), centred header, items with prices flush right, subtotal,
 * discounts, tax, a bold TOTAL line, payments, centred footer, feed and GS V cut.
 */
export function renderReceipt(def: ReceiptDefinition): RenderedReceipt {
  if (!def || !Array.isArray(def.items)) throw new ReceiptDefinitionError('a receipt needs an "items" list')
  const language = def.language ?? 'en'
  const labels = LABELS[language]
  if (!labels) throw new ReceiptDefinitionError(`unknown language "${language}" (en, zh-CN, zh-TW)`)
  const encoding = def.encoding ?? defaultEncoding(language)
  if (!(encoding in CODE_PAGE_NUMBER) && !isDoubleByte(encoding)) {
    throw new ReceiptDefinitionError(`unknown encoding "${encoding}" (cp437, cp850, cp1252, gb18030, big5)`)
  }
  const columns = def.columns ?? (language === 'en' ? 42 : 32)
  if (![32, 42, 48].includes(columns)) throw new ReceiptDefinitionError(`columns must be 32, 42 or 48, not ${columns}`)
  const decimals = def.decimals ?? 2
  const kind = def.kind ?? 'sale'
  const sign = kind === 'refund' ? -1 : 1
  const money: MoneyFormat = { decimals, thousands: '' }
  const amount = (minor: number): string => formatMinor(minor, money)
  const totals = computeTotals(def, decimals)

  const w = new ReceiptWriter(encoding)
  const { b } = w
  const pair = (left: string, right: string): void => w.line(leftRight(left, right, columns, encoding))
  const rule = (): void => w.line('-'.repeat(columns))

  b.init()
  if (isDoubleByte(encoding)) {
    if (def.chineseMode !== false) b.chineseMode(true)
  } else if (def.codePageCommand !== false) b.codePage(CODE_PAGE_NUMBER[encoding]!)
  b.setEncoding(encoding)

  if (def.header?.length) {
    b.align('center')
    def.header.forEach((text, i) => {
      if (i === 0) b.bold(true)
      for (const part of wrap(text, columns, encoding)) w.line(part)
      if (i === 0) b.bold(false)
    })
    b.align('left')
  }
  if (kind !== 'sale') {
    b.align('center').bold(true)
    w.line(kind === 'refund' ? labels.refundBanner : labels.voidBanner)
    b.bold(false).align('left')
  }
  for (const text of def.meta ?? []) w.line(fit(text, columns, encoding))
  rule()

  for (const item of totals.items) {
    const qtyText = formatQty(item.qty)
    if (def.itemStyle === 'two-line') {
      w.line(fit(item.name, columns, encoding))
      pair(`  ${qtyText} x ${amount(item.unit)}`, amount(sign * item.amount))
    } else {
      pair(item.qty === 1 ? item.name : `${qtyText} x ${item.name}`, amount(sign * item.amount))
    }
    if (item.void) pair(`${labels.void} ${item.name}`, amount(-sign * item.amount))
  }
  rule()

  if (def.subtotal ?? (totals.discounts.length > 0 || totals.tax !== undefined)) {
    pair(labels.subtotal, amount(sign * totals.subtotal))
  }
  for (const d of totals.discounts) pair(d.label, amount(-sign * d.amount))
  if (totals.tax) pair(totals.tax.label ?? (totals.tax.included ? labels.taxIncluded : labels.tax), amount(sign * totals.tax.amount))

  const result: RenderedReceipt = { bytes: Buffer.alloc(0), lines: w.lines }
  if (def.totalLine !== false && kind !== 'void') {
    const style: TotalLineStyle = def.totalLine ?? {}
    const totalMinor = sign * (def.total !== undefined ? toMinor(def.total, decimals, 'total') : totals.total)
    const number = formatMinor(totalMinor, { decimals, thousands: style.thousands ? ',' : '' })
    const totalText = `${style.symbol ?? ''}${number}${style.suffix ?? ''}`
    const label = style.label ?? labels.total
    const size = style.size ?? 1
    const width = Math.floor(columns / size)
    const text =
      style.layout === 'inline'
        ? `${label}${style.separator ?? (label.endsWith('：') ? '' : ' ')}${totalText}`
        : leftRight(label, totalText, width, encoding)
    if (textWidth(text, encoding) > width) {
      throw new ReceiptDefinitionError(`total line "${text}" is wider than ${width} columns`)
    }
    if (style.bold !== false) b.bold(true)
    if (size !== 1) b.size(size, size)
    w.line(text)
    if (size !== 1) b.size(1, 1)
    if (style.bold !== false) b.bold(false)
    Object.assign(result, { total: plainAmount(totalMinor, decimals), totalText, totalLine: text.trimEnd() })
  }

  for (const p of def.payment ?? []) pair(p.label, amount(sign * toMinor(p.amount, decimals, `payment "${p.label}"`)))
  if (def.change !== undefined && def.change !== false) {
    const paid = (def.payment ?? []).reduce((s, p) => s + toMinor(p.amount, decimals), 0)
    const change = def.change === true ? paid - totals.total : toMinor(def.change, decimals, 'change')
    pair(labels.change, amount(change))
  }

  if (def.footer?.length) {
    rule()
    b.align('center')
    for (const text of def.footer) for (const part of wrap(text, columns, encoding)) w.line(part)
    b.align('left')
  }
  b.feed(def.feed ?? 4)
  if (def.cut !== 'none') b.cut(def.cut ?? 'partial')
  result.bytes = b.build()
  return result
}

function formatQty(qty: number): string {
  return Number.isInteger(qty) ? String(qty) : String(Number(qty.toFixed(3)))
}
