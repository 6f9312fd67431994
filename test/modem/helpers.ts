import { createServer, type Server, type Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import { Link } from '../../rig/link/link.js'
import { VirtualClock } from '../../rig/clock/virtual-clock.js'
import { ModemEmulator, type ModemOptions } from '../../emulators/modem/index.js'

/** A real TCP echo server on 127.0.0.1 (an ephemeral port). */
export interface EchoServer {
  port: number
  /** Sockets currently connected (so a test can close one from the server side). */
  sockets: Set<Socket>
  received: Buffer[]
  close(): Promise<void>
}

export async function echoServer(transform: (b: Buffer) => Buffer = (b) => b): Promise<EchoServer> {
  const sockets = new Set<Socket>()
  const received: Buffer[] = []
  const server: Server = createServer((s) => {
    sockets.add(s)
    s.on('data', (d) => {
      received.push(d)
      s.write(transform(d))
    })
    s.on('error', () => undefined)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  return {
    port,
    sockets,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
}

/** A TCP port on loopback that nobody listens on. */
export async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/**
 * The DUT side of a modem link: writes command lines and waits, in virtual time, for
 * bytes to come back. `rx` holds everything received; `take()` returns what arrived
 * since the last take.
 */
export class Host {
  rx = ''
  private mark = 0
  private waiter: (() => void) | undefined

  constructor(
    readonly stream: Duplex,
    readonly clock: VirtualClock,
  ) {
    stream.on('data', (d: Buffer) => {
      this.rx += d.toString('latin1')
      this.waiter?.()
    })
  }

  write(data: string | Buffer): void {
    this.stream.write(typeof data === 'string' ? Buffer.from(data, 'latin1') : data)
  }

  /** Waits until the bytes after the mark match `pattern` (virtual timeout); returns them up to the match end. */
  async waitFor(pattern: RegExp | string, timeoutMs = 10_000): Promise<string> {
    const started = performance.now()
    const deadline = this.clock.now() + timeoutMs
    for (;;) {
      const rest = this.rx.slice(this.mark)
      const m = typeof pattern === 'string' ? indexMatch(rest, pattern) : pattern.exec(rest)
      if (m) {
        const end = m.index + m[0].length
        this.mark += end
        return rest.slice(0, end)
      }
      if (this.clock.now() >= deadline || performance.now() - started > 20_000) {
        throw new Error(`timed out waiting for ${String(pattern)}; got ${JSON.stringify(rest)}`)
      }
      await new Promise<void>((resolve) => {
        const timer = this.clock.setTimeout(resolve, Math.max(1, deadline - this.clock.now()))
        this.waiter = () => {
          this.waiter = undefined
          this.clock.clearTimeout(timer)
          resolve()
        }
      })
    }
  }

  /** Sends `line` + CR and returns the reply up to its final result code. */
  async cmd(line: string, final: RegExp = FINAL, timeoutMs?: number): Promise<string> {
    this.write(line + '\r')
    return this.waitFor(final, timeoutMs)
  }

  /** Everything received since the last wait, and moves the mark past it. */
  take(): string {
    const rest = this.rx.slice(this.mark)
    this.mark = this.rx.length
    return rest
  }
}

export const FINAL = /\r\n(OK|ERROR|\+CME ERROR: [^\r]*|\+CMS ERROR: [^\r]*)\r\n/

function indexMatch(s: string, needle: string): { index: number; 0: string } | null {
  const i = s.indexOf(needle)
  return i < 0 ? null : { index: i, 0: needle }
}

/** A modem on a Link at `baudRate` with an auto-advancing virtual clock; `done()` releases everything. */
export async function modemRig(
  options: Omit<ModemOptions, 'clock' | 'port'> = {},
  baudRate = 115200,
): Promise<{ clock: VirtualClock; link: Link; modem: ModemEmulator; host: Host; done(): Promise<void> }> {
  const clock = new VirtualClock({ start: 0 })
  const link = await Link.open({ name: 'modem', clock, line: { baudRate } })
  const modem = new ModemEmulator({ clock, port: link.emulatorEnd, ...options })
  const host = new Host(link.dutEnd, clock)
  clock.start()
  return {
    clock,
    link,
    modem,
    host,
    async done() {
      await modem.close()
      await link.close()
      await clock.stop()
    },
  }
}
