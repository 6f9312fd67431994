import { Duplex } from 'node:stream'

/** A scripted modem for AT-client tests: `script` sees each CR-terminated command line and pushes reply chunks. */
export function scriptedModem(script: (cmd: string, reply: (s: string | Buffer) => void) => void): Duplex {
  let buf = ''
  const d: Duplex = new Duplex({
    read() {},
    write(chunk: Buffer, _enc, cb) {
      buf += chunk.toString('latin1')
      let i: number
      while ((i = buf.indexOf('\r')) >= 0) {
        const cmd = buf.slice(0, i)
        buf = buf.slice(i + 1)
        script(cmd, (s) => d.push(typeof s === 'string' ? Buffer.from(s, 'latin1') : s))
      }
      cb()
    },
  })
  return d
}
