/**
 * ESC/POS command framing: where each command starts and how long it is, without
 * interpreting it. The simulated device uses it to pass a register's stream through
 * while finding the cut; the printer builds its interpreter on it.
 * Lengths follow the Epson ESC/POS command reference (see reference/escpos.md).
 */
export const ESC = 0x1b
export const GS = 0x1d
export const FS = 0x1c
export const DLE = 0x10
export const LF = 0x0a

export type Frame =
  | { kind: 'text'; start: number; end: number }
  | { kind: 'command'; start: number; end: number; /** e.g. "ESC @", "GS ( k", "LF" */ name: string }

/**
 * `need` = the stream ends inside a command: wait for more bytes. `end` is set when the
 * command's header is complete, so its total length is already known (a long image).
 */
export type FrameResult = Frame | { kind: 'need'; start: number; end?: number }

/** ASCII names of the control bytes, as the Epson reference writes them (0x00 NUL … 0x1f US). */
const C0_NAMES = [
  'NUL', 'SOH', 'STX', 'ETX', 'EOT', 'ENQ', 'ACK', 'BEL', 'BS', 'HT', 'LF', 'VT', 'FF', 'CR', 'SO', 'SI',
  'DLE', 'DC1', 'DC2', 'DC3', 'DC4', 'NAK', 'SYN', 'ETB', 'CAN', 'EM', 'SUB', 'ESC', 'FS', 'GS', 'RS', 'US',
]

/** ESC commands with a fixed total length (including the ESC and the command byte). */
const ESC_FIXED: Record<number, number> = {
  0x40: 2, 0x21: 3, 0x45: 3, 0x2d: 3, 0x61: 3, 0x64: 3, 0x4a: 3, 0x74: 3, 0x4d: 3, 0x47: 3, 0x32: 2, 0x33: 3,
  0x20: 3, 0x7b: 3, 0x56: 3, 0x52: 3, 0x72: 3, 0x70: 5, 0x3d: 3, 0x24: 4, 0x5c: 4, 0x25: 3, 0x3f: 3, 0x4c: 2,
  0x53: 2, 0x54: 3, 0x57: 10, 0x69: 2, 0x6d: 2, 0x55: 3, 0x65: 3, 0x4b: 3, 0x3c: 2, 0x63: 4, 0x0c: 2, 0x46: 3,
  // ESC 4 n: italic on/off of some ESC/POS printers (Custom TPTCM112 manual, "Set/reset italic mode",
  // n 0/1/48/49); Epson TM printers lack it, but its parameter must not print as text.
  0x34: 3,
}

/** GS commands with a fixed total length. */
const GS_FIXED: Record<number, number> = {
  0x21: 3, 0x42: 3, 0x4c: 4, 0x57: 4, 0x68: 3, 0x77: 3, 0x48: 3, 0x66: 3, 0x61: 3, 0x72: 3, 0x49: 3, 0x50: 4,
  0x24: 4, 0x5c: 4, 0x5e: 5, 0x3a: 2, 0x2f: 3, 0x45: 3, 0x62: 3, 0x54: 3, 0x7c: 3,
  // GS g 0 m nL nH (initialize) and GS g 2 m nL nH (transmit) a maintenance counter.
  0x67: 6,
}

/** FS commands with a fixed total length. */
const FS_FIXED: Record<number, number> = { 0x26: 2, 0x2e: 2, 0x21: 3, 0x2d: 3, 0x57: 3, 0x53: 4, 0x43: 3, 0x70: 4, 0x0e: 2, 0x14: 2, 0x32: 76 }

/** The little-endian two-byte parameter (nL nH, pL pH, xL xH …) at `i`; bytes past the end read as 0. */
export function u16le(buf: Uint8Array, i: number): number {
  return (buf[i] ?? 0) + (buf[i + 1] ?? 0) * 0x100
}

/** The little-endian four-byte parameter (GS 8 L p1–p4, a BMP's size) at `i`. */
function u32le(buf: Uint8Array, i: number): number {
  return u16le(buf, i) + u16le(buf, i + 2) * 0x10000
}

/** A command byte as the Epson reference writes it: `D`, `FF`, `SP`, `0x80`. */
export function byteName(b: number): string {
  if (b < 0x20) return C0_NAMES[b]!
  if (b === 0x20) return 'SP'
  if (b === 0x7f) return 'DEL'
  return b < 0x7f ? String.fromCharCode(b) : `0x${b.toString(16).padStart(2, '0')}`
}

/**
 * The name of the command starting at `i`, as far as the bytes present tell it (`ESC D`,
 * `GS ( L`, `GS 8 L`, `DLE EOT`, `HT`); `text` for printable bytes.
 */
export function nameAt(buf: Uint8Array, i: number): string {
  const b = buf[i]
  if (b === undefined) return 'end of stream'
  if ((b >= 0x20 && b !== 0x7f) || b === 0x0e || b === 0x0f) return 'text'
  const c = buf[i + 1]
  if (b === ESC || b === GS || b === FS) {
    const lead = byteName(b)
    if (c === undefined) return lead
    if ((c === 0x28 || (b === GS && c === 0x38)) && buf[i + 2] !== undefined) return `${lead} ${byteName(c)} ${byteName(buf[i + 2]!)}`
    if (b === GS && c === 0x76 && (buf[i + 2] === 0x30 || buf[i + 2] === 0)) return 'GS v 0'
    if (((b === ESC && c === 0x63) || (b === GS && c === 0x67) || (b === FS && c === 0x67)) && buf[i + 2] !== undefined) {
      // ESC c 3, GS g 0, FS g 1 …: the reference names these by their function byte.
      return `${lead} ${byteName(c)} ${byteName(buf[i + 2]!)}`
    }
    return `${lead} ${byteName(c)}`
  }
  if (b === DLE && (c === 0x04 || c === 0x05 || c === 0x14)) return `DLE ${byteName(c)}`
  return byteName(b)
}

/** Frames the command or text run starting at `i`. */
export function frameAt(buf: Uint8Array, i: number): FrameResult {
  const b = buf[i]!
  // Text first, before any closure is made: it is the common case and the hot path.
  if (b >= 0x20 || b === 0x0e || b === 0x0f) {
    // A text run: printable bytes (and SO/SI), including high bytes of code pages and GB18030.
    let j = i
    while (j < buf.length && (buf[j]! >= 0x20 || buf[j] === 0x0e || buf[j] === 0x0f) && buf[j] !== 0x7f) j++
    if (j === i) return { kind: 'command', start: i, end: i + 1, name: 'DEL' }
    return { kind: 'text', start: i, end: j }
  }
  const need = { kind: 'need' as const, start: i }
  const cmd = (len: number, name: string): FrameResult =>
    i + len <= buf.length ? { kind: 'command', start: i, end: i + len, name } : { kind: 'need', start: i, end: i + len }
  if (b === ESC) return frameEsc(buf, i, cmd, need)
  if (b === GS) return frameGs(buf, i, cmd, need)
  if (b === FS) return frameFs(buf, i, cmd, need)
  if (b === DLE) {
    if (i + 1 >= buf.length) return need
    const n = buf[i + 1]!
    if (n === 0x04 || n === 0x05) return cmd(3, n === 0x04 ? 'DLE EOT' : 'DLE ENQ')
    if (n === 0x14) return cmd(5, 'DLE DC4')
    return cmd(1, 'DLE')
  }
  return cmd(1, C0_NAMES[b]!)
}

type Cmd = (len: number, name: string) => FrameResult

function frameEsc(buf: Uint8Array, i: number, cmd: Cmd, need: FrameResult): FrameResult {
  if (i + 1 >= buf.length) return need
  const c = buf[i + 1]!
  const name = `ESC ${byteName(c)}`
  const fixed = ESC_FIXED[c]
  if (fixed) return cmd(fixed, name)
  if (c === 0x2a) {
    // ESC * m nL nH d: k = n for 8-dot modes, 3n for 24-dot modes.
    if (i + 4 >= buf.length) return need
    const m = buf[i + 2]!
    const n = u16le(buf, i + 3)
    return cmd(5 + (m === 32 || m === 33 ? 3 * n : n), name)
  }
  if (c === 0x44) return tabList(buf, i, need)
  if (c === 0x28) return blockLength(buf, i, 5, cmd, name, need)
  if (c === 0x26) {
    // ESC & y c1 c2 [x d1…d(y·x)] for each character from c1 to c2.
    if (i + 4 >= buf.length) return need
    const y = buf[i + 2]!
    let j = i + 5
    for (let ch = buf[i + 3]!; ch <= buf[i + 4]!; ch++) {
      if (j >= buf.length) return need
      j += 1 + y * buf[j]!
    }
    return cmd(j - i, name)
  }
  return cmd(2, name)
}

function frameGs(buf: Uint8Array, i: number, cmd: Cmd, need: FrameResult): FrameResult {
  if (i + 1 >= buf.length) return need
  const c = buf[i + 1]!
  const name = `GS ${byteName(c)}`
  const fixed = GS_FIXED[c]
  if (fixed) return cmd(fixed, name)
  switch (c) {
    case 0x56: {
      if (i + 2 >= buf.length) return need
      const m = buf[i + 2]!
      return cmd(m === 0 || m === 1 || m === 48 || m === 49 ? 3 : 4, 'GS V')
    }
    case 0x28: {
      if (i + 2 >= buf.length) return need
      return blockLength(buf, i, 5, cmd, `GS ( ${byteName(buf[i + 2]!)}`, need)
    }
    case 0x38: {
      // GS 8 L p1 p2 p3 p4 …: 32-bit little-endian parameter count.
      if (i + 6 >= buf.length) return need
      const p = u32le(buf, i + 3)
      return cmd(7 + p, `GS 8 ${byteName(buf[i + 2]!)}`)
    }
    case 0x76: {
      // GS v 0 m xL xH yL yH d: x bytes per row, y rows.
      if (i + 7 >= buf.length) return need
      const x = u16le(buf, i + 4)
      const y = u16le(buf, i + 6)
      return cmd(8 + x * y, 'GS v 0')
    }
    case 0x6b: {
      if (i + 2 >= buf.length) return need
      const m = buf[i + 2]!
      if (m <= 6) return untilNul(buf, i + 3, i, 'GS k', 256, need)
      if (i + 3 >= buf.length) return need
      return cmd(4 + buf[i + 3]!, 'GS k')
    }
    case 0x2a: {
      if (i + 3 >= buf.length) return need
      return cmd(4 + buf[i + 2]! * buf[i + 3]! * 8, 'GS *')
    }
    case 0x44: {
      // GS D m fn a kc1 kc2 b c [Windows BMP]: the BMP's own header gives its size (bytes 2–5).
      if (i + 14 >= buf.length) return need
      if (buf[i + 9] !== 0x42 || buf[i + 10] !== 0x4d) return cmd(9, 'GS D')
      const size = u32le(buf, i + 11)
      return cmd(9 + size, 'GS D')
    }
    default:
      return cmd(2, name)
  }
}

function frameFs(buf: Uint8Array, i: number, cmd: Cmd, need: FrameResult): FrameResult {
  if (i + 1 >= buf.length) return need
  const c = buf[i + 1]!
  const name = `FS ${byteName(c)}`
  const fixed = FS_FIXED[c]
  if (fixed) return cmd(fixed, name)
  if (c === 0x28) return blockLength(buf, i, 5, cmd, name, need)
  if (c === 0x67) {
    // FS g 1 m a1–a4 nL nH d1…dk (write NV user memory), FS g 2 m a1–a4 nL nH (read it).
    if (i + 9 >= buf.length) return need
    const k = u16le(buf, i + 8)
    return cmd(buf[i + 2] === 0x31 ? 10 + k : 10, name)
  }
  if (c === 0x71) {
    // FS q n [xL xH yL yH d1…dk]1…[…]n: k = x*y*8 bytes per image.
    if (i + 2 >= buf.length) return need
    let j = i + 3
    for (let k = 0; k < buf[i + 2]!; k++) {
      if (j + 3 >= buf.length) return need
      j += 4 + u16le(buf, j) * u16le(buf, j + 2) * 8
    }
    return cmd(j - i, name)
  }
  return cmd(2, name)
}

/** `X ( c pL pH …`: the two bytes at offset 3 give the count of the bytes that follow them. */
function blockLength(buf: Uint8Array, i: number, head: number, cmd: Cmd, name: string, need: FrameResult): FrameResult {
  if (i + 4 >= buf.length) return need
  return cmd(head + u16le(buf, i + 3), name)
}

/**
 * ESC D n1 … nk NUL (Epson ESC/POS Command Reference, ESC D, Notes; TM-T88III Specification
 * B, ESC D Details): the list ends at NUL, at a value not greater than the one before it, or
 * after 32 values. NUL and a non-ascending value end the list and belong to the command (the
 * Epson 4100 ESC/P reference says it outright: "an out of order tab value is interpreted as a
 * terminator"); what follows them is normal data. After 32 values a NUL still closes the list
 * (32 values then NUL is the longest well-formed command); any other 33rd byte is data.
 */
function tabList(buf: Uint8Array, i: number, need: FrameResult): FrameResult {
  let prev = 0
  for (let k = 0; ; k++) {
    const j = i + 2 + k
    if (j >= buf.length) return need
    const v = buf[j]!
    if (v === 0) return { kind: 'command', start: i, end: j + 1, name: 'ESC D' }
    if (k === 32) return { kind: 'command', start: i, end: j, name: 'ESC D' }
    if (v <= prev) return { kind: 'command', start: i, end: j + 1, name: 'ESC D' }
    prev = v
  }
}

function untilNul(buf: Uint8Array, from: number, i: number, name: string, max: number, need: FrameResult): FrameResult {
  for (let j = from; j < buf.length && j < from + max; j++) {
    if (buf[j] === 0) return { kind: 'command', start: i, end: j + 1, name }
  }
  return buf.length >= from + max ? { kind: 'command', start: i, end: from + max, name } : need
}

/** Frames a whole buffer; a trailing incomplete command comes last as `need`. */
export function* frames(buf: Uint8Array, from = 0): Generator<FrameResult> {
  let i = from
  while (i < buf.length) {
    const f = frameAt(buf, i)
    yield f
    if (f.kind === 'need') return
    i = f.end
  }
}
