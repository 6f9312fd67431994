import type { ReceiptDefinition, TaxDefinition } from './receipt-definition.js'
import { toMinor } from './money.js'
import { ReceiptDefinitionError } from './errors.js'

export interface PricedItem {
  name: string
  qty: number
  /** Unit price, minor units. */
  unit: number
  /** Line amount, minor units. */
  amount: number
  void: boolean
}

export interface Totals {
  items: PricedItem[]
  /** Sum of the lines that were not voided. */
  subtotal: number
  discounts: Array<{ label: string; amount: number }>
  tax?: TaxDefinition & { amount: number }
  /** Subtotal − discounts + tax (unless the tax is included in the prices). */
  total: number
}

/** The arithmetic a register does, in integer minor units. */
export function computeTotals(def: ReceiptDefinition, decimals: number): Totals {
  const items = def.items.map((item, i): PricedItem => {
    if (!item || typeof item.name !== 'string') throw new ReceiptDefinitionError(`item ${i + 1} needs a "name"`)
    if (item.price === undefined) throw new ReceiptDefinitionError(`item "${item.name}" needs a "price"`)
    const qty = item.qty ?? 1
    if (typeof qty !== 'number' || !Number.isFinite(qty)) throw new ReceiptDefinitionError(`item "${item.name}": bad qty`)
    const unit = toMinor(item.price, decimals, `item "${item.name}" price`)
    const amount = item.amount !== undefined ? toMinor(item.amount, decimals, `item "${item.name}" amount`) : Math.round(qty * unit)
    return { name: item.name, qty, unit, amount, void: item.void === true }
  })
  const subtotal = items.reduce((s, it) => s + (it.void ? 0 : it.amount), 0)
  const discounts = (def.discounts ?? []).map((d) => {
    if (d.amount !== undefined) return { label: d.label, amount: toMinor(d.amount, decimals, `discount "${d.label}"`) }
    if (typeof d.percent === 'number') return { label: d.label, amount: Math.round((subtotal * d.percent) / 100) }
    throw new ReceiptDefinitionError(`discount "${d.label}" needs an amount or a percent`)
  })
  const net = subtotal - discounts.reduce((s, d) => s + d.amount, 0)
  let tax: Totals['tax']
  if (def.tax) {
    const t = def.tax
    let amount: number
    if (t.amount !== undefined) amount = toMinor(t.amount, decimals, 'tax')
    else if (typeof t.rate === 'number') amount = Math.round(t.included ? net - net / (1 + t.rate / 100) : (net * t.rate) / 100)
    else throw new ReceiptDefinitionError('tax needs an amount or a rate')
    tax = { ...t, amount }
  }
  const total = net + (tax && !tax.included ? tax.amount : 0)
  return { items, subtotal, discounts, ...(tax ? { tax } : {}), total }
}
