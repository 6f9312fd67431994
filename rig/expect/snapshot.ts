import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { Jimp } from 'jimp'
import { rasterToPng, type Raster } from '../../emulators/printer/index.js'

/** Where a scenario's receipt snapshots live: next to it, in __snapshots__/<scenario file>/. */
export function snapshotPath(scenarioFile: string, name: string): string {
  return join(dirname(scenarioFile), '__snapshots__', basename(scenarioFile).replace(/\.ya?ml$/, ''), `${name}.png`)
}

export interface SnapshotOutcome {
  status: 'match' | 'written' | 'missing' | 'differs'
  /** Dots that differ (differs), and the size of each picture. */
  differentDots?: number
  expected?: { width: number; height: number }
  actual: { width: number; height: number }
  /** A picture of the difference: red where the receipt gained ink, blue where it lost ink. */
  diffPng?: Buffer
}

/** Reads a snapshot PNG back into dots (dark = ink). */
async function readDots(path: string): Promise<Raster | undefined> {
  const bytes = await readFile(path).catch(() => undefined)
  if (!bytes) return undefined
  const img = await Jimp.read(bytes)
  const { width, height, data } = img.bitmap
  const dots = new Uint8Array(width * height)
  for (let i = 0; i < dots.length; i++) dots[i] = data[i * 4]! < 128 ? 1 : 0
  return { width, height, data: dots }
}

/**
 * Compares a printed raster with its stored snapshot, dot for dot. With `update`, writes the
 * snapshot instead (a reviewed picture becomes the reference for later runs).
 */
export async function compareSnapshot(raster: Raster, path: string, update: boolean): Promise<SnapshotOutcome> {
  const actual = { width: raster.width, height: raster.height }
  if (update) {
    await mkdir(dirname(path), { recursive: true })
    await writeFile(path, await rasterToPng(raster))
    return { status: 'written', actual }
  }
  const expected = await readDots(path)
  if (!expected) return { status: 'missing', actual }
  const width = Math.max(expected.width, raster.width)
  const height = Math.max(expected.height, raster.height)
  const at = (r: Raster, x: number, y: number): number => (x < r.width && y < r.height ? r.data[y * r.width + x]! : 0)
  let differentDots = 0
  const rgba = Buffer.alloc(width * height * 4, 0xff)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const e = at(expected, x, y)
      const a = at(raster, x, y)
      const o = (y * width + x) * 4
      if (e !== a) {
        differentDots++
        rgba[o] = a ? 0xff : 0
        rgba[o + 1] = 0
        rgba[o + 2] = a ? 0 : 0xff
      } else if (a) rgba[o] = rgba[o + 1] = rgba[o + 2] = 0xc0
    }
  }
  const sizes = { expected: { width: expected.width, height: expected.height }, actual }
  if (differentDots === 0 && expected.width === raster.width && expected.height === raster.height) return { status: 'match', ...sizes }
  const diffPng = await new Jimp({ width, height, data: rgba }).getBuffer('image/png')
  return { status: 'differs', differentDots, diffPng, ...sizes }
}
