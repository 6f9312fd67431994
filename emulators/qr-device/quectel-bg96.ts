import type { QuectelFamily } from './quectel-family.js'

/**
 * EC21/EC25/BG96 TCP/IP commands (Quectel BG96 TCP/IP AT Commands Manual; the same flow as
 * TinyGSM's BG96 client): context 1 configured with AT+QICSGP and activated with AT+QIACT=1,
 * AT+QIOPEN answered by OK and then `+QIOPEN: <id>,<err>`, data announced by
 * `+QIURC: "recv",<id>` and read with AT+QIRD=<id>,<len> (`+QIRD: <n>`, n bytes, OK).
 */
export const BG96: QuectelFamily = {
  name: 'BG96',
  urc: /^(\+QIURC: .*|\+QIOPEN: \d+,\d+|\+QIND: .*|\+QUSIM: .*)$/,

  async activate(at, apn, t) {
    await at.command(`AT+QICSGP=1,1,"${apn}","","",1`, t)
    const act = await at.command('AT+QIACT?', t)
    // Up to 150 s per the manual; skipped when the context survived a dropped connection.
    if (!act.lines.some((l) => /^\+QIACT: 1,1/.test(l))) await at.command('AT+QIACT=1', 150_000)
    // A connection left over from before a drop keeps id 0 busy (+QIOPEN: 0,563) until closed.
    await at.probe('AT+QICLOSE=0', 10_000)
  },

  open: (host, port) => ({
    command: `AT+QIOPEN=1,0,"TCP","${host}",${port},0,0`,
    outcome: /^\+QIOPEN: 0,\d+$/,
    ok: (line) => line === '+QIOPEN: 0,0',
  }),

  send: (length) => `AT+QISEND=0,${length}`,
  read: (max) => `AT+QIRD=0,${max}`,

  dataLength(line) {
    const m = /^\+QIRD: (\d+)$/.exec(line)
    return m ? Number(m[1]) : undefined
  },

  classify(urc) {
    if (urc === '+QIURC: "recv",0') return 'recv'
    if (urc === '+QIURC: "closed",0') return 'closed'
    if (/^\+QIURC: "pdpdeact",1$/.test(urc)) return 'pdp-deact'
    return undefined
  },

  async close(at, t) {
    await at.probe('AT+QICLOSE=0', Math.max(t, 10_000))
  },
}
