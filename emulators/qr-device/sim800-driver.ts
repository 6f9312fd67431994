import type { Clock } from '../../protocols/runtime/clock.js'
import type { AtClient } from './at-client.js'
import { ModemError } from './errors.js'

export type ModemState = 'off' | 'starting' | 'registering' | 'attaching' | 'connecting' | 'connected' | 'failed'

export interface ModemDriverOptions {
  apn: string
  server: { host: string; port: number }
  /** Default reply time-out for simple commands (ms). */
  atTimeout: number
  /** Time-out for CONNECT OK after AT+CIPSTART (ms); SIM800 allows up to 160 s in single mode. */
  connectTimeout: number
}

/**
 * Brings a SIM800-class modem from power-on to an open TCP connection (single-connection
 * mode, `+IPD` headers) the way field firmware does: probe, check SIM, wait for
 * registration, attach, start the IP stack, dial.
 */
export class ModemDriver {
  state: ModemState = 'off'

  constructor(
    private readonly at: AtClient,
    private readonly clock: Clock,
    private readonly options: ModemDriverOptions,
    private readonly note: (what: string) => void,
  ) {}

  async connect(): Promise<void> {
    const { atTimeout: t, server, apn } = this.options
    try {
      this.state = 'starting'
      await this.probe()
      await this.at.command('ATE0', t)
      await this.at.command('AT+CMEE=2', t)
      const pin = await this.at.command('AT+CPIN?', t)
      if (!pin.lines.some((l) => l === '+CPIN: READY')) throw new ModemError(`SIM not ready: ${pin.lines.join(' ')}`, 'AT+CPIN?')
      this.state = 'registering'
      await this.waitRegistered()
      this.state = 'attaching'
      const att = await this.at.command('AT+CGATT?', t)
      if (!att.lines.includes('+CGATT: 1')) await this.at.command('AT+CGATT=1', 10_000)
      await this.at.command('AT+CIPSHUT', t, /^SHUT OK$/)
      await this.at.command('AT+CIPMUX=0', t)
      await this.at.command('AT+CIPHEAD=1', t)
      await this.at.command(`AT+CSTT="${apn}","",""`, t)
      await this.at.command('AT+CIICR', 60_000)
      await this.at.command('AT+CIFSR', 10_000, /^\d+\.\d+\.\d+\.\d+$/)
      this.state = 'connecting'
      await this.dial(server.host, server.port)
      this.state = 'connected'
      this.note(`connected to ${server.host}:${server.port}`)
    } catch (err) {
      this.state = 'failed'
      throw err
    }
  }

  /** Sends bytes on the open connection. */
  async send(data: Buffer): Promise<void> {
    if (this.state !== 'connected') throw new ModemError('not connected', 'AT+CIPSEND')
    await this.at.send(data, this.options.atTimeout * 2)
  }

  /** The connection dropped (CLOSED or +PDP: DEACT URC). */
  lost(): void {
    if (this.state === 'connected' || this.state === 'connecting') this.state = 'failed'
  }

  async close(): Promise<void> {
    if (this.state === 'connected') await this.at.probe('AT+CIPCLOSE', this.options.atTimeout)
    this.state = 'off'
  }

  private async probe(): Promise<void> {
    for (let i = 0; i < 10; i++) {
      if (await this.at.probe('AT', 1000)) return
      await this.clock.sleep(500)
    }
    throw new ModemError('modem does not answer AT', 'AT')
  }

  private async waitRegistered(): Promise<void> {
    for (let i = 0; i < 60; i++) {
      const reg = await this.at.probe('AT+CREG?', this.options.atTimeout)
      const stat = reg?.lines.map((l) => /^\+CREG: \d,(\d)/.exec(l)?.[1]).find(Boolean)
      if (stat === '1' || stat === '5') return
      if (stat === '3') throw new ModemError('network registration denied', 'AT+CREG?', reg?.lines.join(' '))
      await this.clock.sleep(1000)
    }
    throw new ModemError('not registered on the network after 60 s', 'AT+CREG?')
  }

  private async dial(host: string, port: number): Promise<void> {
    const cmd = `AT+CIPSTART="TCP","${host}",${port}`
    // Registered before the command: CONNECT OK may arrive in the same chunk as its OK.
    const outcome = this.at.waitLine((l) => /^(CONNECT OK|CONNECT FAIL|ALREADY CONNECT)$/.test(l), this.options.connectTimeout)
    outcome.catch(() => undefined)
    await this.at.command(cmd, this.options.atTimeout)
    const line = await outcome
    if (line === 'CONNECT FAIL') throw new ModemError(`could not connect to ${host}:${port}`, cmd, line)
  }
}
