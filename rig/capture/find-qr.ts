/**
 * Where QR symbols are in a 1-bit picture, from the pixels alone: finder patterns (dark-light-
 * dark-light-dark runs in the ratio 1:1:3:1:1 across and down, ISO/IEC 18004 §6.3.3) grouped in
 * threes at the corners of a square. Each symbol then gets its own box, so a symbol printed
 * right against a barcode, a logo or another symbol is decoded alone, and two symbols with the
 * same payload are two symbols.
 */
import type { Bitmap } from './decode-qr.js'

export interface QrRegion {
  x: number
  y: number
  /** Width and height of the box, dots. */
  w: number
  h: number
  /** Module size estimate, dots. */
  module: number
}

interface Finder {
  x: number
  y: number
  module: number
  hits: number
}

/**
 * Module size when five runs match 1:1:3:1:1, else undefined. The module is measured on the three
 * inner runs; the two outer dark runs need only be at least a module long, since a barcode, a
 * logo or another symbol printed against the finder lengthens them.
 */
function isFinderRatio(r: number[], i: number): number | undefined {
  const m = (r[i + 1]! + r[i + 2]! + r[i + 3]!) / 5
  if (m < 1) return undefined
  const tol = m / 2 + 0.5
  if (Math.abs(r[i + 1]! - m) > tol || Math.abs(r[i + 2]! - 3 * m) > 3 * tol || Math.abs(r[i + 3]! - m) > tol) return undefined
  if (r[i]! < m - tol || r[i + 4]! < m - tol) return undefined
  return m
}

/** Vertical 1:1:3:1:1 check through (x, y); returns the centre row and module size, or undefined. */
function crossCheck(b: Bitmap, x: number, y: number, module: number): { y: number; module: number } | undefined {
  const dark = (yy: number): boolean => yy >= 0 && yy < b.height && b.data[yy * b.width + x] !== 0
  if (!dark(y)) return undefined
  const limit = Math.ceil(module * 5)
  let top = y
  while (top > 0 && dark(top - 1) && y - top < limit) top--
  let bottom = y
  while (bottom < b.height - 1 && dark(bottom + 1) && bottom - y < limit) bottom++
  const runs = [0, 0, bottom - top + 1, 0, 0]
  let p = top - 1
  for (const [k, want] of [[1, false], [0, true]] as const) {
    while (p >= 0 && dark(p) === want && runs[k]! < limit) {
      runs[k]!++
      p--
    }
  }
  p = bottom + 1
  for (const [k, want] of [[3, false], [4, true]] as const) {
    while (p < b.height && dark(p) === want && runs[k]! < limit) {
      runs[k]!++
      p++
    }
  }
  const m = isFinderRatio(runs, 0)
  if (m === undefined || m > module * 1.6 || m < module / 1.6) return undefined
  return { y: (top + bottom) / 2, module: m }
}

/** Finder pattern centres in a bitmap (1 byte per dot, non-zero = dark). */
export function findFinderPatterns(b: Bitmap): Finder[] {
  const finders: Finder[] = []
  const runs: number[] = []
  const starts: number[] = []
  for (let y = 0; y < b.height; y++) {
    runs.length = 0
    starts.length = 0
    const row = y * b.width
    let x = 0
    // Runs of the row, starting with a light run (possibly empty) so that odd indexes are dark.
    let cur = false
    let n = 0
    let start = 0
    for (; x < b.width; x++) {
      const d = b.data[row + x] !== 0
      if (d === cur) n++
      else {
        runs.push(n)
        starts.push(start)
        cur = d
        n = 1
        start = x
      }
    }
    runs.push(n)
    starts.push(start)
    for (let i = 1; i + 4 < runs.length; i += 2) {
      const m = isFinderRatio(runs, i)
      if (m === undefined) continue
      const cx = Math.floor(starts[i + 2]! + runs[i + 2]! / 2)
      const v = crossCheck(b, cx, y, m)
      if (!v) continue
      const module = (m + v.module) / 2
      const near = finders.find((f) => Math.abs(f.x - cx) < module * 3 && Math.abs(f.y - v.y) < module * 3)
      if (near) {
        near.x = (near.x * near.hits + cx) / (near.hits + 1)
        near.y = (near.y * near.hits + v.y) / (near.hits + 1)
        near.module = (near.module * near.hits + module) / (near.hits + 1)
        near.hits++
      } else finders.push({ x: cx, y: v.y, module, hits: 1 })
    }
  }
  // A real finder is crossed by about 3 modules' worth of rows.
  return finders.filter((f) => f.hits >= Math.max(2, Math.floor(f.module * 2)))
}

/**
 * True when both timing patterns (ISO/IEC 18004 §6.3.5: row and column 6, alternating dark and
 * light modules between the finders) are where three finders at c, p, q put them.
 */
function timingPatterns(b: Bitmap, c: Finder, p: Finder, q: Finder, module: number): boolean {
  const la = Math.hypot(p.x - c.x, p.y - c.y)
  const version = Math.round((la / module - 10) / 4)
  if (version < 1 || version > 40) return false
  const n = version * 4 + 17
  for (const [arm, other] of [[p, q], [q, p]] as const) {
    const len = Math.hypot(arm.x - c.x, arm.y - c.y)
    const m = len / (n - 7)
    const ux = (arm.x - c.x) / len
    const uy = (arm.y - c.y) / len
    const ol = Math.hypot(other.x - c.x, other.y - c.y)
    const vx = (other.x - c.x) / ol
    const vy = (other.y - c.y) / ol
    let good = 0
    let total = 0
    for (let k = 8; k <= n - 9; k++) {
      const x = Math.round(c.x + ux * (k - 3) * m + vx * 3 * m)
      const y = Math.round(c.y + uy * (k - 3) * m + vy * 3 * m)
      if (x < 0 || y < 0 || x >= b.width || y >= b.height) return false
      if ((b.data[y * b.width + x] !== 0) === (k % 2 === 0)) good++
      total++
    }
    if (good < total * 0.8) return false
  }
  return true
}

/**
 * Boxes of the QR symbols in a bitmap: finder patterns grouped three by three (a right angle,
 * equal arms, similar module sizes), best-fitting groups first, each finder used once.
 */
export function findQrRegions(b: Bitmap, maxFinders = 90): QrRegion[] {
  const finders = findFinderPatterns(b).slice(0, maxFinders)
  const groups: Array<{ err: number; corner: Finder; p: Finder; q: Finder }> = []
  for (let i = 0; i < finders.length; i++) {
    for (let j = 0; j < finders.length; j++) {
      for (let k = j + 1; k < finders.length; k++) {
        if (j === i || k === i) continue
        const c = finders[i]!
        const p = finders[j]!
        const q = finders[k]!
        const module = (c.module + p.module + q.module) / 3
        if (Math.max(c.module, p.module, q.module) > 1.5 * Math.min(c.module, p.module, q.module)) continue
        const ax = p.x - c.x
        const ay = p.y - c.y
        const bx = q.x - c.x
        const by = q.y - c.y
        const la = Math.hypot(ax, ay)
        const lb = Math.hypot(bx, by)
        // Finder centres are (version × 4 + 10) modules apart: 14 (version 1) … 170 (version 40).
        if (la < 13 * module || la > 172 * module) continue
        const lengthErr = Math.abs(la - lb) / Math.max(la, lb)
        const cos = Math.abs(ax * bx + ay * by) / (la * lb)
        if (lengthErr > 0.15 || cos > 0.15) continue
        if (!timingPatterns(b, c, p, q, module)) continue
        groups.push({ err: lengthErr + cos, corner: c, p, q })
      }
    }
  }
  groups.sort((a, b) => a.err - b.err)
  const used = new Set<Finder>()
  const regions: QrRegion[] = []
  for (const g of groups) {
    if (used.has(g.corner) || used.has(g.p) || used.has(g.q)) continue
    used.add(g.corner).add(g.p).add(g.q)
    const module = (g.corner.module + g.p.module + g.q.module) / 3
    const fourth = { x: g.p.x + g.q.x - g.corner.x, y: g.p.y + g.q.y - g.corner.y }
    const xs = [g.corner.x, g.p.x, g.q.x, fourth.x]
    const ys = [g.corner.y, g.p.y, g.q.y, fourth.y]
    // Finder centres are 3.5 modules in from the symbol's edge; half a module more for slack.
    const pad = 4 * module
    const x = Math.max(0, Math.floor(Math.min(...xs) - pad))
    const y = Math.max(0, Math.floor(Math.min(...ys) - pad))
    const x1 = Math.min(b.width, Math.ceil(Math.max(...xs) + pad))
    const y1 = Math.min(b.height, Math.ceil(Math.max(...ys) + pad))
    regions.push({ x, y, w: x1 - x, h: y1 - y, module })
  }
  return regions.sort((a, b) => a.y - b.y || a.x - b.x)
}
