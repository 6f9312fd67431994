import type { AtError } from './types.js'

/** +CME ERROR texts for AT+CMEE=2 (3GPP TS 27.007 §9.2.1 and SIMCom's list). */
const CME_TEXT: Record<number, string> = {
  0: 'phone failure',
  3: 'operation not allowed',
  4: 'operation not supported',
  10: 'SIM not inserted',
  11: 'SIM PIN required',
  12: 'SIM PUK required',
  13: 'SIM failure',
  14: 'SIM busy',
  16: 'incorrect password',
  30: 'no network service',
  31: 'network timeout',
  50: 'incorrect parameters',
  100: 'unknown',
  148: 'unspecified GPRS error',
  149: 'PDP authentication failure',
}

/** +CMS ERROR texts for AT+CMEE=2 (3GPP TS 27.005 §3.2.5). */
const CMS_TEXT: Record<number, string> = {
  300: 'ME failure',
  302: 'operation not allowed',
  303: 'operation not supported',
  304: 'invalid PDU mode parameter',
  305: 'invalid text mode parameter',
  310: 'SIM not inserted',
  311: 'SIM PIN required',
  330: 'SMSC address unknown',
  331: 'no network service',
  332: 'network timeout',
  500: 'unknown error',
}

export interface Verbosity {
  /** AT+CMEE: 0 bare ERROR, 1 numeric, 2 text. */
  cmee: 0 | 1 | 2
  /** ATV: true → text result codes wrapped in CRLF; false → numeric codes. */
  verbose: boolean
}

/** Numeric (ATV0) forms of the basic result codes (ITU-T V.250 §5.7.1). */
const NUMERIC: Record<string, string> = { OK: '0', CONNECT: '1', RING: '2', 'NO CARRIER': '3', ERROR: '4' }

/** An information line or URC as it goes on the wire. */
export function infoLine(text: string, v: Verbosity): string {
  return v.verbose ? `\r\n${text}\r\n` : `${text}\r\n`
}

/** A final result code as it goes on the wire. */
export function resultLine(text: string, v: Verbosity): string {
  if (v.verbose) return `\r\n${text}\r\n`
  return `${NUMERIC[text] ?? text}\r`
}

/** The text of an error result under the current AT+CMEE setting. */
export function errorText(e: AtError, v: Verbosity): string {
  if (e.error === 'plain') return 'ERROR'
  // 27.005: +CMS ERROR is the final result of SMS commands whatever AT+CMEE says.
  if (e.error === 'cms') return v.cmee === 2 && CMS_TEXT[e.code] ? `+CMS ERROR: ${CMS_TEXT[e.code]}` : `+CMS ERROR: ${e.code}`
  if (v.cmee === 0) return 'ERROR'
  if (v.cmee === 2) return `+CME ERROR: ${CME_TEXT[e.code] ?? CME_TEXT[100]}`
  return `+CME ERROR: ${e.code}`
}

/** The module's clock as AT responses write it, in UTC: `yy/MM/dd` (or `yyyy/MM/dd`) and `hh:mm:ss`. */
export function clockText(now: number, yearDigits: 2 | 4): { date: string; time: string } {
  const d = new Date(Math.floor(now))
  const p = (n: number): string => String(n).padStart(2, '0')
  const year = yearDigits === 4 ? String(d.getUTCFullYear()) : p(d.getUTCFullYear() % 100)
  return { date: `${year}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())}`, time: `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}` }
}
