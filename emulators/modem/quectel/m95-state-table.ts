import type { Reply } from '../at/types.js'
import { CONNECT_MARKS as marks, every, only, outcomeIn, refusalFor, type ConnectOutcome, type StateTable } from '../at/state-table.js'

/**
 * The M95/M26 TCP/IP leniency audit as data (machinery in ../at/state-table.ts): which commands
 * the module accepts in which state of its TCP/IP stack, as AT+QISTAT names the states. The
 * handlers in m95.ts consult it through `m95Refusal`; test/modem/quectel-state-table.test.ts
 * walks every cell, and the README embeds the rendered tables.
 *
 * Sources: the M95's TCPIP chapter is shared, command for command, with its sister module M35;
 * the Quectel M35 AT Commands Manual V1.0 (2013-07-11) chapter 11 is the text read here
 * (§11.2 AT+QISEND, §11.4 AT+QIDEACT, §11.9 AT+QISTAT). Rows whose note was not read carry a GUESS.
 */

/** What AT+QISTAT reports with AT+QIMUX=0 (M35 AT Commands Manual V1.0 §11.9), plus the multi-connection qualifier. */
export type M95State =
  | 'IP INITIAL'
  | 'IP START'
  | 'IP CONFIG'
  | 'IP IND'
  | 'IP GPRSACT'
  | 'IP STATUS'
  | 'TCP CONNECTING'
  | 'IP CLOSE'
  | 'CONNECT OK'
  | 'PDP DEACT'
  /** AT+QIMUX=1 only, not a QISTAT value: the connection the command names is opening or open. */
  | 'CONNECTION OPEN'

export interface M95Table extends StateTable<M95State, ConnectOutcome> {
  readonly mux: 0 | 1
}

const M35 = 'Quectel M35 AT Commands Manual V1.0'

const SINGLE: readonly M95State[] = ['IP INITIAL', 'IP START', 'IP GPRSACT', 'IP STATUS', 'TCP CONNECTING', 'CONNECT OK', 'IP CLOSE', 'PDP DEACT']
const MULTI: readonly M95State[] = ['IP INITIAL', 'IP START', 'IP GPRSACT', 'IP STATUS', 'CONNECTION OPEN', 'PDP DEACT']
/** States with the GPRS context active (IP GPRSACT onwards, PDP DEACT excluded). */
const ACTIVE: readonly M95State[] = ['IP GPRSACT', 'IP STATUS', 'TCP CONNECTING', 'CONNECT OK', 'IP CLOSE', 'CONNECTION OPEN']

const rows = (states: readonly M95State[], mux: 0 | 1): M95Table['rules'] => {
  const err = (ok: readonly M95State[]) => only(states, ok, 'error' as const)
  const open = mux === 0 ? 'AT+QIOPEN="TCP","<server>",<port>' : 'AT+QIOPEN=1,"TCP","<server>",<port>'
  return [
    {
      command: '+QIREGAPP',
      sample: 'AT+QIREGAPP="CMNET","",""',
      states: err(['IP INITIAL']),
      source: `${M35} §11.6: starts the TCPIP task, IP INITIAL → IP START`,
      guess: 'refused outside IP INITIAL; the note was not read, the rule is SIM800 AT+CSTT\'s',
    },
    {
      command: '+QIACT',
      sample: 'AT+QIACT',
      states: err(['IP START']),
      source: `${M35} §11.7: IP START → IP CONFIG → IP IND → IP GPRSACT (§11.9 state list)`,
      guess: 'refused outside IP START; the note was not read, the rule is SIM800 AT+CIICR\'s',
    },
    {
      command: '+QILOCIP',
      sample: 'AT+QILOCIP',
      states: err(ACTIVE),
      source: `${M35} §11.8, §11.9: IP STATUS is "the local IP address has been gotten by AT+QILOCIP"`,
      guess: 'ERROR without an active context, as SIM800 AT+CIFSR',
    },
    {
      command: '+QIOPEN',
      sample: open,
      states:
        mux === 0
          ? { ...err(['IP INITIAL', 'IP STATUS', 'IP CLOSE']), 'TCP CONNECTING': 'already', 'CONNECT OK': 'already' }
          : { ...err(['IP INITIAL', 'IP STATUS']), 'CONNECTION OPEN': 'already' },
      source: `${M35} §11.1: CONNECT OK / CONNECT FAIL / ALREADY CONNECT; from IP INITIAL the module registers the task and activates the context itself`,
      guess: 'refused in IP START, IP GPRSACT and PDP DEACT, AT+QIDEACT first; the note as recalled, not re-read',
    },
    {
      command: '+QISEND',
      sample: mux === 0 ? 'AT+QISEND=4' : 'AT+QISEND=1,4',
      states: err(mux === 0 ? ['CONNECT OK'] : ['CONNECTION OPEN']),
      source: `${M35} §11.2 note 5: only with the connection established, otherwise ERROR`,
    },
    {
      command: '+QICLOSE',
      sample: mux === 0 ? 'AT+QICLOSE' : 'AT+QICLOSE=1',
      states: err(mux === 0 ? ['TCP CONNECTING', 'CONNECT OK'] : ['CONNECTION OPEN']),
      source: `${M35} §11.3: CLOSE OK, or ERROR when it fails`,
      guess: 'ERROR when there is no connection to close, as SIM800 AT+CIPCLOSE',
    },
    {
      command: '+QIDEACT',
      sample: 'AT+QIDEACT',
      states: every(states, 'accept'),
      source: `${M35} §11.4 note 1: deactivates the context in any state but IP INITIAL, then IP INITIAL; DEACT OK`,
      guess: 'DEACT OK in IP INITIAL too: nothing to deactivate, and drivers send it first expecting DEACT OK',
    },
    {
      command: '+QIMUX',
      sample: mux === 0 ? 'AT+QIMUX=1' : 'AT+QIMUX=0',
      states: err(['IP INITIAL']),
      source: `${M35}, AT+QIMUX (chapter 11)`,
      guess: 'only in IP INITIAL, as the SIM900 AT+CIPMUX note the M-series TCPIP descends from',
    },
    {
      command: '+QIMODE',
      sample: 'AT+QIMODE=0',
      states: err(['IP INITIAL']),
      source: `${M35}, AT+QIMODE (chapter 11)`,
      guess: 'only in IP INITIAL, like AT+QIMUX',
    },
    {
      command: '+QISTAT',
      sample: 'AT+QISTAT',
      states: every(states, 'accept'),
      source: `${M35} §11.9: QIMUX=0: OK, then STATE: <state>; QIMUX=1: one +QISTAT line per connection, then OK`,
    },
  ]
}

export const M95_SINGLE: M95Table = { title: 'M95/M26, single connection (AT+QIMUX=0)', mux: 0, marks, states: SINGLE, rules: rows(SINGLE, 0) }
export const M95_MULTI: M95Table = { title: 'M95/M26, multi connection (AT+QIMUX=1)', mux: 1, marks, states: MULTI, rules: rows(MULTI, 1) }

/** The refusal a command gets in `state`, or undefined when the table lets it run (or does not list it). */
export function m95Refusal(command: string, state: M95State, mux: 0 | 1, onAlready?: () => void): Reply | undefined {
  return refusalFor(outcomeIn(mux === 1 ? M95_MULTI : M95_SINGLE, command, state), onAlready)
}
