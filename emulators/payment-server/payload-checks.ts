import { checkPayload, type PayloadCheck } from '../../protocols/emv/check-payload.js'

/**
 * Payload validation with a small memory: the host validates a QR text when the device
 * registers it and again when the consumer scans it; the verdict cannot change in between,
 * so the second check is a lookup. Bounded (oldest forgotten first).
 */
export class PayloadChecks {
  private readonly cache = new Map<string, PayloadCheck>()

  constructor(private readonly limit = 4096) {}

  check(payload: string): PayloadCheck {
    const hit = this.cache.get(payload)
    if (hit) return hit
    const result = checkPayload(payload)
    this.cache.set(payload, result)
    if (this.cache.size > this.limit) this.cache.delete(this.cache.keys().next().value!)
    return result
  }
}
