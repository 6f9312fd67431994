/**
 * GPRS modem emulator (issue 4): SIM800 or Quectel AT dialect on a serial stream, real TCP
 * sockets to routed loopback targets, SIM800 HTTP application, SMS outbox, faults.
 *
 * Events (source 'modem'): at {command, response}, at-ignored {what, detail}, tcp-connecting,
 * tcp-open {id, host, port, target}, tcp-data-out / tcp-data-in {id, bytes, text (latin1)},
 * tcp-close {id, by}, tcp-refused {host, port, reason}, tcp-connect-fail, tcp-send-fail,
 * pdp {active, ...}, bearer {open, ...}, location, power-down, http {method, url, status, bytes}, sms (SmsMessage),
 * sms-fail, sms-bad-pdu, signal, sim, registration, faults, network, noise, reboot, boot, error.
 *
 * Control API: setSignal, setSim, setRegistration, setLocation, setAttach, setPdp, setLatency, setBandwidth,
 * setResponseDelay, setFault, setFaults, clearFaults, dropConnection, deactivatePdp,
 * detachNetwork, strayUrc, garbage, reboot, powerOn (after AT+CPOWD / AT+QPOWD); `sms` / `outbox` hold the messages sent.
 */
export { ModemEmulator } from './modem.js'
export type { ModemOptions, ModemTimings, Dialect, QuectelModel } from './options.js'
export { DEFAULT_TIMINGS, DEFAULT_NET } from './options.js'
export type { ModemFaults } from './faults.js'
export type { SimState, RegStat } from './network/model.js'
export type { SmsMessage } from './sms/outbox.js'
export type { NetTiming } from './network/socket.js'
export { ModemError, ModemConfigError, ModemClosedError } from './errors.js'
