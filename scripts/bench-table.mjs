// Writes the table of bench/results/latest.json into README.md between the bench-table markers.
import { readFileSync, writeFileSync } from 'node:fs';

const report = JSON.parse(readFileSync('bench/results/latest.json', 'utf8'));
const fmt = (ms) => (ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(2) : ms.toPrecision(3));
const rows = report.results.map((r) =>
  `| ${r.kernel} | ${r.n.toLocaleString('en-US')} | ${r.nnz.toLocaleString('en-US')} | ${fmt(r.wasmMs)} | ${fmt(r.jsMs)} | **${r.speedup.toFixed(1)}×** |`);
const { env } = report;
const table = [
  '<!-- bench-table -->',
  '| kernel | n | nnz | WASM ms (median) | pure JS ms (median) | speed-up |',
  '| --- | ---: | ---: | ---: | ---: | ---: |',
  ...rows,
  '',
  `Node ${env.node} (V8 ${env.v8}), ${env.cpu}, ${env.cores} cores, ${env.simd ? 'SIMD' : 'scalar'} ${env.build} build, ${env.date.slice(0, 10)}.`,
  '<!-- /bench-table -->',
].join('\n');
const readme = readFileSync('README.md', 'utf8');
const start = readme.indexOf('<!-- bench-table -->');
const endMarker = '<!-- /bench-table -->';
const end = readme.indexOf(endMarker);
const next = end >= 0 ? readme.slice(0, start) + table + readme.slice(end + endMarker.length) : readme.replace('<!-- bench-table -->', table);
writeFileSync('README.md', next);
