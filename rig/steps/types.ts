import type { Clock } from '../../protocols/runtime/clock.js'
import type { Bench } from '../bench/types.js'
import type { Scenario } from '../scenario/types.js'

/** What a step sees while it runs. */
export interface StepContext {
  readonly bench: Bench
  readonly clock: Clock
  readonly scenario: Scenario
  /** Values saved by earlier steps (`as: name`) and the scenario's parameters. */
  readonly vars: Record<string, unknown>
  /** Read positions of expectations in the event logs, so each expectation consumes what it matched. */
  readonly cursors: Map<string, number>
  /** Aborted when the run is interrupted or its real-time watchdog fires. */
  readonly signal: AbortSignal
  /** This scenario's artifact folder, relative to the report folder. */
  readonly artifactDir: string
  /** Writes an extra artifact (a snapshot diff) into the scenario's artifact folder. */
  saveArtifact(name: string, data: Buffer | string): Promise<void>
  /** --update-snapshots: snapshot expectations record instead of compare. */
  readonly updateSnapshots: boolean
}

/** One kind of scenario step: `register.print`, `expect.receipt`, … */
export interface StepDefinition<A = unknown> {
  kind: string
  /** One line for the schema and `rig list --steps`. */
  summary: string
  /** JSON Schema of the step's arguments (the value under its key). */
  schema: Record<string, unknown>
  /** Default time-out in virtual ms, when the arguments give none. */
  defaultTimeoutMs?: number
  /**
   * Runs the step; the returned value is saved under the step's `as` name. `timeoutMs` is the
   * step's `timeout` argument or its default; the runner also enforces it from outside.
   */
  run(ctx: StepContext, args: A, timeoutMs: number): Promise<unknown>
}
