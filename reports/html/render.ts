import type { RunSummary, ScenarioResult } from '../../rig/runner/types.js'
import { formatDuration } from '../../rig/scenario/duration.js'

const esc = (s: unknown): string =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

/** A self-contained HTML page (no scripts from the network) for one run. */
export function renderHtml(s: RunSummary): string {
  const c = s.counts
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>qr-receipt-rig report</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>${CSS}</style></head>
<body>
<header><h1>qr-receipt-rig report</h1>
<p class="summary" data-status="${s.status}"><span class="passed">${c.passed} passed</span> · <span class="failed">${c.failed} failed</span> · <span class="error">${c.error} errored</span> · ${c.skipped} skipped${c.interrupted ? ` · ${c.interrupted} interrupted` : ''} — ${formatDuration(s.realMs)}, seed ${s.seed}${s.shard ? `, shard ${s.shard.current}/${s.shard.total}` : ''}, started ${esc(s.startedAt)}</p>
<label>Show <select id="filter"><option value="all">all</option><option value="problems">failed and errored</option><option value="passed">passed</option></select></label>
</header>
<main>${s.results.map(scenario).join('\n')}</main>
<script>${SCRIPT}</script>
</body></html>
`
}

function scenario(r: ScenarioResult, i: number): string {
  const open = r.status === 'failed' || r.status === 'error' || r.status === 'interrupted'
  return `<details class="scenario" data-status="${r.status}" id="s${i}"${open ? ' open' : ''}>
<summary><span class="badge ${r.status}">${r.status}</span> ${esc(r.name)} <small>${esc(r.file)} · ${formatDuration(r.realMs)} real · ${formatDuration(r.virtualMs)} virtual${r.attempt ? ` · retry ${r.attempt}` : ''}</small></summary>
${r.error ? `<pre class="error">${esc(r.error.message)}${r.error.traffic ? `\n\nlast traffic:\n${esc(r.error.traffic)}` : ''}</pre>` : ''}
<ol class="steps">${r.steps
    .map(
      (st) =>
        `<li class="${st.status}"><span class="badge ${st.status}">${st.status}</span> ${esc(st.name)} <small>${esc(st.kind)} · +${(st.startMs / 1000).toFixed(3)}s · ${formatDuration(st.durationMs)}</small>${st.error ? `<pre>${esc(st.error.message)}</pre>` : ''}</li>`,
    )
    .join('')}</ol>
${r.receipts.length ? `<h3>Printed</h3><div class="receipts">${r.receipts.map(receipt).join('')}</div>` : ''}
${r.display.length ? `<h3>Display</h3><ul class="display">${r.display.map((d) => `<li>+${(d.t / 1000).toFixed(3)}s <code>${esc(d.text)}</code></li>`).join('')}</ul>` : ''}
${r.notes.length ? `<h3>Device notes</h3><pre class="notes">${esc(r.notes.join('\n'))}</pre>` : ''}
${r.links.length ? `<h3>Links</h3><table class="links"><tr><th>port</th><th>line</th><th>to device</th><th>from device</th><th>trace</th></tr>${r.links.map((l) => `<tr><td>${esc(l.name)}</td><td>${esc(l.line)}</td><td>${l.toDut}</td><td>${l.fromDut}</td><td>${l.trace ? `<a href="${esc(l.trace)}">trace</a>` : ''}</td></tr>`).join('')}</table>` : ''}
<p class="files">${r.artifacts.filter((a) => a.kind !== 'receipt' && a.kind !== 'trace').map((a) => `<a href="${esc(a.path)}">${esc(a.name)}</a>`).join(' · ')}</p>
</details>`
}

function receipt(p: ScenarioResult['receipts'][number]): string {
  return `<figure class="receipt">${p.png ? `<a href="${esc(p.png)}"><img src="${esc(p.png)}" alt="printed segment ${p.index + 1}" loading="lazy"></a>` : ''}
<figcaption>#${p.index + 1} · cut ${esc(p.cut)} · +${(p.t / 1000).toFixed(3)}s${p.qrs.map((q) => `<div class="qr">QR: <code>${esc(q)}</code></div>`).join('')}${p.warnings.length ? `<div class="warn">${p.warnings.length} warning(s)</div>` : ''}</figcaption></figure>`
}

const CSS = `body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#222}header{padding:12px 20px;background:#f4f4f4;border-bottom:1px solid #ddd}
h1{font-size:20px;margin:0 0 6px}main{padding:12px 20px}.scenario{border:1px solid #ddd;border-radius:6px;margin:8px 0;padding:6px 10px}
summary{cursor:pointer;font-weight:600}small{color:#666;font-weight:400}.badge{display:inline-block;min-width:64px;text-align:center;border-radius:4px;padding:0 6px;color:#fff;font-size:12px}
.passed .badge,.badge.passed{background:#2a7d2a}.badge.failed{background:#c0392b}.badge.error,.badge.interrupted{background:#8e44ad}.badge.skipped{background:#888}
pre{white-space:pre-wrap;background:#fafafa;border:1px solid #eee;padding:6px;overflow:auto}pre.error{border-color:#e6b0aa;background:#fdf2f0}
.receipts{display:flex;flex-wrap:wrap;gap:12px}.receipt{margin:0;max-width:300px}.receipt img{width:288px;border:1px solid #ccc;image-rendering:pixelated}
.qr code{word-break:break-all;font-size:11px}.warn{color:#b9770e}table.links td,table.links th{padding:2px 8px;text-align:left}
.summary .failed{color:#c0392b}.summary .passed{color:#2a7d2a}`

const SCRIPT = `document.getElementById('filter').addEventListener('change',function(e){var v=e.target.value;document.querySelectorAll('.scenario').forEach(function(d){var s=d.dataset.status;d.hidden=v==='all'?false:v==='passed'?s!=='passed':(s==='passed'||s==='skipped')})})`
