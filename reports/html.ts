import type { Reporter, RunInfo } from '../rig/runner/reporter.js'
import type { RunSummary } from '../rig/runner/types.js'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { renderHtml } from './html/render.js'

/** index.html: every scenario with its steps, receipts as pictures, decoded QR, display and traces. */
export class HtmlReporter implements Reporter {
  private outDir = 'rig-report'

  onBegin(info: RunInfo): void {
    this.outDir = info.outDir
  }

  async onEnd(summary: RunSummary): Promise<void> {
    await writeFile(join(this.outDir, 'index.html'), renderHtml(summary))
  }
}
