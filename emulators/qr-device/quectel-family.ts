import type { AtClient } from './at-client.js'

/** What a received-data, connection or bearer URC means to the driver. */
export type QuectelEvent = 'recv' | 'closed' | 'pdp-deact'

/**
 * The commands and URCs of one Quectel module family, for connection id 0 (the firmware
 * keeps one connection to the payment server). The two families differ in syntax only;
 * quectel-driver.ts runs the same flow over either.
 */
export interface QuectelFamily {
  readonly name: 'M95' | 'BG96'
  /** Lines this family sends unsolicited (beyond the 3GPP ones). */
  readonly urc: RegExp
  /** Starts the IP stack and the PDP context, after registration and packet attach. */
  activate(at: AtClient, apn: string, atTimeout: number): Promise<void>
  /** The open command and the URC that reports its outcome. */
  open(host: string, port: number): { command: string; outcome: RegExp; ok: (line: string) => boolean }
  /** The data-entry command for `length` bytes (answered by `> `). */
  send(length: number): string
  /** The read command for up to `max` buffered bytes. */
  read(max: number): string
  /** Byte count announced by a read reply line, e.g. `+QIRD: 12`; undefined for other lines. */
  dataLength(line: string): number | undefined
  classify(urc: string): QuectelEvent | undefined
  /** Closes the connection; resolves whatever the module answers. */
  close(at: AtClient, atTimeout: number): Promise<void>
}

/** Largest AT+QISEND payload (Quectel BG96 TCP/IP application note: 1460 bytes). */
export const QISEND_MAX = 1460
/** Bytes asked for per AT+QIRD. */
export const QIRD_MAX = 1500
