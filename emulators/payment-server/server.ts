import type { Duplex } from 'node:stream'
import type { Clock } from '../../protocols/runtime/clock.js'
import { EventLog } from '../../protocols/runtime/event-log.js'
import { Random } from '../../protocols/runtime/random.js'
import type { AckBody } from '../../protocols/device-link/jsonl.js'
import { PaymentServerConfigError, PaymentServerStateError } from './errors.js'
import { Faults } from './faults.js'
import { Gateway } from './gateway.js'
import type { DeviceSession, Host } from './host.js'
import { Journal, type JournalRecord } from './journal.js'
import { Ledger } from './ledger.js'
import { Notifier } from './notifier.js'
import type { PaymentServerOptions } from './options.js'
import { registerTransaction } from './register.js'
import { ReplayGuard } from './replay-guard.js'
import { SmsOutbox } from './sms-outbox.js'
import type { Transaction } from './types.js'
import { Wallet } from './wallet.js'
import { NotificationRouter } from './notification-router.js'
import { PayloadChecks } from './payload-checks.js'
import { startHttpApi, type HttpApi } from './http/api.js'

/**
 * The payment company's host: device gateway (TCP, profile jsonl or iso8583), ledger,
 * consumer wallet, notifications with retry, SMS outbox, faults, journal, HTTP API.
 * See options.ts for the defaults.
 */
export class PaymentServer implements Host {
  readonly clock: Clock
  readonly events: EventLog
  readonly faults: Faults
  readonly guard: ReplayGuard
  readonly maxFrameBytes: number
  readonly ledger: Ledger
  readonly wallet: Wallet
  readonly sms: SmsOutbox
  private readonly notifier: Notifier
  private readonly router: NotificationRouter
  private readonly journal: Journal | undefined
  private readonly terminals: Map<string, { key: string; merchantPhone?: string }>
  private readonly random: Random
  private readonly checks = new PayloadChecks()
  private gateway: Gateway | undefined
  private http: HttpApi | undefined
  private ports: { httpPort?: number; gatewayPort: number } | undefined
  private stan = 0
  private state: 'new' | 'starting' | 'running' | 'closed' = 'new'

  constructor(readonly options: PaymentServerOptions) {
    this.clock = options.clock
    this.events = new EventLog(options.clock, 'server')
    this.terminals = new Map()
    for (const [id, t] of Object.entries(options.terminals)) this.addTerminal(id, t.key, t.merchantPhone)
    this.random = new Random(options.seed ?? 1).fork('payment-server')
    this.maxFrameBytes = options.maxFrameBytes ?? 8192
    this.guard = new ReplayGuard(options.replayWindowMs ?? 300_000)
    this.faults = new Faults((settings) => this.events.emit('faults-changed', settings))
    this.journal = options.journal ? Journal.open(options.journal) : undefined
    this.ledger = new Ledger(this.clock, this.events, (txn) => this.persist({ kind: 'txn', txn }))
    this.sms = new SmsOutbox(this.clock, this.events, options.smsDeliveryMs ?? 500, (sms) => this.persist({ kind: 'sms', sms }))
    this.router = new NotificationRouter(this)
    this.notifier = new Notifier(this.clock, this.events, this.ledger, (txn) => this.router.sendPaid(txn), options.notifyRetry)
    this.wallet = new Wallet(this.clock, this.events, this.ledger, {
      paid: (txn) => this.onPaid(txn),
      takeDeclineFault: () => this.faults.take('decline'),
      takeAmountFault: () => this.faults.takeAmount(),
    }, (payload) => this.checks.check(payload))
    this.recover()
  }

  /** Opens the gateway (and the HTTP API unless `http: false`); resolves to the bound ports. */
  async start(): Promise<{ httpPort?: number; gatewayPort: number }> {
    if (this.state !== 'new') throw new PaymentServerStateError(`start() called on a ${this.state} server`)
    this.state = 'starting'
    const gw = this.options.gateway ?? {}
    this.gateway = new Gateway(this, this.options.profile ?? 'jsonl')
    const gatewayPort = await this.gateway.listen(gw.host ?? '127.0.0.1', gw.port ?? 0)
    let httpPort: number | undefined
    if (this.options.http !== false) {
      const h = this.options.http ?? {}
      this.http = await startHttpApi(this, h.host ?? '127.0.0.1', h.port ?? 0)
      httpPort = this.http.port
    }
    this.ports = { httpPort, gatewayPort }
    this.state = 'running'
    this.events.emit('started', { ...this.ports, profile: this.options.profile ?? 'jsonl' })
    this.notifier.resume()
    return this.ports
  }

  /**
   * Simulates a host crash and restart: every connection drops, everything in memory is
   * forgotten, and the ledger and SMS outbox are read back from the journal (without a
   * journal, they are lost, as a real host without one would lose them). Listens again on
   * the same ports and resumes every notification still owed.
   */
  async restart(): Promise<{ httpPort?: number; gatewayPort: number }> {
    if (this.state !== 'running' || !this.ports) throw new PaymentServerStateError(`restart() needs a running server (it is ${this.state})`)
    this.state = 'starting'
    const ports = this.ports
    this.events.emit('restarting', { journal: this.journal?.path ?? null })
    await this.http?.close()
    await this.gateway?.close()
    this.notifier.reset()
    this.router.close()
    this.ledger.reset()
    this.sms.reset()
    this.recover()
    const gw = this.options.gateway ?? {}
    this.gateway = new Gateway(this, this.options.profile ?? 'jsonl')
    await this.gateway.listen(gw.host ?? '127.0.0.1', ports.gatewayPort)
    if (this.options.http !== false && ports.httpPort !== undefined) {
      this.http = await startHttpApi(this, this.options.http?.host ?? '127.0.0.1', ports.httpPort)
    }
    this.state = 'running'
    this.events.emit('started', { ...ports, profile: this.options.profile ?? 'jsonl', restarted: true })
    this.notifier.resume()
    return ports
  }

  /** Bound ports once started. */
  get addresses(): { httpPort?: number; gatewayPort: number } | undefined {
    return this.ports
  }

  /** Serves a device over a byte stream instead of a TCP connection (the emulator contract's port side). */
  attach(port: Duplex): void {
    if (this.state !== 'running' || !this.gateway) throw new PaymentServerStateError(`attach() needs a started server (it is ${this.state})`)
    this.gateway.attach(port)
  }

  /** Adds or replaces a terminal's key at run time. */
  addTerminal(terminalId: string, key: string, merchantPhone?: string): void {
    if (typeof key !== 'string' || key.length === 0) throw new PaymentServerConfigError(`terminal ${terminalId}: key must be a non-empty string`)
    if (this.options.profile === 'iso8583' && !/^[\x20-\x7e]{1,8}$/.test(terminalId)) {
      throw new PaymentServerConfigError(`terminal id ${JSON.stringify(terminalId)} does not fit ISO 8583 DE41 (ans8)`)
    }
    this.terminals.set(terminalId, { key, merchantPhone })
  }

  /** Sends a `paid` notification for a reference the ledger does not know (fault). */
  injectUnknownNotification(terminalId: string, reference = 'UNKNOWN-REF', amount = '1.00', currency = '156'): boolean {
    this.events.emit('fault-applied', { fault: 'unknownNotification', terminalId, reference })
    return this.router.sendRaw({ reference, terminalId, amount, currency })
  }

  /** Whether a paid notification for `reference` is still waiting for its ack. */
  notificationPending(reference: string): boolean {
    return this.notifier.isPending(reference)
  }

  async close(): Promise<void> {
    if (this.state === 'closed') return
    this.state = 'closed'
    this.notifier.close()
    this.router.close()
    this.ledger.close()
    this.sms.close()
    await this.http?.close()
    await this.gateway?.close()
    this.events.emit('closed', {})
  }

  // ---- Host (used by device sessions) ----

  keyOf(terminalId: string): string | undefined {
    return this.terminals.get(terminalId)?.key
  }

  register(terminalId: string, stan: string, body: Record<string, unknown>): AckBody {
    const out = registerTransaction(this.ledger, body, { terminalId, stan, now: this.clock.now(), expiryMs: this.options.expiryMs ?? 900_000, check: (p) => this.checks.check(p) })
    const reference = typeof body.reference === 'string' ? body.reference : ''
    if (out.result === 'rejected') {
      this.refuse(out.reason, out.message, { terminalId, stan, reference })
      return { reference, result: 'rejected', reason: `${out.reason}: ${out.message}` }
    }
    if (out.duplicate) this.events.emit('duplicate', { terminalId, stan, reference, type: 'register' })
    return { reference, result: 'accepted' }
  }

  paidAck(terminalId: string, reference: string): void {
    const txn = this.ledger.get(reference)
    if (!txn || txn.terminalId !== terminalId) return this.refuse('unknown-reference', `paid-ack for unknown reference ${reference}`, { terminalId, reference })
    if (!this.notifier.acknowledge(reference)) this.events.emit('duplicate', { terminalId, reference, type: 'paid-ack' })
  }

  online(terminalId: string, session: DeviceSession): void {
    if (this.router.bind(terminalId, session)) this.notifier.flush(terminalId)
  }

  offline(session: DeviceSession): void {
    this.router.unbind(session)
  }

  nextStan(): string {
    this.stan = (this.stan % 999_999) + 1
    return String(this.stan).padStart(6, '0')
  }

  nonce(): string {
    let s = ''
    for (let i = 0; i < 4; i++) s += Math.floor(this.random.next() * 0x1_0000_0000).toString(16).padStart(8, '0')
    return s
  }

  refuse(reason: string, message: string, detail: Record<string, unknown> = {}): void {
    this.events.emit('rejected', { reason, message, ...detail })
  }

  // ---- internals ----

  /** Journals a change; a failed write is logged loudly (the change itself still happens). */
  private persist(record: JournalRecord): void {
    if (!this.journal) return
    try {
      this.journal.append(record)
    } catch (err) {
      this.events.emit('journal-error', { path: this.journal.path, message: (err as Error).message })
    }
  }

  private onPaid(txn: Transaction): void {
    this.notifier.start(txn)
    const phone = this.terminals.get(txn.terminalId)?.merchantPhone
    if (phone) {
      const text = `Payment received: ${txn.paidAmount ?? txn.amount} (${txn.currency}) ref ${txn.reference} terminal ${txn.terminalId}`
      this.sms.send(phone, text, txn.reference)
    }
  }

  /** Loads the journal (if any): transactions and the SMS outbox come back as they were. */
  private recover(): void {
    if (!this.journal) return
    const state = this.journal.read()
    this.journal.compact(state)
    for (const txn of state.txns.values()) this.ledger.restore(txn)
    for (const sms of state.sms.values()) this.sms.restore(sms)
    if (state.txns.size + state.sms.size > 0) this.events.emit('recovered', { transactions: state.txns.size, sms: state.sms.size })
  }
}
