/** A receipt definition that cannot be printed: a missing field, a bad amount, a character outside the code page. */
export class ReceiptDefinitionError extends Error {
  override name = 'ReceiptDefinitionError'
}

/** The register was asked to print with no port attached, or after close(). */
export class RegisterStateError extends Error {
  override name = 'RegisterStateError'
}

/** The printer did not become ready (no status reply, an error status or a flow-control stall) and the register gave up. */
export class PrinterNotReadyError extends Error {
  override name = 'PrinterNotReadyError'
  constructor(
    message: string,
    readonly reason: string,
  ) {
    super(message)
  }
}
