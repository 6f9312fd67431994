/** Bad printer options (paper width, buffer sizes, speed). */
export class PrinterOptionsError extends Error {
  override name = 'PrinterOptionsError'
}

/** A control-API call with a value outside its range. */
export class PrinterControlError extends Error {
  override name = 'PrinterControlError'
}
