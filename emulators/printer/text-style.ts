/**
 * Glyph lookup for text runs: the byte → code point table of the current ESC t / ESC R
 * selection, and per style a table of the glyphs of single-byte characters, both cached (the
 * text path is the hot path: a run looks each up once).
 */
import { glyphFor, styleCode, type Glyph, type GlyphStyle } from './glyphs.js'
import { byteTable } from './text-codec.js'
import type { ModeState } from './state.js'

export class GlyphTables {
  private tableKey = -1
  private tableCache: Uint16Array | undefined
  private readonly byStyle = new Map<number, Array<Glyph | undefined>>()
  private style: GlyphStyle | undefined
  private code = 0

  /** The byte → code point table of the current ESC t / ESC R selection. */
  table(st: ModeState): Uint16Array {
    const key = st.codePage * 256 + st.intlSet
    if (key !== this.tableKey || !this.tableCache) {
      this.tableCache = byteTable(st.codePage, st.intlSet)
      this.tableKey = key
    }
    return this.tableCache
  }

  /** Glyphs of single-byte characters by byte for a style and the current table (filled on first use). */
  glyphs(style: GlyphStyle): Array<Glyph | undefined> {
    this.style = style
    this.code = styleCode(style)
    const key = this.code * 65536 + this.tableKey
    let glyphs = this.byStyle.get(key)
    if (!glyphs) {
      if (this.byStyle.size >= 64) this.byStyle.clear()
      this.byStyle.set(key, (glyphs = new Array<Glyph | undefined>(256).fill(undefined)))
    }
    return glyphs
  }

  /** The glyph of byte b in the style of the last glyphs() call, built and remembered. */
  glyph(glyphs: Array<Glyph | undefined>, table: Uint16Array, b: number): Glyph {
    return (glyphs[b] = glyphFor(table[b]!, this.style!, this.code))
  }
}
