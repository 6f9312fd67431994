import { ERROR, type DataEntry, type Reply } from '../at/types.js'
import type { ModemContext } from '../context.js'
import type { QConn, QuectelIpStack } from './ip-stack.js'

/** Largest QISEND payload (BG96 TCP/IP application note: 1460). */
export const MAX_QSEND = 1460

/** The `> ` data entry of AT+QISEND: fixed length or up to Ctrl-Z; `SEND OK` once buffered. */
export function qsendEntry(ctx: ModemContext, ip: QuectelIpStack, conn: QConn, length: number | undefined): DataEntry {
  return {
    prompt: '\r\n> ',
    ...(length !== undefined ? { length } : { max: MAX_QSEND }),
    complete: (data: Buffer): Reply => {
      if (data.length === 0) return ERROR
      if (conn.state !== 'connected' || !conn.socket || ctx.packet.sendFail || ip.conns.get(conn.id) !== conn) {
        ctx.events.emit('tcp-send-fail', { id: conn.id, bytes: data.length })
        return { lines: ['SEND FAIL'], final: 'none' }
      }
      conn.socket.send(data)
      conn.sent += data.length
      // Quectel reports SEND OK when the data is in the module's send buffer, not when acknowledged.
      return { lines: ['SEND OK'], final: 'none' }
    },
  }
}
