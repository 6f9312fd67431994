/** An image held by the printer: 1 byte per dot of colour bits (1 black, 2 red, 3 both; 0 white). */
export interface StoredImage {
  w: number
  h: number
  px: Uint8Array
}

/** Dots the NV memory holds in all (real models: 256 KB–3 MB of flash). Bounds memory too. */
export const NV_CAPACITY_DOTS = 16 * 1024 * 1024

/**
 * Image memories of the printer. NV graphics (GS ( L fn 67, keyed by two key-code bytes) and
 * NV bit images (FS q, numbered from 1) survive ESC @ and cuts; scenarios can preload a logo
 * with the control API. Download graphics, the print-buffer graphic and the GS * image are RAM.
 */
export class NvStore {
  readonly graphics = new Map<string, StoredImage>()
  logos: StoredImage[] = []
  readonly download = new Map<string, StoredImage>()
  /**
   * The print-buffer graphic (GS ( L fn 112/113), its scale, and its size as declared (it may
   * be clipped); `planes` holds the colour bits stored so far (1 colour 1, 2 colour 2), each
   * once per print.
   */
  bufferImage: (StoredImage & { sx: number; sy: number; dw: number; dh: number; planes?: number }) | undefined
  bitImage: StoredImage | undefined

  usedDots(): number {
    let n = 0
    for (const g of this.graphics.values()) n += g.w * g.h
    for (const g of this.logos) n += g.w * g.h
    return n
  }

  /** Stores NV graphics; false when the NV memory is full. */
  define(key: string, image: StoredImage): boolean {
    const old = this.graphics.get(key)
    const used = this.usedDots() - (old ? old.w * old.h : 0)
    if (used + image.w * image.h > NV_CAPACITY_DOTS) return false
    this.graphics.set(key, image)
    return true
  }
}

/** Key of NV or download graphics from its two key-code bytes (32–126), e.g. "LG". */
export function keyName(kc1: number, kc2: number): string {
  return String.fromCharCode(kc1, kc2)
}
