import { DeviceConfigError } from './errors.js'

export type PayloadProfile = 'emv-mpm' | 'iso8583-fields'
export type ServerProfile = 'jsonl' | 'iso8583'
export type ModemDialect = 'sim800' | 'quectel'
export type QuectelModel = 'M95' | 'M26' | 'EC21' | 'EC25' | 'BG96'

const PAYLOADS: readonly PayloadProfile[] = ['emv-mpm', 'iso8583-fields']
const PROFILES: readonly ServerProfile[] = ['jsonl', 'iso8583']
const DIALECTS: readonly ModemDialect[] = ['sim800', 'quectel']
const MODELS: readonly QuectelModel[] = ['M95', 'M26', 'EC21', 'EC25', 'BG96']

/**
 * Configuration of the reference firmware: what a merchant's installer would set.
 * `rig device --config FILE` reads the same fields from YAML/JSON.
 */
export interface DeviceConfig {
  /** Card acceptor terminal id, ans8 (ISO 8583 DE41). Default 'QRT00001'. */
  terminalId: string
  /** HMAC-SHA256 key shared with the payment server for this terminal. */
  terminalKey: string
  /** Merchant primary account number (DE2), Luhn-valid. */
  pan: string
  /** Processing code n6 (DE3). Default '000000' (purchase). */
  processingCode: string
  /** Merchant type / MCC n4 (DE18). Default '5812' (restaurants). */
  merchantType: string
  /** ISO 4217 numeric currency (DE49). Default '156' (CNY). */
  currency: string
  merchantName: string
  merchantCity: string
  /** ISO 3166 alpha-2. Default 'CN'. */
  country: string
  /** QR payload profile. Default 'emv-mpm'. */
  payload: PayloadProfile
  /** Printed QR: module size in dots (GS ( k fn 67) and error correction level. Default 6 and 'M'. */
  qr: { moduleSize: number; errorLevel: 'L' | 'M' | 'Q' | 'H' }
  /**
   * Payment server as the firmware dials it (the modem resolves the name), and the protocol
   * profile spoken on that connection: 'jsonl' (newline-delimited JSON) or 'iso8583'
   * (2-byte length prefix, 0800 sign-on, 0200/0210, 0620/0630). Default
   * { host: 'pay.qrreceipt.test', port: 7000, profile: 'jsonl' }.
   */
  server: { host: string; port: number; profile: ServerProfile }
  /**
   * The GPRS modem fitted: its AT dialect and, for Quectel, the module (M95/M26 speak the
   * QIRDI-style TCP commands, EC21/EC25/BG96 the QIURC style; default 'BG96').
   * Default { dialect: 'sim800' }.
   */
  modem: { dialect: ModemDialect; model?: QuectelModel }
  /** GPRS access point name. Default 'cmnet'. */
  apn: string
  /**
   * How the total is read from the register's text: regular expressions whose first group is
   * the amount, tried in order; the first pattern that matches any line wins, and within it the
   * last matching line (a TOTAL after a SUBTOTAL). Default: amount-due labels (TOTAL, AMOUNT DUE,
   * 合计/合計, 总计/總計, 应付/應付 …) at the start of a line, then cash-received labels (实收/實收).
   */
  totalPatterns: string[]
  /** Decimal places of the currency (ISO 4217 exponent): 2 for CNY, 0 for TWD and JPY. Default 2. */
  currencyExponent: number
  /** Encoding of the register's single-byte text (iconv-lite name), or of all text when the register prints Chinese without FS &. Default 'cp437'. */
  encoding: string
  /** Encoding of text under FS & (Chinese mode): 'gb18030' or 'big5'. Default 'gb18030'. */
  chineseEncoding: string
  /**
   * Operator confirmation of the total (the patent's display and keypad): 'auto' confirms at
   * once; 'keypad' shows `CONFIRM <total>` and holds the receipt until a key arrives on the
   * console port — `KEY OK` confirms, `KEY 12.50` corrects the total, `KEY CANCEL` prints the
   * receipt without a QR. Unanswered after timeouts.confirm, the receipt prints without a QR.
   * Default 'auto'.
   */
  confirm: 'auto' | 'keypad'
  /** Seconds between heartbeats to the server while idle. Default 60; 0 disables. */
  heartbeatSeconds: number
  /** Time-outs (ms) for AT commands and server replies. */
  timeouts: { at: number; connect: number; ack: number; confirm: number }
  /**
   * Deliberate misbehaviour, for proving that the rig catches a faulty device.
   * Never set on a real bench.
   */
  inject?: { qrAmount?: string; skipSlip?: boolean; skipQr?: boolean }
}

const SYMBOL = '(?:NT\\$|HK\\$|US\\$|RMB|CNY|TWD|USD|EUR|GBP|[$¥￥€£])?'
const AMOUNT = '(-?[0-9][0-9,]*(?:\\.[0-9]+)?)'
const label = (labels: string): string => `^\\s*(?:${labels})[^0-9\\n$¥￥€£-]{0,64}${SYMBOL}\\s*${AMOUNT}`

/** Amount due, at the start of the line (so SUBTOTAL and 小计 never count). */
export const DUE_PATTERN = label('GRAND\\s+TOTAL|TOTAL|AMOUNT\\s+DUE|BALANCE\\s+DUE|合\\s*[计計]|[总總]\\s*[计計]|[应應]\\s*付|[应應]\\s*收|[总總]金[额額]')
/** Cash received: the total only on receipts that print nothing else. */
export const RECEIVED_PATTERN = label('[实實]\\s*收')

/** @deprecated kept for configs that name one pattern; see totalPatterns. */
export const DEFAULT_TOTAL_PATTERN = DUE_PATTERN

export const DEFAULT_DEVICE_CONFIG: DeviceConfig = {
  terminalId: 'QRT00001',
  terminalKey: 'qr-receipt-rig-demo-key-0001',
  pan: '6212345678901232',
  processingCode: '000000',
  merchantType: '5812',
  currency: '156',
  merchantName: 'RIG DEMO CAFE',
  merchantCity: 'SHANGHAI',
  country: 'CN',
  payload: 'emv-mpm',
  qr: { moduleSize: 6, errorLevel: 'M' },
  server: { host: 'pay.qrreceipt.test', port: 7000, profile: 'jsonl' },
  modem: { dialect: 'sim800' },
  apn: 'cmnet',
  totalPatterns: [DUE_PATTERN, RECEIVED_PATTERN],
  currencyExponent: 2,
  encoding: 'cp437',
  chineseEncoding: 'gb18030',
  confirm: 'auto',
  heartbeatSeconds: 60,
  timeouts: { at: 5_000, connect: 75_000, ack: 30_000, confirm: 120_000 },
}

export function resolveConfig(partial: Partial<DeviceConfig> = {}): DeviceConfig {
  return {
    ...DEFAULT_DEVICE_CONFIG,
    ...partial,
    qr: { ...DEFAULT_DEVICE_CONFIG.qr, ...partial.qr },
    server: { ...DEFAULT_DEVICE_CONFIG.server, ...partial.server },
    modem: { ...DEFAULT_DEVICE_CONFIG.modem, ...partial.modem },
    timeouts: { ...DEFAULT_DEVICE_CONFIG.timeouts, ...partial.timeouts },
  }
}

/**
 * Rejects what the firmware cannot run with, naming the key: unknown profiles, dialects and
 * models, and terminal ids that ISO 8583 DE41 (ans8) cannot carry when a profile puts them there.
 */
export function validateConfig(c: DeviceConfig): void {
  const oneOf = <T>(key: string, value: T, allowed: readonly T[]): void => {
    if (!allowed.includes(value)) throw new DeviceConfigError(`${key} must be one of ${allowed.join(', ')}; got ${JSON.stringify(value)}`, key)
  }
  oneOf('payload', c.payload, PAYLOADS)
  oneOf('server.profile', c.server.profile, PROFILES)
  oneOf('modem.dialect', c.modem.dialect, DIALECTS)
  oneOf('confirm', c.confirm, ['auto', 'keypad'] as const)
  for (const [key, ms] of Object.entries(c.timeouts)) {
    if (!(Number.isFinite(ms) && ms > 0)) throw new DeviceConfigError(`timeouts.${key} must be a positive number of ms; got ${JSON.stringify(ms)}`, `timeouts.${key}`)
  }
  if (!Number.isInteger(c.currencyExponent) || c.currencyExponent < 0 || c.currencyExponent > 3) {
    throw new DeviceConfigError(`currencyExponent must be 0-3; got ${JSON.stringify(c.currencyExponent)}`, 'currencyExponent')
  }
  if (c.modem.model !== undefined) oneOf('modem.model', c.modem.model, MODELS)
  if (typeof c.server.host !== 'string' || !/^[\x21-\x7e]+$/.test(c.server.host) || c.server.host.includes('"')) {
    throw new DeviceConfigError(`server.host must be a host name without spaces or quotes; got ${JSON.stringify(c.server.host)}`, 'server.host')
  }
  if (!Number.isInteger(c.server.port) || c.server.port < 1 || c.server.port > 65535) {
    throw new DeviceConfigError(`server.port must be 1-65535; got ${JSON.stringify(c.server.port)}`, 'server.port')
  }
  const iso = c.server.profile === 'iso8583' ? 'server.profile iso8583' : c.payload === 'iso8583-fields' ? 'payload iso8583-fields' : undefined
  if (iso && !/^[\x20-\x7e]{1,8}$/.test(c.terminalId)) {
    throw new DeviceConfigError(`terminalId must be 1-8 printable ASCII characters with ${iso} (DE41 is ans8); got ${JSON.stringify(c.terminalId)}`, 'terminalId')
  }
}
