import type { DeviceConfig } from '../../emulators/qr-device/index.js'
import type { DutPort } from '../bench/types.js'
import type { LineSettings } from '../link/line-settings.js'

export interface SourceLocation {
  file: string
  line: number
  col: number
}

export interface ScenarioStep {
  index: number
  /** The step's `name`, or a description made from its kind. */
  name: string
  kind: string
  args: unknown
  as?: string
  location: SourceLocation
}

/** One runnable scenario: a file, or one parameter combination of its matrix. */
export interface Scenario {
  /** Unique in a run: the file path plus the parameter values. */
  id: string
  file: string
  name: string
  description?: string
  tags: string[]
  bench: string
  /** Whole-scenario time-out in virtual ms. */
  timeoutMs: number
  seed?: number
  /** Virtual start time (ISO 8601); default 2026-01-15T09:30:00Z. */
  startTime?: string
  device?: Partial<DeviceConfig>
  lines?: Partial<Record<DutPort, LineSettings>>
  paper?: 58 | 80
  registerPolls?: boolean
  params: Record<string, unknown>
  steps: ScenarioStep[]
  location: SourceLocation
}
