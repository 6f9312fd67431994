/**
 * Walks a leniency audit table (emulators/modem/at/state-table.ts) cell by cell: for every state
 * and every command the table lists there, a fresh modem is driven into the state with the
 * commands the manual prescribes, the state is checked on the wire, the command's sample is sent
 * and its answer checked against the cell. Each dialect supplies how to reach, check and judge.
 */
import type { Test } from 'tap'
import type { ModemOptions } from '../../emulators/modem/index.js'
import type { StateRule, StateTable } from '../../emulators/modem/at/state-table.js'
import { echoServer, modemRig, type EchoServer } from './helpers.js'

export type Rig = Awaited<ReturnType<typeof modemRig>>

export interface Walk<S extends string, O extends string> {
  readonly table: StateTable<S, O>
  /** Options of the modem for a cell in `state` (a long connect keeps a connecting state in place). */
  options(state: S): Omit<ModemOptions, 'clock' | 'port'>
  /** Drives a fresh modem (echo off already) into `state`; `echo` is the server to connect to. */
  reach(rig: Rig, echo: EchoServer, state: S): Promise<void>
  /** Asserts, through the wire, that the modem is in `state`. */
  check(t: Test, rig: Rig, state: S): Promise<void>
  /** Sends `line` (the rule's sample filled in) and asserts the answer is `outcome`. */
  judge(t: Test, rig: Rig, line: string, outcome: O, rule: StateRule<S, O>, state: S): Promise<void>
}

export function walkTable<S extends string, O extends string>(t: Test, walk: Walk<S, O>): void {
  const { table } = walk
  t.test(`leniency audit, ${table.title}`, async (t) => {
    for (const state of table.states) {
      t.test(`state ${state}`, async (t) => {
        for (const rule of table.rules) {
          const outcome = rule.states[state]
          if (outcome === undefined) continue
          const echo = await echoServer()
          const rig = await modemRig(walk.options(state))
          try {
            await rig.host.cmd('ATE0')
            await walk.reach(rig, echo, state)
            await walk.check(t, rig, state)
            rig.host.take()
            const line = rule.sample.replace('<server>', '127.0.0.1').replace('<port>', String(echo.port))
            await walk.judge(t, rig, line, outcome, rule, state)
          } finally {
            await rig.done()
            await echo.close()
          }
        }
      })
    }
  })
}
