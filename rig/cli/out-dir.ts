import { existsSync, statSync } from 'node:fs'
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join, parse, relative, resolve, sep } from 'node:path'
import { UsageError } from './command.js'

/** The file that marks a folder as written by the rig: only such a folder is ever cleared. */
export const OUT_MARKER = '.rig-report'

/**
 * Makes DIR ready to receive a command's output without putting a user's files at risk: a missing
 * or empty folder is used (and marked), a folder the rig marked earlier is emptied, anything else —
 * a folder with other files, the working folder or one above it, the home or root folder, a file —
 * is refused with a UsageError (exit status 2) before anything is touched.
 */
export async function prepareOutDir(dir: string, option = '--out'): Promise<string> {
  if (dir.trim() === '') throw new UsageError(`${option} must name a folder`)
  const abs = resolve(dir)
  const cwd = process.cwd()
  const rel = relative(abs, cwd)
  if (rel === '' || !(rel === '..' || rel.startsWith('..' + sep) || parse(rel).root !== '')) {
    throw new UsageError(`${option} ${dir}: refusing to write into the working folder or a folder that contains it (${abs})`)
  }
  if (abs === parse(abs).root || abs === resolve(homedir())) {
    throw new UsageError(`${option} ${dir}: refusing to write into ${abs}`)
  }
  if (!existsSync(abs)) {
    await mkdir(abs, { recursive: true })
    await mark(abs)
    return abs
  }
  if (!statSync(abs).isDirectory()) throw new UsageError(`${option} ${dir}: exists and is not a folder`)
  const entries = await readdir(abs)
  if (entries.length === 0) {
    await mark(abs)
    return abs
  }
  if (!entries.includes(OUT_MARKER)) {
    throw new UsageError(
      `${option} ${dir}: the folder is not empty and was not written by the rig (no ${OUT_MARKER} file); ` +
        `choose an empty or new folder — nothing was deleted`,
    )
  }
  for (const e of entries) if (e !== OUT_MARKER) await rm(join(abs, e), { recursive: true, force: true })
  return abs
}

async function mark(abs: string): Promise<void> {
  await writeFile(join(abs, OUT_MARKER), 'This folder was written by qr-receipt-rig; the next run may empty it.\n')
}
