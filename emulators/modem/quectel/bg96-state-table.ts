import { ERROR, type Reply } from '../at/types.js'
import { every, only, outcomeIn, type StateTable } from '../at/state-table.js'

/**
 * The EC2x/BG96 TCP/IP leniency audit as data (machinery in ../at/state-table.ts): context 1's
 * state × the state of the socket service a command names (AT+QISTATE <socket_state>). The
 * handlers in bg96.ts consult it through `bg96Refusal`; test/modem/quectel-state-table.test.ts
 * walks every cell, and the README embeds the rendered table.
 *
 * Sources: Quectel BG96 TCP/IP Application Note (LPWA Module Series) §2.2 (commands), §2.3 (URCs),
 * chapter 4 (result codes: 561 "open PDP context failed", 563 "socket identity has been used", the
 * same codes TinyGSM-era drivers and the Quectel LTE Standard TCP/IP Application Note list);
 * 3GPP TS 27.007 §10.1.10 for AT+CGACT.
 */

/** Context 1 (inactive / active / deactivated by the network: `+QIURC: "pdpdeact",1`). */
export type Bg96Context = 'INACTIVE' | 'ACTIVE' | 'DEACT'
/** <socket_state> of the named socket service (BG96 TCP/IP Application Note §2.2.6): Initial 0, Opening 1, Connected 2, Closing 4. */
export type Bg96Socket = 'Initial' | 'Opening' | 'Connected' | 'Closing'
export type Bg96State = `${Bg96Context} / ${Bg96Socket}`

/** accept: runs; error: `ERROR`; open561 / open563: `OK`, then `+QIOPEN: <id>,561|563`. */
export type Bg96Outcome = 'accept' | 'error' | 'open561' | 'open563'

const AN = 'Quectel BG96 TCP/IP Application Note'
const STATES: readonly Bg96State[] = [
  'INACTIVE / Initial',
  'ACTIVE / Initial',
  'ACTIVE / Opening',
  'ACTIVE / Connected',
  'ACTIVE / Closing',
  'DEACT / Closing',
  'DEACT / Initial',
]
const err = (ok: readonly Bg96State[]) => only(STATES, ok, 'error' as const)
/** States in which the named socket service exists (not Initial). */
const EXISTS = STATES.filter((s) => !s.endsWith('Initial'))

export const BG96_TABLE: StateTable<Bg96State, Bg96Outcome> = {
  title: 'EC2x/BG96, context 1 × socket service 0',
  states: STATES,
  marks: { accept: 'accepted', error: '`ERROR`', open561: '`OK` + `+QIOPEN: 0,561`', open563: '`OK` + `+QIOPEN: 0,563`' },
  rules: [
    { command: '+QICSGP', sample: 'AT+QICSGP=1,1,"CMNET","","",1', states: every(STATES, 'accept'), source: `${AN} §2.2.1: configures context 1 in any state` },
    {
      command: '+QIACT',
      sample: 'AT+QIACT=1',
      states: err(['INACTIVE / Initial', 'DEACT / Closing', 'DEACT / Initial']),
      source: `${AN} §2.2.2: OK, or ERROR; the application note's flow checks AT+QIACT? before activating`,
      guess: 'ERROR on an active context; re-activation accepted after "pdpdeact" without AT+QIDEACT',
    },
    { command: '+QIDEACT', sample: 'AT+QIDEACT=1', states: every(STATES, 'accept'), source: `${AN} §2.2.3: OK, every socket closed, context 1 inactive` },
    {
      command: '+QIOPEN',
      sample: 'AT+QIOPEN=1,0,"TCP","<server>",<port>,0,0',
      states: {
        'INACTIVE / Initial': 'open561',
        'DEACT / Initial': 'open561',
        'ACTIVE / Initial': 'accept',
        ...Object.fromEntries(EXISTS.map((s) => [s, 'open563' as const])),
      },
      source: `${AN} §2.2.4 (OK, then +QIOPEN: <connectID>,<err>) and chapter 4: 563 while the <connectID> is still allocated (AT+QICLOSE frees it, §2.3.1)`,
      guess: '561 when context 1 is not active',
    },
    { command: '+QISEND', sample: 'AT+QISEND=0,4', states: err(['ACTIVE / Connected']), source: `${AN} §2.2.7: ERROR when the connection is not established or was closed` },
    { command: '+QIRD', sample: 'AT+QIRD=0,1500', states: err(EXISTS), source: `${AN} §2.2.8: ERROR when the connection does not exist; buffered data stays readable after "closed"` },
    {
      command: '+QICLOSE',
      sample: 'AT+QICLOSE=0',
      states: every(STATES, 'accept'),
      source: `${AN} §2.2.5: OK; the socket returns to Initial (§2.3.1)`,
      guess: 'OK for a socket that does not exist, as drivers rely on',
    },
    { command: '+QISTATE', sample: 'AT+QISTATE=1,0', states: every(STATES, 'accept'), source: `${AN} §2.2.6: the socket's line, or OK alone` },
    { command: '+CGPADDR', sample: 'AT+CGPADDR=1', states: every(STATES, 'accept'), source: '3GPP TS 27.007 §10.1.14: the address of context 1 (the one AT+QIACT brought up)' },
    { command: '+CGACT', sample: 'AT+CGACT=1,1', states: every(STATES, 'accept'), source: '3GPP TS 27.007 §10.1.10: OK, also when the context already is in the requested state' },
  ],
}

/**
 * The refusal a command naming socket `id` gets in `state`, or undefined when it runs. The 561/563
 * outcomes are `OK` now and the result URC after it, as the module reports a failed open.
 */
export function bg96Refusal(command: string, state: Bg96State, id: number, urc: (line: string) => void): Reply | undefined {
  const outcome = outcomeIn(BG96_TABLE, command, state)
  if (outcome === 'open561' || outcome === 'open563') return { after: () => urc(`+QIOPEN: ${id},${outcome.slice(4)}`) }
  return outcome === 'error' ? ERROR : undefined
}
