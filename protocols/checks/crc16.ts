/**
 * CRC-16/CCITT-FALSE: poly 0x1021, init 0xFFFF, no reflection, no final XOR.
 * The EMVCo QR checksum (tag 63). Check value: crc16("123456789") = 0x29B1.
 */
const TABLE = (() => {
  const table = new Uint16Array(256)
  for (let i = 0; i < 256; i++) {
    let c = i << 8
    for (let k = 0; k < 8; k++) c = c & 0x8000 ? ((c << 1) ^ 0x1021) & 0xffff : (c << 1) & 0xffff
    table[i] = c
  }
  return table
})()

export function crc16CcittFalse(data: Uint8Array | string): number {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data
  let crc = 0xffff
  for (const b of bytes) crc = ((crc << 8) & 0xffff) ^ TABLE[((crc >> 8) ^ b) & 0xff]!
  return crc
}

/** The CRC as EMVCo writes it: four uppercase hex digits. */
export function crc16Hex(data: Uint8Array | string): string {
  return crc16CcittFalse(data).toString(16).toUpperCase().padStart(4, '0')
}
