/** Errors the payment server throws to its callers (protocol refusals are replies, not throws). */
export class PaymentServerError extends Error {
  override name = 'PaymentServerError'
}

/** start() called twice, or a method used after close(). */
export class PaymentServerStateError extends PaymentServerError {
  override name = 'PaymentServerStateError'
}

/** A configuration value the server cannot work with (bad terminal key, port, profile). */
export class PaymentServerConfigError extends PaymentServerError {
  override name = 'PaymentServerConfigError'
}

/** The journal file could not be read back (corrupt line, wrong version). */
export class JournalError extends PaymentServerError {
  override name = 'JournalError'
}
