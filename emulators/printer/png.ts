import { Jimp, PNGColorType } from 'jimp'
import type { Raster } from './types.js'

/** Ink of colour 2 (red on two-colour thermal paper) in the PNG. */
const RED = [0xd0, 0x10, 0x10] as const

/**
 * Encodes a raster as a PNG on white (via jimp; its PNG encoder writes 8-bit samples). Colour 1
 * is black; colour 2 (raster bit 1) is red; a dot with both is black, as two-colour paper shows
 * the high-energy colour where both are printed. A raster without colour 2 is written as
 * grayscale, so monochrome receipts keep the bytes they always had.
 */
export async function rasterToPng(r: Raster): Promise<Buffer> {
  const width = Math.max(1, r.width)
  const height = Math.max(1, r.height)
  const rgba = Buffer.alloc(width * height * 4, 0xff)
  const n = Math.min(r.data.length, r.width * r.height)
  let red = false
  for (let i = 0; i < n; i++) {
    const v = r.data[i]!
    if (!v) continue
    const o = i * 4
    if (v & 1) rgba[o] = rgba[o + 1] = rgba[o + 2] = 0
    else {
      rgba[o] = RED[0]
      rgba[o + 1] = RED[1]
      rgba[o + 2] = RED[2]
      red = true
    }
  }
  const image = new Jimp({ width, height, data: rgba })
  return image.getBuffer('image/png', { colorType: red ? PNGColorType.COLOR : PNGColorType.GRAYSCALE })
}
