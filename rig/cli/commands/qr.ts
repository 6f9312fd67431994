import { parseArgs } from 'node:util'
import { Jimp } from 'jimp'
import { UsageError, type Command } from '../command.js'
import { decodeQrFromBitmap } from '../../capture/decode-qr.js'
import { checkPayload, type PayloadCheck } from '../../../protocols/emv/check-payload.js'
import { mpmFieldName } from '../../../protocols/emv/field-names.js'
import { fieldSpec } from '../../../protocols/iso8583/fields.js'
import { maskPan } from '../../../protocols/checks/luhn.js'

const usage = `Usage: rig qr check PAYLOAD [options]
       rig qr check --png FILE [options]

Validates a payment QR payload: EMVCo merchant-presented mode (TLV structure, lengths,
mandatory fields, formats, templates, CRC, Luhn on the PAN) or the iso8583-fields profile;
URL payloads (Alipay https://qr.alipay.com/…, WeChat Pay weixin://wxpay/…) are recognised
and reported as invalid. With --png, every QR symbol in the picture is decoded (jsQR, each
symbol on its own, as scenario verdicts read receipts; two symbols with the same payload are
two symbols) and checked. Prints the parsed fields and the verdict; PANs are masked.

Options:
  --png FILE    decode the QR symbols of a PNG/JPEG/BMP picture instead of PAYLOAD
  --strict      treat EMVCo's mandatory 52, 58, 59, 60 as errors (default: warnings)
  --json        print one JSON object per payload instead of text

Exit status: 0 every payload valid, 1 a payload is invalid or no QR was found, 2 bad usage.`

/**
 * Decodes every QR symbol in a picture the way the scenario verdict path reads a receipt
 * (rig/capture/decode-qr.ts): each symbol found by its finder patterns and decoded alone, so
 * duplicates count and a symbol next to a barcode or a logo is found. Dark = r + g + b < 384.
 */
export async function decodePicture(file: string): Promise<string[]> {
  const img = await Jimp.read(file)
  const { width, height, data } = img.bitmap
  const dots = new Uint8Array(width * height)
  for (let i = 0; i < dots.length; i++) if (data[i * 4]! + data[i * 4 + 1]! + data[i * 4 + 2]! < 384 && data[i * 4 + 3]! >= 128) dots[i] = 1
  return decodeQrFromBitmap({ width, height, data: dots }).map((d) => d.text)
}

function shown(key: string, value: string): string {
  return key === '26.01' || key === 'DE2' || (/^\d{12,19}$/.test(value) && /^(0[2-5]|1[56])$/.test(key)) ? maskPan(value) : value
}

function nameOf(check: PayloadCheck, key: string): string {
  if (check.kind === 'iso8583-fields') return key.startsWith('DE') ? (fieldSpec(Number(key.slice(2)))?.name ?? '') : 'message type indicator'
  return mpmFieldName(key)
}

/** Replaces every occurrence of the payload's PAN by its masked form. */
function maskAll(text: string, check: PayloadCheck): string {
  const pan = check.request.pan
  return pan && pan.length >= 12 ? text.split(pan).join(maskPan(pan)) : text
}

export function report(payload: string, check: PayloadCheck): string {
  payload = maskAll(payload, check)
  const lines = [`payload: ${check.kind === 'url' ? payload : payload.length > 120 ? `${payload.slice(0, 117)}...` : payload}`, `kind: ${check.kind}${check.wallet ? ` (${check.wallet})` : ''}`]
  const keys = Object.keys(check.values).sort()
  if (check.kind !== 'url' && keys.length > 0) {
    lines.push('fields:')
    for (const key of keys) lines.push(`  ${key.padEnd(6)} ${nameOf(check, key).padEnd(40)} ${JSON.stringify(maskAll(shown(key, check.values[key]!), check))}`)
  }
  lines.push(`verdict: ${check.valid ? 'VALID' : 'INVALID'}${check.warnings.length ? ` (${check.warnings.length} warning${check.warnings.length > 1 ? 's' : ''})` : ''}`)
  for (const e of check.errors) lines.push(`  error${e.field ? ` [${e.field}]` : ''}: ${e.message}`)
  for (const w of check.warnings) lines.push(`  warning${w.field ? ` [${w.field}]` : ''}: ${w.message}`)
  return lines.join('\n')
}

const command: Command = {
  summary: 'validate a payment QR payload (EMVCo MPM or iso8583-fields), or the QR symbols of a picture',
  usage,
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { png: { type: 'string' }, strict: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
    })
    const [sub, ...rest] = positionals
    if (sub !== 'check') throw new UsageError(`unknown sub-command ${JSON.stringify(sub ?? '')}; use "rig qr check"`)
    if (values.png && rest.length > 0) throw new UsageError('give either PAYLOAD or --png FILE, not both')
    if (!values.png && rest.length !== 1) throw new UsageError('PAYLOAD (one argument; quote it) or --png FILE is required')
    let payloads: string[]
    if (values.png) {
      try {
        payloads = await decodePicture(values.png)
      } catch (err) {
        console.error(`rig qr: cannot read ${values.png}: ${(err as Error).message}`)
        return 1
      }
      if (payloads.length === 0) {
        console.log(values.json ? JSON.stringify({ file: values.png, symbols: 0, valid: false }) : `${values.png}: no QR code found\nverdict: INVALID`)
        return 1
      }
      if (!values.json) console.log(`${values.png}: ${payloads.length} QR symbol${payloads.length > 1 ? 's' : ''}`)
    } else payloads = [rest[0]!]
    let ok = true
    payloads.forEach((payload, i) => {
      const check = checkPayload(payload, { strict: values.strict })
      ok &&= check.valid
      if (values.json) {
        const masked = Object.fromEntries(Object.entries(check.values).map(([k, v]) => [k, maskAll(shown(k, v), check)]))
        const request = check.request.pan ? { ...check.request, pan: maskPan(check.request.pan) } : check.request
        console.log(JSON.stringify({ payload: maskAll(payload, check), kind: check.kind, valid: check.valid, errors: check.errors, warnings: check.warnings, values: masked, request }))
      } else console.log(`${i > 0 ? '\n' : ''}${report(payload, check)}`)
    })
    return ok ? 0 : 1
  },
}

export default command
