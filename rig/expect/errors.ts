/** An expectation did not hold: the message says what was expected and what was seen. */
export class ExpectationError extends Error {
  override name = 'ExpectationError'
  constructor(
    message: string,
    readonly expected?: unknown,
    readonly actual?: unknown,
  ) {
    super(message)
  }
}

/** Nothing matching arrived within the step's time-out. */
export class ExpectationTimeout extends ExpectationError {
  override name = 'ExpectationTimeout'
  readonly timedOut = true
}

/** The scenario file asks for something the rig cannot do (bad step arguments at run time). */
export class StepUsageError extends Error {
  override name = 'StepUsageError'
}
