/**
 * ISO 8583:1987 data elements this project uses, with their formats and lengths as the
 * standard defines them (n = numeric, an = alphanumeric, ans = alphanumeric and special,
 * b = binary bits; LL/LLL = variable length with a 2- or 3-digit length prefix).
 * Private-use fields 48, 62 and 63 carry what the standard has no place for (see profile.ts).
 */
export type FieldFormat = 'n' | 'an' | 'ans' | 'b'

export interface FieldSpec {
  name: string
  format: FieldFormat
  /** Fixed length, or the maximum for LL/LLL fields (digits for n, bytes for b/an/ans). */
  length: number
  variable?: 'LL' | 'LLL'
}

export const FIELDS: Readonly<Record<number, FieldSpec>> = {
  2: { name: 'primary account number', format: 'n', length: 19, variable: 'LL' },
  3: { name: 'processing code', format: 'n', length: 6 },
  4: { name: 'transaction amount', format: 'n', length: 12 },
  7: { name: 'transmission date and time', format: 'n', length: 10 },
  11: { name: 'system trace audit number', format: 'n', length: 6 },
  12: { name: 'local transaction time', format: 'n', length: 6 },
  13: { name: 'local transaction date', format: 'n', length: 4 },
  15: { name: 'settlement date', format: 'n', length: 4 },
  18: { name: 'merchant type', format: 'n', length: 4 },
  22: { name: 'point of service entry mode', format: 'n', length: 3 },
  25: { name: 'point of service condition code', format: 'n', length: 2 },
  32: { name: 'acquiring institution id', format: 'n', length: 11, variable: 'LL' },
  37: { name: 'retrieval reference number', format: 'an', length: 12 },
  38: { name: 'authorization id response', format: 'an', length: 6 },
  39: { name: 'response code', format: 'an', length: 2 },
  41: { name: 'card acceptor terminal id', format: 'ans', length: 8 },
  42: { name: 'card acceptor id code', format: 'ans', length: 15 },
  48: { name: 'additional data (private): nonce', format: 'ans', length: 999, variable: 'LLL' },
  49: { name: 'transaction currency code', format: 'n', length: 3 },
  54: { name: 'additional amounts', format: 'an', length: 120, variable: 'LLL' },
  62: { name: 'private: reference label', format: 'ans', length: 999, variable: 'LLL' },
  63: { name: 'private: payload or reason text', format: 'ans', length: 999, variable: 'LLL' },
  64: { name: 'message authentication code', format: 'b', length: 8 },
  70: { name: 'network management information code', format: 'n', length: 3 },
  128: { name: 'message authentication code (secondary)', format: 'b', length: 8 },
}

export function fieldSpec(n: number): FieldSpec | undefined {
  return FIELDS[n]
}
