import type { Align } from './types.js'

/** Default line spacing in dots (3.75 mm, the ESC 2 value of Epson 203-dpi models). */
export const DEFAULT_LINE_SPACING = 30

/** Dot pitch of the head: 203 dpi. */
export const DOTS_PER_INCH = 203

/**
 * GS P default motion units: one dot both ways (x = y = 203), as 203-dpi ESC/POS printers
 * document it (Cino VERSAJET and Wincor Nixdorf TH230 programming guides, GS P, Default).
 * Epson's own models differ (TM-T88III: 1/180 and 1/360 inch; TM-L90: 1/203 and 1/406):
 * a model profile would set them.
 */
export function motionDots(n: number, unitsPerInch: number): number {
  // "The calculated result … is truncated to the minimum value of the mechanical pitch" (GS P, Notes).
  return Math.floor((n * DOTS_PER_INCH) / unitsPerInch)
}

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
  /** ESC SP right spacing in dots (before the width multiplier), of the current mode (standard or page). */
  charSpacing: number
  leftMargin: number
  /** GS W; undefined = the whole printable width. */
  areaWidth: number | undefined
  rotate: boolean
  /** ESC {: takes effect at the start of the next line (LineBuffer.upsideDown holds the line's). */
  upsideDown: boolean
  reverse: boolean
  /** ESC r / GS ( N fn 48: print colour of text, 1 (black) or 2 (red on two-colour paper); per line. */
  color: 1 | 2
  /** GS P: horizontal and vertical motion units as 1/x and 1/y inch (203 = one dot). */
  motionX: number
  motionY: number
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

/**
 * Default tab stops: every 8 Font A characters (columns 9, 17, 25 …: Epson ESC/POS Command
 * Reference, ESC D, Default), listed as far as a 255-column ESC D list could reach.
 */
function defaultTabs(): number[] {
  const tabs: number[] = []
  for (let i = 8; i <= 248; i += 8) tabs.push(i * 12)
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
    color: 1,
    motionX: DOTS_PER_INCH,
    motionY: DOTS_PER_INCH,
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
