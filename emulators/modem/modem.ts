import type { Duplex } from 'node:stream'
import type { TimerHandle } from '../../protocols/runtime/clock.js'
import { EventLog } from '../../protocols/runtime/event-log.js'
import { Random } from '../../protocols/runtime/random.js'
import { AtEngine } from './at/engine.js'
import { basicCommands } from './basic.js'
import type { CommandTable, DialectImpl, ModemContext, PacketFaults } from './context.js'
import { ModemClosedError, ModemConfigError } from './errors.js'
import { DEFAULT_STRAY_URCS, FAULT_NAMES, extraDelay, faultLine, type ModemFaults } from './faults.js'
import { every } from '../../protocols/runtime/clock.js'
import type { SmsFaults } from './sms/commands.js'
import { resolveDestination } from './network/destination.js'
import { NetworkModel, type RegStat, type SimState } from './network/model.js'
import { ModemSocket, type SocketHandlers } from './network/socket.js'
import { resolveOptions, type ModemOptions, type ResolvedOptions } from './options.js'
import { Outbox, type SmsMessage } from './sms/outbox.js'
import { createDialect } from './dialects.js'

/**
 * A GPRS modem on a serial port: an AT engine speaking the SIM800 or Quectel dialect, a
 * network model (SIM, signal, registration, attach, PDP), sockets that open real TCP
 * connections to loopback targets, an SMS outbox, and faults settable at any moment.
 */
export class ModemEmulator {
  readonly events: EventLog
  /** SMS the DUT sent. */
  readonly outbox: Outbox
  readonly options: ResolvedOptions
  private readonly ctx: ModemContext
  private readonly engine: AtEngine
  private readonly net: NetworkModel
  private readonly dialect: DialectImpl
  private readonly commands: CommandTable
  private readonly regUrc: () => void
  private readonly basicReset: () => void
  private readonly random: Random
  private readonly lineRandom: Random
  private readonly sockets = new Set<ModemSocket>()
  private readonly packet: PacketFaults = { connectFail: false, sendFail: false }
  private readonly smsFaults: SmsFaults = {}
  private readonly periodic: Array<() => void> = []
  private faults: ModemFaults = {}
  private port: Duplex | undefined
  private readonly onData = (chunk: Buffer): void => this.feed(chunk)
  private booting: TimerHandle | undefined
  /** Switched off by AT+CPOWD / AT+QPOWD until powerOn(). */
  private off = false
  /** Between a (re)boot and its boot URCs. */
  private bootingNow = false
  private closed = false
  private readonly stopping = new AbortController()

  constructor(options: ModemOptions) {
    this.options = resolveOptions(options)
    const clock = options.clock
    this.events = new EventLog(clock, 'modem')
    this.random = new Random(this.options.seed).fork('modem')
    this.lineRandom = this.random.fork('line-faults')
    this.outbox = new Outbox(this.events)
    this.net = new NetworkModel(this.events)
    this.engine = new AtEngine({
      clock,
      write: (bytes) => this.write(bytes),
      dispatch: (cmd) => {
        const handler = this.commands.get(cmd.name)
        return handler ? handler(cmd) : { final: { error: 'plain' } }
      },
      delayFor: (cmd) => this.options.timings.command + extraDelay(cmd?.name ?? '', this.faults),
      filterLine: (wire) => (this.faults.duplicateLines || this.faults.truncateLines ? faultLine(wire, this.faults, this.lineRandom) : [wire]),
      onCommand: (command, response) => this.events.emit('at', { command, response }),
      onIgnored: (what, detail) => this.events.emit(what === 'handler-error' ? 'error' : 'at-ignored', { what, detail }),
      sleep: (ms) => this.sleep(ms),
    })
    this.ctx = {
      clock,
      events: this.events,
      random: this.random.fork('network'),
      net: this.net,
      engine: this.engine,
      opts: this.options,
      outbox: this.outbox,
      packet: this.packet,
      connect: (id, host, port, handlers) => this.connect(id, host, port, handlers),
      sleep: (ms) => this.sleep(ms),
      signal: this.stopping.signal,
      reboot: () => this.reboot(),
      powerDown: () => this.powerDown(),
    }
    this.dialect = createDialect(this.ctx, this.smsFaults)
    const basic = basicCommands(this.ctx, this.dialect.identity)
    this.regUrc = basic.regUrc
    this.basicReset = basic.reset
    this.commands = new Map([...basic.table, ...this.dialect.commands])
    this.net.onChange((change) => {
      if (change === 'bearer-lost') this.dialect.bearerLost()
      if (change === 'registration') this.regUrc()
      if (change === 'sim' && this.net.sim === 'absent') this.engine.urc('+CPIN: NOT INSERTED')
    })
    if (options.port) this.attach(options.port)
  }

  /** Connects the modem to its serial stream (a Link's emulatorEnd, or a real SerialPort). */
  attach(port: Duplex): void {
    if (this.closed) throw new ModemClosedError()
    this.detach()
    this.port = port
    port.on('data', this.onData)
    this.events.emit('attach', {})
    if (this.options.bootUrcs) this.boot()
  }

  /** Disconnects from the serial stream (the stream stays open). */
  detach(): void {
    this.port?.off('data', this.onData)
    this.port = undefined
  }

  // ---- control API (scenario steps) ----

  /** Signal quality 0..31 (99 or 0 = no signal: CSQ 99,99 and registration searching). */
  setSignal(rssi: number, ber = 0): void {
    this.net.setSignal(rssi, ber)
  }

  setSim(state: SimState): void {
    this.net.setSim(state)
  }

  /** Network registration state: 0 not registered, 1 home, 2 searching, 3 denied, 4 unknown, 5 roaming. */
  setRegistration(stat: RegStat): void {
    this.net.setRegistration(stat)
  }

  /** Where the network's location service puts the modem (AT+CLBS, AT+CIPGSMLOC): degrees, accuracy in metres. */
  setLocation(longitude: number, latitude: number, accuracy?: number): void {
    this.net.setLocation(longitude, latitude, accuracy)
  }

  /** Sets faults from now on; fields left out keep their value; `clearFaults()` resets all. */
  setFaults(faults: ModemFaults): void {
    this.faults = { ...this.faults, ...faults }
    this.packet.connectFail = this.faults.connectFail ?? false
    this.packet.sendFail = this.faults.sendFail ?? false
    this.net.failAttach = this.faults.attachFail ?? false
    this.net.failPdp = this.faults.pdpFail ?? false
    if (this.faults.smsFailCode === undefined) delete this.smsFaults.failCode
    else this.smsFaults.failCode = this.faults.smsFailCode
    this.startPeriodic()
    this.events.emit('faults', { ...this.faults })
  }

  /** (Re)starts the stray-URC and noise generators from the current faults. */
  private startPeriodic(): void {
    for (const stop of this.periodic.splice(0)) stop()
    const clock = this.ctx.clock
    const stray = this.faults.strayUrcs
    if (stray && stray.everyMs > 0) {
      const pool = stray.lines?.length ? stray.lines : DEFAULT_STRAY_URCS
      this.periodic.push(every(clock, stray.everyMs, () => this.engine.urc(pool[this.lineRandom.int(0, pool.length - 1)]!)))
    }
    const noise = this.faults.noise
    if (noise && noise.everyMs > 0 && noise.bytes > 0) {
      this.periodic.push(
        every(clock, noise.everyMs, () => {
          const bytes = Buffer.from(Array.from({ length: noise.bytes }, () => this.lineRandom.int(0, 255)))
          this.events.emit('noise', { bytes: bytes.length })
          this.engine.urcRaw(bytes.toString('latin1'))
        }),
      )
    }
  }

  /** Sets one fault: `setFault('connectFail', true)`, `setFault('slowMs', 3000)`; no value = on/clear per type. */
  setFault<K extends keyof ModemFaults>(name: K, value?: ModemFaults[K]): void {
    if (!FAULT_NAMES.includes(name)) throw new ModemConfigError(`unknown modem fault "${String(name)}"; known: ${FAULT_NAMES.join(', ')}`)
    this.setFaults({ [name]: value === undefined ? true : value } as ModemFaults)
  }

  /** Packet attach: false = the network detaches the modem and refuses to attach it again; true = normal. */
  setAttach(ok: boolean): void {
    this.setFaults({ attachFail: !ok })
    if (!ok) this.net.detach()
    else this.net.attach(true)
  }

  /** PDP contexts: false = the active context is deactivated and new activations fail; true = normal. */
  setPdp(ok: boolean): void {
    this.setFaults({ pdpFail: !ok })
    if (!ok) this.dialect.bearerLost()
  }

  /** One-way radio latency in ms, applied to socket traffic from now on. */
  setLatency(ms: number): void {
    if (!(ms >= 0)) throw new ModemConfigError(`latency must be >= 0 ms, got ${ms}`)
    this.options.net.latencyMs = ms
    this.events.emit('network', { ...this.options.net })
  }

  /** Radio bandwidth in bytes per second each way (0 = unlimited). */
  setBandwidth(bytesPerSecond: number): void {
    if (!(bytesPerSecond >= 0)) throw new ModemConfigError(`bandwidth must be >= 0 bytes/s, got ${bytesPerSecond}`)
    this.options.net.bandwidth = bytesPerSecond
    this.events.emit('network', { ...this.options.net })
  }

  /** Extra reply delay: of every command, or of one (`setResponseDelay(30000, '+CIICR')`). */
  setResponseDelay(ms: number, command?: string): void {
    if (!(ms >= 0)) throw new ModemConfigError(`response delay must be >= 0 ms, got ${ms}`)
    if (command === undefined) this.setFaults({ slowMs: ms })
    else {
      const name = command.toUpperCase().replace(/^AT/, '')
      this.setFaults({ slowCommands: { ...this.faults.slowCommands, [name.startsWith('+') || name.length === 1 ? name : `+${name}`]: ms } })
    }
  }

  clearFaults(): void {
    this.faults = {}
    this.setFaults({})
  }

  /** The network closes a connection (all when id is omitted): `CLOSED` URCs. */
  dropConnection(id?: number): void {
    this.dialect.dropConnection(id)
  }

  /** The network deactivates the PDP context: sockets lost, `+PDP: DEACT` (or the dialect's URC). */
  deactivatePdp(): void {
    this.dialect.bearerLost()
  }

  /** The network detaches the modem from packet service (bearer lost). */
  detachNetwork(): void {
    this.net.detach()
  }

  /** Sends an unexpected line now (e.g. `*PSUTTZ: ...`), between replies like a real URC. */
  strayUrc(line: string): void {
    this.engine.urc(line)
  }

  /** Writes raw bytes to the DUT now (line noise). */
  garbage(bytes: Buffer | string): void {
    this.write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes)
  }

  /** Power-cycles the modem: sockets lost, settings reset, boot URCs after timings.boot. */
  reboot(): void {
    if (this.closed) return
    this.events.emit('reboot', {})
    this.off = false
    this.dialect.reset()
    this.engine.reset()
    this.basicReset()
    this.net.reboot()
    this.boot()
  }

  /** Powers the modem on after AT+CPOWD / AT+QPOWD (or power-cycles it): boot URCs after timings.boot. */
  powerOn(): void {
    this.reboot()
  }

  /** Whether the modem was switched off (AT+CPOWD, AT+QPOWD) and not powered on since. */
  get poweredDown(): boolean {
    return this.off
  }

  /** The modem reads and answers nothing: the unresponsive fault, switched off, or booting. */
  private get offline(): boolean {
    return (this.faults.unresponsive ?? false) || this.off || this.bootingNow
  }

  /** SMS the DUT sent, oldest first. */
  get sms(): readonly SmsMessage[] {
    return this.outbox.messages
  }

  /** Releases every timer and socket; safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    this.stopping.abort(new ModemClosedError())
    this.ctx.clock.clearTimeout(this.booting)
    for (const stop of this.periodic.splice(0)) stop()
    this.detach()
    this.dialect.reset()
    this.engine.close()
    for (const s of this.sockets) s.close(true)
    this.sockets.clear()
  }

  // ---- internals ----

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      if (this.closed) return
      this.ctx.clock.sleep(ms, this.stopping.signal).then(resolve, () => undefined)
    })
  }

  private feed(chunk: Buffer): void {
    if (this.offline) {
      this.events.emit('at-ignored', { what: 'offline', detail: chunk.length })
      return
    }
    this.engine.feed(chunk)
  }

  private write(bytes: Buffer): void {
    const port = this.port
    if (!port || this.closed || port.destroyed || !port.writable) return
    port.write(bytes)
  }

  /** AT+CPOWD / AT+QPOWD: everything lost, silent until powerOn(). */
  private powerDown(): void {
    if (this.closed) return
    this.off = true
    this.bootingNow = false
    this.ctx.clock.clearTimeout(this.booting)
    this.dialect.reset()
    this.engine.reset()
    this.events.emit('power-down', {})
  }

  private boot(): void {
    this.bootingNow = true
    this.ctx.clock.clearTimeout(this.booting)
    this.booting = this.ctx.clock.setTimeout(() => {
      this.bootingNow = false
      const sim = { ready: 'READY', absent: 'NOT INSERTED', pin: 'SIM PIN', puk: 'SIM PUK' }[this.net.sim]
      for (const line of this.dialect.bootUrcs(sim)) this.engine.urc(line)
      this.events.emit('boot', {})
    }, this.options.timings.boot)
  }

  private async connect(id: number, host: string, port: number, handlers: SocketHandlers): Promise<ModemSocket | undefined> {
    if (this.closed) return undefined
    const dest = resolveDestination(host, port, this.options.routes, this.options.allow)
    if (!dest.ok) {
      this.events.emit('tcp-refused', { id, host, port, reason: dest.reason })
      return undefined
    }
    for (const s of this.sockets) if (s.state === 'closed') this.sockets.delete(s)
    const socket = new ModemSocket(id, { host, port }, { host: dest.host, port: dest.port }, this.ctx.clock, () => this.options.net, this.events, handlers)
    this.sockets.add(socket)
    const ok = await socket.open(this.options.timings.connectTimeout)
    if (this.closed) {
      socket.close(true)
      return undefined
    }
    if (!ok) {
      this.events.emit('tcp-connect-fail', { id, host, port, target: `${dest.host}:${dest.port}` })
      return undefined
    }
    return socket
  }
}
