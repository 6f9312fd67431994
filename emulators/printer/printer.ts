/**
 * The thermal printer emulator: port side (receive buffer, real-time status, busy signalling,
 * print speed on the rig clock), control API (paper, cover, offline, cutter, drawer) and the
 * print log of cut segments. The ESC/POS work itself is done by the Interpreter.
 */
import type { Duplex } from 'node:stream'
import type { Clock, TimerHandle } from '../../protocols/runtime/clock.js'
import { EventLog } from '../../protocols/runtime/event-log.js'
import { nameAt } from '../../protocols/escpos/framing.js'
import { PrinterControlError, PrinterOptionsError } from './errors.js'
import { Interpreter } from './interpreter.js'
import { ReceiveBuffer } from './receive-buffer.js'
import { asbBytes, asbWatched, dleEotReply, isOffline, type PrinterCondition } from './status.js'
import type { StoredImage } from './nv-store.js'
import type { FlowControl, FrameAccount, PaperState, PrintedSegment, PrinterOptions, PrintWarning, Raster } from './types.js'

const XON = 0x11
const XOFF = 0x13

export class PrinterEmulator {
  readonly events: EventLog
  readonly segments: PrintedSegment[] = []
  /** Dots across the paper. */
  readonly width: number
  private readonly clock: Clock
  private readonly interp: Interpreter
  private readonly rx: ReceiveBuffer
  private readonly speed: number
  private readonly flow: FlowControl
  private readonly maxSegments: number
  private port: Duplex | undefined
  private detach: (() => void) | undefined
  private readonly cond: PrinterCondition = {
    paper: 'ok',
    coverOpen: false,
    offlineSwitch: false,
    cutterJammed: false,
    errorLatched: false,
    drawerPin3: false,
  }
  private rt = 0
  /** DLE DC4 bytes collected so far (fn, m, t) and the stream offset of its DLE. */
  private dc4: number[] = []
  private dc4At = 0
  private busy = false
  private printTimer: TimerHandle | undefined
  private pumping = false
  private asbMask = 0
  private asbLast = ''
  private segmentCount = 0
  private droppedSegments = 0
  private last: PrintedSegment | undefined
  private readonly onFrame: ((frame: FrameAccount) => void) | undefined
  private closed = false

  constructor(options: PrinterOptions) {
    this.clock = options.clock
    this.events = new EventLog(options.clock, options.name ?? 'printer')
    const paper = options.paper ?? 80
    if (paper !== 58 && paper !== 80) throw new PrinterOptionsError(`paper must be 58 or 80 (mm), got ${paper}`)
    this.width = options.dots ?? (paper === 58 ? 384 : 576)
    if (!Number.isInteger(this.width) || this.width < 8 || this.width > 4096) throw new PrinterOptionsError(`dots must be an integer 8–4096, got ${this.width}`)
    const bufferSize = options.bufferSize ?? 4096
    const busyMargin = options.busyMargin ?? 256
    if (!(bufferSize >= 64) || !(busyMargin >= 1) || busyMargin * 2 >= bufferSize) {
      throw new PrinterOptionsError(`bufferSize (${bufferSize}) must be ≥ 64 and more than twice busyMargin (${busyMargin})`)
    }
    this.speed = options.speed ?? 0
    if (!(this.speed >= 0) || !Number.isFinite(this.speed)) throw new PrinterOptionsError(`speed must be ≥ 0 mm/s, got ${options.speed}`)
    this.flow = options.flowControl ?? 'xon-xoff'
    this.maxSegments = options.maxSegments ?? 1000
    if (!(this.maxSegments >= 0)) throw new PrinterOptionsError(`maxSegments must be ≥ 0, got ${options.maxSegments}`)
    this.rx = new ReceiveBuffer(bufferSize, busyMargin)
    this.onFrame = options.onFrame
    this.interp = new Interpreter(
      {
        width: this.width,
        maxHeight: options.maxSegmentHeight ?? 16000,
        chineseEncoding: options.chineseEncoding ?? 'gb18030',
        chineseAtPowerOn: options.chineseAtPowerOn ?? false,
        ...(options.onFrame ? { onFrame: options.onFrame } : {}),
      },
      {
        warn: (offset, message) => this.events.emit<PrintWarning>('warning', { offset, message }),
        reply: (bytes) => this.send(bytes),
        segment: (s) => this.addSegment(s),
        control: (type: 'asb' | 'drawer', value: unknown) => {
          if (type === 'asb') this.enableAsb(value as number)
          else this.events.emit('drawer', value)
        },
        paperStatus: () => ({ nearEnd: this.cond.paper === 'near-end', out: this.cond.paper === 'out', drawer: this.cond.drawerPin3 }),
      },
    )
    if (options.port) this.attach(options.port)
  }

  // ── port side ──────────────────────────────────────────────────────────────

  /** Starts reading bytes from a port; status replies and XON/XOFF go back to it. */
  attach(port: Duplex): void {
    this.detach?.()
    this.port = port
    const onData = (chunk: Buffer): void => this.write(chunk)
    const onError = (err: Error): void => void this.events.emit('port-error', { message: err.message })
    port.on('data', onData)
    port.on('error', onError)
    this.detach = () => {
      port.off('data', onData)
      port.off('error', onError)
    }
  }

  /** Feeds bytes as if received on the port. */
  write(bytes: Uint8Array): void {
    if (this.closed) return
    const base = this.rx.received
    for (let i = 0; i < bytes.length; i++) {
      // Idle, only DLE starts a real-time command: skip to the next one.
      if (this.rt === 0 && (i = bytes.indexOf(0x10, i)) < 0) break
      this.realtime(bytes[i]!, base + i)
    }
    const lost = this.rx.push(bytes)
    this.pump()
    const dropped = lost + this.rx.trimOverflow()
    if (dropped > 0) {
      this.events.emit<PrintWarning>('warning', { offset: this.rx.received - dropped, message: `receive buffer: overflow, ${dropped} bytes lost (the host went on sending while the printer was busy)` })
    }
    this.signalBusy()
  }

  /** DLE EOT / DLE ENQ / DLE DC4 are acted on as they arrive, wherever they occur. */
  private realtime(b: number, offset: number): void {
    switch (this.rt) {
      case 0:
        if (b === 0x10) {
          this.rt = 1
          this.dc4At = offset
        }
        return
      case 1:
        this.rt = b === 0x04 ? 2 : b === 0x05 ? 3 : b === 0x14 ? 4 : b === 0x10 ? 1 : 0
        if (b === 0x10) this.dc4At = offset
        this.dc4 = []
        return
      case 4:
        this.dc4.push(b)
        if (this.dc4.length === 3) {
          this.rt = 0
          this.dc4Command(this.dc4[0]!, this.dc4[1]!, this.dc4[2]!)
        }
        return
      case 2: {
        this.rt = b === 0x10 ? 1 : 0
        const reply = dleEotReply(b, this.cond)
        if (reply !== undefined) this.send([reply])
        return
      }
      case 3:
        this.rt = b === 0x10 ? 1 : 0
        if ((b === 1 || b === 2) && this.cond.errorLatched && !this.cond.cutterJammed) {
          if (b === 2) this.rx.clear()
          this.cond.errorLatched = false
          this.changed()
        }
        return
    }
  }

  /**
   * DLE DC4 fn m t (Epson ESC/POS Command Reference, DLE DC4): fn 1 pulses drawer pin m
   * (0 pin 2, 1 pin 5) for t × 100 ms on and off; the other functions are not emulated.
   */
  private dc4Command(fn: number, m: number, t: number): void {
    if (fn === 1 && (m === 0 || m === 1) && t >= 1 && t <= 8) {
      this.events.emit('drawer', { pin: m === 1 ? 5 : 2, onMs: t * 100, offMs: t * 100 })
      return
    }
    const message = fn === 1 ? `DLE DC4: pulse m = ${m}, t = ${t} out of range: ignored` : `DLE DC4: function ${fn} not emulated: ignored`
    this.events.emit<PrintWarning>('warning', { offset: this.dc4At, message })
  }

  private send(bytes: number[]): void {
    if (bytes.length === 0) return
    this.events.emit('reply', { bytes })
    if (this.port && !this.port.destroyed) this.port.write(Buffer.from(bytes))
  }

  /** Executes buffered commands while the printer is online and not busy printing. */
  private pump(ignoreSpeed = false): void {
    if (this.pumping) return
    this.pumping = true
    try {
      while (!this.closed && (ignoreSpeed || !this.printTimer) && !isOffline(this.cond)) {
        const next = this.rx.next()
        if (!next) break
        if (next.kind === 'skip') {
          this.events.emit<PrintWarning>('warning', { offset: next.offset, message: next.message })
          this.onFrame?.({ offset: next.offset, length: next.length, name: next.name, effect: 'warned' })
          continue
        }
        const fed = this.interp.exec(next.buf, next.start, next.end, next.text, next.offset)
        if (fed > 0 && this.speed > 0 && !ignoreSpeed) {
          const ms = (fed / 8 / this.speed) * 1000
          this.printTimer = this.clock.setTimeout(() => {
            this.printTimer = undefined
            this.pump()
            this.signalBusy()
          }, ms)
        }
      }
    } finally {
      this.pumping = false
    }
  }

  private signalBusy(): void {
    const busy = this.rx.busy
    if (busy === this.busy) return
    this.busy = busy
    this.events.emit('busy', { busy, used: this.rx.used })
    if (this.flow === 'xon-xoff') this.send([busy ? XOFF : XON])
    else if (this.flow === 'dtr') {
      const port = this.port as (Duplex & { set?: (o: { dtr: boolean }, cb?: (err: Error | null) => void) => void }) | undefined
      port?.set?.({ dtr: !busy }, () => undefined)
    }
  }

  private addSegment(s: Omit<PrintedSegment, 'index' | 't'>): void {
    const segment: PrintedSegment = { index: this.segmentCount++, t: this.clock.now(), ...s }
    this.last = segment
    if (this.maxSegments > 0) this.segments.push(segment)
    if (this.segments.length > this.maxSegments && this.maxSegments > 0) {
      const old = this.segments.shift()!
      // Once, not per receipt: the list keeps the newest `maxSegments`; every segment was an event.
      if (this.droppedSegments++ === 0) {
        const message = `segments: printer.segments keeps the last ${this.maxSegments} segments (option maxSegments): segment #${old.index} and older ones are dropped from it; every segment is emitted as a 'segment' event`
        this.events.emit<PrintWarning>('warning', { offset: this.rx.received, message })
      }
    }
    this.events.emit('segment', segment)
  }

  /** Segments dropped from `segments` because of `maxSegments` (they were emitted as events). */
  get dropped(): number {
    return this.droppedSegments
  }

  /** End of a run: executes what is buffered and returns the uncut remainder as a segment (cut 'none'). */
  flush(): PrintedSegment | undefined {
    if (this.printTimer) {
      this.clock.clearTimeout(this.printTimer)
      this.printTimer = undefined
    }
    this.pump(true)
    const truncated = this.rx.dropIncomplete()
    if (truncated) {
      const message = `${truncated.name}: truncated command (${truncated.bytes} bytes) at the end of the stream skipped`
      this.events.emit<PrintWarning>('warning', { offset: truncated.offset, message })
      this.onFrame?.({ offset: truncated.offset, length: truncated.bytes, name: truncated.name, effect: 'warned' })
    }
    const before = this.segmentCount
    this.interp.finish()
    this.signalBusy()
    return this.segmentCount > before ? this.last : undefined
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    this.clock.clearTimeout(this.printTimer)
    this.printTimer = undefined
    this.detach?.()
    this.detach = undefined
    this.port = undefined
  }

  // ── control API ────────────────────────────────────────────────────────────

  /** Paper roll sensor: 'near-end' keeps printing, 'out' stops it (data waits in the buffer). */
  setPaper(state: PaperState): void {
    if (state !== 'ok' && state !== 'near-end' && state !== 'out') throw new PrinterControlError(`paper state "${state}"`)
    this.cond.paper = state
    this.changed()
  }

  setCover(state: 'open' | 'closed'): void {
    if (state !== 'open' && state !== 'closed') throw new PrinterControlError(`cover state "${state}"`)
    this.cond.coverOpen = state === 'open'
    this.changed()
  }

  setOffline(offline: boolean): void {
    this.cond.offlineSwitch = offline
    this.changed()
  }

  /**
   * Jams (true) or frees (false) the autocutter. A jam is a recoverable error: the printer
   * stops and stays stopped after the jam is freed until the host sends DLE ENQ 1 or 2
   * (or `recover()` is called), as Epson printers do.
   */
  setCutterError(jammed: boolean): void {
    this.cond.cutterJammed = jammed
    if (jammed) this.cond.errorLatched = true
    this.changed()
  }

  /** Clears a latched recoverable error whose cause is gone (the panel's way out). */
  recover(): void {
    if (this.cond.cutterJammed) return
    this.cond.errorLatched = false
    this.changed()
  }

  /** Drawer kick-out connector pin 3 level (drawer open switch on most drawers). */
  setDrawer(pin3High: boolean): void {
    this.cond.drawerPin3 = pin3High
    this.changed()
  }

  /** Preloads NV graphics (as a logo tool would), keyed by two characters, e.g. "LG". */
  storeNvGraphics(key: string, image: Raster): void {
    if (key.length !== 2) throw new PrinterControlError(`NV graphics key must be 2 characters, got "${key}"`)
    const stored: StoredImage = { w: image.width, h: image.height, px: Uint8Array.from(image.data.subarray(0, image.width * image.height)) }
    if (!this.interp.nv.define(key, stored)) throw new PrinterControlError('NV graphics memory full')
  }

  /** A copy of the current condition (paper, cover, offline, errors, drawer). */
  get condition(): Readonly<PrinterCondition> & { offline: boolean; busy: boolean } {
    return { ...this.cond, offline: isOffline(this.cond), busy: this.busy }
  }

  /** Bytes received so far, and bytes lost to buffer overflow. */
  get received(): number {
    return this.rx.received
  }

  get lost(): number {
    return this.rx.lost
  }

  /** Bytes waiting in the receive buffer. */
  get buffered(): number {
    return this.rx.used
  }

  private enableAsb(mask: number): void {
    this.asbMask = mask & 0x0f
    this.asbLast = asbWatched(this.cond, this.asbMask)
    if (this.asbMask) this.send(asbBytes(this.cond))
  }

  private changed(): void {
    this.events.emit('status', { ...this.cond, offline: isOffline(this.cond) })
    if (this.asbMask) {
      const now = asbWatched(this.cond, this.asbMask)
      if (now !== this.asbLast) {
        this.asbLast = now
        this.send(asbBytes(this.cond))
      }
    }
    if (!isOffline(this.cond)) this.pump()
    this.signalBusy()
  }
}
