import { clockText } from './at/format.js'
import { ERROR, OK, cme, lines, type AtCommand, type Reply } from './at/types.js'
import { simError, type CommandTable, type Identity, type ModemContext } from './context.js'

/** The user profile that ATZ restores and AT&W saves (echo, CMEE, verbose). */
interface Profile {
  echo: boolean
  cmee: 0 | 1 | 2
  verbose: boolean
}
const FACTORY: Profile = { echo: true, cmee: 0, verbose: true }

/**
 * Commands every dialect shares (V.250 basics and 3GPP TS 27.007 general/network commands).
 * Registration URC settings (CREG/CGREG/CEREG n) live here too; `regUrc` sends them on change.
 */
export function basicCommands(ctx: ModemContext, id: Identity): { table: CommandTable; regUrc(): void; reset(): void } {
  const { engine, net } = ctx
  const t: CommandTable = new Map()
  let saved: Profile = { ...FACTORY }
  const regMode: Record<string, number> = { '+CREG': 0, '+CGREG': 0, '+CEREG': 0 }
  const apply = (p: Profile): void => {
    engine.echo = p.echo
    engine.cmee = p.cmee
    engine.verbose = p.verbose
  }
  const flag = (c: AtCommand, set: (on: boolean) => void): Reply => {
    const v = c.args.raw[0] ?? '0'
    if (c.kind !== 'exec' || (v !== '0' && v !== '1')) return ERROR
    set(v === '1')
    return OK
  }

  t.set('E', (c) => flag(c, (on) => (engine.echo = on)))
  t.set('V', (c) => flag(c, (on) => (engine.verbose = on)))
  t.set('Q', (c) => ((c.args.raw[0] ?? '0') === '0' ? OK : ERROR))
  t.set('Z', () => (apply(saved), OK))
  t.set('&F', () => (apply(FACTORY), OK))
  t.set('&W', () => ((saved = { echo: engine.echo, cmee: engine.cmee, verbose: engine.verbose }), OK))
  for (const n of ['&D', '&C', 'X', 'L', 'M', '&K']) t.set(n, () => OK)
  t.set('I', () => lines(...id.ati))
  const info = (text: () => string) => (c: AtCommand) => (c.kind === 'test' ? OK : c.kind === 'exec' ? lines(text()) : ERROR)
  for (const n of ['+GMI', '+CGMI']) t.set(n, info(() => id.manufacturer))
  for (const n of ['+GMM', '+CGMM']) t.set(n, info(() => id.model))
  for (const n of ['+GMR', '+CGMR']) t.set(n, info(() => id.revision))
  for (const n of ['+GSN', '+CGSN']) t.set(n, info(() => ctx.opts.imei))
  t.set('+CIMI', (c) => simError(net) ?? info(() => ctx.opts.imsi)(c))
  t.set('+CCID', (c) => simError(net) ?? info(() => ctx.opts.iccid)(c))
  t.set('+ICCID', (c) => simError(net) ?? (c.kind === 'exec' ? lines(`+ICCID: ${ctx.opts.iccid}`) : ERROR))
  t.set('+QCCID', (c) => simError(net) ?? (c.kind === 'exec' ? lines(`+QCCID: ${ctx.opts.iccid}`) : ERROR))

  t.set('+CMEE', (c) => {
    if (c.kind === 'read') return lines(`+CMEE: ${engine.cmee}`)
    if (c.kind === 'test') return lines('+CMEE: (0-2)')
    const n = c.kind === 'exec' ? 0 : c.args.int(0, 0, 2)
    if (n === undefined) return ERROR
    engine.cmee = n as 0 | 1 | 2
    return OK
  })

  t.set('+CPIN', (c) => {
    if (c.kind === 'read') {
      const s = { ready: 'READY', absent: 'NOT INSERTED', pin: 'SIM PIN', puk: 'SIM PUK' }[net.sim]
      return lines(`+CPIN: ${s}`)
    }
    if (c.kind === 'test') return OK
    if (c.kind !== 'set') return ERROR
    if (net.sim === 'absent') return cme(10)
    if (net.sim === 'ready') return cme(3)
    if (net.sim === 'puk') return cme(12)
    if (c.args.str(0) !== net.pin) return cme(16)
    net.setSim('ready')
    return OK
  })

  t.set('+CSQ', (c) => {
    if (c.kind === 'test') return lines('+CSQ: (0-31,99),(0-7,99)')
    if (c.kind !== 'exec') return ERROR
    const s = net.signal
    return lines(`+CSQ: ${s.rssi},${s.ber}`)
  })

  for (const name of ['+CREG', '+CGREG', '+CEREG']) {
    t.set(name, (c) => {
      if (c.kind === 'read') return lines(`${name}: ${regMode[name]},${net.registration}${cell(regMode[name]!)}`)
      if (c.kind === 'test') return lines(`${name}: (0-2)`)
      const n = c.kind === 'exec' ? 0 : c.args.int(0, 0, 2)
      if (n === undefined) return ERROR
      regMode[name] = n
      return OK
    })
  }

  t.set('+CGATT', async (c) => {
    if (c.kind === 'read') return lines(`+CGATT: ${net.attached ? 1 : 0}`)
    if (c.kind === 'test') return lines('+CGATT: (0,1)')
    const on = c.args.int(0, 0, 1)
    if (c.kind !== 'set' || on === undefined) return ERROR
    const sim = simError(net)
    if (sim) return sim
    if (on === 1 && !net.attached) await ctx.sleep(ctx.opts.timings.attach)
    return net.attach(on === 1) ? OK : ERROR
  })

  t.set('+COPS', (c) => {
    if (c.kind === 'read') return lines(net.registered ? `+COPS: 0,0,"${net.operator.long}"` : '+COPS: 0')
    if (c.kind === 'test') {
      const o = net.operator
      return lines(`+COPS: (2,"${o.long}","${o.short}","${o.numeric}"),,(0-4),(0-2)`)
    }
    return simError(net) ?? OK
  })

  let fun = 1
  t.set('+CFUN', (c) => {
    if (c.kind === 'read') return lines(`+CFUN: ${fun}`)
    if (c.kind === 'test') return lines('+CFUN: (0,1,4),(0,1)')
    const f = c.args.int(0, 0, 4)
    const rst = c.args.has(1) ? c.args.int(1, 0, 1) : 0
    if (c.kind !== 'set' || f === undefined || rst === undefined || f === 2 || f === 3) return ERROR
    fun = f
    if (rst === 1) return { after: () => ctx.reboot() }
    net.setRadio(f === 1)
    return OK
  })

  // Settings clients send that change nothing the emulator models.
  for (const n of ['+IPR', '+IFC', '+ICF', '+CLTS', '+CBATCHK', '+CVHU', '+CSCLK', '+CNETLIGHT', '+QURCCFG', '+QCFG', '+CLIP', '+CRC', '+COLP', '+GSMBUSY', '+CTZR', '+CTZU']) {
    t.set(n, (c) => (c.kind === 'read' ? lines(`${n}: 0`) : OK))
  }
  t.set('+CBC', (c) => (c.kind === 'exec' ? lines('+CBC: 0,85,4120') : OK))
  t.set('+CCLK', (c) => {
    if (c.kind !== 'read') return OK
    const { date, time } = clockText(ctx.clock.now(), 2)
    return lines(`+CCLK: "${date},${time}+00"`)
  })

  // <n>=2 adds the location area and cell id while registered (27.007 §7.2).
  const cell = (n: number): string => (n === 2 && net.registered ? ',"1A2B","0C3D"' : '')
  // Unsolicited only when the reported state really changes.
  let reported = net.registration
  const regUrc = (): void => {
    if (net.registration === reported) return
    reported = net.registration
    for (const name of ['+CREG', '+CGREG', '+CEREG']) {
      if (regMode[name]! > 0) engine.urc(`${name}: ${net.registration}${cell(regMode[name]!)}`)
    }
  }
  // Power-on: the saved profile (AT&W survives a reboot), no registration URCs.
  const reset = (): void => {
    apply(saved)
    for (const name of Object.keys(regMode)) regMode[name] = 0
    fun = 1
    reported = net.registration
  }
  return { table: t, regUrc, reset }
}
