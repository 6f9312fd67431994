/** Base class of the modem emulator's errors. */
export class ModemError extends Error {
  override name = 'ModemError'
}

/** A bad option value or control-API argument (the message says which and why). */
export class ModemConfigError extends ModemError {
  override name = 'ModemConfigError'
}

/** A control-API call after close(). */
export class ModemClosedError extends ModemError {
  override name = 'ModemClosedError'
  constructor() {
    super('the modem emulator is closed')
  }
}
