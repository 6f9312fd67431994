import { clockText } from '../at/format.js'
import { ERROR, lines, type AtCommand, type Reply } from '../at/types.js'
import { simError, type CommandTable, type ModemContext } from '../context.js'

/**
 * Location-service result code when the bearer is not open: 601 network error. Drivers handle a bare
 * `+CIPGSMLOC: 601` line followed by OK as "unable to locate"; that the module gives 601 for a closed
 * bearer (rather than ERROR) is GUESS.
 */
const NETWORK_ERROR = 601

/**
 * SIM800 network location: AT+CLBS (SIM800 Series GSM Location Application Note V1.01 §2.1) and
 * AT+CIPGSMLOC (SIM800 Series AT Command Manual V1.09, AT+CIPGSMLOC). Both ask the location
 * service over bearer 1 (AT+SAPBR), so they answer after a network round trip, with the
 * position of the network model (`ModemEmulator.setLocation`) and the time of the rig's clock.
 */
export function locationCommands(ctx: ModemContext, bearerOpen: () => boolean): CommandTable {
  const t: CommandTable = new Map()
  const round = async (): Promise<void> => ctx.sleep(ctx.opts.timings.http + 2 * ctx.opts.net.latencyMs)
  const pos = (): string => {
    const l = ctx.net.location
    return `${l.longitude.toFixed(6)},${l.latitude.toFixed(6)}`
  }
  const gate = (c: AtCommand, max: number): { type: number } | Reply => {
    const sim = simError(ctx.net)
    if (sim) return sim
    const type = c.args.int(0, 1, max)
    if (c.kind !== 'set' || type === undefined || c.args.int(1, 1, 3) === undefined) return ERROR
    return { type }
  }

  // AT+CLBS=<type>,<cid>: 1 → +CLBS: 0,<lon>,<lat>,<acc>; 4 → also date and time (yy/MM/dd,hh:mm:ss).
  t.set('+CLBS', async (c) => {
    if (c.kind === 'test') return lines('+CLBS: (1,3,4,9),(1-3),(-180.000000-180.000000),(-90.000000-90.000000),(0,1)')
    const g = gate(c, 9)
    if (!('type' in g)) return g
    if (g.type !== 1 && g.type !== 4) return ERROR // 3 (street address) and 9 (access times) are not modelled.
    await round()
    if (!bearerOpen() || !ctx.net.registered) return lines(`+CLBS: ${NETWORK_ERROR}`)
    const acc = ctx.net.location.accuracy
    if (g.type === 1) return lines(`+CLBS: 0,${pos()},${acc}`)
    const { date, time } = clockText(ctx.clock.now(), 2)
    return lines(`+CLBS: 0,${pos()},${acc},${date},${time}`)
  })

  // AT+CIPGSMLOC=<type>,<cid>: 1 → +CIPGSMLOC: 0,<lon>,<lat>,<yyyy/MM/dd>,<hh:mm:ss>; 2 → date and time only.
  t.set('+CIPGSMLOC', async (c) => {
    if (c.kind === 'test') return lines('+CIPGSMLOC: (1,2),(1-3)')
    const g = gate(c, 2)
    if (!('type' in g)) return g
    await round()
    if (!bearerOpen() || !ctx.net.registered) return lines(`+CIPGSMLOC: ${NETWORK_ERROR}`)
    const { date, time } = clockText(ctx.clock.now(), 4)
    return lines(g.type === 1 ? `+CIPGSMLOC: 0,${pos()},${date},${time}` : `+CIPGSMLOC: 0,${date},${time}`)
  })
  return t
}
