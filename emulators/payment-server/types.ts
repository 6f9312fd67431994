import type { PayloadCheck } from '../../protocols/emv/check-payload.js'

/**
 * Ledger states. The happy path is registered → scanned → paid → notified → acknowledged;
 * expired (not paid in time) and declined (the consumer refused) are terminal.
 */
export type TxnState = 'registered' | 'scanned' | 'paid' | 'notified' | 'acknowledged' | 'expired' | 'declined'

export interface Transaction {
  reference: string
  terminalId: string
  /** Full PAN: the ledger is the host's own record; events and the HTTP API mask it. */
  pan: string
  processingCode: string
  /** Major units as registered, e.g. "12.30". */
  amount: string
  currency: string
  merchantType: string
  /** MMDDhhmmss (DE7) as the device sent it. */
  transmissionTime: string
  /** The exact QR text printed on the receipt. */
  payload: string
  /** STAN of the register message. */
  stan: string
  state: TxnState
  /** Clock time (ms) the transaction was registered. */
  registeredAt: number
  /** Clock time after which an unpaid transaction expires. */
  expiresAt: number
  scannedAt?: number
  paidAt?: number
  /** Amount the wallet paid (major units). */
  paidAmount?: string
  notifiedAt?: number
  acknowledgedAt?: number
  declinedAt?: number
  expiredAt?: number
  /** `paid` notifications sent so far (retries included). */
  notifyAttempts: number
  /** Every state change with its clock time. */
  history: Array<{ state: TxnState; t: number }>
}

export type WalletReason =
  | 'invalid-payload'
  | 'url-payload'
  | 'no-reference'
  | 'unknown-reference'
  | 'amount-mismatch'
  | 'already-paid'
  | 'declined'
  | 'expired'
  | 'payload-mismatch'

export interface WalletFailure {
  ok: false
  reason: WalletReason
  message: string
  check?: PayloadCheck
  transaction?: Transaction
}

export interface ScanSuccess {
  ok: true
  check: PayloadCheck
  transaction: Transaction
}

export type ScanResult = ScanSuccess | WalletFailure
export type PayResult = { ok: true; transaction: Transaction } | WalletFailure
export type DeclineResult = { ok: true; transaction: Transaction } | WalletFailure
