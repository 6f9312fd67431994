import { Jimp, PNGColorType } from 'jimp'
import type { Raster } from './types.js'

/**
 * Encodes a raster as a grayscale PNG, black dots on white (via jimp; its PNG encoder writes
 * 8-bit samples, so the image is 1-bit in content, 8-bit grayscale in format).
 */
export async function rasterToPng(r: Raster): Promise<Buffer> {
  const width = Math.max(1, r.width)
  const height = Math.max(1, r.height)
  const rgba = Buffer.alloc(width * height * 4, 0xff)
  const n = Math.min(r.data.length, r.width * r.height)
  for (let i = 0; i < n; i++) {
    if (r.data[i]) {
      const o = i * 4
      rgba[o] = rgba[o + 1] = rgba[o + 2] = 0
    }
  }
  const image = new Jimp({ width, height, data: rgba })
  return image.getBuffer('image/png', { colorType: PNGColorType.GRAYSCALE })
}
