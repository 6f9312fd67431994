import type { Duplex } from 'node:stream'
import type { Clock } from '../../protocols/runtime/clock.js'

/** What the operator answered when asked to confirm a total. */
export type Confirmation = { kind: 'confirm' } | { kind: 'correct'; amount: string } | { kind: 'cancel' } | { kind: 'timeout' }

/**
 * The device's keypad, read from `KEY <keys>` lines on the console port: OK / ENTER confirm,
 * CANCEL / CLEAR cancel, a number ("12.50") corrects the total.
 */
export class Keypad {
  private buf = ''
  private waiter: ((answer: Confirmation) => void) | undefined

  constructor(
    port: Duplex | undefined,
    private readonly clock: Clock,
    private readonly note: (what: string) => void,
  ) {
    port?.on('data', (chunk: Buffer) => this.receive(chunk.toString('latin1')))
  }

  /** Waits for the operator's answer, at most `timeoutMs`. */
  ask(timeoutMs: number): Promise<Confirmation> {
    return new Promise((resolve) => {
      const timer = this.clock.setTimeout(() => finish({ kind: 'timeout' }), timeoutMs)
      const finish = (answer: Confirmation): void => {
        this.clock.clearTimeout(timer)
        this.waiter = undefined
        resolve(answer)
      }
      this.waiter = finish
    })
  }

  private receive(text: string): void {
    this.buf = (this.buf + text).slice(-1024)
    for (;;) {
      const nl = this.buf.indexOf('\n')
      if (nl < 0) return
      const line = this.buf.slice(0, nl).trim()
      this.buf = this.buf.slice(nl + 1)
      const m = /^KEY\s+(.+)$/i.exec(line)
      if (m) this.key(m[1]!.trim())
    }
  }

  private key(keys: string): void {
    if (!this.waiter) return this.note(`key ${keys} ignored: nothing to confirm`)
    const upper = keys.toUpperCase()
    if (upper === 'OK' || upper === 'ENTER') this.waiter({ kind: 'confirm' })
    else if (upper === 'CANCEL' || upper === 'CLEAR') this.waiter({ kind: 'cancel' })
    else if (/^\d+(\.\d{1,3})?$/.test(keys) && Number(keys) > 0) this.waiter({ kind: 'correct', amount: keys })
    else this.note(`key ${keys} not understood (OK, CANCEL or an amount)`)
  }
}
