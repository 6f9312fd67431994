import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { RealClock } from '../clock/real-clock.js'

const realClock = new RealClock()

export function haveSocat(): boolean {
  return spawnSync('socat', ['-V'], { stdio: 'ignore' }).status === 0
}

/** Two connected pseudo-terminals made by socat; `close()` kills socat and removes the links. */
export interface PtyPair {
  /** Path the DUT (firmware process) opens. */
  dut: string
  /** Path the emulator opens. */
  emulator: string
  close(): Promise<void>
}

/** Makes a pseudo-terminal pair with socat (raw, no echo), ready when both paths exist. */
export async function ptyPair(name: string, timeoutMs = 5000): Promise<PtyPair> {
  if (!haveSocat()) throw new Error('the process bench needs socat for pseudo-terminal pairs (apt-get install socat)')
  const dir = mkdtempSync(join(tmpdir(), `rig-pty-${name}-`))
  const dut = join(dir, 'dut')
  const emulator = join(dir, 'emulator')
  const proc = spawn('socat', [`pty,raw,echo=0,link=${dut}`, `pty,raw,echo=0,link=${emulator}`], { stdio: 'ignore' })
  const close = async (): Promise<void> => {
    if (proc.exitCode === null && proc.signalCode === null) {
      const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()))
      proc.kill('SIGTERM')
      await Promise.race([exited, realClock.sleep(2000)])
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL')
    }
    rmSync(dir, { recursive: true, force: true })
  }
  const started = realClock.now()
  while (!(existsSync(dut) && existsSync(emulator))) {
    if (realClock.now() - started > timeoutMs || proc.exitCode !== null) {
      await close()
      throw new Error(`socat did not create the pseudo-terminal pair for ${name}`)
    }
    await realClock.sleep(10)
  }
  return { dut, emulator, close }
}
