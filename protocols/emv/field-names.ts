/** Human names of EMVCo MPM data objects (EMV QRCPS MPM v1.1, data object tables), for reports. */
const TOP: Record<string, string> = {
  '00': 'payload format indicator',
  '01': 'point of initiation method',
  '02': 'merchant account (Visa)',
  '03': 'merchant account (Visa)',
  '04': 'merchant account (Mastercard)',
  '05': 'merchant account (Mastercard)',
  '15': 'merchant account (UnionPay)',
  '16': 'merchant account (UnionPay)',
  '52': 'merchant category code',
  '53': 'transaction currency',
  '54': 'transaction amount',
  '55': 'tip or convenience indicator',
  '56': 'convenience fee (fixed)',
  '57': 'convenience fee (percentage)',
  '58': 'country code',
  '59': 'merchant name',
  '60': 'merchant city',
  '61': 'postal code',
  '62': 'additional data field template',
  '63': 'CRC',
  '64': 'merchant information, language template',
}

const ADDITIONAL: Record<string, string> = {
  '01': 'bill number',
  '02': 'mobile number',
  '03': 'store label',
  '04': 'loyalty number',
  '05': 'reference label',
  '06': 'customer label',
  '07': 'terminal label',
  '08': 'purpose of transaction',
  '09': 'additional consumer data request',
  '10': 'merchant tax id',
  '11': 'merchant channel',
}

const LANGUAGE: Record<string, string> = { '00': 'language preference', '01': 'merchant name (alternate)', '02': 'merchant city (alternate)' }

/** Name of an id ("54") or template sub-id ("62.05"). */
export function mpmFieldName(key: string): string {
  const [top, sub] = key.split('.') as [string, string | undefined]
  const n = Number(top)
  if (sub === undefined) {
    if (TOP[top]) return TOP[top]
    if (n >= 2 && n <= 25) return 'merchant account information'
    if (n >= 26 && n <= 51) return 'merchant account information template'
    if (n >= 80) return 'unreserved template'
    return 'reserved for future use'
  }
  if (top === '62') return ADDITIONAL[sub] ?? (Number(sub) >= 50 ? 'payment system specific template' : 'reserved')
  if (top === '64') return LANGUAGE[sub] ?? 'reserved'
  if (sub === '00') return 'globally unique identifier'
  return n >= 80 ? 'context specific data' : 'payment network specific'
}
