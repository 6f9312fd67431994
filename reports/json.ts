import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Reporter, RunInfo } from '../rig/runner/reporter.js'
import type { RunSummary } from '../rig/runner/types.js'

/** Version of report.json; merge-reports refuses newer ones. */
export const REPORT_VERSION = 1

export interface JsonReport extends RunSummary {
  version: number
  tool: 'qr-receipt-rig'
}

/** Writes report.json: the whole run result, the source for merge-reports and the HTML report. */
export class JsonReporter implements Reporter {
  private outDir = 'rig-report'

  onBegin(info: RunInfo): void {
    this.outDir = info.outDir
  }

  async onEnd(summary: RunSummary): Promise<void> {
    const report: JsonReport = { version: REPORT_VERSION, tool: 'qr-receipt-rig', ...summary }
    await writeFile(join(this.outDir, 'report.json'), JSON.stringify(report, null, 1))
  }
}
