import { Args, type AtCommand, type CommandKind } from './types.js'

/** Characters that open an extended command name (V.250 uses `+`; vendors add their own). */
const EXTENDED = new Set(['+', '*', '^', '$', '#', '%'])

/**
 * Splits the body of a command line (what follows `AT`) into commands, following ITU-T V.250:
 * basic commands (`E0`, `&F`, `S0=1`, `D123;`) may follow each other directly, extended
 * commands (`+CIFSR`) end at `;`, spaces outside quotes are ignored.
 * Returns undefined for a syntax error (unterminated string, stray character).
 */
export function parseCommandLine(body: string): AtCommand[] | undefined {
  const out: AtCommand[] = []
  let i = 0
  while (i < body.length) {
    const c = body[i]!
    if (c === ';' || c === ' ') {
      i++
      continue
    }
    if (EXTENDED.has(c)) {
      const end = findUnquoted(body, i, ';')
      if (end < 0) return undefined
      const cmd = parseExtended(body.slice(i, end))
      if (!cmd) return undefined
      out.push(cmd)
      i = end
      continue
    }
    const basic = parseBasic(body, i)
    if (!basic) return undefined
    out.push(basic.cmd)
    i = basic.next
  }
  return out
}

/** Index of the first unquoted `ch` at or after `from`, body.length if none, -1 on an open quote. */
function findUnquoted(s: string, from: number, ch: string): number {
  let quoted = false
  for (let i = from; i < s.length; i++) {
    if (s[i] === '"') quoted = !quoted
    else if (!quoted && s[i] === ch) return i
  }
  return quoted ? -1 : s.length
}

function parseExtended(text: string): AtCommand | undefined {
  const m = /^([+*^$#%][A-Za-z0-9_.!%&-]+)\s*(=\s*\?|\?|=)?(.*)$/s.exec(text)
  if (!m) return undefined
  const name = m[1]!.toUpperCase()
  const op = m[2]?.replace(/\s/g, '')
  const rest = m[3]!
  let kind: CommandKind
  if (op === '=?') kind = 'test'
  else if (op === '?') kind = 'read'
  else if (op === '=') kind = 'set'
  else kind = 'exec'
  if (kind !== 'set' && rest.trim() !== '') return undefined
  const args = kind === 'set' ? splitArgs(rest) : []
  if (!args) return undefined
  return { name, kind, args: new Args(args), text }
}

/** Splits parameters on commas outside quotes and drops spaces outside quotes. */
export function splitArgs(s: string): string[] | undefined {
  const out: string[] = []
  let cur = ''
  let quoted = false
  for (const ch of s) {
    if (ch === '"') {
      quoted = !quoted
      cur += ch
    } else if (!quoted && ch === ',') {
      out.push(cur)
      cur = ''
    } else if (quoted || ch !== ' ') cur += ch
  }
  if (quoted) return undefined
  out.push(cur)
  return out
}

function parseBasic(body: string, start: number): { cmd: AtCommand; next: number } | undefined {
  let i = start
  let name = ''
  if (body[i] === '&') name = body[i++]!
  const letter = body[i]
  if (!letter || !/[A-Za-z]/.test(letter)) return undefined
  name += letter.toUpperCase()
  i++
  if (name === 'D') {
    // Dial: the rest of the command up to and including ';' is the dial string.
    const end = body.indexOf(';', i)
    const stop = end < 0 ? body.length : end + 1
    const dial = body.slice(i, stop)
    return { cmd: { name, kind: 'exec', args: new Args([dial]), text: body.slice(start, stop) }, next: stop }
  }
  if (name === 'S') {
    const m = /^(\d+)(=\d*|\?)?/.exec(body.slice(i))
    if (!m) return undefined
    const reg = `S${Number(m[1])}`
    const op = m[2]
    const kind: CommandKind = op === '?' ? 'read' : op ? 'set' : 'exec'
    const args = op && op !== '?' ? [op.slice(1)] : []
    const next = i + m[0].length
    return { cmd: { name: reg, kind, args: new Args(args), text: body.slice(start, next) }, next }
  }
  const m = /^(\d*)(\?)?/.exec(body.slice(i))!
  const next = i + m[0].length
  const kind: CommandKind = m[2] ? 'read' : 'exec'
  return { cmd: { name, kind, args: new Args(m[1] ? [m[1]] : []), text: body.slice(start, next) }, next }
}
