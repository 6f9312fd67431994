import { readFile } from 'node:fs/promises'
import { extname } from 'node:path'
import AjvModule, { type ErrorObject } from 'ajv'
import { LineCounter, parseDocument } from 'yaml'
import type { ReceiptDefinition } from './receipt-definition.js'
import { RECEIPT_SCHEMA } from './receipt-schema.js'
import { ReceiptDefinitionError } from './errors.js'

// ajv ships CommonJS; under NodeNext its default export is the module object.
type AjvClass = typeof AjvModule.default
const Ajv: AjvClass = (AjvModule as unknown as { default?: AjvClass }).default ?? (AjvModule as unknown as AjvClass)
const validate = new Ajv({ allErrors: true, strict: false }).compile(RECEIPT_SCHEMA)

/** Extensions read as raw captured print streams, sent unchanged. */
export const RAW_EXTENSIONS = new Set(['.bin', '.prn', '.escpos', '.raw'])

/** A receipt file's job: a definition to render, or raw bytes (raw mode). */
export type ReceiptJob = { kind: 'definition'; definition: ReceiptDefinition } | { kind: 'raw'; bytes: Buffer }

/** Reads a receipt file: .yaml/.yml/.json definitions are validated; .bin/.prn/.escpos/.raw are raw streams. */
export async function loadReceiptFile(path: string): Promise<ReceiptJob> {
  const ext = extname(path).toLowerCase()
  const data = await readFile(path)
  if (RAW_EXTENSIONS.has(ext)) return { kind: 'raw', bytes: data }
  if (ext !== '.yaml' && ext !== '.yml' && ext !== '.json') {
    throw new ReceiptDefinitionError(`${path}: unknown receipt file type "${ext}" (yaml, yml, json, or raw bin, prn, escpos, raw)`)
  }
  return { kind: 'definition', definition: parseReceiptDefinition(data.toString('utf8'), path) }
}

/** Parses YAML (JSON is YAML) and validates it; errors name the file, line and column. */
export function parseReceiptDefinition(text: string, source = '<receipt>'): ReceiptDefinition {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, prettyErrors: false })
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!
    const pos = lineCounter.linePos(e.pos[0])
    throw new ReceiptDefinitionError(`${source}:${pos.line}:${pos.col}: ${e.message.split('\n')[0]}`)
  }
  let value: unknown
  try {
    // Unresolved aliases and alias bombs throw here, not as parse errors.
    value = doc.toJS({ maxAliasCount: 1000 })
  } catch (err) {
    throw new ReceiptDefinitionError(`${source}: ${(err as Error).message}`)
  }
  if (!validate(value)) {
    const messages = (validate.errors ?? []).slice(0, 5).map((err: ErrorObject) => {
      const path = err.instancePath.split('/').slice(1)
      const node = path.length > 0 ? doc.getIn(path.map((p: string) => (/^\d+$/.test(p) ? Number(p) : p)), true) : undefined
      const range = (node as { range?: [number, number] } | undefined)?.range
      const where = range ? `:${lineCounter.linePos(range[0]).line}:${lineCounter.linePos(range[0]).col}` : ''
      return `${source}${where}: ${err.instancePath || '(top)'} ${err.message}`
    })
    throw new ReceiptDefinitionError(messages.join('\n'))
  }
  return value as ReceiptDefinition
}
