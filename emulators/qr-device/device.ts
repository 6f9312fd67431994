import type { Duplex } from 'node:stream'
import { every, type Clock } from '../../protocols/runtime/clock.js'
import { Random } from '../../protocols/runtime/random.js'
import type { JsonlMessage, PaidBody } from '../../protocols/device-link/jsonl.js'
import { AtClient } from './at-client.js'
import { resolveConfig, type DeviceConfig } from './config.js'
import { ModemDriver } from './modem-driver.js'
import { qrBlock, successSlip } from './printouts.js'
import { ReceiptTap, type ReceiptSeen } from './receipt-tap.js'
import { ServerSession } from './server-session.js'
import { buildTransaction, type DeviceTransaction } from './transaction.js'

export interface QrDevicePorts {
  register: Duplex
  printer: Duplex
  modem: Duplex
  /** Test port: the device writes `DISPLAY <text>` and `NOTE <text>` lines; it reads `KEY <keys>` lines. */
  console?: Duplex
}

export interface QrDeviceOptions {
  clock: Clock
  ports: QrDevicePorts
  config?: Partial<DeviceConfig>
  /** Seed of the nonces the firmware draws. Default 1. */
  seed?: number
}

/**
 * Reference firmware of the patent's QR device. It sees the world only through its ports:
 * it passes the register's print jobs to the printer, reads the total, prints a payment
 * QR before the cut, registers the transaction with the server through the modem, and
 * prints a "payment successful" slip when the server reports the payment.
 */
export class QrDevice {
  readonly config: DeviceConfig
  readonly transactions = new Map<string, DeviceTransaction>()
  private readonly clock: Clock
  private readonly ports: QrDevicePorts
  private readonly tap: ReceiptTap
  private readonly at: AtClient
  private readonly modem: ModemDriver
  private readonly session: ServerSession
  private readonly outbox: DeviceTransaction[] = []
  private readonly slips: Buffer[] = []
  private readonly stopping = new AbortController()
  private linkDown: (() => void) | undefined
  private stopHeartbeat: (() => void) | undefined
  private running = false
  private busyRegistering = false

  constructor(options: QrDeviceOptions) {
    this.clock = options.clock
    this.ports = options.ports
    this.config = resolveConfig(options.config)
    const random = new Random(options.seed ?? 1).fork('qr-device')
    this.tap = new ReceiptTap({
      totalPatterns: this.config.totalPatterns,
      currencyExponent: this.config.currencyExponent,
      encoding: this.config.encoding,
      chineseEncoding: this.config.chineseEncoding,
      onCut: (seen) => this.onCut(seen),
    })
    this.at = new AtClient(
      this.ports.modem,
      this.clock,
      (urc) => this.onUrc(urc),
      (data) => this.session.receive(data),
    )
    this.modem = new ModemDriver(
      this.at,
      this.clock,
      { apn: this.config.apn, server: this.config.server, atTimeout: this.config.timeouts.at, connectTimeout: this.config.timeouts.connect },
      (what) => this.note(what),
    )
    this.session = new ServerSession({
      clock: this.clock,
      config: this.config,
      random,
      send: (bytes) => this.modem.send(bytes),
      onPaid: (body, m) => this.onPaid(body, m),
      note: (what) => this.note(what),
    })
  }

  start(): void {
    if (this.running) return
    this.running = true
    this.ports.register.on('data', (chunk: Buffer) => {
      this.ports.printer.write(this.tap.push(chunk))
      this.printSlipsIfIdle()
    })
    // Status replies from the printer go back to the register unchanged.
    this.ports.printer.on('data', (chunk: Buffer) => this.ports.register.write(chunk))
    this.display('READY')
    void this.connectLoop()
  }

  async stop(): Promise<void> {
    this.running = false
    this.stopping.abort(new Error('device stopped'))
    this.stopHeartbeat?.()
    this.linkDown?.()
    this.ports.register.removeAllListeners('data')
    this.ports.printer.removeAllListeners('data')
  }

  private onCut(seen: ReceiptSeen): Buffer {
    // No total (a report, a void) or nothing to collect (a refund): the receipt prints as it came.
    if (seen.total === undefined || !(Number(seen.total) > 0) || this.config.inject?.skipQr) return Buffer.alloc(0)
    const txn = buildTransaction(this.config, seen.total, this.session.nextStan(), this.clock.now())
    this.transactions.set(txn.reference, txn)
    this.display(`TOTAL ${txn.request.amount}`)
    this.outbox.push(txn)
    queueMicrotask(() => void this.registerPending())
    return qrBlock(this.config, txn)
  }

  /** Sends queued registrations, oldest first, while the server link is up. */
  private async registerPending(): Promise<void> {
    if (this.busyRegistering || this.modem.state !== 'connected') return
    this.busyRegistering = true
    try {
      while (this.outbox.length > 0 && this.modem.state === 'connected' && this.running) {
        const txn = this.outbox[0]!
        try {
          const ack = await this.session.register(txn)
          txn.state = ack.result === 'accepted' ? 'registered' : 'rejected'
          this.note(`${txn.reference} ${ack.result}${ack.reason ? `: ${ack.reason}` : ''}`)
          this.outbox.shift()
        } catch (err) {
          this.note(`registration of ${txn.reference} failed: ${(err as Error).message}`)
          break
        }
      }
    } finally {
      this.busyRegistering = false
    }
  }

  private onPaid(body: PaidBody, m: JsonlMessage): void {
    const txn = this.transactions.get(body.reference)
    if (!txn) {
      this.note(`paid notification for unknown reference ${body.reference} (stan ${m.stan})`)
      return
    }
    if (body.amount !== txn.request.amount) {
      this.note(`paid notification for ${body.reference} carries ${body.amount}, expected ${txn.request.amount}: ignored`)
      return
    }
    void this.session.paidAck(body.reference).catch((err: Error) => this.note(`paid-ack failed: ${err.message}`))
    if (txn.state === 'paid') return // a repeated notification: acknowledged again, printed once
    txn.state = 'paid'
    this.display(`PAID ${txn.request.amount}`)
    if (!this.config.inject?.skipSlip) {
      this.slips.push(successSlip(this.config, txn, body.paidAt))
      this.printSlipsIfIdle()
    }
  }

  /** A slip never lands inside a receipt the register is still printing. */
  private printSlipsIfIdle(): void {
    if (!this.tap.idle) return
    while (this.slips.length > 0) this.ports.printer.write(this.slips.shift()!)
  }

  private async connectLoop(): Promise<void> {
    let backoff = 5_000
    while (this.running) {
      try {
        await this.modem.connect()
        backoff = 5_000
        this.display('ONLINE')
        this.startHeartbeat()
        void this.registerPending()
        await new Promise<void>((resolve) => (this.linkDown = resolve))
        this.stopHeartbeat?.()
      } catch (err) {
        if (!this.running) return
        this.note(`modem: ${(err as Error).message}`)
      }
      if (!this.running) return
      this.display('OFFLINE')
      try {
        await this.clock.sleep(backoff, this.stopping.signal)
      } catch {
        return
      }
      backoff = Math.min(backoff * 2, 60_000)
    }
  }

  private startHeartbeat(): void {
    this.stopHeartbeat?.()
    if (this.config.heartbeatSeconds <= 0) return
    this.stopHeartbeat = every(this.clock, this.config.heartbeatSeconds * 1000, () => {
      if (this.modem.state === 'connected') void this.session.heartbeat().catch(() => undefined)
    })
  }

  private onUrc(urc: string): void {
    if (urc === 'CLOSED' || urc === '+PDP: DEACT' || /^\d, CLOSED$/.test(urc)) {
      this.note(`connection lost (${urc})`)
      this.modem.lost()
      this.linkDown?.()
      this.linkDown = undefined
    }
  }

  private display(text: string): void {
    this.ports.console?.write(`DISPLAY ${text}\r\n`)
  }

  private note(text: string): void {
    this.ports.console?.write(`NOTE ${text}\r\n`)
  }
}
