export type {
  Money,
  ReceiptLanguage,
  ReceiptEncoding,
  ReceiptColumns,
  ReceiptItem,
  Discount,
  TaxDefinition,
  PaymentLine,
  TotalLineStyle,
  ReceiptExpectation,
  ReceiptDefinition,
  RenderedReceipt,
} from './receipt-definition.js'
export { renderReceipt } from './render.js'
export { RegisterEmulator, type RegisterOptions, type StatusPollOptions, type PrintResult } from './register.js'
export { ReceiptDefinitionError, RegisterStateError, PrinterNotReadyError } from './errors.js'
export { isStatusReply, statusFlags, type StatusQuery } from './status.js'
export { loadReceiptFile, parseReceiptDefinition, RAW_EXTENSIONS, type ReceiptJob } from './load.js'
export { findTotal, DUE_LABELS, RECEIVED_LABELS, type FoundTotal } from './total-line.js'
export { RECEIPT_SCHEMA } from './receipt-schema.js'
