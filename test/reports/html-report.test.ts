import t from 'tap'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium } from 'playwright-core'
import { parseScenario } from '../../rig/scenario/load.js'
import { runAll } from '../../rig/runner/run.js'
import { HtmlReporter } from '../../reports/html.js'
import { JsonReporter } from '../../reports/json.js'
import { paidReceiptYaml, tempDir } from '../e2e/helpers.js'

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p))

t.test('the HTML report in a real browser: verdicts, receipt pictures, failure details, filter', { skip: CHROMIUM ? false : 'chromium not installed (.ci/run installs it)' }, async (t) => {
  const out = tempDir()
  const scenarios = [
    ...parseScenario(paidReceiptYaml(), 'scenarios/test/good.yaml'),
    ...parseScenario(paidReceiptYaml('{ inject: { qrAmount: "99.99" } }').replace('name: paid receipt', 'name: wrong amount <script>x</script>'), 'scenarios/test/bad.yaml'),
  ]
  await runAll(scenarios, { outDir: out, seed: 1, reporter: new (class {
    html = new HtmlReporter()
    json = new JsonReporter()
    onBegin(i: Parameters<HtmlReporter['onBegin']>[0]) { this.html.onBegin(i); this.json.onBegin(i) }
    async onEnd(s: Parameters<HtmlReporter['onEnd']>[0]) { await this.html.onEnd(s); await this.json.onEnd(s) }
  })() })

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
  t.teardown(() => browser.close())
  const page = await browser.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('dialog', (d) => { errors.push(`dialog: ${d.message()}`); void d.dismiss() })
  await page.goto(pathToFileURL(join(out, 'index.html')).href)

  t.match(await page.textContent('.summary'), /1 passed · 1 failed · 0 errored/)
  const failed = page.locator('details.scenario[data-status="failed"]')
  t.equal(await failed.getAttribute('open'), '', 'a failed scenario opens by itself')
  t.match(await failed.locator('pre.error').textContent(), /QR field 54 \(transaction amount\): expected "12.25", actual "99.99"/)
  t.match(await failed.locator('summary').textContent(), /wrong amount <script>x<\/script>/, 'names are escaped, not run')

  const passed = page.locator('details.scenario[data-status="passed"]')
  await passed.locator('summary').click()
  const imgs = passed.locator('.receipt img')
  t.equal(await imgs.count(), 2, 'receipt and slip pictures')
  await page.waitForFunction(() => [...document.querySelectorAll('details[data-status="passed"] .receipt img')].every((i) => (i as HTMLImageElement).complete))
  const widths = await imgs.evaluateAll((els) => els.map((e) => (e as HTMLImageElement).naturalWidth))
  t.same(widths, [576, 576], 'the PNGs load at the printer\'s true dot width')
  t.match(await passed.locator('.qr code').first().textContent(), /^000201010212.*540512\.25.*6304[0-9A-F]{4}$/)

  await page.selectOption('#filter', 'problems')
  t.equal(await passed.isHidden(), true, 'the filter hides passed scenarios')
  t.equal(await failed.isVisible(), true)
  t.same(errors, [], 'no script errors')
})

t.test('a broken reporter never stops the run or the other reporters', async (t) => {
  const { ReporterMultiplexer } = await import('../../rig/runner/reporter.js')
  const seen: string[] = []
  const stderr = process.stderr.write
  process.stderr.write = (() => true) as typeof process.stderr.write
  try {
    const mux = new ReporterMultiplexer([
      { onEnd: () => { throw new Error('boom') } },
      { onEnd: () => void seen.push('second reporter ran') },
    ])
    await mux.onEnd({ status: 'passed', startedAt: '', realMs: 0, seed: 1, counts: { passed: 0, failed: 0, error: 0, skipped: 0, interrupted: 0 }, results: [] })
    t.same(seen, ['second reporter ran'])
    t.match(mux.errors[0], /boom/)
  } finally {
    process.stderr.write = stderr
  }
  writeFileSync(join(tempDir(), 'noop'), '')
})
