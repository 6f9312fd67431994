import type { Duplex } from 'node:stream'
import { every, type Clock, type TimerHandle } from '../../protocols/runtime/clock.js'
import { ModemError } from './errors.js'
import { Keypad } from './keypad.js'
import { Random } from '../../protocols/runtime/random.js'
import { toMinorUnits } from '../../protocols/emv/currency.js'
import { resolveConfig, validateConfig, type DeviceConfig } from './config.js'
import { IsoServerSession } from './iso-session.js'
import { JsonlServerSession } from './jsonl-session.js'
import { createModemTransport, type ModemTransport } from './modem-transport.js'
import { qrBlock, successSlip } from './printouts.js'
import { ReceiptTap, type ReceiptSeen } from './receipt-tap.js'
import type { PaidNotice, ServerSession } from './server-session.js'
import { buildTransaction, type DeviceTransaction } from './transaction.js'

/** Wait before re-sending registrations the server did not acknowledge. */
const REGISTRATION_RETRY_MS = 15_000

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
  private readonly modem: ModemTransport
  private readonly session: ServerSession
  private readonly outbox: DeviceTransaction[] = []
  private readonly slips: Buffer[] = []
  private readonly stopping = new AbortController()
  private linkDown: (() => void) | undefined
  private stopHeartbeat: (() => void) | undefined
  private running = false
  private busyRegistering = false
  /** Connected and signed on: registrations and heartbeats may go out. */
  private online = false
  private retryTimer: TimerHandle | undefined
  private readonly keypad: Keypad
  /** Printer output waiting behind a held cut. */
  private output: Promise<void> = Promise.resolve()
  private queued = 0

  constructor(options: QrDeviceOptions) {
    this.clock = options.clock
    this.ports = options.ports
    this.config = resolveConfig(options.config)
    validateConfig(this.config)
    const random = new Random(options.seed ?? 1).fork('qr-device')
    this.keypad = new Keypad(this.ports.console, this.clock, (what) => this.note(what))
    this.tap = new ReceiptTap({
      totalPatterns: this.config.totalPatterns,
      currencyExponent: this.config.currencyExponent,
      encoding: this.config.encoding,
      chineseEncoding: this.config.chineseEncoding,
      onCut: (seen) => this.onCut(seen),
    })
    this.modem = createModemTransport(this.config, {
      port: this.ports.modem,
      clock: this.clock,
      hooks: { onData: (data) => this.session.receive(data), onLost: () => this.onLost(), note: (what) => this.note(what) },
    })
    const sessionOptions = {
      clock: this.clock,
      config: this.config,
      random,
      send: (bytes: Buffer) => this.modem.send(bytes),
      onPaid: (notice: PaidNotice) => this.onPaid(notice),
      note: (what: string) => this.note(what),
    }
    this.session = this.config.server.profile === 'iso8583' ? new IsoServerSession(sessionOptions) : new JsonlServerSession(sessionOptions)
  }

  start(): void {
    if (this.running) return
    this.running = true
    this.ports.register.on('data', (chunk: Buffer) => {
      for (const part of this.tap.pushParts(chunk)) this.toPrinter(part)
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
    this.clock.clearTimeout(this.retryTimer)
    this.linkDown?.()
    this.ports.register.removeAllListeners('data')
    this.ports.printer.removeAllListeners('data')
  }

  /**
   * Printer output in order. Bytes go out at once unless a held cut (the operator is still
   * confirming) is ahead of them; then they wait their turn.
   */
  private toPrinter(part: Buffer | Promise<Buffer>): void {
    if (this.queued === 0 && Buffer.isBuffer(part)) {
      if (part.length > 0) this.ports.printer.write(part)
      return
    }
    this.queued++
    this.output = this.output
      .then(async () => {
        const bytes = await part
        if (bytes.length > 0 && this.running) this.ports.printer.write(bytes)
      })
      .catch((err: Error) => this.note(`printer output: ${err.message}`))
      .finally(() => {
        this.queued--
        this.printSlipsIfIdle()
      })
  }

  private onCut(seen: ReceiptSeen): Buffer | Promise<Buffer> {
    // No total (a report, a void) or nothing to collect (a refund): the receipt prints as it came.
    if (seen.total === undefined || !(Number(seen.total) > 0) || this.config.inject?.skipQr) return Buffer.alloc(0)
    if (this.config.confirm === 'keypad') return this.confirmThenQr(seen.total)
    return this.paymentQr(seen.total)
  }

  /** Shows the total and waits for the operator; the receipt (and what follows it) waits too. */
  private async confirmThenQr(total: string): Promise<Buffer> {
    this.display(`CONFIRM ${total}`)
    const answer = await this.keypad.ask(this.config.timeouts.confirm)
    if (answer.kind === 'confirm') return this.paymentQr(total)
    if (answer.kind === 'correct') return this.paymentQr(Number(answer.amount).toFixed(this.config.currencyExponent))
    this.note(answer.kind === 'cancel' ? `total ${total} cancelled by the operator` : `total ${total} not confirmed in time`)
    this.display('READY')
    return Buffer.alloc(0)
  }

  private paymentQr(total: string): Buffer {
    const txn = buildTransaction(this.config, total, this.session.nextStan(), this.clock.now())
    this.transactions.set(txn.reference, txn)
    this.display(`TOTAL ${txn.request.amount}`)
    this.outbox.push(txn)
    queueMicrotask(() => void this.registerPending())
    return qrBlock(this.config, txn)
  }

  /** The server did not answer: try the queue again later on the same connection. */
  private retryRegistrationLater(): void {
    if (this.retryTimer) return
    this.retryTimer = this.clock.setTimeout(() => {
      this.retryTimer = undefined
      void this.registerPending()
    }, REGISTRATION_RETRY_MS)
  }

  /** Sends queued registrations, oldest first, while the server link is up. */
  private async registerPending(): Promise<void> {
    if (this.busyRegistering || !this.online || this.modem.state !== 'connected') return
    this.busyRegistering = true
    try {
      while (this.outbox.length > 0 && this.online && this.modem.state === 'connected' && this.running) {
        const txn = this.outbox[0]!
        try {
          const ack = await this.session.register(txn)
          txn.state = ack.result === 'accepted' ? 'registered' : 'rejected'
          this.note(`${txn.reference} ${ack.result}${ack.reason ? `: ${ack.reason}` : ''}`)
          this.outbox.shift()
        } catch (err) {
          this.note(`registration of ${txn.reference} failed: ${(err as Error).message}`)
          if (err instanceof ModemError) {
            // The modem refused or ignored the send: its socket is gone (a silent reboot loses
            // them all), so reconnect; the transaction stays queued.
            void this.modem.close().catch(() => undefined)
            this.onLost()
          } else this.retryRegistrationLater()
          break
        }
      }
    } finally {
      this.busyRegistering = false
    }
  }

  private onPaid({ body, stan, ack }: PaidNotice): void {
    const txn = this.transactions.get(body.reference)
    if (!txn) {
      this.note(`paid notification for unknown reference ${body.reference} (stan ${stan})`)
      return
    }
    if (!sameAmount(body.amount, txn.request.amount, txn.request.currency)) {
      this.note(`paid notification for ${body.reference} carries ${body.amount}, expected ${txn.request.amount}: ignored`)
      return
    }
    void ack().catch((err: Error) => this.note(`paid-ack failed: ${err.message}`))
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
    if (!this.tap.idle || this.queued > 0) return
    while (this.slips.length > 0) this.ports.printer.write(this.slips.shift()!)
  }

  private async connectLoop(): Promise<void> {
    let backoff = 5_000
    while (this.running) {
      try {
        await this.modem.connect()
        // Armed before the sign-on: a drop during it must end the wait at once.
        const down = new Promise<void>((resolve) => (this.linkDown = resolve))
        await this.signOn(down)
        this.online = true
        backoff = 5_000
        this.display('ONLINE')
        this.startHeartbeat()
        void this.registerPending()
        await down
        this.online = false
        this.stopHeartbeat?.()
      } catch (err) {
        this.online = false
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
      if (this.online && this.modem.state === 'connected') void this.session.heartbeat().catch(() => undefined)
    })
  }

  /** The profile's sign-on; a refusal or silence closes the connection so the loop retries. */
  private async signOn(down: Promise<void>): Promise<void> {
    const lost = down.then(() => {
      throw new Error('connection lost during sign-on')
    })
    lost.catch(() => undefined)
    try {
      await Promise.race([this.session.open(), lost])
    } catch (err) {
      await this.modem.close().catch(() => undefined)
      throw err
    }
  }

  /** The modem reported the connection or the bearer gone. */
  private onLost(): void {
    this.linkDown?.()
    this.linkDown = undefined
  }

  private display(text: string): void {
    this.ports.console?.write(`DISPLAY ${text}\r\n`)
  }

  private note(text: string): void {
    this.ports.console?.write(`NOTE ${text}\r\n`)
  }
}

/** Amounts compared in minor units: "123" and "123.00" are the same TWD amount whatever the exponent each side used. */
function sameAmount(a: string, b: string, currency: string): boolean {
  if (a === b) return true
  const x = toMinorUnits(a, currency)
  return x !== undefined && x === toMinorUnits(b, currency)
}
