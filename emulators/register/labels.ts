import type { ReceiptLanguage } from './receipt-definition.js'

/** Words registers print around the items, per language. */
export interface Labels {
  total: string
  subtotal: string
  tax: string
  taxIncluded: string
  change: string
  void: string
  refundBanner: string
  voidBanner: string
}

export const LABELS: Record<ReceiptLanguage, Labels> = {
  en: {
    total: 'TOTAL',
    subtotal: 'SUBTOTAL',
    tax: 'TAX',
    taxIncluded: 'INCL. TAX',
    change: 'CHANGE',
    void: 'VOID',
    refundBanner: '*** REFUND ***',
    voidBanner: '*** VOID - NO SALE ***',
  },
  'zh-CN': {
    total: '合计',
    subtotal: '小计',
    tax: '税额',
    taxIncluded: '含税',
    change: '找零',
    void: '取消',
    refundBanner: '*** 退货单 ***',
    voidBanner: '*** 作废单 ***',
  },
  'zh-TW': {
    total: '合計',
    subtotal: '小計',
    tax: '稅額',
    taxIncluded: '含稅',
    change: '找零',
    void: '取消',
    refundBanner: '*** 退貨單 ***',
    voidBanner: '*** 作廢單 ***',
  },
}
