import { loadCommand } from '../main.js'
import { UsageError, type Command } from '../command.js'

const KINDS = ['printer', 'modem', 'register', 'server'] as const

const command: Command = {
  summary: 'run one emulator standalone (printer, modem, register, server)',
  usage: `Usage: rig emulate <${KINDS.join('|')}> [options]

Runs one emulator on its own, on a real serial port (printer, modem, register) or on
loopback TCP/HTTP (server). \`rig emulate <kind> --help\` lists its options.`,
  async usageFor(argv) {
    const kind = argv[0]
    const cmd = kind && (KINDS as readonly string[]).includes(kind) ? await loadCommand(`emulate-${kind}`) : undefined
    return cmd?.usage ?? this.usage
  },
  async run(argv) {
    const [kind, ...rest] = argv
    if (!kind || !(KINDS as readonly string[]).includes(kind)) throw new UsageError(`name an emulator: ${KINDS.join(', ')}`)
    const cmd = await loadCommand(`emulate-${kind}`)
    if (!cmd) throw new UsageError(`the ${kind} emulator has no standalone command in this build`)
    if (rest.includes('--help') || rest.includes('-h')) {
      console.log(cmd.usage)
      return 0
    }
    return cmd.run(rest)
  },
}

export default command
