import type { CommandTable, DialectImpl, ModemContext } from '../context.js'
import { packetCommands } from '../packet.js'
import { smsCommands, type SmsFaults } from '../sms/commands.js'
import { httpCommands } from './http.js'
import { Sim800IpStack } from './ip-stack.js'
import { tcpipCommands } from './tcpip.js'
import { locationCommands } from './location.js'
import { ERROR, lines } from '../at/types.js'
import { simError } from '../context.js'

/** The SIMCom SIM800 dialect: TCP/IP stack, bearer + HTTP application, packet contexts, SMS. */
export function sim800Dialect(ctx: ModemContext, sms: SmsFaults): DialectImpl {
  const ip = new Sim800IpStack(ctx)
  const http = httpCommands(ctx)
  const packet = packetCommands(ctx)
  const commands: CommandTable = new Map()
  for (const table of [packet.table, tcpipCommands(ctx, ip), http.table, locationCommands(ctx, http.bearerOpen), deviceCommands(ctx), smsCommands(ctx, sms)]) {
    for (const [k, v] of table) commands.set(k, v)
  }
  return {
    commands,
    // FONA's begin() recognises the module by "SIM800 R13" in ATI.
    identity: { manufacturer: 'SIMCOM_Ltd', model: 'SIMCOM_SIM800L', revision: 'Revision:1308B08SIM800L16', ati: ['SIM800 R13.08'] },
    // RDY only appears with a fixed baud rate (AT+IPR≠0); benches run fixed-rate links.
    bootUrcs: (sim) => ['RDY', '+CFUN: 1', `+CPIN: ${sim}`, ...(sim === 'READY' ? ['Call Ready', 'SMS Ready'] : [])],
    bearerLost: () => {
      ip.bearerLost()
      http.bearerLost()
      packet.lost()
    },
    dropConnection: (id) => ip.drop(id),
    reset: () => {
      ip.reset()
      http.reset()
      packet.reset()
    },
  }
}

/**
 * AT+CSPN? (service provider name from the SIM) and AT+CPOWD (power off), SIM800 Series AT Command
 * Manual V1.09 §3.2 (AT+CSPN) and §6.2.2 (AT+CPOWD: 1 → `NORMAL POWER DOWN`, 0 → nothing at all).
 */
function deviceCommands(ctx: ModemContext): CommandTable {
  const t: CommandTable = new Map()
  t.set('+CSPN', (c) => {
    if (c.kind === 'test') return {}
    if (c.kind !== 'read') return ERROR
    return simError(ctx.net) ?? lines(`+CSPN: "${ctx.net.operator.long}",0`)
  })
  t.set('+CPOWD', (c) => {
    const n = c.args.int(0, 0, 1)
    if (c.kind !== 'set' || n === undefined) return ERROR
    return { ...(n === 1 ? { lines: ['NORMAL POWER DOWN'] } : {}), final: 'none', after: () => ctx.powerDown() }
  })
  return t
}
