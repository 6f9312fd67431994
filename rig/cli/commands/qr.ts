import { parseArgs } from 'node:util'
import { Jimp } from 'jimp'
import { UsageError, type Command } from '../command.js'
import { jsQR } from '../../capture/decode-qr.js'
import { checkPayload, type PayloadCheck } from '../../../protocols/emv/check-payload.js'
import { mpmFieldName } from '../../../protocols/emv/field-names.js'
import { fieldSpec } from '../../../protocols/iso8583/fields.js'
import { maskPan } from '../../../protocols/checks/luhn.js'

const usage = `Usage: rig qr check PAYLOAD [options]
       rig qr check --png FILE [options]

Validates a payment QR payload: EMVCo merchant-presented mode (TLV structure, lengths,
mandatory fields, formats, templates, CRC, Luhn on the PAN) or the iso8583-fields profile;
URL payloads (Alipay https://qr.alipay.com/…, WeChat Pay weixin://wxpay/…) are recognised
and reported as invalid. With --png, every QR symbol in the picture is decoded (jsQR) and
checked. Prints the parsed fields and the verdict; PANs are masked.

Options:
  --png FILE    decode the QR symbols of a PNG/JPEG/BMP picture instead of PAYLOAD
  --strict      treat EMVCo's mandatory 52, 58, 59, 60 as errors (default: warnings)
  --json        print one JSON object per payload instead of text

Exit status: 0 every payload valid, 1 a payload is invalid or no QR was found, 2 bad usage.`

/** Most symbols one picture is searched for (a receipt has one or two). */
const MAX_SYMBOLS = 16
/** Side of the blocks the picture is coarsened to when looking for separate symbols, pixels. */
const BLOCK = 4

type Box = { x0: number; y0: number; x1: number; y1: number }

/**
 * Decodes every QR symbol in a picture. jsQR finds one symbol per call and can be confused
 * by several, so: decode the whole picture (painting each found symbol white and trying
 * again), then decode each separate cluster of ink on its own.
 */
export async function decodePicture(file: string): Promise<string[]> {
  const img = await Jimp.read(file)
  const { width, height } = img.bitmap
  const rgba = new Uint8ClampedArray(img.bitmap.data)
  const found: string[] = []
  const take = (data: Uint8ClampedArray, w: number, h: number): Box | undefined => {
    const code = jsQR(data, w, h)
    if (!code) return undefined
    const bytes = Buffer.from(code.binaryData)
    const utf8 = bytes.toString('utf8')
    const text = Buffer.from(utf8, 'utf8').equals(bytes) ? utf8 : code.data
    if (!found.includes(text)) found.push(text)
    const l = code.location
    const xs = [l.topLeftCorner.x, l.topRightCorner.x, l.bottomLeftCorner.x, l.bottomRightCorner.x]
    const ys = [l.topLeftCorner.y, l.topRightCorner.y, l.bottomLeftCorner.y, l.bottomRightCorner.y]
    return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) }
  }
  for (let i = 0; i < MAX_SYMBOLS; i++) {
    const box = take(rgba, width, height)
    if (!box) break
    const pad = Math.ceil((box.x1 - box.x0) / 10)
    const x0 = Math.max(0, Math.floor(box.x0) - pad)
    const x1 = Math.min(width, Math.ceil(box.x1) + pad)
    for (let y = Math.max(0, Math.floor(box.y0) - pad); y < Math.min(height, Math.ceil(box.y1) + pad); y++) rgba.fill(255, (y * width + x0) * 4, (y * width + x1) * 4)
  }
  for (const c of inkClusters(rgba, width, height).slice(0, 64)) {
    if (found.length >= MAX_SYMBOLS) break
    const m = 16
    const w = c.x1 - c.x0 + 2 * m
    const h = c.y1 - c.y0 + 2 * m
    const crop = new Uint8ClampedArray(w * h * 4).fill(255)
    for (let y = c.y0; y < c.y1; y++) crop.set(rgba.subarray((y * width + c.x0) * 4, (y * width + c.x1) * 4), ((y - c.y0 + m) * w + m) * 4)
    take(crop, w, h)
  }
  return found
}

/** Bounding boxes of ink clusters big and square enough to be a symbol (coarse blocks, 8-connected, gaps of one block bridged). */
function inkClusters(rgba: Uint8ClampedArray, width: number, height: number): Box[] {
  const bw = Math.ceil(width / BLOCK)
  const bh = Math.ceil(height / BLOCK)
  const ink = new Uint8Array(bw * bh)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4
      if (rgba[i]! + rgba[i + 1]! + rgba[i + 2]! < 384) ink[((y / BLOCK) | 0) * bw + ((x / BLOCK) | 0)] = 1
    }
  }
  const seen = new Uint8Array(bw * bh)
  const boxes: Box[] = []
  for (let start = 0; start < ink.length; start++) {
    if (!ink[start] || seen[start]) continue
    const box = { x0: bw, y0: bh, x1: 0, y1: 0 }
    const stack = [start]
    seen[start] = 1
    while (stack.length) {
      const p = stack.pop()!
      const px = p % bw
      const py = (p / bw) | 0
      box.x0 = Math.min(box.x0, px)
      box.y0 = Math.min(box.y0, py)
      box.x1 = Math.max(box.x1, px + 1)
      box.y1 = Math.max(box.y1, py + 1)
      for (let dy = -2; dy <= 2; dy++) {
        for (let dx = -2; dx <= 2; dx++) {
          const nx = px + dx
          const ny = py + dy
          const q = ny * bw + nx
          if (nx >= 0 && ny >= 0 && nx < bw && ny < bh && ink[q] && !seen[q]) {
            seen[q] = 1
            stack.push(q)
          }
        }
      }
    }
    const w = box.x1 - box.x0
    const h = box.y1 - box.y0
    if (w * BLOCK >= 21 && h * BLOCK >= 21 && w <= 2 * h && h <= 2 * w) {
      boxes.push({ x0: box.x0 * BLOCK, y0: box.y0 * BLOCK, x1: Math.min(width, box.x1 * BLOCK), y1: Math.min(height, box.y1 * BLOCK) })
    }
  }
  return boxes
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
