import type { QuectelFamily } from './quectel-family.js'

/**
 * M95/M26 TCP/IP commands (Quectel M95 AT Commands Manual, TCPIP chapter; the same flow as
 * TinyGSM's M95 client): multi-connection mode (AT+QIMUX=1) with data indication
 * (AT+QINDI=1), AT+QIREGAPP/AT+QIACT/AT+QILOCIP, `<id>, CONNECT OK`, data announced by
 * `+QIRDI: 0,1,<id>` and read with AT+QIRD=0,1,<id>,<len> (`+QIRD: <ip:port>,TCP,<n>`, n bytes, OK).
 */
export const M95: QuectelFamily = {
  name: 'M95',
  urc: /^(\+QIRDI: .*|\d+, (CONNECT OK|CONNECT FAIL|ALREADY CONNECT|CLOSED)|\+PDP DEACT)$/,

  async activate(at, apn, t) {
    // Back to IP INITIAL first: AT+QIREGAPP is refused in any other state (after a drop too).
    await at.command('AT+QIDEACT', 40_000, /^DEACT OK$/)
    await at.command('AT+QIFGCNT=0', t)
    await at.command(`AT+QICSGP=1,"${apn}","",""`, t)
    await at.command('AT+QIMODE=0', t)
    await at.command('AT+QIMUX=1', t)
    await at.command('AT+QINDI=1', t)
    await at.command('AT+QIREGAPP', t)
    await at.command('AT+QIACT', 150_000)
    // The local address is the only line of the answer: no OK follows it.
    await at.command('AT+QILOCIP', t, /^\d+\.\d+\.\d+\.\d+$/)
  },

  open: (host, port) => ({
    command: `AT+QIOPEN=0,"TCP","${host}",${port}`,
    outcome: /^0, (CONNECT OK|CONNECT FAIL|ALREADY CONNECT)$/,
    ok: (line) => line === '0, CONNECT OK',
  }),

  send: (length) => `AT+QISEND=0,${length}`,
  read: (max) => `AT+QIRD=0,1,0,${max}`,

  dataLength(line) {
    const m = /^\+QIRD: [^,]*,TCP,(\d+)$/.exec(line)
    return m ? Number(m[1]) : undefined
  },

  classify(urc) {
    if (urc === '+QIRDI: 0,1,0') return 'recv'
    if (urc === '0, CLOSED') return 'closed'
    if (urc === '+PDP DEACT') return 'pdp-deact'
    return undefined
  },

  async close(at, t) {
    await at.command('AT+QICLOSE=0', Math.max(t, 10_000), /^(0, )?CLOSE OK$/).catch(() => undefined)
  },
}
