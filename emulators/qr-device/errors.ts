/** A modem command got ERROR, a failure code, or no answer in time. */
export class ModemError extends Error {
  override name = 'ModemError'
  constructor(
    message: string,
    readonly command: string,
    readonly reply?: string,
  ) {
    super(message)
  }
}

/** A configuration the firmware cannot run with (unknown profile, a terminal id DE41 cannot carry). */
export class DeviceConfigError extends Error {
  override name = 'DeviceConfigError'
  constructor(
    message: string,
    readonly key: string,
  ) {
    super(message)
  }
}
