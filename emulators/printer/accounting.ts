/**
 * The accounting of commands (PrinterOptions.onFrame): what each received command or text run
 * did, found by comparing everything observable about the printer before and after it. Only
 * built when someone listens, so normal runs pay nothing.
 */
import { nameAt } from '../../protocols/escpos/framing.js'
import type { Interpreter } from './interpreter.js'
import { noPaperEffect } from './no-effect.js'
import type { FrameAccount } from './types.js'

/**
 * Commands that store a setting, a position or an image, or reset the printer: they did their
 * job even when the value they set was the one already in force (their out-of-range forms warn).
 */
const SETTERS = new Set([
  'ESC @', 'ESC !', 'ESC E', 'ESC G', 'ESC -', 'ESC a', 'ESC 2', 'ESC 3', 'ESC SP', 'ESC M', 'ESC t', 'ESC R', 'ESC V',
  'ESC {', 'ESC r', 'ESC =', 'ESC D', 'ESC $', 'ESC \\', 'ESC T', 'ESC W', 'ESC %', 'ESC *', 'ESC c 4',
  'GS !', 'GS B', 'GS L', 'GS W', 'GS P', 'GS h', 'GS w', 'GS H', 'GS f', 'GS a', 'GS *', 'GS T', 'GS $', 'GS \\',
  'GS ( k', 'GS ( L', 'GS 8 L', 'GS ( N',
  'FS &', 'FS .', 'FS !', 'FS -', 'FS W', 'FS S', 'FS SO', 'FS DC4', 'FS q',
])

/** Commands that print the line buffer and feed: they did their job even with nothing to print and a feed of 0. */
const PRINT_FEED = new Set(['LF', 'ESC J', 'ESC d', 'ESC K', 'ESC e'])

export class Accountant {
  private state = ''
  private printed = ''
  private warned = 0

  constructor(
    private readonly it: Interpreter,
    private readonly onFrame: (frame: FrameAccount) => void,
  ) {}

  before(): void {
    this.state = this.stateDigest()
    this.printed = this.printDigest()
    this.warned = this.it.warnCount
  }

  after(buf: Uint8Array, start: number, end: number, isText: boolean, offset: number): void {
    const name = isText ? 'text' : nameAt(buf, start)
    let effect: FrameAccount['effect']
    if (name === 'DLE EOT' || name === 'DLE ENQ' || name === 'DLE DC4') effect = 'realtime'
    else if (this.printDigest() !== this.printed || PRINT_FEED.has(name)) effect = 'printed'
    else if (this.it.warnCount !== this.warned) effect = 'warned'
    else if (SETTERS.has(name) || this.stateDigest() !== this.state) effect = 'state'
    else if (!isText && noPaperEffect(buf, start)) effect = 'documented'
    else effect = 'none'
    this.onFrame({ offset, length: end - start, name, effect })
  }

  /** Ink, feeds, print-log entries and cut segments. */
  private printDigest(): string {
    const it = this.it
    const p = it.paper
    const l = it.segLog
    const q = it.pm.log
    return [p.opCount, p.y, p.inked, l.lines.length, l.qr.length, l.images.length, l.barcodes.length, it.segments,
      it.pm.drawn, q.lines.length, q.qr.length, q.images.length, q.barcodes.length].join()
  }

  /** Settings, the line buffer, page mode, image memories and replies. */
  private stateDigest(): string {
    const it = this.it
    const line = it.line
    const pm = it.pm
    const nv = it.nv
    const st = JSON.stringify(it.st, (_k, v: unknown) => (v instanceof Uint8Array ? `${v.length}:${checksum(v)}` : v))
    return [
      st,
      line.cursor, line.count, line.text.length, line.lastTab, line.area, line.margin, line.align,
      pm.active, JSON.stringify(pm.area), pm.direction, pm.x, pm.y, pm.bottom, JSON.stringify(pm.saved),
      [...nv.graphics.keys()].join('/'), nv.logos.length, [...nv.download.keys()].join('/'), nv.bufferImage?.planes ?? 0, nv.bitImage ? 1 : 0,
      it.outputs, it.carrying,
    ].join('|')
  }
}

function checksum(v: Uint8Array): number {
  let h = 0
  for (let i = 0; i < v.length; i++) h = (h * 31 + v[i]!) | 0
  return h
}
