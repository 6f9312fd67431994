/**
 * A small transcript runner for manuals' worked example sessions: each step sends bytes to the
 * modem and expects EXACTLY the bytes that come back (nothing more, nothing missing), or acts on
 * the network side (the scripted server sends or hangs up, the network deactivates the context).
 */
import { createServer, type Server, type Socket } from 'node:net'
import type { Test } from 'tap'
import { modemRig, type Host } from './helpers.js'

export type Step =
  /** Host sends `send` (a command line gets its CR here when `cr` is not false) and expects exactly `expect`. */
  | { send: string; expect: string; cr?: false; timeoutMs?: number; note?: string }
  /** Expect unsolicited bytes (a URC) without sending anything. */
  | { expect: string; timeoutMs?: number; note?: string }
  /** The scripted server sends bytes on its open connection. */
  | { server: string }
  /** The scripted server closes its side. */
  | { serverClose: true }

/** A TCP server on loopback the transcript drives by hand; records what it received. */
export class ScriptedServer {
  readonly received: Buffer[] = []
  private sockets = new Set<Socket>()
  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {
    server.on('connection', (s) => {
      this.sockets.add(s)
      s.on('data', (d) => this.received.push(d))
      s.on('error', () => undefined)
      s.on('close', () => this.sockets.delete(s))
    })
  }

  static async start(): Promise<ScriptedServer> {
    const server = createServer()
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return new ScriptedServer(server, (server.address() as { port: number }).port)
  }

  async send(text: string): Promise<void> {
    for (let i = 0; i < 100 && this.sockets.size === 0; i++) await new Promise((r) => setTimeout(r, 10))
    if (this.sockets.size === 0) throw new Error('the scripted server has no connection to send on')
    for (const s of this.sockets) s.write(Buffer.from(text, 'latin1'))
  }

  endAll(): void {
    for (const s of this.sockets) s.end()
  }

  get text(): string {
    return Buffer.concat(this.received).toString('latin1')
  }

  close(): Promise<void> {
    for (const s of this.sockets) s.destroy()
    return new Promise((resolve) => this.server.close(() => resolve()))
  }
}

/** Runs the steps in order; each exchange is one assertion named by its bytes (and note). */
export async function replay(t: Test, host: Host, steps: Step[], server?: ScriptedServer): Promise<void> {
  for (const step of steps) {
    if ('server' in step) {
      await server!.send(step.server)
      continue
    }
    if ('serverClose' in step) {
      server!.endAll()
      continue
    }
    if ('send' in step) host.write(step.cr === false ? step.send : `${step.send}\r`)
    const got = await host.waitFor(step.expect, step.timeoutMs ?? 200_000).catch((err: Error) => `<${err.message}>`)
    // Bytes before the expected ones would be extra output the manual does not show.
    const what = 'send' in step ? JSON.stringify(step.send) : 'unsolicited'
    t.equal(got, step.expect, `${what} → ${JSON.stringify(step.expect)}${step.note ? ` (${step.note})` : ''}`)
  }
  // Nothing may follow the last expected byte.
  await new Promise((r) => setTimeout(r, 30))
  t.equal(host.take(), '', 'nothing after the transcript')
}

type ModemRig = Awaited<ReturnType<typeof modemRig>>

/**
 * A modem and a scripted server for one test, both released when it ends; with `dialled` (the
 * server address a manual's example uses) the modem's routes send that address to the server.
 */
export async function sessionRig(t: Test, options: Parameters<typeof modemRig>[0] = {}, dialled?: string): Promise<{ rig: ModemRig; server: ScriptedServer }> {
  const server = await ScriptedServer.start()
  const rig = await modemRig({ ...options, ...(dialled ? { routes: { [dialled]: `127.0.0.1:${server.port}` } } : {}) })
  t.teardown(async () => {
    await rig.done()
    await server.close()
  })
  return { rig, server }
}
