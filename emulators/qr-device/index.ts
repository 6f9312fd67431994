export { QrDevice, type QrDeviceOptions, type QrDevicePorts } from './device.js'
export {
  DEFAULT_DEVICE_CONFIG,
  DEFAULT_TOTAL_PATTERN,
  DUE_PATTERN,
  RECEIVED_PATTERN,
  resolveConfig,
  validateConfig,
  type DeviceConfig,
  type ModemDialect,
  type PayloadProfile,
  type QuectelModel,
  type ServerProfile,
} from './config.js'
export { DeviceConfigError, ModemError } from './errors.js'
export { ReceiptTap, normaliseAmount, type ReceiptSeen } from './receipt-tap.js'
export { buildTransaction, transmissionTime, type DeviceTransaction } from './transaction.js'
