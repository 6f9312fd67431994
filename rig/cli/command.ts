/** A `rig` sub-command: one file under rig/cli/commands/, loaded on demand. */
export interface Command {
  /** One line for `rig --help`. */
  summary: string
  /** Full usage text for `rig <name> --help`. */
  usage: string
  /**
   * The usage text that fits these arguments, for commands with sub-commands (`rig emulate modem
   * --help` prints the modem's options, not the generic `emulate` text). Default: `usage`.
   */
  usageFor?(argv: string[]): Promise<string>
  /** Runs with the arguments after the sub-command name; resolves to the exit status. */
  run(argv: string[]): Promise<number>
}

/** Thrown for bad command-line input: printed without a stack, exit status 2. */
export class UsageError extends Error {
  override name = 'UsageError'
}
