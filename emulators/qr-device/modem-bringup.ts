import type { Clock } from '../../protocols/runtime/clock.js'
import type { AtClient } from './at-client.js'
import { ModemError } from './errors.js'
import type { ModemState } from './modem-transport.js'

/**
 * The 3GPP part of every dialect's bring-up, as field firmware does it: probe until the
 * modem answers, echo off, verbose errors, SIM ready, registered (home or roaming), packet
 * attached. The dialect's IP stack starts after this.
 */
export async function bringUp(at: AtClient, clock: Clock, atTimeout: number, setState: (s: ModemState) => void): Promise<void> {
  const t = atTimeout
  setState('starting')
  await probe(at, clock)
  await at.command('ATE0', t)
  await at.command('AT+CMEE=2', t)
  const pin = await at.command('AT+CPIN?', t)
  if (!pin.lines.some((l) => l === '+CPIN: READY')) throw new ModemError(`SIM not ready: ${pin.lines.join(' ')}`, 'AT+CPIN?')
  setState('registering')
  await waitRegistered(at, clock, t)
  setState('attaching')
  const att = await at.command('AT+CGATT?', t)
  if (!att.lines.includes('+CGATT: 1')) await at.command('AT+CGATT=1', 10_000)
}

async function probe(at: AtClient, clock: Clock): Promise<void> {
  for (let i = 0; i < 10; i++) {
    if (await at.probe('AT', 1000)) return
    await clock.sleep(500)
  }
  throw new ModemError('modem does not answer AT', 'AT')
}

async function waitRegistered(at: AtClient, clock: Clock, atTimeout: number): Promise<void> {
  for (let i = 0; i < 60; i++) {
    const reg = await at.probe('AT+CREG?', atTimeout)
    const stat = reg?.lines.map((l) => /^\+CREG: \d,(\d)/.exec(l)?.[1]).find(Boolean)
    if (stat === '1' || stat === '5') return
    if (stat === '3') throw new ModemError('network registration denied', 'AT+CREG?', reg?.lines.join(' '))
    await clock.sleep(1000)
  }
  throw new ModemError('not registered on the network after 60 s', 'AT+CREG?')
}
