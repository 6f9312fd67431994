import { createHmac, timingSafeEqual } from 'node:crypto'
import { canonicalJson } from './canonical-json.js'

/**
 * Device <-> payment server profile `jsonl`: one JSON object per line ("\n"), each
 * authenticated with HMAC-SHA256 under the terminal's key over
 * type \n terminalId \n stan \n time \n nonce \n canonical-JSON(body).
 */
export type JsonlType = 'register' | 'ack' | 'paid' | 'paid-ack' | 'heartbeat' | 'heartbeat-ack' | 'error'

export const JSONL_TYPES: readonly JsonlType[] = ['register', 'ack', 'paid', 'paid-ack', 'heartbeat', 'heartbeat-ack', 'error']

export interface JsonlMessage<B = Record<string, unknown>> {
  type: JsonlType
  terminalId: string
  /** System trace audit number, six digits (ISO 8583 DE11). */
  stan: string
  /** Transmission time, ISO 8601 UTC. */
  time: string
  /** Random hex, unique per message, for replay detection. */
  nonce: string
  body: B
  /** Lowercase hex HMAC-SHA256. */
  mac: string
}

/** What the device sends when it registers a transaction. */
export interface RegisterBody {
  reference: string
  pan: string
  processingCode: string
  /** Major units as printed, e.g. "12.30". */
  amount: string
  /** MMDDhhmmss (ISO 8583 DE7). */
  transmissionTime: string
  merchantType: string
  currency: string
  /** The exact QR text printed on the receipt. */
  payload: string
}

export interface AckBody {
  reference: string
  result: 'accepted' | 'rejected'
  reason?: string
}

export interface PaidBody {
  reference: string
  amount: string
  currency: string
  /** ISO 8601 UTC. */
  paidAt: string
}

export const MAX_LINE_BYTES = 8192

export function macInput(m: Omit<JsonlMessage, 'mac'>): string {
  return [m.type, m.terminalId, m.stan, m.time, m.nonce, canonicalJson(m.body)].join('\n')
}

export function computeMac(m: Omit<JsonlMessage, 'mac'>, key: string | Buffer): string {
  return createHmac('sha256', key).update(macInput(m), 'utf8').digest('hex')
}

export function verifyMac(m: JsonlMessage, key: string | Buffer): boolean {
  if (typeof m.mac !== 'string' || !/^[0-9a-f]{64}$/.test(m.mac)) return false
  return timingSafeEqual(Buffer.from(computeMac(m, key), 'hex'), Buffer.from(m.mac, 'hex'))
}

/** Signs and serialises one message, newline included. */
export function encodeJsonl(m: Omit<JsonlMessage, 'mac'>, key: string | Buffer): string {
  const signed: JsonlMessage = { ...m, mac: computeMac(m, key) }
  return JSON.stringify(signed) + '\n'
}

export class JsonlError extends Error {
  override name = 'JsonlError'
  constructor(
    message: string,
    readonly reason: 'malformed' | 'shape' | 'oversize',
  ) {
    super(message)
  }
}

/** Parses one line and checks the envelope's shape (not the MAC: that needs the terminal's key). */
export function decodeJsonl(line: string): JsonlMessage {
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch {
    throw new JsonlError(`not JSON: ${JSON.stringify(line.slice(0, 60))}`, 'malformed')
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new JsonlError('message is not a JSON object', 'shape')
  const m = value as Record<string, unknown>
  if (!JSONL_TYPES.includes(m.type as JsonlType)) throw new JsonlError(`unknown message type ${JSON.stringify(m.type)}`, 'shape')
  for (const key of ['terminalId', 'stan', 'time', 'nonce', 'mac'] as const) {
    if (typeof m[key] !== 'string' || (m[key] as string).length === 0) throw new JsonlError(`field "${key}" must be a non-empty string`, 'shape')
  }
  if (!/^\d{6}$/.test(m.stan as string)) throw new JsonlError(`stan must be six digits, got ${JSON.stringify(m.stan)}`, 'shape')
  if (!m.body || typeof m.body !== 'object' || Array.isArray(m.body)) throw new JsonlError('field "body" must be an object', 'shape')
  return m as unknown as JsonlMessage
}

/**
 * Splits a byte stream into lines; a line longer than `max` bytes is discarded whole and
 * reported once, so a peer that never sends "\n" cannot grow memory without bound.
 */
export class LineSplitter {
  private buf = ''
  private skipping = false

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly onOversize: (bytes: number) => void = () => {},
    private readonly max = MAX_LINE_BYTES,
  ) {}

  push(chunk: Buffer | string): void {
    this.buf += typeof chunk === 'string' ? chunk : chunk.toString('utf8')
    for (;;) {
      const nl = this.buf.indexOf('\n')
      if (nl < 0) break
      const line = this.buf.slice(0, nl).replace(/\r$/, '')
      this.buf = this.buf.slice(nl + 1)
      if (this.skipping) this.skipping = false
      else if (line.length > this.max) this.onOversize(line.length) // a long line that arrived in one chunk
      else if (line.length > 0) this.onLine(line)
    }
    if (this.buf.length > this.max) {
      if (!this.skipping) this.onOversize(this.buf.length)
      this.skipping = true
      this.buf = ''
    }
  }
}
