/**
 * Wallets that are not EMVCo TLV print a URL instead: Alipay's face-to-face precreate returns
 * https://qr.alipay.com/bax…, WeChat Pay Native returns weixin://wxpay/bizpayurl?pr=….
 * Hosts that expect a TLV payload must recognise these and refuse them by name.
 */
export type UrlWallet = 'alipay' | 'wechat-pay' | 'other'

export interface UrlPayload {
  wallet: UrlWallet
  url: string
  /** Why a TLV host refuses it, for error messages. */
  reason: string
}

/** A URL payload, or undefined when the text does not look like a URL. */
export function recogniseUrlPayload(payload: string): UrlPayload | undefined {
  const text = payload.trim()
  if (/^https?:\/\/qr\.alipay\.com\//i.test(text)) {
    return { wallet: 'alipay', url: text, reason: 'Alipay URL payload (https://qr.alipay.com/…), not an EMVCo MPM TLV payload' }
  }
  if (/^weixin:\/\/wxpay\//i.test(text)) {
    return { wallet: 'wechat-pay', url: text, reason: 'WeChat Pay URL payload (weixin://wxpay/…), not an EMVCo MPM TLV payload' }
  }
  if (/^[a-z][a-z0-9+.-]*:\/\/\S/i.test(text)) {
    return { wallet: 'other', url: text, reason: `URL payload (${text.slice(0, text.indexOf(':'))}://…), not an EMVCo MPM TLV payload` }
  }
  return undefined
}
