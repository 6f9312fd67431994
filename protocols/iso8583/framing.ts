import { Iso8583Error } from './errors.js'

/** Largest frame body the 2-byte length prefix can announce. */
export const MAX_FRAME = 0xffff

/** Prefixes a message with its length as 2 bytes, big-endian (the length excludes the prefix). */
export function frame(body: Uint8Array): Buffer {
  if (body.length > MAX_FRAME) throw new Iso8583Error(`message of ${body.length} bytes does not fit a 2-byte length`, 'oversize')
  const head = Buffer.alloc(2)
  head.writeUInt16BE(body.length)
  return Buffer.concat([head, body])
}

/**
 * Splits a TCP byte stream into length-prefixed frames. A frame announcing more than `max`
 * bytes is reported and its bytes are skipped as they arrive, so a hostile length cannot
 * make the reader buffer 64 KiB per connection or lose sync with the frames after it.
 */
export class FrameSplitter {
  private buf: Buffer = Buffer.alloc(0)
  private skip = 0

  constructor(
    private readonly onFrame: (body: Buffer) => void,
    private readonly onOversize: (announced: number) => void,
    private readonly max = 8192,
  ) {}

  push(chunk: Buffer): void {
    if (this.skip > 0) {
      const n = Math.min(this.skip, chunk.length)
      this.skip -= n
      chunk = chunk.subarray(n)
    }
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk])
    while (this.buf.length >= 2) {
      const len = this.buf.readUInt16BE(0)
      if (len > this.max) {
        this.onOversize(len)
        const available = this.buf.length - 2
        this.skip = Math.max(0, len - available)
        this.buf = this.buf.subarray(Math.min(this.buf.length, 2 + len))
        continue
      }
      if (this.buf.length < 2 + len) break
      const body = this.buf.subarray(2, 2 + len)
      this.buf = this.buf.subarray(2 + len)
      this.onFrame(Buffer.from(body))
    }
  }
}
