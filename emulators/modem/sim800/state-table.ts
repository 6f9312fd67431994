import type { Reply } from '../at/types.js'
import { CONNECT_MARKS as marks, every, only as onlyIn, outcomeIn, refusalFor, type ConnectOutcome, type StateTable } from '../at/state-table.js'

/**
 * The SIM800 TCP/IP leniency audit as data (machinery in ../at/state-table.ts): which commands the
 * module accepts in which state of its TCP/IP state machine (SIM800 Series AT Command Manual V1.09
 * §8.2), and what it answers when it refuses. The handlers consult it through `sim800Refusal`;
 * test/modem/state-table.test.ts walks every cell.
 */

/** What AT+CIPSTATUS reports (§8.2.12), plus the multi-connection qualifier the table needs. */
export type Sim800State =
  | 'IP INITIAL'
  | 'IP START'
  | 'IP CONFIG'
  | 'IP GPRSACT'
  | 'IP STATUS'
  | 'TCP CONNECTING'
  | 'CONNECT OK'
  | 'TCP CLOSING'
  | 'TCP CLOSED'
  | 'IP PROCESSING'
  | 'PDP DEACT'
  /** Multi-connection only, not a CIPSTATUS value: the connection the command names is open (CIPSTATUS: IP STATUS, `C: <n>,…,"CONNECTED"`). */
  | 'CONNECTION OPEN'

export interface Sim800Table extends StateTable<Sim800State, ConnectOutcome> {
  readonly mux: 0 | 1
}

const M = 'SIM800 Series AT Command Manual V1.09'

const only = (states: readonly Sim800State[], ok: readonly Sim800State[]): Partial<Record<Sim800State, ConnectOutcome>> => onlyIn(states, ok, 'error')

const SINGLE: readonly Sim800State[] = ['IP INITIAL', 'IP START', 'IP GPRSACT', 'IP STATUS', 'TCP CONNECTING', 'CONNECT OK', 'TCP CLOSED', 'PDP DEACT']
const MULTI: readonly Sim800State[] = ['IP INITIAL', 'IP START', 'IP GPRSACT', 'IP STATUS', 'IP PROCESSING', 'CONNECTION OPEN', 'PDP DEACT']
/** States in which the PDP context is active (§8.2.11 note: IP GPRSACT, TCP/UDP CONNECTING, CONNECT OK, IP CLOSE). */
const ACTIVE: readonly Sim800State[] = ['IP GPRSACT', 'IP STATUS', 'TCP CONNECTING', 'CONNECT OK', 'TCP CLOSED', 'IP PROCESSING', 'CONNECTION OPEN']

export const SIM800_SINGLE: Sim800Table = {
  title: 'SIM800, single connection (AT+CIPMUX=0)',
  mux: 0,
  marks,
  states: SINGLE,
  rules: [
    { command: '+CSTT', sample: 'AT+CSTT="CMNET"', states: only(SINGLE, ['IP INITIAL']), source: `${M} §8.2.9 note: valid only in IP INITIAL, moves to IP START` },
    { command: '+CIICR', sample: 'AT+CIICR', states: only(SINGLE, ['IP START']), source: `${M} §8.2.10 note: only in IP START; IP CONFIG, then IP GPRSACT` },
    { command: '+CIFSR', sample: 'AT+CIFSR', states: only(SINGLE, ACTIVE), source: `${M} §8.2.11 note: only with the PDP context active, else ERROR` },
    {
      command: '+CIPSTART',
      sample: 'AT+CIPSTART="TCP","<server>",<port>',
      // TCP CLOSED too is refused: "necessary to process AT+CIPSHUT before ... when the state is not IP
      // INITIAL or IP STATUS" (the note as printed in V1.09); Adafruit_FONA and TinyGSM send AT+CIPSHUT first.
      states: { ...only(SINGLE, ['IP INITIAL', 'IP STATUS']), 'TCP CONNECTING': 'already', 'CONNECT OK': 'already' },
      source: `${M} §8.2.2 note: single state only in IP INITIAL or IP STATUS (else AT+CIPSHUT first); ALREADY CONNECT when connected`,
    },
    { command: '+CIPSEND', sample: 'AT+CIPSEND=4', states: only(SINGLE, ['CONNECT OK']), source: `${M} §8.2.3: ERROR when the connection is not established` },
    { command: '+CIPCLOSE', sample: 'AT+CIPCLOSE', states: only(SINGLE, ['TCP CONNECTING', 'CONNECT OK']), source: `${M} §8.2.6: ERROR when there is no connection to close` },
    { command: '+CIPMUX', sample: 'AT+CIPMUX=1', states: only(SINGLE, ['IP INITIAL']), source: `${M} §8.2.1 note: only in IP INITIAL` },
    { command: '+CIPSHUT', sample: 'AT+CIPSHUT', states: every(SINGLE, 'accept'), source: `${M} §8.2.7: SHUT OK in any state, back to IP INITIAL` },
    { command: '+CIPSTATUS', sample: 'AT+CIPSTATUS', states: every(SINGLE, 'accept'), source: `${M} §8.2.12: OK, then STATE: <state>` },
  ],
}

export const SIM800_MULTI: Sim800Table = {
  title: 'SIM800, multi connection (AT+CIPMUX=1)',
  mux: 1,
  marks,
  states: MULTI,
  rules: [
    { command: '+CSTT', sample: 'AT+CSTT="CMNET"', states: only(MULTI, ['IP INITIAL']), source: `${M} §8.2.9 note` },
    { command: '+CIICR', sample: 'AT+CIICR', states: only(MULTI, ['IP START']), source: `${M} §8.2.10 note` },
    { command: '+CIFSR', sample: 'AT+CIFSR', states: only(MULTI, ACTIVE), source: `${M} §8.2.11 note` },
    {
      command: '+CIPSTART',
      sample: 'AT+CIPSTART=1,"TCP","<server>",<port>',
      states: { ...only(MULTI, ['IP STATUS', 'IP PROCESSING']), 'CONNECTION OPEN': 'already' },
      source: `${M} §8.2.2 note: in multi-IP state only in IP STATUS; AT+CSTT, AT+CIICR, AT+CIFSR must come first`,
    },
    { command: '+CIPSEND', sample: 'AT+CIPSEND=1,4', states: only(MULTI, ['CONNECTION OPEN']), source: `${M} §8.2.3: ERROR when connection <n> is not established` },
    { command: '+CIPCLOSE', sample: 'AT+CIPCLOSE=1', states: only(MULTI, ['CONNECTION OPEN']), source: `${M} §8.2.6: ERROR when connection <n> is not open` },
    { command: '+CIPMUX', sample: 'AT+CIPMUX=0', states: only(MULTI, ['IP INITIAL']), source: `${M} §8.2.1 note: AT+CIPMUX=0 only when every connection and the GPRS context are shut` },
    { command: '+CIPSHUT', sample: 'AT+CIPSHUT', states: every(MULTI, 'accept'), source: `${M} §8.2.7` },
    { command: '+CIPSTATUS', sample: 'AT+CIPSTATUS', states: every(MULTI, 'accept'), source: `${M} §8.2.12: OK, STATE: <state>, then one C: line per connection` },
  ],
}

/** The refusal a command gets in `state`, or undefined when the table lets it run (or does not list it). */
export function sim800Refusal(command: string, state: Sim800State, mux: 0 | 1, onAlready?: () => void): Reply | undefined {
  return refusalFor(outcomeIn(mux === 1 ? SIM800_MULTI : SIM800_SINGLE, command, state), onAlready)
}
