import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Whether socat is installed (CI's .ci/run installs it; developers: apt-get install -y socat). */
export function haveSocat(): boolean {
  return spawnSync('socat', ['-V'], { stdio: 'ignore' }).status === 0
}

/** A connected pseudo-terminal pair made by socat; `close()` kills socat and removes the links. */
export interface PtyPair {
  a: string
  b: string
  close(): Promise<void>
}

export async function ptyPair(timeoutMs = 5000): Promise<PtyPair> {
  const dir = mkdtempSync(join(tmpdir(), 'rig-pty-'))
  const a = join(dir, 'a')
  const b = join(dir, 'b')
  const proc: ChildProcess = spawn('socat', [`pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: 'ignore' })
  const close = async (): Promise<void> => {
    if (proc.exitCode === null && proc.signalCode === null) {
      const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()))
      proc.kill('SIGTERM')
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))])
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL')
    }
    rmSync(dir, { recursive: true, force: true })
  }
  const started = Date.now()
  while (!(existsSync(a) && existsSync(b))) {
    if (Date.now() - started > timeoutMs || proc.exitCode !== null) {
      await close()
      throw new Error('socat did not create the pseudo-terminal pair')
    }
    await new Promise((r) => setTimeout(r, 20))
  }
  return { a, b, close }
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
