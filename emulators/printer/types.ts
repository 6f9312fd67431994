import type { Duplex } from 'node:stream'
import type { Clock } from '../../protocols/runtime/clock.js'

/** 1 byte per dot, 1 = black, row-major. */
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
  /** Completed segments kept in `segments` (oldest dropped first). Default 1000. */
  maxSegments?: number
  /** Name used as the event source. Default 'printer'. */
  name?: string
}
