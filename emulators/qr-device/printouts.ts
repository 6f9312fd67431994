import { EscPosBuilder } from '../../protocols/escpos/builder.js'
import type { DeviceConfig } from './config.js'
import type { DeviceTransaction } from './transaction.js'

/** Printed before the register's cut: the payment QR, centred, with white space around it for scanners. */
export function qrBlock(config: DeviceConfig, txn: DeviceTransaction): Buffer {
  return new EscPosBuilder()
    .align('center')
    .feed(1)
    .line('SCAN TO PAY')
    .feed(1)
    .qr(txn.payload, { size: config.qr.moduleSize, errorLevel: config.qr.errorLevel })
    .feed(1)
    .line(`REF ${txn.reference}`)
    .feed(2)
    .align('left')
    .build()
}

/** The separate slip printed when the server reports the payment. */
export function successSlip(config: DeviceConfig, txn: DeviceTransaction, paidAt: string): Buffer {
  return new EscPosBuilder()
    .init()
    .align('center')
    .bold(true)
    .size(2, 2)
    .line('PAYMENT')
    .line('SUCCESSFUL')
    .size(1, 1)
    .bold(false)
    .feed(1)
    .align('left')
    .line(`AMOUNT    ${txn.request.amount}`)
    .line(`CURRENCY  ${txn.request.currency}`)
    .line(`REF       ${txn.reference}`)
    .line(`TERMINAL  ${config.terminalId}`)
    .line(`PAID AT   ${slipTime(paidAt)}`)
    .feed(3)
    .cut('partial')
    .build()
}

/** "2026-03-01T10:00:01.500Z" → "2026-03-01 10:00:01 UTC": whole seconds, whatever the link carried. */
export function slipTime(iso: string): string {
  const t = Date.parse(iso)
  if (Number.isNaN(t)) return iso
  return new Date(t).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC')
}
