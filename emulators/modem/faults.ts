import type { Random } from '../../protocols/runtime/random.js'

/** Faults a scenario can set at any moment (ModemEmulator.setFaults); `{}` clears them all. */
export interface ModemFaults {
  /** Extra reply delay (ms) of every command. */
  slowMs?: number
  /** Extra reply delay per command name, e.g. { '+CIICR': 30000 }. */
  slowCommands?: Record<string, number>
  /** Probability that a response or URC line is sent twice. */
  duplicateLines?: number
  /** Probability that a response or URC line is cut short (its end and CRLF lost). */
  truncateLines?: number
  /** Every TCP connect fails: `OK` then `CONNECT FAIL`. */
  connectFail?: boolean
  /** Every CIPSEND/QISEND fails (`SEND FAIL`). */
  sendFail?: boolean
  /** Packet attach fails: ERROR on CGATT=1. */
  attachFail?: boolean
  /** PDP activation fails: ERROR on CIICR / CGACT / SAPBR=1,1 / QIACT. */
  pdpFail?: boolean
  /** The modem hangs: it reads and answers nothing until cleared. */
  unresponsive?: boolean
  /** The network rejects SMS: `+CMS ERROR: <code>` (e.g. 500) after the send time. */
  smsFailCode?: number
  /** Unexpected URC lines every `everyMs` (virtual), between replies; default lines are SIMCom network-time URCs. */
  strayUrcs?: { everyMs: number; lines?: string[] }
  /** Bursts of `bytes` random bytes every `everyMs` (line noise), between replies. */
  noise?: { everyMs: number; bytes: number }
}

export const FAULT_NAMES: ReadonlyArray<keyof ModemFaults> = [
  'slowMs',
  'slowCommands',
  'duplicateLines',
  'truncateLines',
  'connectFail',
  'sendFail',
  'attachFail',
  'pdpFail',
  'unresponsive',
  'smsFailCode',
  'strayUrcs',
  'noise',
]

/** URCs a real SIM800 sends unasked (network name and time updates; TinyGSM skips them). */
export const DEFAULT_STRAY_URCS = [
  '*PSUTTZ: 2026,1,15,9,30,0,"+0",0',
  'DST: 0',
  '+CTZV: +0,0',
  '*PSNWID: "001","01","RIG MOBILE",0,"RIG",0',
]

/** Applies the line faults to one wire line (`\r\nOK\r\n`): pass, repeat, or truncate it. */
export function faultLine(wire: string, f: ModemFaults, random: Random): string[] {
  const dup = f.duplicateLines ?? 0
  const cut = f.truncateLines ?? 0
  if (dup > 0 && random.next() < dup) return [wire, wire]
  if (cut > 0 && random.next() < cut) {
    const text = wire.replace(/\r\n$/, '')
    return [text.slice(0, Math.max(1, random.int(1, Math.max(1, text.length - 1))))]
  }
  return [wire]
}

/** Reply delay of one command under the slow faults. */
export function extraDelay(name: string, f: ModemFaults): number {
  return (f.slowMs ?? 0) + (f.slowCommands?.[name] ?? 0)
}
