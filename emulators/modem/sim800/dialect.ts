import type { CommandTable, DialectImpl, ModemContext } from '../context.js'
import { Sim800IpStack } from './ip-stack.js'
import { tcpipCommands } from './tcpip.js'

/** The SIMCom SIM800 dialect: TCP/IP stack, HTTP application, SMS. */
export function sim800Dialect(ctx: ModemContext, extra: CommandTable[] = []): DialectImpl {
  const ip = new Sim800IpStack(ctx)
  const commands: CommandTable = new Map()
  for (const table of [tcpipCommands(ctx, ip), ...extra]) for (const [k, v] of table) commands.set(k, v)
  return {
    commands,
    identity: { manufacturer: 'SIMCOM_Ltd', model: 'SIMCOM_SIM800', revision: 'Revision:1418B04SIM800C24', ati: ['SIM800 R14.18'] },
    // RDY only appears with a fixed baud rate (AT+IPR≠0); benches run fixed-rate links.
    bootUrcs: (sim) => ['RDY', '+CFUN: 1', `+CPIN: ${sim}`, ...(sim === 'READY' ? ['Call Ready', 'SMS Ready'] : [])],
    bearerLost: () => ip.bearerLost(),
    dropConnection: (id) => ip.drop(id),
    reset: () => ip.reset(),
  }
}
