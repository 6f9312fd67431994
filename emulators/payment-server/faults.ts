/**
 * Misbehaviour a QA bench can switch on at any moment (HTTP `POST /faults` or `server.faults.set`).
 * Counters mean "the next N times"; `true` means "until cleared".
 */
export interface FaultSettings {
  /** HTTP API answers every request with this 5xx status. */
  http5xx?: number | false
  /** HTTP API never answers (the client times out). */
  httpTimeout?: boolean
  /** Gateway holds each reply to the device (ack, heartbeat-ack) this long, ms. */
  replyDelayMs?: number
  /** Gateway drops its next N replies to register (the device sees no ack). */
  dropAcks?: number | boolean
  /** Device never gets its paid notification on time: each send is held this long, ms. */
  notifyDelayMs?: number
  /** Each paid notification is sent twice. */
  duplicateNotifications?: number | boolean
  /** Paid notifications are held in pairs and sent newest first. */
  reorderNotifications?: number | boolean
  /** The next N server messages carry a wrong MAC. */
  forgeMac?: number | boolean
  /** The next N payments are declined by the "issuer". */
  decline?: number | boolean
  /** The next payment is made for this amount instead of the QR's. */
  amountMismatch?: string | false
}

export type FaultName = keyof FaultSettings

export const FAULT_NAMES: readonly FaultName[] = [
  'http5xx',
  'httpTimeout',
  'replyDelayMs',
  'dropAcks',
  'notifyDelayMs',
  'duplicateNotifications',
  'reorderNotifications',
  'forgeMac',
  'decline',
  'amountMismatch',
]

export class Faults {
  private state: FaultSettings = {}

  constructor(private readonly onChange: (settings: FaultSettings) => void = () => {}) {}

  get settings(): Readonly<FaultSettings> {
    return { ...this.state }
  }

  /** Merges `settings` into the active faults; `false`, 0 or null clears one. */
  set(settings: Partial<Record<string, unknown>>): FaultSettings {
    for (const [name, value] of Object.entries(settings)) {
      if (!FAULT_NAMES.includes(name as FaultName)) throw new RangeError(`unknown fault "${name}"; known: ${FAULT_NAMES.join(', ')}`)
      const key = name as FaultName
      if (value === false || value === 0 || value === null || value === undefined) {
        delete this.state[key]
        continue
      }
      validate(key, value)
      ;(this.state as Record<string, unknown>)[key] = value
    }
    this.onChange(this.settings)
    return this.settings
  }

  clear(): void {
    this.state = {}
    this.onChange(this.settings)
  }

  /** Number-valued settings (delays, status), or undefined when off. */
  value<K extends 'http5xx' | 'replyDelayMs' | 'notifyDelayMs'>(key: K): number | undefined {
    const v = this.state[key]
    return typeof v === 'number' ? v : undefined
  }

  active(key: FaultName): boolean {
    return this.state[key] !== undefined
  }

  /** Uses up one occurrence of a counted fault; true when it applies this time. */
  take(key: 'dropAcks' | 'duplicateNotifications' | 'reorderNotifications' | 'forgeMac' | 'decline'): boolean {
    const v = this.state[key]
    if (v === undefined) return false
    if (typeof v === 'number') {
      if (v <= 1) delete this.state[key]
      else this.state[key] = v - 1
    }
    return true
  }

  /** The one-shot wrong amount, consumed. */
  takeAmount(): string | undefined {
    const v = this.state.amountMismatch
    delete this.state.amountMismatch
    return typeof v === 'string' ? v : undefined
  }
}

function validate(key: FaultName, value: unknown): void {
  const bad = (want: string): never => {
    throw new RangeError(`fault ${key} must be ${want}, got ${JSON.stringify(value)}`)
  }
  switch (key) {
    case 'http5xx':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 500 || value > 599) bad('an HTTP status 500-599')
      return
    case 'httpTimeout':
      if (value !== true) bad('true or false')
      return
    case 'replyDelayMs':
    case 'notifyDelayMs':
      if (typeof value !== 'number' || !(value >= 0) || !Number.isFinite(value)) bad('a delay in ms')
      return
    case 'amountMismatch':
      if (typeof value !== 'string' || !/^\d+(\.\d+)?$/.test(value)) bad('an amount such as "9.99"')
      return
    default:
      if (value !== true && !(typeof value === 'number' && Number.isInteger(value) && value > 0)) bad('true or a positive count')
  }
}
