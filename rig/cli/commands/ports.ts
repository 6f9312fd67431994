import { readdirSync } from 'node:fs'
import { SerialPort } from 'serialport'
import type { Command } from '../command.js'

/** Serial devices the OS shows under /dev, for when enumeration through udev is unavailable (containers). */
function devNodes(): string[] {
  try {
    return readdirSync('/dev')
      .filter((n) => /^tty(USB|ACM|S|AMA)\d+$/.test(n))
      .map((n) => `/dev/${n}`)
  } catch {
    return []
  }
}

const command: Command = {
  summary: 'list the serial ports of this machine',
  usage: 'Usage: rig ports\n\nLists serial ports (path, manufacturer, serial number, USB ids) to map in a serial bench file.',
  async run() {
    try {
      const ports = await SerialPort.list()
      for (const p of ports) {
        const ids = p.vendorId ? ` usb ${p.vendorId}:${p.productId}` : ''
        console.log(`${p.path}${p.manufacturer ? `  ${p.manufacturer}` : ''}${p.serialNumber ? `  s/n ${p.serialNumber}` : ''}${ids}`)
      }
      if (ports.length === 0) console.log('no serial ports found')
    } catch (err) {
      // serialport enumerates through udevadm on Linux; without it, fall back to /dev.
      const nodes = devNodes()
      console.log(`(port details unavailable: ${(err as Error).message})`)
      for (const n of nodes) console.log(n)
      if (nodes.length === 0) console.log('no serial ports found')
    }
    return 0
  },
}

export default command
