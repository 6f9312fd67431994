/**
 * Leniency audits as data, shared by every dialect: which commands a module accepts in which
 * state of its TCP/IP state machine, what it answers when it refuses, and the manual section each
 * row follows. The command handlers consult a dialect's tables (`outcomeIn`), the README's tables
 * are rendered from the same data (`renderStateTable`) and the state-table tests walk every cell
 * against the emulator, so the document and the behaviour cannot drift apart.
 */
import { ERROR, type Reply } from './types.js'

export interface StateRule<S extends string, O extends string> {
  /** Command name as the handlers look it up (`+CIPSTART`, `+QIOPEN`). */
  readonly command: string
  /** The command line the audit sends (`<server>` and `<port>` are filled in by the test). */
  readonly sample: string
  /** The outcome in each state the audit reaches; states left out are not reachable between two commands. */
  readonly states: Readonly<Partial<Record<S, O>>>
  /** Manual, section and note the row follows. */
  readonly source: string
  /** What in this row no source settles (rendered as `GUESS: …` after the source). */
  readonly guess?: string
}

export interface StateTable<S extends string, O extends string> {
  readonly title: string
  /** Columns, in state-machine order. */
  readonly states: readonly S[]
  readonly rules: readonly StateRule<S, O>[]
  /** How each outcome reads in the rendered table. */
  readonly marks: Readonly<Record<O, string>>
}

/**
 * The outcomes of the SIMCom-style connect commands (SIM800 AT+CIPSTART, M95 AT+QIOPEN and the
 * commands around them): accept: the command runs; error: `ERROR` (whatever AT+CMEE says);
 * already: `ERROR` then the dialect's `ALREADY CONNECT` line.
 */
export type ConnectOutcome = 'accept' | 'error' | 'already'

/** How the connect outcomes read in a rendered table. */
export const CONNECT_MARKS: Readonly<Record<ConnectOutcome, string>> = { accept: 'accepted', error: '`ERROR`', already: '`ERROR` + `ALREADY CONNECT`' }

/** Every state gets the same outcome. */
export function every<S extends string, O extends string>(states: readonly S[], o: O): Partial<Record<S, O>> {
  return Object.fromEntries(states.map((s) => [s, o])) as Partial<Record<S, O>>
}

/** `ok` states accept, every other state gets `refusal`. */
export function only<S extends string, O extends string>(states: readonly S[], ok: readonly S[], refusal: O): Partial<Record<S, O | 'accept'>> {
  return Object.fromEntries(states.map((s) => [s, ok.includes(s) ? 'accept' : refusal])) as Partial<Record<S, O | 'accept'>>
}

/** The outcome the table gives `command` in `state`; undefined when the table does not list it there. */
export function outcomeIn<S extends string, O extends string>(table: StateTable<S, O>, command: string, state: S): O | undefined {
  return table.rules.find((r) => r.command === command)?.states[state]
}

/**
 * The common reading of an outcome: undefined lets the command run; 'already' is `ERROR` followed by
 * the dialect's ALREADY CONNECT line (sent by `onAlready`); anything else is a bare `ERROR`.
 */
export function refusalFor(outcome: string | undefined, onAlready?: () => void): Reply | undefined {
  if (outcome === undefined || outcome === 'accept') return undefined
  if (outcome === 'already' && onAlready) return { ...ERROR, after: onAlready }
  return ERROR
}

/** The table as Markdown (the README embeds exactly this text; a test checks it). */
export function renderStateTable<S extends string, O extends string>(t: StateTable<S, O>): string {
  const head = `| command | ${t.states.join(' | ')} | source |`
  const rule = `|---|${t.states.map(() => '---').join('|')}|---|`
  const rows = t.rules.map((r) => {
    const cells = t.states.map((s) => {
      const o = r.states[s]
      return o === undefined ? '—' : t.marks[o]
    })
    return `| \`${r.sample}\` | ${cells.join(' | ')} | ${r.source}${r.guess ? ` (GUESS: ${r.guess})` : ''} |`
  })
  return [`**${t.title}**`, '', head, rule, ...rows].join('\n')
}
