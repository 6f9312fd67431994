/**
 * How the corpus's total lines look, and a reference reader for them. The formats, all
 * seen on real register receipts (see scenarios/receipts/README.md for one receipt each):
 *
 *   TOTAL                               12.30     label, amount flush right (default)
 *   Total: $23.40                                  label with colon, symbol, inline
 *   AMOUNT DUE / BALANCE DUE / GRAND TOTAL / TOTAL DUE   other English labels
 *   TOTAL                          $1,234.56       thousands separators
 *   TOTAL (INCL. VAT)               EUR 45.90      a parenthesis after the label, a code before the amount
 *   TOTAL                              -12.30      refunds are negative
 *   合计：￥1,234.50      合计 128.00元      总计 RMB 56.80      应付金额: 88.00     (simplified)
 *   合計 NT$1,280         總計：350元        應付 $2,460         實收 NT$960         (traditional)
 *
 * Labels of the amount due (TOTAL, 合计/合計, 总计/總計, 应付/應付, 应收/應收 …) win over
 * 实收/實收, which on a receipt that also has 应付 is the cash tendered; SUBTOTAL/小计/小計 never count.
 */
export const DUE_LABELS = [
  'GRAND TOTAL', 'TOTAL DUE', 'AMOUNT DUE', 'BALANCE DUE', 'TOTAL',
  '合计金额', '合计', '合計金額', '合計', '总计', '總計', '总金额', '總金額', '应付金额', '应付', '應付金額', '應付', '应收', '應收',
]
export const RECEIVED_LABELS = ['实收金额', '实收', '實收金額', '實收']

const SYMBOL = String.raw`(?:NT\$|HK\$|US\$|RMB|CNY|TWD|USD|EUR|GBP|[$¥￥€£])`
const AMOUNT = String.raw`(-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)`
const SUFFIX = String.raw`(?:元|RMB|EUR|USD)`

function labelPattern(labels: string[]): RegExp {
  const alt = labels.map((l) => l.replace(/ /g, String.raw`\s+`)).join('|')
  return new RegExp(
    String.raw`^\s*(${alt})\s*(?:\([^)]*\)|（[^）]*）)?\s*[:：]?\s*${SYMBOL}?\s*${AMOUNT}\s*${SUFFIX}?\s*$`,
    'i',
  )
}

const DUE = labelPattern(DUE_LABELS)
const RECEIVED = labelPattern(RECEIVED_LABELS)

export interface FoundTotal {
  /** Plain decimal, separators dropped, decimals as printed ("1234.50", "1280"). */
  total: string
  line: string
  label: string
}

/** Finds the total in a receipt's printed lines: the last amount-due line, else the last amount-received line. */
export function findTotal(lines: string[]): FoundTotal | undefined {
  for (const pattern of [DUE, RECEIVED]) {
    for (let i = lines.length - 1; i >= 0; i--) {
      const m = pattern.exec(lines[i]!)
      if (m) return { total: m[2]!.replace(/,/g, ''), line: lines[i]!.trimEnd(), label: m[1]! }
    }
  }
  return undefined
}
