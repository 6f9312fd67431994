/**
 * A receipt as a legacy cash register would print it. Receipt files in scenarios/receipts/
 * (YAML or JSON) hold exactly this shape.
 */
export type Money = string | number

export type ReceiptLanguage = 'en' | 'zh-CN' | 'zh-TW'
export type ReceiptEncoding = 'cp437' | 'cp850' | 'cp1252' | 'gb18030' | 'big5'
export type ReceiptColumns = 32 | 42 | 48

export interface ReceiptItem {
  name: string
  /** Default 1. A negative quantity is a returned item. */
  qty?: number
  /** Unit price. */
  price: Money
  /** Line amount when it is not qty × price (weighed goods, a register's own rounding). */
  amount?: Money
  /** A line rung up and then voided: printed, followed by a VOID line; it adds nothing to the total. */
  void?: boolean
}

export interface Discount {
  label: string
  /** A fixed amount off (positive number). */
  amount?: Money
  /** A percentage off the subtotal (applied when `amount` is absent). */
  percent?: number
}

export interface TaxDefinition {
  /** Default "TAX" / "税" / "稅". */
  label?: string
  /** Percent of the (discounted) subtotal; used when `amount` is absent. */
  rate?: number
  amount?: Money
  /** Tax already inside the prices (VAT style): printed for information, not added. Default false. */
  included?: boolean
}

export interface PaymentLine {
  label: string
  amount: Money
}

/** How the total line looks; corpus receipts vary it to cover formats seen in the wild. */
export interface TotalLineStyle {
  /** Default "TOTAL" (en), "合计" (zh-CN), "合計" (zh-TW). May carry its own colon: "Total:", "合计：". */
  label?: string
  /** Printed right before the amount: "$", "￥", "RMB ", "NT$". Default none. */
  symbol?: string
  /** Printed right after the amount: "元", " RMB". Default none. */
  suffix?: string
  /** Group thousands with ",". Default false. */
  thousands?: boolean
  /** `right` (default): amount flush right; `inline`: label, separator, amount. */
  layout?: 'right' | 'inline'
  /** Between label and amount in `inline` layout. Default " ", or "" after a full-width colon (合计：￥8.00). */
  separator?: string
  /** ESC E emphasis. Default true. */
  bold?: boolean
  /** GS ! double width and height (halves the columns). Default 1. */
  size?: 1 | 2
}

/** What a corpus test expects, written by hand from the receipt as a person would read it. */
export interface ReceiptExpectation {
  /** The total a device should read, plain decimal ("1234.50"); null when the receipt has no total. */
  total: string | null
  /** The printed total line exactly (without trailing spaces). */
  totalLine?: string
  /** Lines that must appear, in this order (not necessarily adjacent). */
  contains?: string[]
}

export interface ReceiptDefinition {
  /** Shown in test names and events. */
  name?: string
  description?: string
  /** Default 'en'. Sets default labels, encoding and columns. */
  language?: ReceiptLanguage
  /** Default cp437 (en), gb18030 (zh-CN), big5 (zh-TW). */
  encoding?: ReceiptEncoding
  /**
   * Double-byte encodings only: send FS & before the text. Default true; false models a
   * printer that powers on in Chinese mode and a register that never asks for it.
   */
  chineseMode?: boolean
  /** Single-byte encodings only: send ESC t n. Default true. */
  codePageCommand?: boolean
  /** Characters per line: 32 (58 mm), 42 or 48 (80 mm). Default 42 (en), 32 (zh). */
  columns?: ReceiptColumns
  /** ISO 4217 code, informational (the device gets it from its config). */
  currency?: string
  /** Digits after the decimal mark. Default 2. */
  decimals?: number
  /** 'refund' prints a refund banner and a negative total; 'void' prints a void banner and no total. Default 'sale'. */
  kind?: 'sale' | 'refund' | 'void'
  /** Centred lines at the top; the first is printed bold. */
  header?: string[]
  /** Left-aligned lines under the header: date, receipt number, cashier. */
  meta?: string[]
  items: ReceiptItem[]
  /** `single` (default): one line per item; `two-line`: name, then "qty x unit" and the amount. */
  itemStyle?: 'single' | 'two-line'
  discounts?: Discount[]
  tax?: TaxDefinition
  /** Print a subtotal line. Default: when there are discounts or tax. */
  subtotal?: boolean
  /** Computed from items, discounts and tax when absent; given, it is printed as is (a register may differ from the sum). */
  total?: Money
  /** Style of the total line; false: the receipt has no total line. */
  totalLine?: TotalLineStyle | false
  payment?: PaymentLine[]
  /** Change line: an amount, or true to compute it from the payments. */
  change?: Money | boolean
  footer?: string[]
  /** Lines fed before the cut (ESC d n). Default 4. */
  feed?: number
  /** Default 'partial'. */
  cut?: 'partial' | 'full' | 'none'
  /** Corpus only: what tests expect (ignored by the renderer). */
  expect?: ReceiptExpectation
}

export interface RenderedReceipt {
  bytes: Buffer
  /** The total as the total line denotes it, plain decimal without symbol or separators ("1234.50"); absent with no total line. */
  total?: string
  /** The amount token as printed on the total line, with symbol and separators ("￥1,234.50"). */
  totalText?: string
  /** The whole total line as printed (without trailing spaces). */
  totalLine?: string
  /** The text lines as printed (Unicode, one per LF; centred lines without padding). */
  lines: string[]
}
