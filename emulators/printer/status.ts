/**
 * Status bytes the printer sends, from the tables in reference/escpos.md (Epson ESC/POS:
 * DLE EOT, GS a, GS r). Every DLE EOT byte has bit 1 and bit 4 set (idle reply 0x12);
 * the first ASB byte has bit 4 set and bits 0–1 clear.
 */
import type { PaperState } from './types.js'

export interface PrinterCondition {
  paper: PaperState
  coverOpen: boolean
  /** Taken offline by the control API (the "offline" of a real printer's panel or host). */
  offlineSwitch: boolean
  /** The cutter is jammed (the cause). */
  cutterJammed: boolean
  /** A recoverable error happened and waits for DLE ENQ 1/2 (or recover()). */
  errorLatched: boolean
  /** Drawer kick-out connector pin 3 high. */
  drawerPin3: boolean
}

export function isOffline(c: PrinterCondition): boolean {
  return c.coverOpen || c.paper === 'out' || c.offlineSwitch || c.errorLatched
}

/** Reply to DLE EOT n (n 1–4); undefined for other n. */
export function dleEotReply(n: number, c: PrinterCondition): number | undefined {
  const base = 0x12
  switch (n) {
    case 1:
      return base | (c.drawerPin3 ? 0x04 : 0) | (isOffline(c) ? 0x08 : 0) | (c.errorLatched ? 0x20 : 0)
    case 2:
      return base | (c.coverOpen ? 0x04 : 0) | (c.paper === 'out' ? 0x20 : 0) | (c.errorLatched ? 0x40 : 0)
    case 3:
      return base | (c.errorLatched && c.cutterJammed ? 0x08 : 0) | (c.errorLatched && !c.cutterJammed ? 0x04 : 0)
    case 4:
      return base | (c.paper === 'near-end' ? 0x0c : 0) | (c.paper === 'out' ? 0x60 : 0)
    default:
      return undefined
  }
}

/** The four ASB bytes (GS a). Byte 4 is model-dependent: sent as 0x00. */
export function asbBytes(c: PrinterCondition): number[] {
  const b1 = 0x10 | (c.drawerPin3 ? 0x04 : 0) | (isOffline(c) ? 0x08 : 0) | (c.coverOpen ? 0x20 : 0)
  const b2 = (c.errorLatched ? 0x01 : 0) | (c.errorLatched && c.cutterJammed ? 0x08 : 0) | (c.errorLatched && !c.cutterJammed ? 0x04 : 0)
  const b3 = (c.paper === 'near-end' ? 0x03 : 0) | (c.paper === 'out' ? 0x0c : 0)
  return [b1, b2, b3, 0x00]
}

/**
 * The part of the condition an ASB enable mask (GS a n: bit 0 drawer, 1 on/offline, 2 error,
 * 3 roll paper) watches; a change in it sends the ASB bytes again.
 */
export function asbWatched(c: PrinterCondition, mask: number): string {
  return [
    mask & 1 ? Number(c.drawerPin3) : '-',
    mask & 2 ? `${Number(isOffline(c))}${Number(c.coverOpen)}` : '-',
    mask & 4 ? `${Number(c.errorLatched)}${Number(c.cutterJammed)}` : '-',
    mask & 8 ? c.paper : '-',
  ].join('|')
}
