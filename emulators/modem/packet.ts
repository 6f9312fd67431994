import { ERROR, OK, lines } from './at/types.js'
import { privateIp, simError, type CommandTable, type ModemContext } from './context.js'

interface PdpContext {
  cid: number
  type: string
  apn: string
  active: boolean
  ip: string
}

/**
 * A PDP context that a dialect's own TCP/IP commands also drive (Quectel AT+QIACT / AT+QIDEACT
 * act on the same context 1 as AT+CGACT): one state, whichever command reads or changes it.
 */
export interface PdpLink {
  readonly cid: number
  state(): { active: boolean; ip: string }
  activate(): Promise<boolean>
  deactivate(): void
}

export interface PacketOptions {
  /** Contexts shared with the dialect's TCP/IP stack. */
  links?: PdpLink[]
  /**
   * Whether +CGPADDR quotes the address: SIMCom `+CGPADDR: 1,"10.0.0.1"` (GUESS), Quectel
   * `+CGPADDR: 1,10.0.0.1` (Quectel BG96 AT Commands Manual, AT+CGPADDR).
   */
  quoteAddress?: boolean
}

/**
 * 3GPP TS 27.007 packet-domain context commands (AT+CGDCONT, AT+CGACT, AT+CGPADDR).
 * Activation auto-attaches like a real MT and fails under the PDP fault.
 */
export function packetCommands(ctx: ModemContext, o: PacketOptions = {}): { table: CommandTable; lost(): void; reset(): void } {
  const t: CommandTable = new Map()
  const contexts = new Map<number, PdpContext>()
  const links = new Map((o.links ?? []).map((l) => [l.cid, l]))
  const get = (cid: number): PdpContext => {
    let c = contexts.get(cid)
    if (!c) contexts.set(cid, (c = { cid, type: 'IP', apn: '', active: false, ip: '0.0.0.0' }))
    const link = links.get(cid)
    if (link) {
      const s = link.state()
      c.active = s.active
      c.ip = s.active ? s.ip : '0.0.0.0'
    }
    return c
  }
  const all = (): PdpContext[] => [...new Set([...contexts.keys(), ...links.keys()])].sort((a, b) => a - b).map(get)
  const addr = (ip: string): string => (o.quoteAddress === false ? ip : `"${ip}"`)

  t.set('+CGDCONT', (c) => {
    if (c.kind === 'read') return lines(...all().map((p) => `+CGDCONT: ${p.cid},"${p.type}","${p.apn}","${p.ip}",0,0`))
    if (c.kind === 'test') return lines('+CGDCONT: (1-3),"IP",,,(0-2),(0-4)')
    const cid = c.args.int(0, 1, 16)
    if (c.kind !== 'set' || cid === undefined) return ERROR
    if (c.args.length === 1) {
      contexts.delete(cid)
      return OK
    }
    const p = get(cid)
    p.type = c.args.str(1)?.toUpperCase() ?? 'IP'
    p.apn = c.args.str(2) ?? ''
    return OK
  })

  t.set('+CGACT', async (c) => {
    if (c.kind === 'read') return lines(...all().map((p) => `+CGACT: ${p.cid},${p.active ? 1 : 0}`))
    if (c.kind === 'test') return lines('+CGACT: (0,1)')
    const state = c.args.int(0, 0, 1)
    const cids = c.args.length > 1 ? c.args.raw.slice(1).map((_, i) => c.args.int(i + 1, 1, 16)) : all().map((p) => p.cid)
    if (c.kind !== 'set' || state === undefined || cids.some((x) => x === undefined)) return ERROR
    const sim = simError(ctx.net)
    if (sim) return sim
    for (const cid of cids as number[]) {
      const p = get(cid)
      const link = links.get(cid)
      if (state === 0) {
        link?.deactivate()
        p.active = false
        p.ip = '0.0.0.0'
        continue
      }
      if (p.active) continue
      if (link) {
        if (!(await link.activate())) return ERROR
        continue
      }
      await ctx.sleep(ctx.opts.timings.activate)
      if (!ctx.net.attached) ctx.net.attach(true)
      if (!ctx.net.canActivatePdp()) return ERROR
      p.active = true
      p.ip = privateIp(ctx)
      ctx.events.emit('pdp', { active: true, cid, apn: p.apn, ip: p.ip })
    }
    return OK
  })

  t.set('+CGPADDR', (c) => {
    if (c.kind === 'test') return OK
    const want = c.kind === 'set' ? c.args.raw.map((_, i) => c.args.int(i, 1, 16)) : all().map((p) => p.cid)
    if (want.some((x) => x === undefined)) return ERROR
    return lines(...(want as number[]).map((cid) => `+CGPADDR: ${cid},${addr(get(cid).ip)}`))
  })

  const lost = (): void => {
    for (const p of contexts.values()) {
      p.active = false
      p.ip = '0.0.0.0'
    }
  }
  return { table: t, lost, reset: () => contexts.clear() }
}
