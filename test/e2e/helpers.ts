import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseScenario } from '../../rig/scenario/load.js'
import { runScenario } from '../../rig/runner/run-scenario.js'
import type { ScenarioResult } from '../../rig/runner/types.js'

export function tempDir(prefix = 'rig-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix))
}

/** Runs the first scenario of a YAML text on a sim bench. */
export async function runYaml(yaml: string, outDir = tempDir(), file = 'scenarios/test/inline.yaml'): Promise<ScenarioResult> {
  const [scenario] = parseScenario(yaml, file)
  return runScenario(scenario!, { outDir, seed: 1, realTimeoutMs: 60_000 })
}

/** The walking-skeleton flow, with device config overrides spliced in. */
export function paidReceiptYaml(device = '{}', extraSteps = ''): string {
  return `
name: paid receipt
device: ${device}
steps:
  - register.print:
      receipt:
        header: [TEST SHOP]
        items:
          - { name: Tea, qty: 3, price: "2.10" }
          - { name: Cake, price: "5.95" }
    as: sale
  - name: receipt with payment QR
    expect.receipt:
      timeout: 30s
      qr: { payload: emv-mpm, crc: valid, fields: { "54": "\${sale.total}" } }
    as: receipt
  - expect.server: { reference: "\${receipt.reference}", state: registered, timeout: 60s }
  - wallet.pay: { payload: "\${receipt.qr}" }
  - name: success slip
    expect.receipt: { timeout: 90s, text: [PAYMENT SUCCESSFUL, "\${sale.total}"] }
${extraSteps}`
}
