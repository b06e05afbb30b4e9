// Writes the tables of bench/results/latest.json (WASM against plain JS) and bench/results/peers.json
// (rnnkit against NumPy/SciPy) into README.md between their markers.
import { readFileSync, writeFileSync } from 'node:fs';

const fmt = (ms) => (ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(2) : ms.toPrecision(3));
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));
/** A table cell: `|` (as in |λ|) escaped so that it does not end the cell. */
const cell = (text) => String(text).replaceAll('|', '\\|');

function kernelTable() {
  const report = readJson('bench/results/latest.json');
  const { env } = report;
  return [
    '| kernel | n | nnz | WASM ms (median) | pure JS ms (median) | speed-up |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...report.results.map((r) =>
      `| ${r.kernel} | ${r.n.toLocaleString('en-US')} | ${r.nnz.toLocaleString('en-US')} | ${fmt(r.wasmMs)} | ${fmt(r.jsMs)} | **${r.speedup.toFixed(1)}×** |`),
    '',
    `Node ${env.node} (V8 ${env.v8}), ${env.cpu}, ${env.cores} cores, ${env.simd ? 'SIMD' : 'scalar'} ${env.build} build, ${env.date.slice(0, 10)}.`,
  ];
}

function peersTable() {
  const report = readJson('bench/results/peers.json');
  const { machine, peer, load } = report;
  const loads = [...load.start, ...load.end];
  return [
    '| job | detail | rnnkit ms | NumPy/SciPy ms | rnnkit / peer | agreement |',
    '| --- | --- | ---: | ---: | ---: | --- |',
    ...report.jobs.map((j) => `| ${cell(j.job)} | ${cell(j.detail)} | ${fmt(j.rnnkitMs)} | ${fmt(j.peerMs)} | **${j.ratio.toFixed(2)}** | ${cell(j.agreement)} |`),
    '',
    `${report.date.slice(0, 16).replace('T', ' ')} UTC; Node ${machine.node}, ${machine.cpu}, ${machine.cores} cores, rnnkit on ${report.rnnkitThreads ?? 1} thread(s) ` +
      `(${machine.relaxedSimd ? 'relaxed-SIMD' : 'SIMD'} build); NumPy ${peer.numpy}, SciPy ${peer.scipy}, ${peer.blas}, ${peer.threads} thread; ` +
      `medians of ${report.rounds} alternating rounds; load average ${Math.min(...loads)}–${Math.max(...loads)}.`,
  ];
}

/** text with the lines between `<!-- name -->` and `<!-- /name -->` replaced (the markers kept). */
function replaceBlock(text, name, lines) {
  const open = `<!-- ${name} -->`;
  const close = `<!-- /${name} -->`;
  const start = text.indexOf(open);
  const end = text.indexOf(close);
  if (start < 0 || end < start) throw new Error(`bench-table: README.md has no ${open} … ${close} block`);
  return `${text.slice(0, start)}${[open, ...lines, close].join('\n')}${text.slice(end + close.length)}`;
}

let readme = readFileSync('README.md', 'utf8');
readme = replaceBlock(readme, 'bench-table', kernelTable());
readme = replaceBlock(readme, 'peers-table', peersTable());
writeFileSync('README.md', readme);
