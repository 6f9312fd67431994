/**
 * Commands whose only effect on a real TM printer is none on the paper. They are executed as
 * no-ops without a warning; each names the source that says so (the accounting of commands,
 * test/printer/accounting.property.test.ts, lets them pass; test/printer/no-effect.test.ts
 * checks that each leaves the dots and the print log unchanged).
 */

export interface NoEffect {
  /** The command as the Epson reference writes it. */
  name: string
  /** Why it changes nothing on the paper, and the source. */
  source: string
}

const ESC = 0x1b

/** The documented no-paper-effect command at buf[s], if it is one. */
export function noPaperEffect(buf: Uint8Array, s: number): NoEffect | undefined {
  const b0 = buf[s]
  const c = buf[s + 1]
  if (b0 === 0x0d) return NO_EFFECT.CR
  if (b0 !== ESC) return undefined
  if (c === 0x55) return NO_EFFECT['ESC U']
  if (c === 0x3c) return NO_EFFECT['ESC <']
  if (c === 0x63 && (buf[s + 2] === 0x33 || buf[s + 2] === 0x35)) return NO_EFFECT[buf[s + 2] === 0x33 ? 'ESC c 3' : 'ESC c 5']
  return undefined
}

export const NO_EFFECT: Record<'CR' | 'ESC U' | 'ESC <' | 'ESC c 3' | 'ESC c 5', NoEffect> = {
  CR: {
    name: 'CR',
    source:
      'Epson ESC/POS Command Reference, CR, Notes: ignored when automatic line feed is disabled, which is how a TM ships ' +
      '(TM-T88III Specification, DIP switch 1-1 "Auto line feed: always disabled" off by default)',
  },
  'ESC U': {
    name: 'ESC U',
    source:
      'Epson TM-U950 command description, ESC U: unidirectional printing makes a serial impact head print left to right ' +
      'only; a thermal line head prints each dot line at once, so the dots do not change',
  },
  'ESC <': {
    name: 'ESC <',
    source: 'Epson ESC/POS Command Reference, ESC <: moves a serial head to its home position; a thermal line head has none',
  },
  'ESC c 3': {
    name: 'ESC c 3',
    source:
      'Epson TM-T88III Specification, ESC c 3: selects the paper sensors whose paper-end signal goes to the parallel ' +
      'interface; nothing is printed and printing does not stop',
  },
  'ESC c 5': {
    name: 'ESC c 5',
    source: 'Epson TM-T88III Specification, ESC c 5: enables or disables the panel buttons; the emulated printer has no panel',
  },
}
