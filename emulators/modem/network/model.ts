import type { EventLog } from '../../../protocols/runtime/event-log.js'
import { ModemConfigError } from '../errors.js'

export type SimState = 'ready' | 'absent' | 'pin' | 'puk'
/** 3GPP TS 27.007 <stat>: 0 not registered, 1 home, 2 searching, 3 denied, 4 unknown, 5 roaming. */
export type RegStat = 0 | 1 | 2 | 3 | 4 | 5

/** What the network did, for the dialects to turn into URCs. */
export type NetworkChange = 'sim' | 'registration' | 'attach' | 'bearer-lost'

/**
 * The cellular side of the modem: SIM, signal, registration, packet attach.
 * Scenario faults set the raw values; the dialects read the effective ones
 * (no SIM → not registered, no signal → searching, not registered → not attached).
 */
export class NetworkModel {
  sim: SimState = 'ready'
  pin = '1234'
  /** 0..31, 99 = not known or not detectable. */
  rssi = 20
  ber = 0
  private stat: RegStat = 1
  /** AT+CFUN=0/4 turns the radio off. */
  radioOn = true
  private wantAttach = true
  /** CGATT=1 / CIICR / SAPBR=1,1 / QIACT fail (attach/PDP failure fault). */
  failAttach = false
  failPdp = false
  readonly operator = { long: 'RIG MOBILE', short: 'RIG', numeric: '00101' }
  /**
   * Where the network's location service puts the serving cell (AT+CLBS, AT+CIPGSMLOC): degrees,
   * accuracy in metres. Default: the examples' cell in Shanghai (121.354848 E, 31.221402 N, 550 m).
   */
  location = { longitude: 121.354848, latitude: 31.221402, accuracy: 550 }
  private readonly listeners = new Set<(c: NetworkChange) => void>()

  constructor(private readonly events: EventLog) {}

  onChange(fn: (c: NetworkChange) => void): () => void {
    this.listeners.add(fn)
    return () => this.listeners.delete(fn)
  }

  get simReady(): boolean {
    return this.sim === 'ready'
  }

  /** The registration state the modem reports. */
  get registration(): RegStat {
    if (!this.simReady || !this.radioOn) return 0
    if (this.rssi === 99 || this.rssi === 0) return this.stat === 3 ? 3 : 2
    return this.stat
  }

  get registered(): boolean {
    return this.registration === 1 || this.registration === 5
  }

  get attached(): boolean {
    return this.wantAttach && this.registered
  }

  /** CSQ reply values: no signal → 99,99. */
  get signal(): { rssi: number; ber: number } {
    return this.rssi === 99 || this.rssi === 0 ? { rssi: 99, ber: 99 } : { rssi: this.rssi, ber: this.ber }
  }

  setSignal(rssi: number, ber = 0): void {
    if (!Number.isInteger(rssi) || ((rssi < 0 || rssi > 31) && rssi !== 99)) {
      throw new ModemConfigError(`signal rssi must be 0..31 or 99, got ${rssi}`)
    }
    const wasRegistered = this.registered
    this.rssi = rssi
    this.ber = ber
    this.events.emit('signal', { rssi, ber })
    if (wasRegistered !== this.registered) this.changed('registration')
  }

  setSim(state: SimState): void {
    if (!['ready', 'absent', 'pin', 'puk'].includes(state)) throw new ModemConfigError(`unknown SIM state "${state}"`)
    const wasAttached = this.attached
    this.sim = state
    this.events.emit('sim', { state })
    this.changed('sim')
    this.changed('registration')
    if (wasAttached && !this.attached) this.changed('bearer-lost')
  }

  setRegistration(stat: RegStat): void {
    if (![0, 1, 2, 3, 4, 5].includes(stat)) throw new ModemConfigError(`registration stat must be 0..5, got ${stat}`)
    const wasAttached = this.attached
    this.stat = stat
    this.events.emit('registration', { stat })
    this.changed('registration')
    if (wasAttached && !this.attached) this.changed('bearer-lost')
  }

  /** Scenario control: the serving cell's position as the network's location service reports it. */
  setLocation(longitude: number, latitude: number, accuracy = 550): void {
    if (!(longitude >= -180 && longitude <= 180) || !(latitude >= -90 && latitude <= 90) || !(accuracy >= 0)) {
      throw new ModemConfigError(`location must be longitude -180..180, latitude -90..90, accuracy >= 0; got ${longitude}, ${latitude}, ${accuracy}`)
    }
    this.location = { longitude, latitude, accuracy }
    this.events.emit('location', { ...this.location })
  }

  /** Host-side AT+CFUN radio switch. */
  setRadio(on: boolean): void {
    const wasAttached = this.attached
    this.radioOn = on
    this.changed('registration')
    if (wasAttached && !this.attached) this.changed('bearer-lost')
  }

  /** Host-side AT+CGATT; false when the attach fails (no network, fault). */
  attach(on: boolean): boolean {
    if (on && (!this.registered || this.failAttach)) return false
    const was = this.attached
    this.wantAttach = on
    if (was !== this.attached) this.changed('attach')
    // Detaching takes every PDP context down with it.
    if (was && !this.attached) this.changed('bearer-lost')
    return true
  }

  /** The network detaches the modem (drops every PDP context). */
  detach(): void {
    this.wantAttach = false
    this.changed('bearer-lost')
  }

  /** Whether a PDP context may be activated right now. */
  canActivatePdp(): boolean {
    return this.attached && !this.failPdp
  }

  /** Back to power-on defaults that live in the modem (not the SIM or the network). */
  reboot(): void {
    this.wantAttach = true
    this.radioOn = true
  }

  private changed(c: NetworkChange): void {
    for (const fn of this.listeners) fn(c)
  }
}
