// Issue 15: the n = 10⁵, K = 100 (10⁷ nnz) Krylov solve (k = 10, LM, tol = 1e-10): wall and CPU
// time, matrix-vector products, restarts and memory (RSS, WASM memory). Not a test.
// Usage: npm run build && node scripts/eigen-krylov-large.mjs [n]
import { eigs, load, lognormalNetwork } from '../dist/index.js';

const n = Number(process.argv[2] ?? 100_000);
const rt = await load();
const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e3; };
const net = lognormalNetwork(rt, { n, k: 100, cv: 0, seed: 'eigen-peers-1e5' });
const rssBefore = process.memoryUsage().rss;
const wall = performance.now();
const cpu = cpuMs();
const r = eigs(rt, net.matrix, { k: 10, which: 'LM', tol: 1e-10, seed: 1, condition: false });
const report = {
  date: new Date().toISOString(), n, nnz: net.matrix.nnz, status: r.status, ncv: r.ncv, matvecs: r.matvecs, restarts: r.iterations,
  wallMs: Math.round(performance.now() - wall), cpuMs: Math.round(cpuMs() - cpu),
  rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20), rssBeforeSolveMiB: Math.round(rssBefore / 2 ** 20),
  wasmMemoryMiB: Math.round(rt.core.memory.buffer.byteLength / 2 ** 20),
  moduli: r.eigenvalues.map((e) => Math.hypot(e.re, e.im)), maxResidual: Math.max(...r.residuals), warnings: r.warnings,
};
console.log(JSON.stringify(report, null, 1));
net.dispose();
