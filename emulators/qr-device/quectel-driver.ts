import { AtClient, isUrc } from './at-client.js'
import type { QuectelModel } from './config.js'
import { ModemError } from './errors.js'
import { bringUp } from './modem-bringup.js'
import type { ModemState, ModemTransport, TransportContext } from './modem-transport.js'
import { BG96 } from './quectel-bg96.js'
import { QIRD_MAX, QISEND_MAX, type QuectelFamily } from './quectel-family.js'
import { M95 } from './quectel-m95.js'

/** The command family field firmware picks for a module: M95/M26 (QIRDI style) or EC2x/BG96 (QIURC style). */
export function quectelFamily(model: QuectelModel = 'BG96'): QuectelFamily {
  return model === 'M95' || model === 'M26' ? M95 : BG96
}

/**
 * A Quectel modem as the firmware's one TCP connection: the common 3GPP bring-up, the
 * family's IP stack, open, AT+QISEND in slices of at most 1460 bytes, and reads driven by the
 * data URC (read until the module has nothing left, as the manuals ask: it announces data
 * once until the buffer is emptied). A closed-connection or bearer URC ends the connection.
 */
export class QuectelDriver implements ModemTransport {
  state: ModemState = 'off'
  private readonly at: AtClient
  private draining = false
  private drainAgain = false

  constructor(
    private readonly ctx: TransportContext,
    readonly family: QuectelFamily,
  ) {
    this.at = new AtClient(ctx.port, ctx.clock, (urc) => this.onUrc(urc), (data) => ctx.hooks.onData(data), {
      isUrc: (line) => isUrc(line) || family.urc.test(line),
      dataLength: (line) => family.dataLength(line),
    })
  }

  async connect(): Promise<void> {
    const { atTimeout: t, server, apn, connectTimeout } = this.ctx.options
    const abandon = new AbortController()
    try {
      await bringUp(this.at, this.ctx.clock, t, (s) => (this.state = s))
      await this.family.activate(this.at, apn, t)
      this.state = 'connecting'
      const open = this.family.open(server.host, server.port)
      // Registered before the command: the outcome URC may arrive in the same chunk as its OK.
      const outcome = this.at.waitLine((l) => open.outcome.test(l), connectTimeout, abandon.signal)
      outcome.catch(() => undefined)
      await this.at.command(open.command, t)
      const line = await outcome
      if (!open.ok(line)) throw new ModemError(`could not connect to ${server.host}:${server.port}`, open.command, line)
      this.state = 'connected'
      this.ctx.hooks.note(`connected to ${server.host}:${server.port}`)
      // Data that arrived with the connection was announced before the state changed.
      void this.drain()
    } catch (err) {
      this.state = 'failed'
      throw err
    } finally {
      abandon.abort()
    }
  }

  async send(data: Buffer): Promise<void> {
    if (this.state !== 'connected') throw new ModemError('not connected', this.family.send(data.length))
    for (let off = 0; off < data.length; off += QISEND_MAX) {
      const slice = data.subarray(off, off + QISEND_MAX)
      await this.at.send(slice, this.ctx.options.atTimeout * 2, this.family.send(slice.length))
    }
  }

  async close(): Promise<void> {
    if (this.state === 'connected') await this.family.close(this.at, this.ctx.options.atTimeout)
    this.state = 'off'
  }

  private onUrc(urc: string): void {
    const event = this.family.classify(urc)
    if (event === 'recv') void this.drain()
    else if (event === 'closed' || event === 'pdp-deact' || urc === 'CLOSED') {
      this.ctx.hooks.note(`connection lost (${urc})`)
      if (this.state === 'connected' || this.state === 'connecting') this.state = 'failed'
      this.ctx.hooks.onLost(urc)
    }
  }

  /** Reads until the module's buffer is empty; a URC during the loop makes it go round again. */
  private async drain(): Promise<void> {
    if (this.draining) {
      this.drainAgain = true
      return
    }
    this.draining = true
    try {
      do {
        this.drainAgain = false
        while (this.state === 'connected') {
          const reply = await this.at.command(this.family.read(QIRD_MAX), this.ctx.options.atTimeout)
          if (!reply.data || reply.data.length === 0) break
          this.ctx.hooks.onData(reply.data)
        }
      } while (this.drainAgain && this.state === 'connected')
    } catch (err) {
      this.ctx.hooks.note(`reading from the modem failed: ${(err as Error).message}`)
    } finally {
      this.draining = false
    }
  }
}
