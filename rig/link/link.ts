import { SerialPortStream } from '@serialport/stream'
import { MockBinding, type MockPortBinding } from '@serialport/binding-mock'
import type { BindingInterface, SetOptions } from '@serialport/bindings-interface'
import type { Clock, TimerHandle } from '../../protocols/runtime/clock.js'
import { EventLog } from '../../protocols/runtime/event-log.js'
import { Random } from '../../protocols/runtime/random.js'
import { DEFAULT_LINE, charTimeMs, portOpenOptions, sameFraming, type LineSettings } from './line-settings.js'
import type { CaptureEntry, EndName, LinkFaults } from './types.js'

export interface LinkOptions {
  /** The DUT port this link serves: `register`, `printer`, `modem`. */
  name: string
  clock: Clock
  /** Line settings of both ends. */
  line?: LineSettings
  /** Line settings of the DUT end when they differ from the emulator's (a misconfigured bench). */
  dutLine?: LineSettings
  /** Bytes a UART commits to the wire at once (its transmit FIFO); they still arrive after XOFF. Default 16. */
  txFifo?: number
  /** Seed for fault injection and garbling. Default 1. */
  seed?: number
}

interface EndState {
  readonly name: EndName
  readonly line: Required<LineSettings>
  port?: MockPortBinding
  queue: Buffer[]
  sending: boolean
  xoff: boolean
  rts: boolean
  dtr: boolean
  timer?: TimerHandle
  /** drain() callers waiting for the transmit queue to empty onto the wire (tcdrain). */
  drainWaiters: Array<() => void>
}

let linkCounter = 0
const XON = 0x11
const XOFF = 0x13

/**
 * A duplex byte channel between an emulator and a DUT port: two SerialPortStreams over
 * @serialport/binding-mock, pumped through the rig's clock with wire-time pacing,
 * flow control, fault injection and a timestamped capture of every byte.
 */
export class Link {
  readonly name: string
  readonly capture: CaptureEntry[] = []
  readonly events: EventLog
  emulatorEnd!: SerialPortStream
  dutEnd!: SerialPortStream
  private readonly clock: Clock
  private readonly ends: Record<EndName, EndState>
  private readonly txFifo: number
  private readonly random: Random
  private faults: LinkFaults = {}
  private closed = false

  private constructor(options: LinkOptions) {
    this.name = options.name
    this.clock = options.clock
    this.txFifo = options.txFifo ?? 16
    this.random = new Random(options.seed ?? 1).fork(`link:${options.name}`)
    this.events = new EventLog(options.clock, `link:${options.name}`)
    const line = { ...DEFAULT_LINE, ...options.line }
    const dutLine = { ...line, ...options.dutLine }
    this.ends = { emulator: newEnd('emulator', line), dut: newEnd('dut', dutLine) }
    if (!sameFraming(line, dutLine)) this.events.emit('line-mismatch', { emulator: line, dut: dutLine })
  }

  static async open(options: LinkOptions): Promise<Link> {
    const link = new Link(options)
    const id = ++linkCounter
    link.emulatorEnd = await link.openEnd('emulator', `/dev/rig-${id}-${options.name}-emu`)
    link.dutEnd = await link.openEnd('dut', `/dev/rig-${id}-${options.name}-dut`)
    return link
  }

  /** Line settings of one end. */
  line(end: EndName): Required<LineSettings> {
    return this.ends[end].line
  }

  /** Sets fault injection from now on; `{}` clears every fault. */
  setFaults(faults: LinkFaults): void {
    this.faults = { ...faults }
    this.events.emit('faults', this.faults)
    if (!faults.disconnected && !this.stalled()) for (const end of Object.values(this.ends)) this.pump(end)
  }

  /** Bytes sent by one end, concatenated in order (what the peer saw, before garbling). */
  sent(from: EndName): Buffer {
    return Buffer.concat(this.capture.filter((c) => c.from === from).map((c) => c.data))
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    for (const end of Object.values(this.ends)) {
      this.clock.clearTimeout(end.timer)
      this.settleDrain(end)
    }
    await Promise.all([closeStream(this.emulatorEnd), closeStream(this.dutEnd)])
  }

  private async openEnd(end: EndName, path: string): Promise<SerialPortStream> {
    MockBinding.createPort(path, { echo: false, record: false })
    const line = this.ends[end].line
    const stream = new SerialPortStream({ binding: this.binding(end), ...portOpenOptions(path, line) })
    await new Promise<void>((resolve, reject) => stream.open((err) => (err ? reject(err) : resolve())))
    // A write still in flight when the link closes fails with "Write canceled": that is the
    // wire going away, recorded, never an uncaught exception.
    stream.on('error', (err: Error) => this.events.emit('port-error', { end, message: err.message }))
    return stream
  }

  /** The mock binding, wrapped so the link sees every write and modem-line change. */
  private binding(end: EndName): BindingInterface {
    const state = this.ends[end]
    return {
      list: () => MockBinding.list(),
      open: async (opts) => {
        const port = await MockBinding.open(opts)
        const write = port.write.bind(port)
        port.write = async (buf: Buffer) => {
          await write(buf)
          this.transmit(state, buf)
        }
        // tcdrain semantics: drain() resolves once every queued byte has left on the wire,
        // so a sender can time a reply from when its query actually went out.
        const drain = port.drain.bind(port)
        port.drain = async () => {
          await drain()
          await new Promise<void>((resolve) => {
            state.drainWaiters.push(resolve)
            this.settleDrain(state)
          })
        }
        const set = port.set.bind(port)
        port.set = async (o: SetOptions) => {
          await set(o)
          this.setModemLines(state, o)
        }
        port.get = async () => {
          const peer = this.peer(state)
          return { cts: peer.rts, dsr: peer.dtr, dcd: !this.faults.disconnected }
        }
        state.port = port
        return port
      },
    } as BindingInterface
  }

  private peer(end: EndState): EndState {
    return end.name === 'emulator' ? this.ends.dut : this.ends.emulator
  }

  private transmit(from: EndState, data: Buffer): void {
    if (this.closed || data.length === 0) return
    from.queue.push(Buffer.from(data))
    this.pump(from)
  }

  private stalled(): boolean {
    return this.faults.stallUntil !== undefined && this.clock.now() < this.faults.stallUntil
  }

  private paused(from: EndState): boolean {
    const peer = this.peer(from)
    switch (from.line.flowControl) {
      case 'xonxoff':
        return from.xoff
      case 'rtscts':
        return !peer.rts
      case 'dtrdsr':
        return !peer.dtr
      default:
        return false
    }
  }

  /** Starts the next slice of queued bytes on the wire, unless one is in flight or the sender is held. */
  private pump(from: EndState): void {
    if (this.closed || from.sending || from.queue.length === 0 || this.paused(from)) return
    if (this.stalled()) {
      from.sending = true
      from.timer = this.clock.setTimeout(() => {
        from.sending = false
        this.pump(from)
      }, this.faults.stallUntil! - this.clock.now())
      return
    }
    const charMs = charTimeMs(from.line)
    const slice = this.takeSlice(from, charMs > 0 ? this.txFifo : Infinity)
    from.sending = true
    const start = this.clock.now()
    from.timer = this.clock.setTimeout(() => {
      from.sending = false
      this.deliver(from, slice, start + charMs, charMs)
      this.pump(from)
      this.settleDrain(from)
    }, slice.length * charMs)
  }

  /** Releases drain() waiters once nothing of this end is queued or in flight (or the link is closed). */
  private settleDrain(end: EndState): void {
    if (end.drainWaiters.length === 0) return
    if (!this.closed && (end.sending || end.queue.length > 0)) return
    const waiters = end.drainWaiters
    end.drainWaiters = []
    for (const resolve of waiters) resolve()
  }

  private takeSlice(from: EndState, max: number): Buffer {
    const all = Buffer.concat(from.queue)
    const slice = all.subarray(0, Math.min(max, all.length))
    const rest = all.subarray(slice.length)
    from.queue = rest.length > 0 ? [rest] : []
    return slice
  }

  private deliver(from: EndState, data: Buffer, firstByteAt: number, charMs: number): void {
    const to = this.peer(from)
    const garbled = !sameFraming(from.line, to.line)
    this.capture.push({ t: firstByteAt, from: from.name, data, charMs, ...(garbled ? { garbled } : {}) })
    if (this.faults.disconnected) return
    let bytes = garbled ? this.garble(data) : this.applyFaults(maskDataBits(data, from.line.dataBits))
    if (to.line.flowControl === 'xonxoff') bytes = this.consumeFlowControl(to, bytes)
    if (bytes.length > 0 && to.port?.isOpen) to.port.emitData(bytes)
  }

  /** A UART with XON/XOFF handles those bytes itself; the application never sees them. */
  private consumeFlowControl(to: EndState, bytes: Buffer): Buffer {
    if (!bytes.includes(XON) && !bytes.includes(XOFF)) return bytes
    const kept: number[] = []
    for (const b of bytes) {
      if (b === XOFF) to.xoff = true
      else if (b === XON) {
        to.xoff = false
        queueMicrotask(() => this.pump(to))
      } else kept.push(b)
    }
    return Buffer.from(kept)
  }

  private applyFaults(data: Buffer): Buffer {
    const { drop = 0, corrupt = 0 } = this.faults
    if (drop === 0 && corrupt === 0) return data
    const out: number[] = []
    for (const b of data) {
      if (drop > 0 && this.random.next() < drop) continue
      out.push(corrupt > 0 && this.random.next() < corrupt ? b ^ (1 << this.random.int(0, 7)) : b)
    }
    return Buffer.from(out)
  }

  private garble(data: Buffer): Buffer {
    return Buffer.from(data.map(() => this.random.int(0, 255)))
  }

  private setModemLines(end: EndState, o: SetOptions): void {
    if (o.rts !== undefined) end.rts = o.rts
    if (o.dtr !== undefined) end.dtr = o.dtr
    this.events.emit('modem-lines', { end: end.name, rts: end.rts, dtr: end.dtr })
    this.pump(this.peer(end))
  }
}

function newEnd(name: EndName, line: Required<LineSettings>): EndState {
  return { name, line, queue: [], sending: false, xoff: false, rts: true, dtr: true, drainWaiters: [] }
}

/** A UART set to fewer than 8 data bits sends only the low bits of each byte (7E1: 0xC4 arrives as 0x44). */
function maskDataBits(data: Buffer, dataBits: number): Buffer {
  if (dataBits >= 8) return data
  const mask = (1 << dataBits) - 1
  return Buffer.from(data.map((b) => b & mask))
}

function closeStream(stream: SerialPortStream | undefined): Promise<void> {
  if (!stream?.isOpen) return Promise.resolve()
  return new Promise((resolve) => stream.close(() => resolve()))
}
