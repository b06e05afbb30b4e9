/**
 * The report page: one self-contained HTML file (inline SVG figures, inline CSS, no network
 * fetches) plus the Vega-Lite specifications of every figure as JSON in the page, so that the
 * figures can be re-rendered interactively with vega-embed in any browser.
 */
import type { Figure, SummaryRow } from './experiment.js';

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** JSON inside <script>: `<` escaped so no `</script>` can close the element early. */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

export interface ReportPage {
  title: string;
  version: string;
  seed: string | number;
  generated: string;
  figures: (Figure & { svg: string })[];
  summary: SummaryRow[];
  experiment: unknown;
}

export function reportHtml(page: ReportPage): string {
  const rows = page.summary.map((r) =>
    `<tr><td>${escapeHtml(r.section)}</td><td>${escapeHtml(r.item)}</td><td class="num">${escapeHtml(r.value)}</td></tr>`).join('\n');
  const figures = page.figures.map((f) => `
<figure id="${escapeHtml(f.id)}" class="figure">
  <h3>${escapeHtml(f.title)}</h3>
  ${f.svg}
  <figcaption>${escapeHtml(f.caption)}</figcaption>
</figure>`).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
<style>
  body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 1150px; padding: 0 1rem; color: #222; }
  h1 { font-size: 1.5rem; } h2 { margin-top: 2rem; } h3 { font-size: 1rem; margin: 0 0 .4rem; }
  .figures { display: flex; flex-wrap: wrap; gap: 1.5rem; }
  .figure { margin: 0; } figcaption { font-size: .85rem; color: #555; max-width: 420px; }
  table { border-collapse: collapse; } td, th { padding: .25rem .6rem; border-bottom: 1px solid #ddd; text-align: left; }
  td.num { font-variant-numeric: tabular-nums; } .meta { color: #666; font-size: .85rem; }
  pre { background: #f6f6f6; padding: .8rem; overflow-x: auto; font-size: .8rem; }
</style>
</head>
<body>
<h1>${escapeHtml(page.title)}</h1>
<p class="meta">rnnkit ${escapeHtml(page.version)} · seed ${escapeHtml(String(page.seed))} · generated ${escapeHtml(page.generated)}</p>
<p>Random rate networks τ dx/dt = −x + J tanh(x): how the spread of in/out-degrees (CV) and the
reciprocal correlation η of the couplings shape the eigenvalues of J, the onset of chaos, the
dimension of activity and the intrinsic timescales of single neurons. Every number shown is in
<code>report.json</code> beside this page.</p>
<h2>Summary</h2>
<table id="summary"><thead><tr><th>section</th><th>quantity</th><th>value</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<h2>Figures</h2>
<div class="figures">
${figures}
</div>
<h2>Experiment</h2>
<pre id="experiment">${escapeHtml(JSON.stringify(page.experiment, null, 2))}</pre>
<script type="application/json" id="rnnkit-figures">${scriptJson(page.figures.map(({ id, spec }) => ({ id, spec })))}</script>
</body>
</html>
`;
}
