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
