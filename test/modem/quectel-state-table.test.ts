/**
 * Walks the Quectel leniency audits cell by cell: M95/M26 (emulators/modem/quectel/m95-state-table.ts,
 * the TCP/IP states AT+QISTAT reports, Quectel M35 AT Commands Manual V1.0 chapter 11) and EC2x/BG96
 * (bg96-state-table.ts, context 1 × socket state, Quectel BG96 TCP/IP Application Note §2.2). Every
 * command of a table, sent in every state it names, answers as the table says; the README carries
 * exactly the tables rendered from the same data.
 */
import { readFileSync } from 'node:fs'
import t from 'tap'
import { renderStateTable } from '../../emulators/modem/at/state-table.js'
import { BG96_TABLE, type Bg96State } from '../../emulators/modem/quectel/bg96-state-table.js'
import { M95_MULTI, M95_SINGLE, type M95State, type M95Table } from '../../emulators/modem/quectel/m95-state-table.js'
import { walkTable, type Rig } from './state-walk.js'
import type { EchoServer } from './helpers.js'

const IP = /\r\n\d+\.\d+\.\d+\.\d+\r\n/
const SLOW = { timings: { connect: 600_000 } }

/** M95: from power-on into `state` with the manual's steps (QIREGAPP, QIACT, QILOCIP, QIOPEN). */
async function reachM95(rig: Rig, echo: EchoServer, table: M95Table, state: M95State): Promise<void> {
  const { host, modem } = rig
  if (table.mux === 1) await host.cmd('AT+QIMUX=1')
  if (state === 'IP INITIAL') return
  await host.cmd('AT+QIREGAPP="CMNET","",""')
  if (state === 'IP START') return
  await host.cmd('AT+QIACT')
  if (state === 'IP GPRSACT') return
  await host.cmd('AT+QILOCIP', IP)
  if (state === 'IP STATUS') return
  if (state === 'PDP DEACT') {
    modem.deactivatePdp()
    await host.waitFor('+PDP DEACT\r\n')
    return
  }
  const open = `AT+QIOPEN=${table.mux === 1 ? '1,' : ''}"TCP","127.0.0.1",${echo.port}`
  await host.cmd(open)
  if (state === 'TCP CONNECTING') return
  await host.waitFor('CONNECT OK\r\n')
  if (state === 'CONNECT OK' || state === 'CONNECTION OPEN') return
  for (const s of echo.sockets) s.end()
  await host.waitFor('CLOSED\r\n')
}

const M95_ANSWER = /(\r\n(OK|ERROR|DEACT OK|(\d, )?CLOSE OK|STATE: [^\r]*|\d+\.\d+\.\d+\.\d+)\r\n|\r\n> )$/

for (const table of [M95_SINGLE, M95_MULTI]) {
  walkTable(t, {
    table,
    options: (state) => ({ dialect: 'quectel', model: 'M95', ...(state === 'TCP CONNECTING' ? SLOW : {}) }),
    reach: (rig, echo, state) => reachM95(rig, echo, table, state),
    async check(t, rig, state) {
      if (table.mux === 0) {
        // M35 AT Commands Manual V1.0 §11.9: OK, then STATE: <state>.
        t.equal(await rig.host.cmd('AT+QISTAT', /STATE: [^\r]*\r\n/), `\r\nOK\r\n\r\nSTATE: ${state}\r\n`, `${state} reached`)
        return
      }
      const got = await rig.host.cmd('AT+QISTATE', /STATE: [^\r]*\r\n/)
      t.equal(got, `\r\nOK\r\n\r\nSTATE: ${state === 'CONNECTION OPEN' ? 'IP STATUS' : state}\r\n`, `${state} reached`)
      if (state === 'CONNECTION OPEN') await rig.host.waitFor(/"uart1"\r\n/)
    },
    async judge(t, rig, line, outcome, rule, state) {
      rig.host.write(`${line}\r`)
      if (outcome === 'already') {
        t.equal(await rig.host.waitFor('ALREADY CONNECT\r\n'), `\r\nERROR\r\n\r\n${table.mux ? '1, ' : ''}ALREADY CONNECT\r\n`, `${line} in ${state}: ${rule.source}`)
      } else if (outcome === 'error') {
        t.equal(await rig.host.waitFor(M95_ANSWER, 120_000), '\r\nERROR\r\n', `${line} refused in ${state}: ${rule.source}`)
      } else {
        const got = await rig.host.waitFor(M95_ANSWER, 200_000)
        t.notMatch(got, /ERROR/, `${line} accepted in ${state} (${JSON.stringify(got)})`)
      }
    },
  })
}

/** BG96: from power-on into `state` (QIACT, QIOPEN, the peer closing, the network deactivating, QICLOSE). */
async function reachBg96(rig: Rig, echo: EchoServer, state: Bg96State): Promise<void> {
  const { host, modem } = rig
  if (state === 'INACTIVE / Initial') return
  await host.cmd('AT+QIACT=1', undefined, 200_000)
  if (state === 'ACTIVE / Initial') return
  await host.cmd(`AT+QIOPEN=1,0,"TCP","127.0.0.1",${echo.port},0,0`)
  if (state === 'ACTIVE / Opening') return
  await host.waitFor('+QIOPEN: 0,0\r\n')
  if (state === 'ACTIVE / Connected') return
  if (state === 'ACTIVE / Closing') {
    for (const s of echo.sockets) s.end()
    await host.waitFor('+QIURC: "closed",0\r\n')
    return
  }
  modem.deactivatePdp()
  await host.waitFor('+QIURC: "pdpdeact",1\r\n')
  if (state === 'DEACT / Initial') await host.cmd('AT+QICLOSE=0')
}

/** <socket_state> AT+QISTATE shows for socket 0 in each column (BG96 TCP/IP Application Note §2.2.6). */
const SOCKET = { Initial: undefined, Opening: 1, Connected: 2, Closing: 4 } as const

walkTable(t, {
  table: BG96_TABLE,
  options: (state) => ({ dialect: 'quectel', model: 'BG96', ...(state === 'ACTIVE / Opening' ? SLOW : {}) }),
  reach: reachBg96,
  async check(t, rig, state) {
    const [context, socket] = state.split(' / ') as [string, keyof typeof SOCKET]
    const act = await rig.host.cmd('AT+QIACT?')
    t.equal(act.includes('+QIACT: 1,1,1,'), context === 'ACTIVE', `${state}: context 1 ${context} (${JSON.stringify(act)})`)
    const st = await rig.host.cmd('AT+QISTATE=1,0')
    const want = SOCKET[socket]
    if (want === undefined) t.equal(st, '\r\nOK\r\n', `${state}: no socket service 0`)
    else t.match(st, new RegExp(`^\\r\\n\\+QISTATE: 0,"TCP","127\\.0\\.0\\.1",\\d+,0,${want},1,`), `${state}: socket_state ${want}`)
  },
  async judge(t, rig, line, outcome, rule, state) {
    rig.host.write(`${line}\r`)
    if (outcome === 'open561' || outcome === 'open563') {
      const code = outcome.slice(4)
      t.equal(await rig.host.waitFor('+QIOPEN: 0,'.concat(code, '\r\n')), `\r\nOK\r\n\r\n+QIOPEN: 0,${code}\r\n`, `${line} in ${state}: ${rule.source}`)
    } else if (outcome === 'error') {
      t.equal(await rig.host.waitFor(/(\r\n(OK|ERROR)\r\n|\r\n> )$/, 120_000), '\r\nERROR\r\n', `${line} refused in ${state}: ${rule.source}`)
    } else {
      const got = await rig.host.waitFor(/(\r\n(OK|ERROR)\r\n|\r\n> )$/, 200_000)
      t.notMatch(got, /ERROR/, `${line} accepted in ${state} (${JSON.stringify(got)})`)
    }
  },
})

t.test('the README tables are the tables the emulator follows', async (t) => {
  const readme = readFileSync(new URL('../../emulators/modem/README.md', import.meta.url), 'utf8')
  for (const table of [renderStateTable(M95_SINGLE), renderStateTable(M95_MULTI), renderStateTable(BG96_TABLE)]) {
    t.ok(readme.includes(table), `README holds the rendered table ${table.split('\n')[0]}`)
  }
})
