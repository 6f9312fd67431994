import type { Scenario } from '../scenario/types.js'
import type { RunSummary, ScenarioResult, StepResult } from './types.js'

export interface RunInfo {
  scenarios: Scenario[]
  outDir: string
  seed: number
  workers: number
  shard?: { current: number; total: number }
}

/** A reporter hears about the run as it happens; every method is optional. */
export interface Reporter {
  onBegin?(info: RunInfo): void | Promise<void>
  onScenarioBegin?(scenario: Scenario): void
  onStepEnd?(scenario: Scenario, step: StepResult): void
  onScenarioEnd?(result: ScenarioResult): void | Promise<void>
  onEnd?(summary: RunSummary): void | Promise<void>
  /** True when it writes to the terminal (then no default terminal reporter is added). */
  printsToStdio?(): boolean
}

/** Forwards every event to every reporter; one reporter's failure never stops the run or the others. */
export class ReporterMultiplexer implements Reporter {
  readonly errors: string[] = []

  constructor(private readonly reporters: Reporter[]) {}

  async onBegin(info: RunInfo): Promise<void> {
    await this.each((r) => r.onBegin?.(info))
  }

  onScenarioBegin(scenario: Scenario): void {
    void this.each((r) => r.onScenarioBegin?.(scenario))
  }

  onStepEnd(scenario: Scenario, step: StepResult): void {
    void this.each((r) => r.onStepEnd?.(scenario, step))
  }

  async onScenarioEnd(result: ScenarioResult): Promise<void> {
    await this.each((r) => r.onScenarioEnd?.(result))
  }

  async onEnd(summary: RunSummary): Promise<void> {
    await this.each((r) => r.onEnd?.(summary))
  }

  printsToStdio(): boolean {
    return this.reporters.some((r) => r.printsToStdio?.())
  }

  private async each(fn: (r: Reporter) => unknown): Promise<void> {
    for (const r of this.reporters) {
      try {
        await fn(r)
      } catch (err) {
        const msg = `reporter ${r.constructor.name} failed: ${(err as Error).message}`
        this.errors.push(msg)
        process.stderr.write(msg + '\n')
      }
    }
  }
}
