/**
 * DLE EOT n real-time status replies (Epson ESC/POS reference, "DLE EOT"; reference/escpos.md).
 * Every reply byte has bit 1 and bit 4 set and bits 0 and 7 clear: 0xx1xx10.
 */
export type StatusQuery = 1 | 2 | 3 | 4

export function isStatusReply(byte: number): boolean {
  return (byte & 0x93) === 0x12
}

const FLAGS: Record<StatusQuery, Array<[number, string]>> = {
  1: [[0x04, 'drawer-pin3-high'], [0x08, 'offline'], [0x20, 'waiting-recovery'], [0x40, 'feed-button']],
  2: [[0x04, 'cover-open'], [0x08, 'feeding-by-button'], [0x20, 'paper-end-stop'], [0x40, 'error']],
  3: [[0x04, 'recoverable-error'], [0x08, 'autocutter-error'], [0x20, 'unrecoverable-error'], [0x40, 'auto-recoverable-error']],
  4: [[0x0c, 'paper-near-end'], [0x60, 'paper-end']],
}

/** Flags that stop a register from printing, by query. Paper near end is only a warning. */
const BLOCKING = new Set([
  'offline', 'waiting-recovery', 'cover-open', 'paper-end-stop', 'error',
  'recoverable-error', 'autocutter-error', 'unrecoverable-error', 'auto-recoverable-error', 'paper-end',
])

/** Names of the flags set in a reply to DLE EOT n (a multi-bit field counts when any of its bits is set). */
export function statusFlags(n: StatusQuery, byte: number): string[] {
  return FLAGS[n].filter(([mask]) => (byte & mask) !== 0).map(([, name]) => name)
}

/** The first flag that means "do not print", if any. */
export function blockingFlag(flags: string[]): string | undefined {
  return flags.find((f) => BLOCKING.has(f))
}
