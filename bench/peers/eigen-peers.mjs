// rnnkit's eigensolvers against SciPy ARPACK and NumPy/LAPACK on the same matrices, in one run:
// builds lognormal networks (CV = 0: homogeneous K = 100; CV = 1: heterogeneous degrees, clustered
// edge) and Gaussian dense matrices with rnnkit, writes them as MatrixMarket, solves them here and
// in bench/peers/eigen_peers.py (one OpenBLAS thread), and writes bench/results/eigen-peers.json.
// Usage: npm run build && node bench/peers/eigen-peers.mjs [--quick]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { eigDense, eigs, load, lognormalNetwork } from '../../dist/index.js';
import { writeNetworkFile } from '../../dist/io/files.js';

const quick = process.argv.includes('--quick');
const rt = await load();
const dir = mkdtempSync(join(os.tmpdir(), 'rnnkit-eigen-peers-'));
const n = quick ? 2000 : 10_000;
const moduli = (r) => r.eigenvalues.map((e) => Math.hypot(e.re, e.im));
const timed = (fn) => { const start = performance.now(); const value = fn(); return { value, ms: performance.now() - start }; };

const sparse = [];
for (const cv of [0, 1]) {
  const net = lognormalNetwork(rt, { n, k: 100, cv, seed: `eigen-peers-${cv}` });
  const file = join(dir, `lognormal-cv${cv}-n${n}.mtx`);
  await writeNetworkFile(net.matrix, file);
  const runs = [];
  for (const condition of [false, true]) {
    const { value: r, ms } = timed(() => eigs(rt, net.matrix, { k: 10, which: 'LM', tol: 1e-10, seed: 1, condition }));
    runs.push({ condition, ms, ncv: r.ncv, status: r.status, matvecs: r.matvecs, restarts: r.iterations, moduli: moduli(r),
      conditions: r.conditions, illConditioned: r.illConditioned.filter(Boolean).length });
    console.error(`cv=${cv} condition=${condition}: ${r.status}, ${r.matvecs} products, ${ms.toFixed(0)} ms`);
  }
  sparse.push({ file, n, nnz: net.matrix.nnz, cv, rnnkit: runs });
  net.dispose();
}
const big = [];
if (!quick) {
  const net = lognormalNetwork(rt, { n: 100_000, k: 100, cv: 0, seed: 'eigen-peers-1e5' });
  const { value: r, ms } = timed(() => eigs(rt, net.matrix, { k: 10, which: 'LM', tol: 1e-10, seed: 1, condition: false }));
  big.push({ n: 100_000, nnz: net.matrix.nnz, ms, status: r.status, matvecs: r.matvecs, ncv: r.ncv, moduli: moduli(r) });
  console.error(`n=1e5: ${r.status}, ${r.matvecs} products, ${ms.toFixed(0)} ms`);
  net.dispose();
}
const dense = [];
for (const size of quick ? [500] : [500, 1000]) {
  const a = rt.dense(size, size);
  const rng = rt.rng(`eigen-peers-dense-${size}`);
  rng.normalInto(a.data, 0, 1 / Math.sqrt(size));
  const file = join(dir, `gaussian-${size}.mtx`);
  await writeNetworkFile(a, file);
  const values = a.data.toArray();
  const median = (fn) => { const t = [0, 1, 2].map(() => timed(fn).ms).sort((x, y) => x - y); return t[1]; };
  dense.push({ file, n: size,
    valuesMs: median(() => eigDense(rt, { n: size, values }, { condition: false })),
    valuesConditionMs: median(() => eigDense(rt, { n: size, values })),
    vectorsMs: median(() => eigDense(rt, { n: size, values }, { vectors: true })) });
  console.error(`dense n=${size} done`);
  a.dispose();
  rng.dispose();
}
const env = { ...process.env, OPENBLAS_NUM_THREADS: '1' };
delete env.OPENBLAS_CORETYPE;
delete env.OPENBLAS_L2_SIZE;
const peers = JSON.parse(execFileSync('python3', [new URL('./eigen_peers.py', import.meta.url).pathname,
  JSON.stringify({ sparse: sparse.map((s) => s.file), dense: dense.map((d) => d.file) })], { env, maxBuffer: 1 << 26 }).toString());
const report = {
  date: new Date().toISOString(), node: process.version, cpu: os.cpus()[0]?.model, simd: rt.simd, quick,
  sparse: sparse.map((s, i) => ({ ...s, scipy: peers.sparse[i] })), big,
  dense: dense.map((d, i) => ({ ...d, numpy: peers.dense[i] })), peers: { numpy: peers.numpy, scipy: peers.scipy, blas: peers.blas },
};
writeFileSync(new URL('../results/eigen-peers.json', import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
console.log(JSON.stringify(report, null, 1));
