import { checkIsoFieldsPayload } from '../iso8583/qr-fields.js'
import type { PaymentRequest } from './mpm.js'
import { recogniseUrlPayload, type UrlWallet } from './url-payload.js'
import { validateMpm, type MpmValidateOptions, type PayloadIssue } from './validate.js'

/** Which payload profiles a host accepts; see DESIGN §4 (emv-mpm default, iso8583-fields). */
export type PayloadKind = 'emv-mpm' | 'iso8583-fields' | 'url'

export interface PayloadCheck {
  kind: PayloadKind
  valid: boolean
  errors: PayloadIssue[]
  warnings: PayloadIssue[]
  /** Parsed fields: EMV ids ("54", "62.05") or ISO 8583 data elements ("DE4"). */
  values: Record<string, string>
  request: Partial<PaymentRequest>
  /** For URL payloads: which wallet's form it is. */
  wallet?: UrlWallet
}

/** Tells URL, iso8583-fields and EMVCo MPM payloads apart and validates the one it is. */
export function checkPayload(payload: string, options: MpmValidateOptions = {}): PayloadCheck {
  const url = recogniseUrlPayload(payload)
  if (url) {
    return {
      kind: 'url',
      valid: false,
      errors: [{ code: 'url-payload', message: url.reason }],
      warnings: [],
      values: { url: url.url },
      request: {},
      wallet: url.wallet,
    }
  }
  const iso = checkIsoFieldsPayload(payload)
  if (iso) return iso
  const v = validateMpm(payload, options)
  return { kind: 'emv-mpm', valid: v.valid, errors: v.errors, warnings: v.warnings, values: v.values, request: v.request }
}
