// The largest networks one runtime holds, measured: builds a lognormal network (default n = 10⁶,
// K = 100, CV = 1, g = 1.5, J0 = 3 so that the leading eigenvalue is an outlier Krylov isolates),
// runs 1 τ of rate dynamics (Euler, dt = 0.1) and finds the largest-magnitude eigenvalue (eigs,
// Krylov–Schur; the outlier: the bulk edge next to it converges far more slowly), printing times
// (wall and CPU), WASM memory (committed linear memory, which never shrinks, so it is also the peak;
// per edge after the build), the process's RSS now and at its peak, and the eigenvalue against the
// theory's outlier and bulk radius.
// Usage: npm run build:ts && node scripts/limits-lognormal.mjs [n] [k] [stages: build,simulate,eigs] [dtype: f64|f32]
import { eigs, load, lognormalNetwork, simulateRate } from '../dist/index.js';
import { loadavg } from 'node:os';

const n = Number(process.argv[2] ?? 1e6);
const k = Number(process.argv[3] ?? 100);
const stages = (process.argv[4] ?? 'build,simulate,eigs').split(',');
const dtype = process.argv[5] ?? 'f64';
const gib = (bytes) => Number((bytes / 2 ** 30).toFixed(3));
const rt = await load();
const wasmBefore = rt.arena.memoryBytes;
const memory = () => ({ wasmGiB: gib(rt.arena.memoryBytes), rssGiB: gib(process.memoryUsage().rss), peakRssGiB: gib(process.resourceUsage().maxRSS * 1024) });
const timed = (fn) => {
  const [t0, cpu0] = [performance.now(), process.cpuUsage()];
  const result = fn();
  const cpu = process.cpuUsage(cpu0);
  return { result, seconds: (performance.now() - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
};
const out = { n, k, dtype, node: process.version, loadAverage: loadavg() };
const { result: net, seconds, cpuSeconds } = timed(() => lognormalNetwork(rt, { n, k, cv: 1, g: 1.5, j0: 3, seed: 1, dtype }));
out.build = {
  seconds, cpuSeconds, nnz: net.matrix.nnz, cpuNsPerEdge: (cpuSeconds * 1e9) / net.matrix.nnz,
  wasmBytesPerEdge: (rt.arena.memoryBytes - wasmBefore) / net.matrix.nnz, ...memory(), warnings: net.warnings,
};
process.stderr.write(`build: ${JSON.stringify(out.build)}\n`);
if (stages.includes('simulate')) {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const run = await simulateRate(rt, { connectivity: net }, { t: 1, dt: 0.1, integrator: 'euler', transient: 0, seed: 1, record: { units: [0, 1, 2], every: 1 } });
  const cpu = process.cpuUsage(cpu0);
  out.simulate = { seconds: (performance.now() - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, steps: 10, q: run.summary.q, ...memory() };
  process.stderr.write(`simulate: ${JSON.stringify(out.simulate)}\n`);
}
if (stages.includes('eigs')) {
  const { result: eig, seconds, cpuSeconds } = timed(() => eigs(rt, net, { k: 1, which: 'LM', tol: 1e-8, condition: false, maxRestarts: 100 }));
  const [outlier] = net.theory.outliers;
  const lambda = eig.eigenvalues[0];
  out.eigs = {
    seconds, cpuSeconds, status: eig.status, eigenvalues: eig.eigenvalues, residuals: eig.residuals, matvecs: eig.matvecs,
    theoryOutlier: outlier ?? null, theoryBulkRadius: net.theory.bulkRadius,
    // The outlier J0·⟨k_in k_out⟩/⟨k⟩² is a mean-field prediction with O(1/√N) fluctuations; the
    // eigenvalue must be real, lie outside the bulk, and sit within a few percent of it.
    relativeToOutlier: outlier === undefined ? null : (lambda.re - outlier) / outlier,
    outsideBulk: Math.hypot(lambda.re, lambda.im) > net.theory.bulkRadius,
    ...memory(),
  };
  process.stderr.write(`eigs: ${JSON.stringify(out.eigs)}\n`);
}
out.loadAverageAfter = loadavg();
console.log(JSON.stringify(out, null, 1));
