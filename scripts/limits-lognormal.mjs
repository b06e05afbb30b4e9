// The largest networks one runtime holds, measured: builds a lognormal network (default n = 10⁶,
// K = 100, CV = 1, g = 1.5, J0 = 3 so that the leading eigenvalue is an outlier Krylov isolates),
// runs 1 τ of rate dynamics (Euler, dt = 0.1) and finds the largest-magnitude eigenvalue (eigs,
// Krylov–Schur; the outlier: the bulk edge next to it converges far more slowly), printing times,
// WASM memory (committed linear memory) and the process's RSS.
// Usage: npm run build:ts && node scripts/limits-lognormal.mjs [n] [k] [stages: build,simulate,eigs] [dtype: f64|f32]
import { eigs, load, lognormalNetwork, simulateRate } from '../dist/index.js';
import { loadavg } from 'node:os';

const n = Number(process.argv[2] ?? 1e6);
const k = Number(process.argv[3] ?? 100);
const stages = (process.argv[4] ?? 'build,simulate,eigs').split(',');
const dtype = process.argv[5] ?? 'f64';
const gib = (bytes) => Number((bytes / 2 ** 30).toFixed(3));
const rt = await load();
const memory = () => ({ wasmGiB: gib(rt.arena.memoryBytes), rssGiB: gib(process.memoryUsage().rss) });
const out = { n, k, dtype, node: process.version, loadAverage: loadavg() };
let t0 = performance.now();
const cpu0 = process.cpuUsage();
const net = lognormalNetwork(rt, { n, k, cv: 1, g: 1.5, j0: 3, seed: 1, dtype });
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
out.build = {
  seconds: (performance.now() - t0) / 1000, cpuSeconds, nnz: net.matrix.nnz, cpuNsPerEdge: (cpuSeconds * 1e9) / net.matrix.nnz, ...memory(), warnings: net.warnings,
};
process.stderr.write(`build: ${JSON.stringify(out.build)}\n`);
if (stages.includes('simulate')) {
  t0 = performance.now();
  const run = await simulateRate(rt, { connectivity: net }, { t: 1, dt: 0.1, integrator: 'euler', transient: 0, seed: 1, record: { units: [0, 1, 2], every: 1 } });
  out.simulate = { seconds: (performance.now() - t0) / 1000, steps: 10, q: run.summary.q, ...memory() };
  process.stderr.write(`simulate: ${JSON.stringify(out.simulate)}\n`);
}
if (stages.includes('eigs')) {
  t0 = performance.now();
  const eig = eigs(rt, net, { k: 1, which: 'LM', tol: 1e-8, condition: false, maxRestarts: 100 });
  out.eigs = {
    seconds: (performance.now() - t0) / 1000, status: eig.status, eigenvalues: eig.eigenvalues, residuals: eig.residuals, matvecs: eig.matvecs,
    theoryBulkRadius: net.theory.bulkRadius, ...memory(),
  };
}
out.loadAverageAfter = loadavg();
console.log(JSON.stringify(out, null, 1));
