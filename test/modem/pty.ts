import { ptyPair as rigPtyPair } from '../../rig/bench/pty-pair.js'

export { haveSocat } from '../../rig/bench/pty-pair.js'

/** A connected pseudo-terminal pair made by socat; `close()` kills socat and removes the links. */
export interface PtyPair {
  a: string
  b: string
  close(): Promise<void>
}

/** The rig's own socat pair (rig/bench/pty-pair.ts), named a/b for tests that need no sides. */
export async function ptyPair(timeoutMs = 5000): Promise<PtyPair> {
  const pair = await rigPtyPair('test', timeoutMs)
  return { a: pair.dut, b: pair.emulator, close: pair.close }
}

/** Rejects with a clear message when `p` takes longer than `ms` of real time. */
export function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms)
    }),
  ])
}
