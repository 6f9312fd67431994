/**
 * Symbology tables written out for the tests, independently of the emulator: EAN/UPC number
 * sets (GS1 General Specifications §5.2) and the CODE128 symbol character patterns (ISO/IEC
 * 15417, Table 1: bar/space widths in modules, bar first).
 */
import type { PrintedBarcode, Raster } from '../../emulators/printer/index.js'

export const EAN_L = ['0001101', '0011001', '0010011', '0111101', '0100011', '0110001', '0101111', '0111011', '0110111', '0001011']
export const EAN_R = EAN_L.map((c) => [...c].map((b) => (b === '1' ? '0' : '1')).join(''))
export const EAN_G = EAN_R.map((c) => [...c].reverse().join(''))
const PARITY = ['LLLLLL', 'LLGLGG', 'LLGGLG', 'LLGGGL', 'LGLLGG', 'LGGLLG', 'LGGGLL', 'LGLGLG', 'LGLGGL', 'LGGLGL']

export function ean13(digits: string): string {
  const d = [...digits].map(Number)
  let s = '101'
  for (let i = 1; i <= 6; i++) s += (PARITY[d[0]!]![i - 1] === 'L' ? EAN_L : EAN_G)[d[i]!]
  s += '01010'
  for (let i = 7; i <= 12; i++) s += EAN_R[d[i]!]
  return s + '101'
}

export function ean8(digits: string): string {
  const d = [...digits].map(Number)
  return '101' + d.slice(0, 4).map((x) => EAN_L[x]).join('') + '01010' + d.slice(4).map((x) => EAN_R[x]).join('') + '101'
}

export const CODE128 = [
  '212222', '222122', '222221', '121223', '121322', '131222', '122213', '122312', '132212', '221213',
  '221312', '231212', '112232', '122132', '122231', '113222', '123122', '123221', '223211', '221132',
  '221231', '213212', '223112', '312131', '311222', '321122', '321221', '312212', '322112', '322211',
  '212123', '212321', '232121', '111323', '131123', '131321', '112313', '132113', '132311', '211313',
  '231113', '231311', '112133', '112331', '132131', '113123', '113321', '133121', '313121', '211331',
  '231131', '213113', '213311', '213131', '311123', '311321', '331121', '312113', '312311', '332111',
  '314111', '221411', '431111', '111224', '111422', '121124', '121421', '141122', '141221', '112214',
  '112412', '122114', '122411', '142112', '142211', '241211', '221114', '413111', '241112', '134111',
  '111242', '121142', '121241', '114212', '124112', '124211', '411212', '421112', '421211', '212141',
  '214121', '412121', '111143', '111341', '131141', '114113', '114311', '411113', '411311', '113141',
  '114131', '311141', '411131', '211412', '211214', '211232',
]
export const CODE128_STOP = '2331112'

/** Run lengths along the middle row of a printed barcode, starting with a bar. */
export function runs(r: Raster, b: PrintedBarcode): number[] {
  const y = b.y + Math.floor(b.height / 2)
  const out: number[] = []
  let x = b.x
  while (x < b.x + b.width) {
    const ink = r.data[y * r.width + x]
    let n = 0
    while (x < b.x + b.width && r.data[y * r.width + x] === ink) {
      x++
      n++
    }
    out.push(n)
  }
  return out
}

/** The middle row of a barcode sampled once per module: '1' bar, '0' space. */
export function modules(r: Raster, b: PrintedBarcode): string {
  const y = b.y + Math.floor(b.height / 2)
  let s = ''
  for (let m = 0; m < b.width / b.moduleWidth; m++) s += r.data[y * r.width + b.x + m * b.moduleWidth + Math.floor(b.moduleWidth / 2)] ? '1' : '0'
  return s
}

/** CODE128 symbol characters read from the bars: values (start … check), or an error for an unknown pattern. */
export function code128Values(r: Raster, b: PrintedBarcode): number[] {
  const widths = runs(r, b).map((w) => w / b.moduleWidth)
  const values: number[] = []
  for (let i = 0; i + 6 <= widths.length; i += 6) {
    const p = widths.slice(i, i + 6).join('')
    if (i + 7 === widths.length && widths.slice(i).join('') === CODE128_STOP) break
    const v = CODE128.indexOf(p)
    if (v < 0) throw new Error(`unknown CODE128 pattern ${p} at element ${i}`)
    values.push(v)
  }
  return values
}

/** CODE128 check character: (start + Σ position × value) mod 103. */
export function code128Check(values: number[]): number {
  return values.reduce((sum, v, i) => sum + (i === 0 ? v : i * v), 0) % 103
}
