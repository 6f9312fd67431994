import type { Align } from './types.js'

/** Default line spacing in dots (3.75 mm, the ESC 2 value of Epson 203-dpi models). */
export const DEFAULT_LINE_SPACING = 30

/** Everything ESC @ resets: print modes, layout, code pages and symbol settings. */
export interface ModeState {
  fontB: boolean
  bold: boolean
  doubleStrike: boolean
  underline: 0 | 1 | 2
  /** ESC ! double width/height bits (multiplier 2) — GS ! overrides with its own values. */
  wm: number
  hm: number
  align: Align
  lineSpacing: number
  /** ESC SP right spacing in dots (before the width multiplier). */
  charSpacing: number
  leftMargin: number
  /** GS W; undefined = the whole printable width. */
  areaWidth: number | undefined
  rotate: boolean
  upsideDown: boolean
  reverse: boolean
  codePage: number
  intlSet: number
  /** Tab stops in dots from the start of the print area. */
  tabs: number[]
  chinese: boolean
  /** FS ! mode bits and FS W quadruple for two-byte characters. */
  cjkDoubleWidth: boolean
  cjkDoubleHeight: boolean
  cjkUnderline: 0 | 1 | 2
  cjkLeftSpacing: number
  cjkRightSpacing: number
  /** User-defined character set selected (ESC %). */
  userChars: boolean
  /** ESC = bit 0: when false the printer ignores everything but ESC = and real-time commands. */
  enabled: boolean
  // Barcodes
  barcodeHeight: number
  barcodeModule: number
  hri: 0 | 1 | 2 | 3
  hriFontB: boolean
  // QR (GS ( k cn 49)
  qrModel: number
  qrModule: number
  qrError: 'L' | 'M' | 'Q' | 'H'
  qrData: Uint8Array | undefined
  // PDF417 (GS ( k cn 48)
  pdfColumns: number
  pdfRows: number
  pdfModule: number
  pdfRowHeight: number
  pdfError: number
  pdfTruncated: boolean
  pdfData: Uint8Array | undefined
}

/** Default tab stops: every 8 Font A characters. */
function defaultTabs(): number[] {
  const tabs: number[] = []
  for (let i = 8; i < 64; i += 8) tabs.push(i * 12)
  return tabs
}

export function initialState(chinese: boolean): ModeState {
  return {
    fontB: false,
    bold: false,
    doubleStrike: false,
    underline: 0,
    wm: 1,
    hm: 1,
    align: 'left',
    lineSpacing: DEFAULT_LINE_SPACING,
    charSpacing: 0,
    leftMargin: 0,
    areaWidth: undefined,
    rotate: false,
    upsideDown: false,
    reverse: false,
    codePage: 0,
    intlSet: 0,
    tabs: defaultTabs(),
    chinese,
    cjkDoubleWidth: false,
    cjkDoubleHeight: false,
    cjkUnderline: 0,
    cjkLeftSpacing: 0,
    cjkRightSpacing: 0,
    userChars: false,
    enabled: true,
    barcodeHeight: 162,
    barcodeModule: 3,
    hri: 0,
    hriFontB: false,
    qrModel: 2,
    qrModule: 3,
    qrError: 'L',
    qrData: undefined,
    pdfColumns: 0,
    pdfRows: 0,
    pdfModule: 3,
    pdfRowHeight: 3,
    pdfError: 1,
    pdfTruncated: false,
    pdfData: undefined,
  }
}
