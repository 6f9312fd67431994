import type { Duplex } from 'node:stream'
import type { Clock } from '../../protocols/runtime/clock.js'

/**
 * 1 byte per dot, row-major. Bit 0 = colour 1 (black), bit 1 = colour 2 (red on two-colour
 * paper); 0 = white. "Is there ink here" is a non-zero test.
 */
export interface Raster {
  width: number
  height: number
  data: Uint8Array
}

export type Align = 'left' | 'center' | 'right'
export type CutType = 'full' | 'partial' | 'none'
export type FontName = 'A' | 'B'

/** One printed text line of the print log, in Unicode. */
export interface PrintedLine {
  text: string
  /** Top of the line in dots from the top of the segment. */
  y: number
  /** Left edge of the first character in dots. */
  x: number
  /** Height of the line in dots (its tallest character or image). */
  lineHeight: number
  align: Align
  font: FontName
  bold: boolean
  underline: 0 | 1 | 2
  /** Character width and height multipliers of the first character (1–8). */
  width: number
  height: number
  reverse: boolean
  upsideDown: boolean
  /** The line starts with a two-byte (Chinese mode) character. */
  chinese: boolean
  /** Print colour of the line (ESC r): 1 black, 2 red on two-colour paper. */
  color: 1 | 2
  /**
   * Printed from page mode: the ESC T direction the line was laid out in (0 left to right,
   * 1 bottom to top, 2 right to left upside down, 3 top to bottom). x and y are then the
   * top-left corner of the line's box on the paper.
   */
  direction?: 0 | 1 | 2 | 3
}

export interface PrintedQr {
  data: string
  model: number
  moduleSize: number
  errorLevel: 'L' | 'M' | 'Q' | 'H'
  x: number
  y: number
  /** Side of the symbol in dots (modules × module size, no quiet zone). */
  size: number
  /** QR version (1–40) of the rendered symbol. */
  version: number
}

export interface PrintedImage {
  /** The command that printed it: 'GS v 0', 'ESC *', 'GS ( L', 'FS p' … */
  source: string
  x: number
  y: number
  width: number
  height: number
  /** NV key or logo number when printed from the NV store. */
  key?: string
  /** Colour planes printed: 1 black, 2 red (two-colour graphics, GS ( L c = 49 / 50). */
  colors: Array<1 | 2>
}

export interface PrintedBarcode {
  symbology: string
  data: string
  x: number
  y: number
  width: number
  height: number
  moduleWidth: number
  hri: 'none' | 'above' | 'below' | 'both'
}

export interface PrintWarning {
  /** Byte offset in the received stream (counted from the first byte ever received). */
  offset: number
  message: string
}

export interface PrintedSegment {
  index: number
  /** Clock time of the cut (or of `flush()` for cut 'none'). */
  t: number
  cut: CutType
  raster: Raster
  lines: PrintedLine[]
  qr: PrintedQr[]
  images: PrintedImage[]
  barcodes: PrintedBarcode[]
  warnings: PrintWarning[]
}

/** What one received command (or text run) did: see PrinterOptions.onFrame. */
export interface FrameAccount {
  /** Stream offset of its first byte and its length in bytes. */
  offset: number
  length: number
  /** The command's name as the Epson reference writes it (`ESC D`, `GS ( L`), or `text`. */
  name: string
  /**
   * printed: it put ink or a print-log entry on the paper (or cut it); state: it changed a
   * setting, the line or page buffer, or a memory; warned: it produced a warning at its offset;
   * realtime: a DLE EOT / ENQ / DC4 command, acted on when it arrived; documented: a command
   * whose only effect on a real TM is none on the paper (see no-effect.ts); none: nothing.
   */
  effect: 'printed' | 'state' | 'warned' | 'realtime' | 'documented' | 'none'
}

export type FlowControl = 'none' | 'xon-xoff' | 'dtr'
export type PaperState = 'ok' | 'near-end' | 'out'

export interface PrinterOptions {
  clock: Clock
  /** A port to read from and answer on; same as calling attach(port). Default none. */
  port?: Duplex
  /** 58 → 384 dots, 80 → 576 dots. Default 80. */
  paper?: 58 | 80
  /** Printable width in dots, overriding `paper` (e.g. 512 on some 80 mm models). */
  dots?: number
  /** Receive buffer size in bytes. Default 4096. */
  bufferSize?: number
  /** Busy is signalled when free buffer space falls to this many bytes (Epson: 256). Default 256. */
  busyMargin?: number
  /** Busy signalling: 'xon-xoff' sends XOFF/XON, 'dtr' drops DTR via port.set. Default 'xon-xoff'. */
  flowControl?: FlowControl
  /** Print speed in mm/s on the rig clock; 0 prints instantly. Default 0. */
  speed?: number
  /** Two-byte encoding of Chinese mode. Default 'gb18030'. */
  chineseEncoding?: 'gb18030' | 'big5'
  /** Chinese mode is on after power-on and ESC @ (many Chinese models). Default false. */
  chineseAtPowerOn?: boolean
  /** Longest segment in dots; past it printing is dropped with a warning. Default 16000 (2 m). */
  maxSegmentHeight?: number
  /**
   * Completed segments kept in `segments` (oldest dropped first, with one warning naming the
   * first dropped; every segment is also emitted as a `segment` event). 0 keeps none: the
   * caller reads every segment from the events. Default 1000.
   */
  maxSegments?: number
  /**
   * Called after every received command or text run with what it did (tests and tools that
   * account for every byte). Costs a state comparison per command while set. Default none.
   */
  onFrame?: (frame: FrameAccount) => void
  /** Name used as the event source. Default 'printer'. */
  name?: string
}
