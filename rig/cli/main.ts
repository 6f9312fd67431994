import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { UsageError, type Command } from './command.js'

/** Sub-commands and the files that implement them (rig/cli/commands/<file>.ts). */
const COMMANDS: Record<string, string> = {
  run: 'run',
  list: 'list',
  render: 'render',
  emulate: 'emulate',
  device: 'device',
  'merge-reports': 'merge-reports',
  qr: 'qr',
  ports: 'ports',
  schema: 'schema',
}

export async function loadCommand(file: string): Promise<Command | undefined> {
  const url = new URL(`./commands/${file}.ts`, import.meta.url)
  if (!existsSync(fileURLToPath(url))) return undefined
  return ((await import(url.href)) as { default: Command }).default
}

async function help(): Promise<string> {
  const lines = ['Usage: rig <command> [options]', '', 'Commands:']
  for (const [name, file] of Object.entries(COMMANDS)) {
    const cmd = await loadCommand(file)
    if (cmd) lines.push(`  ${name.padEnd(14)} ${cmd.summary}`)
  }
  lines.push('', 'Run `rig <command> --help` for its options.')
  return lines.join('\n')
}

const FS_INPUT_CODES: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EISDIR: 'is a folder, not a file',
  ENOTDIR: 'a part of the path is not a folder',
  EEXIST: 'already exists',
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(await help())
    return name ? 0 : 2
  }
  const file = COMMANDS[name]
  const cmd = file ? await loadCommand(file) : undefined
  if (!cmd) {
    console.error(`rig: unknown command "${name}"\n\n${await help()}`)
    return 2
  }
  const usage = async (): Promise<string> => (cmd.usageFor ? cmd.usageFor(rest) : cmd.usage)
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(await usage())
    return 0
  }
  try {
    return await cmd.run(rest)
  } catch (err) {
    if ((err as Error).name === 'ScenarioError') {
      console.error(`rig ${name}: ${(err as Error).message}`)
      return 2
    }
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`rig ${name}: ${(err as Error).message}\n\n${await usage()}`)
      return 2
    }
    // A file named on the command line that cannot be read or written is bad input, not a crash.
    const fsErr = err as { code?: string; path?: string; syscall?: string }
    if (fsErr.path && fsErr.code && FS_INPUT_CODES[fsErr.code]) {
      console.error(`rig ${name}: ${fsErr.path}: ${FS_INPUT_CODES[fsErr.code]}`)
      return 2
    }
    console.error(`rig ${name}: ${(err as Error).stack ?? err}`)
    return 1
  }
}
