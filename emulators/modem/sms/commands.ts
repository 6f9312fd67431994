import { ERROR, OK, cms, lines, type AtCommand, type Reply } from '../at/types.js'
import type { CommandTable, ModemContext } from '../context.js'
import { decodeSubmitPdu, PduError } from './pdu.js'

const PROMPT = '\r\n> '
const CHARSETS = ['GSM', 'IRA', 'UCS2', 'HEX', 'PCCP936', '8859-1']

/** SMS faults a scenario can set. */
export interface SmsFaults {
  /** The network rejects every message: `+CMS ERROR: <code>` after the send time. */
  failCode?: number
}

/**
 * 3GPP TS 27.005 SMS sending (both dialects): AT+CMGF text/PDU mode, AT+CSCS, AT+CSMP,
 * AT+CMGS with the `> ` prompt, Ctrl-Z to send and ESC to abort; accepted messages
 * land in the modem's outbox.
 */
export function smsCommands(ctx: ModemContext, faults: SmsFaults): CommandTable {
  const t: CommandTable = new Map()
  let cmgf: 0 | 1 = 0
  let cscs = 'GSM'

  const preconditions = (): Reply | undefined => {
    if (ctx.net.sim === 'absent') return cms(310)
    if (ctx.net.sim === 'pin') return cms(311)
    if (ctx.net.sim === 'puk') return cms(316)
    return undefined
  }

  t.set('+CMGF', (c) => {
    if (c.kind === 'read') return lines(`+CMGF: ${cmgf}`)
    if (c.kind === 'test') return lines('+CMGF: (0,1)')
    const v = c.kind === 'exec' ? 0 : c.args.int(0, 0, 1)
    if (v === undefined) return ERROR
    cmgf = v as 0 | 1
    return OK
  })

  t.set('+CSCS', (c) => {
    if (c.kind === 'read') return lines(`+CSCS: "${cscs}"`)
    if (c.kind === 'test') return lines(`+CSCS: (${CHARSETS.map((x) => `"${x}"`).join(',')})`)
    const v = c.args.str(0)?.toUpperCase()
    if (c.kind !== 'set' || !v || !CHARSETS.includes(v)) return ERROR
    cscs = v
    return OK
  })

  t.set('+CPMS', (c) => {
    if (c.kind === 'test') return lines('+CPMS: ("SM","ME"),("SM","ME"),("SM","ME")')
    if (c.kind === 'read') return lines('+CPMS: "SM",0,30,"SM",0,30,"SM",0,30')
    return lines('+CPMS: 0,30,0,30,0,30')
  })
  t.set('+CSCA', (c) => (c.kind === 'read' ? lines('+CSCA: "+10000000000",145') : OK))
  t.set('+CMGL', (c) => (c.kind === 'test' ? lines('+CMGL: ("REC UNREAD","REC READ","STO UNSENT","STO SENT","ALL")') : OK))
  for (const n of ['+CSMP', '+CNMI', '+CMGD', '+CSDH', '+CMGR', '+CNMA', '+CSMS']) t.set(n, () => OK)

  t.set('+CMGS', (c: AtCommand) => {
    if (c.kind === 'test') return OK
    if (c.kind !== 'set') return ERROR
    const pre = preconditions()
    if (pre) return pre
    if (cmgf === 1) {
      const to = c.args.str(0)
      if (!to || c.args.raw[0]?.trim()[0] !== '"') return cms(305)
      return { prompt: textEntry(to) }
    }
    const length = c.args.int(0, 1, 176)
    if (length === undefined) return cms(304)
    return { prompt: pduEntry(length) }
  })

  const send = async (message: { to: string; text: string; mode: 'text' | 'pdu'; pdu?: string }): Promise<Reply> => {
    await ctx.sleep(ctx.opts.timings.sms + 2 * ctx.opts.net.latencyMs)
    if (!ctx.net.registered) return cms(331)
    if (faults.failCode !== undefined) {
      ctx.events.emit('sms-fail', { to: message.to, code: faults.failCode })
      return cms(faults.failCode)
    }
    const mr = ctx.outbox.nextReference()
    ctx.outbox.add({ t: ctx.clock.now(), mr, ...message })
    return lines(`+CMGS: ${mr}`)
  }

  const cancel = (): Reply => OK

  const textEntry = (to: string) => ({
    prompt: PROMPT,
    linePrompt: PROMPT,
    max: cscs === 'UCS2' || cscs === 'HEX' ? 280 : 160,
    complete: (data: Buffer) => send({ to, text: decodeText(data, cscs), mode: 'text' }),
    cancel,
  })

  const pduEntry = (length: number) => ({
    prompt: PROMPT,
    max: 2 * (length + 12),
    complete: async (data: Buffer): Promise<Reply> => {
      const hex = data.toString('latin1').trim()
      try {
        const pdu = decodeSubmitPdu(hex)
        if (pdu.tpduLength !== length) return cms(304)
        return await send({ to: pdu.to, text: pdu.text, mode: 'pdu', pdu: hex.toUpperCase() })
      } catch (err) {
        if (err instanceof PduError) {
          ctx.events.emit('sms-bad-pdu', { reason: err.message })
          return cms(304)
        }
        throw err
      }
    },
    cancel,
  })

  return t
}

/** Text-mode message body in the TE character set chosen by AT+CSCS. */
function decodeText(data: Buffer, cscs: string): string {
  const s = data.toString('latin1')
  if (cscs === 'UCS2' && /^([0-9A-Fa-f]{4})*$/.test(s)) return Buffer.from(s, 'hex').swap16().toString('utf16le')
  if (cscs === 'HEX' && /^([0-9A-Fa-f]{2})*$/.test(s)) return Buffer.from(s, 'hex').toString('latin1')
  return s
}
