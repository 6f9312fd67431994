import { frameAt, nameAt } from '../../protocols/escpos/framing.js'

export type RxItem =
  | { kind: 'frame'; buf: Uint8Array; start: number; end: number; text: boolean; offset: number }
  /** A refused command: its name, offset and length (bytes still to come are discarded). */
  | { kind: 'skip'; offset: number; length: number; name: string; message: string }

/** A single command longer than this is refused (and its bytes discarded): bounds memory. */
export const MAX_COMMAND_BYTES = 4 * 1024 * 1024

/**
 * The printer's receive buffer: bytes received but not yet executed, framed one command at a
 * time. Its fill level drives busy signalling: busy when free space falls to `margin` bytes,
 * ready again when free space is back to twice that. Bytes of a command still being received
 * (a large image) do not count: the printer streams them into its image memory.
 */
export class ReceiveBuffer {
  private data: Uint8Array
  /** data[0, len) as a view, kept current so framing needs no new view per command. */
  private view: Uint8Array
  private head = 0
  private len = 0
  /** Stream offset of data[0]. */
  private base = 0
  private discard = 0
  private incomplete = false
  private isBusy = false
  received = 0
  lost = 0

  constructor(
    readonly capacity: number,
    readonly margin: number,
  ) {
    this.data = new Uint8Array(capacity * 2)
    this.view = this.data.subarray(0, 0)
  }

  get used(): number {
    return this.incomplete ? 0 : this.len - this.head
  }

  get busy(): boolean {
    const free = this.capacity - this.used
    if (this.isBusy) {
      if (free >= 2 * this.margin) this.isBusy = false
    } else if (free <= this.margin) this.isBusy = true
    return this.isBusy
  }

  /** Appends received bytes (after any discard of a refused command). */
  push(bytes: Uint8Array): number {
    this.received += bytes.length
    let from = 0
    if (this.discard > 0) {
      from = Math.min(bytes.length, this.discard)
      this.discard -= from
      this.base += from
    }
    const n = bytes.length - from
    if (n === 0) return 0
    if (this.len + n > this.data.length) {
      this.compact()
      if (this.len + n > this.data.length) {
        let size = this.data.length
        while (size < this.len + n) size *= 2
        const next = new Uint8Array(size)
        next.set(this.data.subarray(0, this.len))
        this.data = next
      }
    }
    this.data.set(bytes.subarray(from), this.len)
    this.len += n
    this.view = this.data.subarray(0, this.len)
    this.incomplete = false
    return 0
  }

  /** The next complete command or text run, a refusal notice, or undefined (wait for bytes). */
  next(): RxItem | undefined {
    if (this.head >= this.len) {
      this.compact()
      return undefined
    }
    const b = this.data[this.head]!
    if (b < 0x20 && b !== 0x1b && b !== 0x1d && b !== 0x1c && b !== 0x10 && b !== 0x0e && b !== 0x0f) {
      // A one-byte control (LF, CR, HT …), framed here as frameAt would: one per printed line.
      this.incomplete = false
      const start = this.head++
      return { kind: 'frame', buf: this.data, start, end: start + 1, text: false, offset: this.base + start }
    }
    const f = frameAt(this.view, this.head)
    if (f.kind === 'need') {
      this.incomplete = true
      const have = this.len - this.head
      const declared = f.end !== undefined ? f.end - f.start : undefined
      if (have > MAX_COMMAND_BYTES || (declared !== undefined && declared > MAX_COMMAND_BYTES)) {
        const offset = this.base + this.head
        const name = nameAt(this.view, this.head)
        let length = 1
        if (declared !== undefined && declared > have) {
          this.discard = declared - have
          this.head = this.len
          length = declared
        } else this.head += 1
        this.incomplete = false
        const message = `${name}: command of ${declared ?? have} bytes refused (limit ${MAX_COMMAND_BYTES}): ${length > 1 ? 'all its bytes are' : 'its first byte is'} skipped`
        return { kind: 'skip', offset, length, name, message }
      }
      return undefined
    }
    this.incomplete = false
    this.head = f.end
    return { kind: 'frame', buf: this.data, start: f.start, end: f.end, text: f.kind === 'text', offset: this.base + f.start }
  }

  /** Drops the newest bytes past the capacity (a host that ignored busy); returns how many. */
  trimOverflow(): number {
    const over = this.used - this.capacity
    if (over <= 0) return 0
    this.len -= over
    this.view = this.data.subarray(0, this.len)
    this.lost += over
    return over
  }

  /** DLE ENQ 2 / buffer clear: forgets everything not yet executed. */
  clear(): void {
    this.base += this.len
    this.head = this.len = 0
    this.view = this.data.subarray(0, 0)
    this.incomplete = false
  }

  /** End of stream: drops a command that never completed. */
  dropIncomplete(): { offset: number; bytes: number; name: string } | undefined {
    if (this.head >= this.len) return undefined
    const out = { offset: this.base + this.head, bytes: this.len - this.head, name: nameAt(this.view, this.head) }
    this.clear()
    return out
  }

  private compact(): void {
    if (this.head === 0) return
    this.data.copyWithin(0, this.head, this.len)
    this.base += this.head
    this.len -= this.head
    this.head = 0
    this.view = this.data.subarray(0, this.len)
  }
}
