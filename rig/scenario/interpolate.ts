/**
 * `${name.path}` references to values saved by earlier steps (`as: name`) and to the
 * scenario's parameters. A string that is exactly one reference keeps the value's type.
 */
export class InterpolationError extends Error {
  override name = 'InterpolationError'
}

const REF = /\$\{\s*([A-Za-z_][\w-]*(?:\.[\w-]+)*)\s*\}/g

export function interpolate(value: unknown, vars: Record<string, unknown>): unknown {
  if (typeof value === 'string') return interpolateString(value, vars)
  if (Array.isArray(value)) return value.map((v) => interpolate(v, vars))
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, vars)]))
  }
  return value
}

function interpolateString(s: string, vars: Record<string, unknown>): unknown {
  const whole = /^\$\{\s*([A-Za-z_][\w-]*(?:\.[\w-]+)*)\s*\}$/.exec(s)
  if (whole) return lookup(whole[1]!, vars)
  return s.replace(REF, (_, path: string) => {
    const v = lookup(path, vars)
    return typeof v === 'string' ? v : JSON.stringify(v)
  })
}

function lookup(path: string, vars: Record<string, unknown>): unknown {
  let cur: unknown = vars
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || !(key in (cur as object))) {
      const known = Object.keys(vars).join(', ') || 'none'
      throw new InterpolationError(`\${${path}} is not defined (saved values: ${known})`)
    }
    cur = (cur as Record<string, unknown>)[key]
  }
  return cur
}
