import type { CommandTable, DialectImpl, ModemContext } from '../context.js'
import { packetCommands } from '../packet.js'
import { smsCommands, type SmsFaults } from '../sms/commands.js'
import { bg96Commands } from './bg96.js'
import { QuectelIpStack } from './ip-stack.js'
import { m95Commands } from './m95.js'
import { quectelDeviceCommands } from './device.js'

/** The Quectel dialect: M95/M26 (QIRDI style) or EC2x/BG96 (QIURC style) TCP/IP, packet contexts, SMS. */
export function quectelDialect(ctx: ModemContext, sms: SmsFaults): DialectImpl {
  const model = ctx.opts.model
  const family = model === 'M95' || model === 'M26' ? 'm95' : 'bg96'
  const ip = new QuectelIpStack(ctx, family)
  // BG96/EC2x: AT+QIACT/QIDEACT and AT+CGACT/CGPADDR act on one context 1 (one state for all commands).
  const packet = packetCommands(
    ctx,
    family === 'bg96'
      ? { quoteAddress: false, links: [{ cid: 1, state: () => ({ active: ip.active, ip: ip.ip }), activate: () => ip.activate(), deactivate: () => ip.deactivate() }] }
      : { quoteAddress: false },
  )
  const commands: CommandTable = new Map()
  const tcp = family === 'm95' ? m95Commands(ctx, ip) : bg96Commands(ctx, ip)
  for (const table of [packet.table, tcp, quectelDeviceCommands(ctx, family), smsCommands(ctx, sms)]) for (const [k, v] of table) commands.set(k, v)
  const revision = family === 'm95' ? `${model}FAR02A08` : `${model}LAR02A04`
  return {
    commands,
    identity: { manufacturer: 'Quectel', model, revision: `Revision: ${revision}`, ati: ['Quectel', model, `Revision: ${revision}`] },
    bootUrcs: (sim) =>
      family === 'm95'
        ? ['RDY', '+CFUN: 1', `+CPIN: ${sim}`, ...(sim === 'READY' ? ['Call Ready', 'SMS Ready'] : [])]
        : // APP RDY: the module's applications are up (BG96 boot; TinyGSM's BG96 client waits for it after AT+CFUN=1,1).
          ['RDY', '+CFUN: 1', `+CPIN: ${sim}`, '+QUSIM: 1', ...(sim === 'READY' ? ['+QIND: SMS DONE'] : []), 'APP RDY'],
    bearerLost: () => {
      ip.bearerLost()
      packet.lost()
    },
    dropConnection: (id) => ip.drop(id),
    reset: () => {
      ip.reset()
      packet.reset()
    },
  }
}
