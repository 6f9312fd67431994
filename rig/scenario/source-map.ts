import { isMap, isNode, isPair, isScalar, isSeq, LineCounter, type Document, type Node } from 'yaml'
import type { SourceLocation } from './types.js'

/** Finds file:line:col of a path in a parsed YAML document, for error messages. */
export class SourceMap {
  constructor(
    readonly file: string,
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  /** Location of the value at `path`; with `key`, of that key inside the mapping at `path`. */
  at(path: Array<string | number>, key?: string): SourceLocation {
    let node: unknown = this.doc.contents
    let best: unknown = node
    for (const part of path) {
      node = child(node, part)
      if (node === undefined) break
      best = node
    }
    if (key !== undefined && isMap(best)) {
      const pair = best.items.find((p) => isScalar(p.key) && String(p.key.value) === key)
      if (pair && isNode(pair.key)) best = pair.key
    }
    return this.locate(best)
  }

  offset(offset: number): SourceLocation {
    const { line, col } = this.lines.linePos(offset)
    return { file: this.file, line, col }
  }

  private locate(node: unknown): SourceLocation {
    const range = isNode(node) ? (node as Node).range : undefined
    return this.offset(range?.[0] ?? 0)
  }
}

function child(node: unknown, part: string | number): unknown {
  if (isMap(node)) {
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(part))
    return pair?.value ?? undefined
  }
  if (isSeq(node) && typeof part === 'number') return node.items[part]
  return undefined
}
