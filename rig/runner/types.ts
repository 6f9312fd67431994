import type { SourceLocation } from '../scenario/types.js'

export type Status = 'passed' | 'failed' | 'error' | 'skipped' | 'interrupted'

export interface ErrorInfo {
  message: string
  expected?: unknown
  actual?: unknown
  timedOut?: boolean
  /** Index of the failing step, when a step failed. */
  step?: number
  location?: SourceLocation
  /** The last bytes on every link when it failed. */
  traffic?: string
  stack?: string
}

export interface StepResult {
  index: number
  name: string
  kind: string
  location: SourceLocation
  status: Status
  /** Virtual ms from the scenario's start. */
  startMs: number
  /** Virtual (clock) duration. */
  durationMs: number
  /** Real duration. */
  realMs: number
  error?: ErrorInfo
}

export interface Artifact {
  kind: 'receipt' | 'print-log' | 'trace' | 'timeline' | 'ledger' | 'display'
  name: string
  /** Relative to the report folder, forward slashes. */
  path: string
}

export interface ReceiptRecord {
  index: number
  cut: string
  /** Virtual ms from the scenario's start. */
  t: number
  lines: string[]
  /** QR texts decoded from the pixels (PANs masked). */
  qrs: string[]
  png?: string
  warnings: string[]
}

export interface LinkSummary {
  name: string
  line: string
  /** Bytes the emulator sent to the DUT and the DUT sent to the emulator. */
  toDut: number
  fromDut: number
  trace?: string
}

/** Everything a reporter needs about one scenario run. */
export interface ScenarioResult {
  id: string
  file: string
  name: string
  tags: string[]
  params: Record<string, unknown>
  bench: string
  seed: number
  status: Status
  error?: ErrorInfo
  steps: StepResult[]
  /** Real wall-clock start, ISO 8601. */
  startedAt: string
  realMs: number
  virtualMs: number
  artifacts: Artifact[]
  receipts: ReceiptRecord[]
  display: Array<{ t: number; text: string }>
  notes: string[]
  ledger: Array<Record<string, unknown>>
  links: LinkSummary[]
  /** Retry attempt (0 = first run). */
  attempt?: number
}

export interface RunSummary {
  status: 'passed' | 'failed' | 'interrupted'
  startedAt: string
  realMs: number
  seed: number
  shard?: { current: number; total: number }
  counts: Record<Status, number>
  results: ScenarioResult[]
}
