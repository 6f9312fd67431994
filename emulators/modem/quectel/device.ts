import { clockText } from '../at/format.js'
import { ERROR, lines } from '../at/types.js'
import type { CommandTable, ModemContext } from '../context.js'
import type { Family } from './ip-stack.js'

/**
 * Quectel power-down and network time:
 * - AT+QPOWD[=<n>] (Quectel BG96 AT Commands Manual and Quectel M95 AT Commands Manual, AT+QPOWD):
 *   BG96 answers `OK`, then `POWERED DOWN` (TinyGSM's BG96 powerOff: "returns OK first", then waits for
 *   POWERED DOWN); M95 answers `NORMAL POWER DOWN` for n=1 and `OK` for n=0 (what M95 drivers wait for).
 *   Either way the module is then off (silent until the scenario powers it on).
 * - AT+QLTS (latest time synchronised from the network): `+QLTS: "<time>"` with the rig's clock in UTC.
 *   BG96/EC2x `yyyy/MM/dd,hh:mm:ss+zz,dst`, as captured from an EC25 (`+QLTS: "2026/09/11,14:22:25+32,0"`)
 *   and parsed by BG96/EC2x drivers; M95 `yy/MM/dd,hh:mm:ss+zz,dst` (GUESS: two-digit year, not verified).
 */
export function quectelDeviceCommands(ctx: ModemContext, family: Family): CommandTable {
  const t: CommandTable = new Map()
  t.set('+QPOWD', (c) => {
    if (c.kind === 'test') return lines('+QPOWD: (0,1)')
    const n = c.kind === 'exec' ? 1 : c.args.int(0, 0, 1)
    if ((c.kind !== 'exec' && c.kind !== 'set') || n === undefined) return ERROR
    if (family === 'bg96') return { after: () => (ctx.engine.urc('POWERED DOWN'), ctx.powerDown()) }
    return n === 1 ? { lines: ['NORMAL POWER DOWN'], final: 'none', after: () => ctx.powerDown() } : { after: () => ctx.powerDown() }
  })
  t.set('+QLTS', (c) => {
    if (c.kind === 'test') return family === 'bg96' ? lines('+QLTS: (0-2)') : {}
    if (c.kind === 'set' && (family !== 'bg96' || c.args.int(0, 0, 2) === undefined)) return ERROR
    if (c.kind === 'read') return ERROR
    if (!ctx.net.registered) return lines('+QLTS: ""')
    const { date, time } = clockText(ctx.clock.now(), family === 'bg96' ? 4 : 2)
    return lines(`+QLTS: "${date},${time}+00,0"`)
  })
  return t
}
