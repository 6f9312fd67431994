import { AtClient } from './at-client.js'
import { ModemError } from './errors.js'
import { bringUp } from './modem-bringup.js'
import type { ModemState, ModemTransport, TransportContext } from './modem-transport.js'

/**
 * Brings a SIM800-class modem from power-on to an open TCP connection (single-connection
 * mode, `+IPD` headers) the way field firmware does: probe, check SIM, wait for
 * registration, attach, start the IP stack, dial.
 */
export class Sim800Driver implements ModemTransport {
  state: ModemState = 'off'
  private readonly at: AtClient

  constructor(private readonly ctx: TransportContext) {
    this.at = new AtClient(ctx.port, ctx.clock, (urc) => this.onUrc(urc), (data) => ctx.hooks.onData(data))
  }

  async connect(): Promise<void> {
    const { atTimeout: t, server, apn } = this.ctx.options
    try {
      await bringUp(this.at, this.ctx.clock, t, (s) => (this.state = s))
      await this.at.command('AT+CIPSHUT', t, /^SHUT OK$/)
      await this.at.command('AT+CIPMUX=0', t)
      await this.at.command('AT+CIPHEAD=1', t)
      await this.at.command(`AT+CSTT="${apn}","",""`, t)
      await this.at.command('AT+CIICR', 60_000)
      await this.at.command('AT+CIFSR', 10_000, /^\d+\.\d+\.\d+\.\d+$/)
      this.state = 'connecting'
      await this.dial(server.host, server.port)
      this.state = 'connected'
      this.ctx.hooks.note(`connected to ${server.host}:${server.port}`)
    } catch (err) {
      this.state = 'failed'
      throw err
    }
  }

  /** Sends bytes on the open connection. */
  async send(data: Buffer): Promise<void> {
    if (this.state !== 'connected') throw new ModemError('not connected', 'AT+CIPSEND')
    await this.at.send(data, this.ctx.options.atTimeout * 2)
  }

  async close(): Promise<void> {
    if (this.state === 'connected') await this.at.probe('AT+CIPCLOSE', this.ctx.options.atTimeout)
    this.state = 'off'
  }

  /** The connection dropped (CLOSED or +PDP: DEACT URC). */
  private onUrc(urc: string): void {
    if (urc === 'CLOSED' || urc === '+PDP: DEACT' || /^\d, CLOSED$/.test(urc)) {
      this.ctx.hooks.note(`connection lost (${urc})`)
      if (this.state === 'connected' || this.state === 'connecting') this.state = 'failed'
      this.ctx.hooks.onLost(urc)
    }
  }

  private async dial(host: string, port: number): Promise<void> {
    const cmd = `AT+CIPSTART="TCP","${host}",${port}`
    // Registered before the command: CONNECT OK may arrive in the same chunk as its OK.
    const abandon = new AbortController()
    const outcome = this.at.waitLine((l) => /^(CONNECT OK|CONNECT FAIL|ALREADY CONNECT)$/.test(l), this.ctx.options.connectTimeout, abandon.signal)
    outcome.catch(() => undefined)
    try {
      await this.at.command(cmd, this.ctx.options.atTimeout)
    } catch (err) {
      // Refused at once: stop listening, or the wait would catch the next attempt's line.
      abandon.abort()
      throw err
    }
    const line = await outcome
    if (line === 'CONNECT FAIL') throw new ModemError(`could not connect to ${host}:${port}`, cmd, line)
  }
}
