import { readFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { LineCounter, parseDocument } from 'yaml'
import type { LineSettings } from '../link/line-settings.js'
import { ScenarioError } from '../scenario/errors.js'
import { SourceMap } from '../scenario/source-map.js'
import type { DutPort } from './types.js'

/**
 * A bench file: how a real or separately-running DUT is wired.
 *
 *   kind: process            # the rig starts the firmware; its ports are socat pseudo-terminals
 *   command: [node, bin/rig.js, device, --register, "{register}", --printer, "{printer}",
 *             --modem, "{modem}", --console, "{console}", --config, "{config}"]
 *
 *   kind: serial             # real hardware on OS serial ports
 *   ports: { register: /dev/ttyUSB0, printer: /dev/ttyUSB1, modem: /dev/ttyUSB2 }
 *
 * Both: `lines` (line settings per port), `terminal` (id and key the server accepts; default
 * the scenario's device config), `server` (the name and port the DUT dials; default likewise),
 * `paper` (58 or 80).
 */
export interface BenchFile {
  file: string
  kind: 'process' | 'serial'
  command?: string[]
  ports?: Partial<Record<DutPort, string>>
  lines?: Partial<Record<DutPort, LineSettings>>
  terminal?: { id: string; key: string }
  server?: { host: string; port: number }
  paper?: 58 | 80
  /** Longest real ms to wait for the firmware to speak on a port after it starts. Default 15000. */
  startupMs?: number
}

const PORTS: DutPort[] = ['register', 'printer', 'modem', 'console']

export async function loadBenchFile(path: string): Promise<BenchFile> {
  const text = await readFile(path, 'utf8').catch((err: Error) => {
    throw new Error(`cannot read bench file ${path}: ${err.message}`)
  })
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines })
  const map = new SourceMap(path, doc, lines)
  if (doc.errors[0]) throw new ScenarioError(`YAML: ${doc.errors[0].message.split('\n')[0]}`, map.offset(doc.errors[0].pos[0]))
  const raw = (doc.toJS() ?? {}) as Record<string, unknown>
  const fail = (msg: string, key?: string): never => {
    throw new ScenarioError(msg, key ? map.at([], key) : map.at([]))
  }
  for (const key of Object.keys(raw)) {
    if (!['kind', 'command', 'ports', 'lines', 'terminal', 'server', 'paper', 'startupMs'].includes(key)) fail(`bench: unknown key "${key}"`, key)
  }
  if (raw.kind !== 'process' && raw.kind !== 'serial') fail('bench: "kind" must be process or serial', 'kind')
  if (raw.kind === 'process' && (!Array.isArray(raw.command) || raw.command.length === 0 || raw.command.some((c) => typeof c !== 'string'))) {
    fail('bench: a process bench needs "command", a list of strings', 'command')
  }
  if (raw.kind === 'serial') {
    const ports = raw.ports as Record<string, unknown> | undefined
    for (const p of ['register', 'printer', 'modem'] as const) if (typeof ports?.[p] !== 'string') fail(`bench: a serial bench needs ports.${p}`, 'ports')
    for (const p of Object.keys(ports ?? {})) if (!PORTS.includes(p as DutPort)) fail(`bench: unknown port "${p}"`, 'ports')
  }
  // Relative firmware paths and the rig's own entry point resolve from the bench file's folder.
  const command = (raw.command as string[] | undefined)?.map((c) => (c.startsWith('./') || c.startsWith('../') ? resolve(dirname(path), c) : c))
  return { ...(raw as Omit<BenchFile, 'file'>), command, file: path }
}
