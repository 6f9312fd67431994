/** UART line settings of one end of a link. */
export interface LineSettings {
  /** Bits per second. Default 9600. 0 means "not baud-limited": bytes arrive at once. */
  baudRate?: number
  /** Default 8. */
  dataBits?: 5 | 6 | 7 | 8
  /** Default 'none'. */
  parity?: 'none' | 'even' | 'odd' | 'mark' | 'space'
  /** Default 1. */
  stopBits?: 1 | 1.5 | 2
  /** Default 'none'. `xonxoff` pauses the sender on 0x13 and resumes on 0x11; `rtscts` follows the peer's RTS. */
  flowControl?: 'none' | 'xonxoff' | 'rtscts' | 'dtrdsr'
}

export const DEFAULT_LINE: Required<LineSettings> = {
  baudRate: 9600,
  dataBits: 8,
  parity: 'none',
  stopBits: 1,
  flowControl: 'none',
}

/** Bits on the wire per character: start bit, data bits, optional parity bit, stop bits. */
export function bitsPerChar(s: Required<LineSettings>): number {
  return 1 + s.dataBits + (s.parity === 'none' ? 0 : 1) + s.stopBits
}

/** Wire time of one character in ms, or 0 when the link is not baud-limited. */
export function charTimeMs(s: Required<LineSettings>): number {
  return s.baudRate > 0 ? (bitsPerChar(s) * 1000) / s.baudRate : 0
}

/** Whether two ends can understand each other (a mismatch garbles every byte, as on a real wire). */
export function sameFraming(a: Required<LineSettings>, b: Required<LineSettings>): boolean {
  return a.baudRate === b.baudRate && a.dataBits === b.dataBits && a.parity === b.parity && a.stopBits === b.stopBits
}

export function describeLine(s: Required<LineSettings>): string {
  const p = s.parity[0]!.toUpperCase()
  return `${s.baudRate} ${s.dataBits}${p}${s.stopBits}${s.flowControl === 'none' ? '' : ' ' + s.flowControl}`
}

/** Open options of a serialport stream (mock or real) for these line settings. */
export function portOpenOptions(path: string, s: Required<LineSettings>) {
  return {
    path,
    // A link that is not baud-limited still needs a nominal rate to open.
    baudRate: s.baudRate || 115200,
    dataBits: s.dataBits,
    parity: s.parity,
    stopBits: s.stopBits,
    rtscts: s.flowControl === 'rtscts',
    xon: s.flowControl === 'xonxoff',
    xoff: s.flowControl === 'xonxoff',
    autoOpen: false,
  } as const
}
