/**
 * Independent decoders for printed symbols: ZXing-C++ (zxing-wasm, in process; reads 1D codes,
 * QR and Micro QR) and zbarimg (the command-line ZBar, when installed; no Micro QR).
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { prepareZXingModule, readBarcodes, type ReadInputBarcodeFormat } from 'zxing-wasm/reader'
import { rasterToPng } from '../../emulators/printer/png.js'
import type { Raster } from '../../emulators/printer/index.js'

let ready: Promise<unknown> | undefined

/** Loads the ZXing module from the package's own .wasm file (no network). */
function prepare(): Promise<unknown> {
  if (!ready) {
    const wasm = readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'))
    ready = prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer }, fireImmediately: true })
  }
  return ready
}

/** A raster with `pad` white dots around it, `scale` pixels per dot, as RGBA image data. */
function imageData(r: Raster, pad: number, scale: number): ImageData {
  const W = (r.width + 2 * pad) * scale
  const H = (r.height + 2 * pad) * scale
  const data = new Uint8ClampedArray(new ArrayBuffer(W * H * 4)).fill(255)
  for (let y = 0; y < r.height; y++) {
    for (let x = 0; x < r.width; x++) {
      if (!r.data[y * r.width + x]) continue
      for (let dy = 0; dy < scale; dy++) {
        for (let dx = 0; dx < scale; dx++) {
          const i = (((y + pad) * scale + dy) * W + (x + pad) * scale + dx) * 4
          data[i] = data[i + 1] = data[i + 2] = 0
        }
      }
    }
  }
  return { data, width: W, height: H, colorSpace: 'srgb' } as ImageData
}

export interface Decoded {
  format: string
  text: string
  bytes: number[]
}

/** Every symbol ZXing finds in a raster (formats: ZXing names, e.g. 'EAN13', 'MicroQRCode'). */
export async function zxingDecode(r: Raster, formats: ReadInputBarcodeFormat[] = [], scale = 1): Promise<Decoded[]> {
  await prepare()
  const found = await readBarcodes(imageData(r, 64, scale), { formats, tryHarder: true, maxNumberOfSymbols: 255 })
  return found.filter((f) => f.isValid).map((f) => ({ format: f.format, text: f.text, bytes: [...f.bytes] }))
}

export function haveZbar(): boolean {
  return spawnSync('zbarimg', ['--version'], { encoding: 'utf8' }).status === 0
}

/** zbarimg --raw on a PNG of the raster: one decoded payload per symbol (with its type prefix unless raw). */
export async function zbarDecode(r: Raster, opts: { raw?: boolean; extra?: string[] } = {}): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'zbar-'))
  try {
    const file = join(dir, 'r.png')
    writeFileSync(file, await rasterToPng(r))
    return zbarFile(file, opts)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

export function zbarFile(file: string, opts: { raw?: boolean; extra?: string[] } = {}): string[] {
  const args = [...(opts.raw === false ? [] : ['--raw']), '-q', ...(opts.extra ?? []), file]
  const out = spawnSync('zbarimg', args, { encoding: 'utf8', timeout: 30_000 })
  return out.stdout.split('\n').filter((l) => l !== '')
}
