/**
 * Walks the SIM800 leniency audit (emulators/modem/sim800/state-table.ts) cell by cell: every
 * command of the table, sent in every state it names, answers as the table says — and the README
 * carries exactly the table rendered from the same data. Each cell follows the manual section the
 * row cites (SIM800 Series AT Command Manual V1.09 §8.2).
 */
import { readFileSync } from 'node:fs'
import t from 'tap'
import { renderStateTable } from '../../emulators/modem/at/state-table.js'
import { SIM800_MULTI, SIM800_SINGLE, type Sim800State, type Sim800Table } from '../../emulators/modem/sim800/state-table.js'
import { walkTable, type Rig } from './state-walk.js'
import type { EchoServer } from './helpers.js'

const IP = /\r\n\d+\.\d+\.\d+\.\d+\r\n/

/** Drives a modem from power-on into `state` with the commands the manual prescribes. */
async function reach(rig: Rig, echo: EchoServer, table: Sim800Table, state: Sim800State): Promise<void> {
  const { host, modem } = rig
  if (table.mux === 1) await host.cmd('AT+CIPMUX=1')
  if (state === 'IP INITIAL') return
  await host.cmd('AT+CSTT="CMNET"')
  if (state === 'IP START') return
  await host.cmd('AT+CIICR')
  if (state === 'IP GPRSACT') return
  await host.cmd('AT+CIFSR', IP)
  if (state === 'IP STATUS') return
  if (state === 'PDP DEACT') {
    modem.deactivatePdp()
    await host.waitFor('+PDP: DEACT\r\n')
    return
  }
  const dial = (n?: number): string => `AT+CIPSTART=${n === undefined ? '' : `${n},`}"TCP","127.0.0.1",${echo.port}`
  if (state === 'TCP CONNECTING') return void (await host.cmd(dial()))
  if (state === 'IP PROCESSING') return void (await host.cmd(dial(0)))
  if (state === 'CONNECTION OPEN') {
    await host.cmd(dial(1))
    await host.waitFor('1, CONNECT OK\r\n')
    return
  }
  await host.cmd(dial())
  await host.waitFor('CONNECT OK\r\n')
  if (state === 'CONNECT OK') return
  for (const s of echo.sockets) s.end()
  await host.waitFor('CLOSED\r\n')
}

/** What CIPSTATUS must report once `reach` is done (the pseudo-state shows as IP STATUS). */
const reported = (s: Sim800State): string => (s === 'CONNECTION OPEN' ? 'IP STATUS' : s)

/** The end of any answer the audited commands give (multi-mode CIPSTATUS ends with its C: lines once the context is up). */
const answer = (mux: 0 | 1): RegExp =>
  mux === 1
    ? /(\r\n(OK|ERROR|SHUT OK|\d, CLOSE OK|STATE: (?!IP STATUS|IP PROCESSING)[^\r]*|\d+\.\d+\.\d+\.\d+)\r\n|C: 5,[^\r]*\r\n|\r\n> )$/
    : /(\r\n(OK|ERROR|SHUT OK|CLOSE OK|STATE: [^\r]*|\d+\.\d+\.\d+\.\d+)\r\n|\r\n> )$/

for (const table of [SIM800_SINGLE, SIM800_MULTI]) {
  walkTable(t, {
    table,
    // A long connect keeps TCP CONNECTING / IP PROCESSING in place while the command runs.
    options: (state) => (state === 'TCP CONNECTING' || state === 'IP PROCESSING' ? { timings: { connect: 600_000 } } : {}),
    reach: (rig, echo, state) => reach(rig, echo, table, state),
    async check(t, rig, state) {
      rig.host.write('AT+CIPSTATUS\r')
      let status = await rig.host.waitFor(/STATE: [^\r]*\r\n/)
      // Multi mode lists C: 0 … C: 5 after the state once the context is up.
      if (table.mux === 1 && /IP STATUS|IP PROCESSING/.test(status)) status += await rig.host.waitFor(/C: 5,[^\r]*\r\n/)
      t.ok(status.includes(`STATE: ${reported(state)}\r\n`), `${state} reached (${JSON.stringify(status)})`)
    },
    async judge(t, rig, line, outcome, rule, state) {
      rig.host.write(`${line}\r`)
      if (outcome === 'already') {
        t.equal(await rig.host.waitFor('ALREADY CONNECT\r\n'), `\r\nERROR\r\n\r\n${table.mux ? '1, ' : ''}ALREADY CONNECT\r\n`, `${line} in ${state}: ${rule.source}`)
      } else if (outcome === 'error') {
        t.equal(await rig.host.waitFor(answer(table.mux), 120_000), '\r\nERROR\r\n', `${line} refused in ${state}: ${rule.source}`)
      } else {
        const got = await rig.host.waitFor(answer(table.mux), 120_000)
        t.notMatch(got, /ERROR/, `${line} accepted in ${state} (${JSON.stringify(got)})`)
      }
    },
  })
}

t.test('the README table is the table the emulator follows', async (t) => {
  const readme = readFileSync(new URL('../../emulators/modem/README.md', import.meta.url), 'utf8')
  for (const table of [SIM800_SINGLE, SIM800_MULTI]) t.ok(readme.includes(renderStateTable(table)), `README holds the rendered table "${table.title}"`)
})
