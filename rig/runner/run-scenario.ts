import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { resolveConfig } from '../../emulators/qr-device/index.js'
import { startSimBench } from '../bench/sim-bench.js'
import { loadBenchFile } from '../bench/bench-file.js'
import { startRealBench } from '../bench/real-bench.js'
import type { Bench } from '../bench/types.js'
import { captureArtifacts } from '../capture/artifacts.js'
import { PanMasker } from '../capture/mask.js'
import { lastTraffic } from '../capture/traffic.js'
import { RealClock } from '../clock/real-clock.js'
import { DEFAULT_EPOCH, VirtualClock } from '../clock/virtual-clock.js'
import { ExpectationError, ExpectationTimeout } from '../expect/errors.js'
import { formatDuration, parseDuration } from '../scenario/duration.js'
import { interpolate } from '../scenario/interpolate.js'
import type { Scenario, ScenarioStep } from '../scenario/types.js'
import { STEPS } from '../steps/registry.js'
import type { StepContext } from '../steps/types.js'
import type { Reporter } from './reporter.js'
import type { ErrorInfo, ScenarioResult, StepResult } from './types.js'
import { slug } from './slug.js'

export interface RunScenarioOptions {
  /** Report folder; artifacts go to <outDir>/artifacts/<scenario>/. */
  outDir: string
  /** Seed when the scenario names none. */
  seed: number
  reporter?: Reporter
  /** Longest real time a scenario may take before it is stopped. Default 120 s. */
  realTimeoutMs?: number
  /** Aborts the run (Ctrl-C): the scenario ends 'interrupted', its captures are still written. */
  signal?: AbortSignal
  attempt?: number
  /** Snapshot expectations write their pictures instead of comparing. */
  updateSnapshots?: boolean
}

const realClock = new RealClock()

/**
 * Runs one scenario on a fresh bench and returns its result. The bench is always torn
 * down and every capture written, whether the scenario passes, fails, throws, times out
 * or is interrupted.
 */
export async function runScenario(scenario: Scenario, options: RunScenarioOptions): Promise<ScenarioResult> {
  const seed = scenario.seed ?? options.seed
  const realStart = realClock.now()
  // sim benches run on virtual time; a firmware process or real hardware sets its own pace.
  const virtual = scenario.bench === 'sim'
  const clock = virtual ? new VirtualClock({ start: scenario.startTime ? Date.parse(scenario.startTime) : DEFAULT_EPOCH }) : new RealClock()
  const epoch = clock.now()
  const abort = new AbortController()
  const onOuterAbort = (): void => abort.abort(Object.assign(new Error('run interrupted'), { interrupted: true }))
  options.signal?.addEventListener('abort', onOuterAbort, { once: true })
  if (options.signal?.aborted) onOuterAbort()
  // On real time the scenario's own time-out is real too: the watchdog leaves it room.
  const realTimeoutMs = Math.max(options.realTimeoutMs ?? 120_000, virtual ? 0 : scenario.timeoutMs + 30_000)
  const watchdog = realClock.setTimeout(
    () => abort.abort(new Error(`scenario exceeded its real-time limit of ${formatDuration(realTimeoutMs)} (a hang in the rig or the device)`)),
    realTimeoutMs,
  )
  const masker = new PanMasker()
  const config = resolveConfig(scenario.device)
  masker.learn(config.pan)
  const rel = `artifacts/${slug(scenario.id)}${options.attempt ? `-retry${options.attempt}` : ''}`
  const steps: StepResult[] = scenario.steps.map((s) => ({
    index: s.index,
    name: s.name,
    kind: s.kind,
    location: s.location,
    status: 'skipped',
    startMs: 0,
    durationMs: 0,
    realMs: 0,
  }))
  let error: ErrorInfo | undefined
  let status: ScenarioResult['status'] = 'passed'
  let bench: Bench | undefined
  options.reporter?.onScenarioBegin?.(scenario)
  if (clock instanceof VirtualClock) clock.start()
  try {
    const common = { seed, device: scenario.device, lines: scenario.lines, paper: scenario.paper, registerPolls: scenario.registerPolls }
    const started: Bench = await untilAborted(
      clock instanceof VirtualClock
        ? startSimBench({ clock, ...common })
        : loadBenchFile(scenario.bench).then((file) => startRealBench({ clock: clock as RealClock, bench: file, ...common })),
      abort.signal,
    )
    bench = started
    const ctx: StepContext = {
      bench: started,
      clock,
      scenario,
      vars: { ...scenario.params, params: scenario.params },
      cursors: new Map(),
      signal: abort.signal,
      artifactDir: rel,
      updateSnapshots: options.updateSnapshots ?? false,
      saveArtifact: async (name, data) => {
        await mkdir(join(options.outDir, rel), { recursive: true })
        await writeFile(join(options.outDir, rel, name), data)
      },
    }
    const deadline = epoch + scenario.timeoutMs
    for (const step of scenario.steps) {
      const r = steps[step.index]!
      const failure = await runStep(ctx, step, r, deadline, epoch)
      options.reporter?.onStepEnd?.(scenario, r)
      if (failure) {
        error = { ...failure, traffic: lastTraffic(Object.entries(started.links).filter((e): e is [string, NonNullable<(typeof e)[1]>] => !!e[1]), epoch, (d) => masker.bytes(d)) }
        status = abort.signal.aborted && (abort.signal.reason as { interrupted?: boolean })?.interrupted ? 'interrupted' : r.status
        break
      }
    }
  } catch (err) {
    status = abort.signal.aborted && (abort.signal.reason as { interrupted?: boolean })?.interrupted ? 'interrupted' : 'error'
    error = { message: `bench: ${(err as Error).message}`, stack: (err as Error).stack }
  } finally {
    realClock.clearTimeout(watchdog)
    options.signal?.removeEventListener('abort', onOuterAbort)
  }

  // Time stops with the verdict, so what is captured does not depend on how long capturing takes.
  if (clock instanceof VirtualClock) await clock.stop()
  const virtualMs = clock.now() - epoch
  const dir = join(options.outDir, rel)
  await mkdir(dir, { recursive: true })
  const captured = bench ? await captureArtifacts(bench, dir, rel, epoch, masker) : undefined
  await bench?.close()
  if (clock instanceof RealClock) clock.clearAll()
  if (captured?.problems.length) {
    error ??= { message: `capture problems: ${captured.problems.join('; ')}` }
    if (status === 'passed') status = 'error'
  }
  return {
    id: scenario.id,
    file: scenario.file,
    name: scenario.name,
    tags: scenario.tags,
    params: scenario.params,
    bench: scenario.bench,
    seed,
    status,
    error: error ? masker.value(error) : undefined,
    steps: masker.value(steps),
    startedAt: new Date(realStart).toISOString(),
    realMs: realClock.now() - realStart,
    virtualMs,
    artifacts: captured?.artifacts ?? [],
    receipts: captured?.receipts ?? [],
    display: captured?.display ?? [],
    notes: captured?.notes ?? [],
    ledger: captured?.ledger ?? [],
    links: captured?.links ?? [],
    attempt: options.attempt,
  }
}

/** Runs one step with its time-out and the scenario's deadline; returns the failure, if any. */
async function runStep(ctx: StepContext, step: ScenarioStep, r: StepResult, deadline: number, epoch: number): Promise<ErrorInfo | undefined> {
  const def = STEPS.get(step.kind)!
  const t0 = ctx.clock.now()
  const real0 = realClock.now()
  r.startMs = t0 - epoch
  const where = `step ${step.index + 1} "${step.name}" (${step.kind} at ${step.location.file}:${step.location.line}:${step.location.col})`
  try {
    if (ctx.signal.aborted) throw ctx.signal.reason
    const args = interpolate(step.args, ctx.vars)
    const ownTimeout = (args as { timeout?: string | number } | null)?.timeout
    const timeoutMs = Math.min(ownTimeout !== undefined ? parseDuration(ownTimeout) : def.defaultTimeoutMs ?? 60_000, Math.max(0, deadline - t0))
    const stepAbort = new AbortController()
    const value = await untilAborted(
      Promise.race([
        def.run({ ...ctx }, args, timeoutMs),
        // The outer bound: a step that never settles fails at its time-out plus a grace.
        ctx.clock.sleep(timeoutMs + 1000, stepAbort.signal).then(() => {
          throw new ExpectationTimeout(`did not finish within ${formatDuration(timeoutMs)}`)
        }),
      ]).finally(() => stepAbort.abort()),
      ctx.signal,
    )
    if (step.as) ctx.vars[step.as] = value
    r.status = 'passed'
    return undefined
  } catch (err) {
    const e = err as Error & Partial<ExpectationError> & { timedOut?: boolean }
    const isExpectation = err instanceof ExpectationError
    r.status = isExpectation ? 'failed' : 'error'
    r.error = {
      message: `${where}: ${e.message}`,
      ...(e.expected !== undefined ? { expected: e.expected } : {}),
      ...(e.actual !== undefined ? { actual: e.actual } : {}),
      ...(e.timedOut ? { timedOut: true } : {}),
      step: step.index,
      location: step.location,
      ...(isExpectation ? {} : { stack: e.stack }),
    }
    return r.error
  } finally {
    r.durationMs = ctx.clock.now() - t0
    r.realMs = realClock.now() - real0
  }
}

function untilAborted<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason)
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}
