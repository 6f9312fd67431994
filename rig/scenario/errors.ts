import type { SourceLocation } from './types.js'

/** A scenario file is malformed: the message starts with file:line:col. */
export class ScenarioError extends Error {
  override name = 'ScenarioError'
  constructor(
    readonly reason: string,
    readonly location: SourceLocation,
  ) {
    super(`${location.file}:${location.line}:${location.col}: ${reason}`)
  }
}
