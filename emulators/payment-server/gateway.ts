import { createServer, type AddressInfo, type Server, type Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import { PaymentServerConfigError } from './errors.js'
import type { DeviceSession, Host } from './host.js'
import { IsoSession } from './iso-session.js'
import { JsonlSession } from './jsonl-session.js'

export type GatewayProfile = 'jsonl' | 'iso8583'

/** Builds the session object for one accepted connection. */
export type SessionFactory = (stream: Duplex, host: Host) => DeviceSession

const FACTORIES: Record<GatewayProfile, SessionFactory> = {
  jsonl: (socket, host) => new JsonlSession(socket, host),
  iso8583: (socket, host) => new IsoSession(socket, host),
}

/**
 * The device-facing TCP listener. Each connection gets a session of the configured
 * profile; socket errors are logged and end that connection only.
 */
export class Gateway {
  private server: Server | undefined
  private readonly sessions = new Set<{ socket: Duplex; session: DeviceSession }>()

  constructor(
    private readonly host: Host,
    private readonly profile: GatewayProfile,
  ) {}

  async listen(hostname: string, port: number): Promise<number> {
    const factory = FACTORIES[this.profile]
    if (!factory) throw new PaymentServerConfigError(`unknown gateway profile ${JSON.stringify(this.profile)}; use jsonl or iso8583`)
    const server = createServer({ noDelay: true }, (socket) => this.accept(socket, factory))
    this.server = server
    await this.host.clock.busy(
      new Promise<void>((resolve, reject) => {
        server.once('error', reject)
        server.listen(port, hostname, () => {
          server.off('error', reject)
          resolve()
        })
      }),
    )
    server.on('error', (err) => this.host.events.emit('gateway-error', { message: err.message }))
    return (server.address() as AddressInfo).port
  }

  /**
   * Serves a device over any byte stream (a modem emulator's socket bridge, a test pipe)
   * exactly as over an accepted TCP connection.
   */
  attach(stream: Duplex, remote = 'attached'): DeviceSession {
    return this.accept(stream, FACTORIES[this.profile], remote)
  }

  get connections(): number {
    return this.sessions.size
  }

  async close(): Promise<void> {
    for (const { socket, session } of this.sessions) {
      session.close()
      socket.destroy()
    }
    this.sessions.clear()
    const server = this.server
    this.server = undefined
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  private accept(socket: Duplex, factory: SessionFactory, remote = `${(socket as Socket).remoteAddress}:${(socket as Socket).remotePort}`): DeviceSession {
    const entry = { socket, session: factory(socket, this.host) }
    this.sessions.add(entry)
    this.host.events.emit('connection-open', { profile: this.profile, remote })
    socket.on('error', (err) => this.host.events.emit('connection-error', { remote, message: err.message }))
    socket.on('close', () => {
      this.sessions.delete(entry)
      this.host.offline(entry.session)
      this.host.events.emit('connection-closed', { remote })
    })
    return entry.session
  }
}
