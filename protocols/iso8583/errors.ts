/** A message that cannot be encoded or decoded; `field` names the data element at fault. */
export class Iso8583Error extends Error {
  override name = 'Iso8583Error'
  constructor(
    message: string,
    readonly code: 'truncated' | 'bad-mti' | 'bad-bitmap' | 'unknown-field' | 'bad-value' | 'bad-length' | 'trailing-bytes' | 'oversize',
    readonly field?: number,
  ) {
    super(message)
  }
}
