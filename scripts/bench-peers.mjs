// `npm run bench:peers`: rnnkit against NumPy/SciPy on the same jobs, interleaved in one run.
//
// For every job both sides get the same inputs (made by rnnkit, handed to Python as raw files),
// run in alternating rounds (rnnkit, NumPy, rnnkit, …; medians of `rounds`), and report a checksum
// so that a ratio is only quoted for the same computation. NumPy uses one OpenBLAS thread; the
// OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE overrides of this workplace are removed for the peer only,
// so that it runs its best kernel. Writes bench/results/peers.json and prints a table.
// Needs python3 with numpy and scipy; the tests never run this. `--relaxed-simd` measures the
// opt-in relaxed-SIMD (FMA) binary instead (Node 20: node --experimental-wasm-relaxed-simd
// scripts/bench-peers.mjs --relaxed-simd) and writes bench/results/peers-relaxed-simd.json.
// `--threads 2` runs rnnkit's side with load({ threads: 2 }) (the second core on the products that
// split: gemv, SpMV, RLS and the rate steps built on them) against the same one-thread NumPy, and
// writes bench/results/peers-threads2.json. The f32 rows compare rnnkit's f32 weights (x, y and the
// sums in f64) with NumPy all in float32 (sgemv, SciPy CSR float32): the same weight bytes. The csr16
// row times rnnkit's CSR16 format (linalg/csr16.ts) against the same SciPy CSR product.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  eigDense, eigs, lognormalNetwork, load, lyapunovExponents, RateNetwork, simulateRate, sinesTarget, trainReadoutForce,
} from '../dist/index.js';
import { forceSeedOf } from '../dist/learning/force.js';

const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const relaxedSimd = args.has('--relaxed-simd');
const rounds = quick ? 3 : 5;
const threadsAt = process.argv.indexOf('--threads');
const threads = threadsAt > 0 ? Number(process.argv[threadsAt + 1]) : 1;
if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`bench:peers: --threads must be a positive integer (got ${process.argv[threadsAt + 1]})`);
const onlyJobs = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--threads');

function startPeer() {
  const env = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const child = spawn('python3', [new URL('../bench/peers/numpy_peer.py', import.meta.url).pathname], { env, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => {
    const { value, done } = await lines.next();
    if (done) throw new Error('bench:peers: the NumPy peer exited (is python3 with numpy and scipy installed?)');
    return JSON.parse(value);
  };
  return {
    ready: next(),
    async run(job, params, dir) {
      child.stdin.write(`${JSON.stringify({ job, params, dir })}\n`);
      return next();
    },
    close: () => child.stdin.end(),
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const maxRelDiff = (a, b) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]) / Math.max(1e-300, Math.abs(b[i]))), 0);
const write = (dir, name, typed) => writeFileSync(join(dir, name), Buffer.from(typed.buffer, typed.byteOffset, typed.byteLength));

async function main() {
  const loadAtStart = loadavg();
  const peer = startPeer();
  const peerInfo = (await peer.ready).ready;
  const rt = await load({ warmUp: true, relaxedSimd, ...(threads > 1 ? { threads } : {}) });
  const jobs = [];

  const dense = (n, seed) => {
    const J = rt.dense(n, n);
    rt.rng(seed).normalInto(J.data, 0, 2 / Math.sqrt(n));
    return J;
  };

  /** Alternating rounds: `ours` returns ms per call; the peer reports its own per-call times. */
  async function compare(name, detail, ours, peerJob, params, dir, check) {
    if (onlyJobs.length > 0 && !onlyJobs.some((j) => name.startsWith(j))) return;
    const mine = [];
    const theirs = [];
    let peerChecksum;
    let oursResult;
    for (let r = 0; r < rounds; r++) {
      const o = await ours();
      mine.push(o.ms);
      oursResult = o.result;
      const p = await peer.run(peerJob, { ...params, reps: params.reps ?? 1 }, dir);
      theirs.push(median(p.times) / (params.batch ?? 1));
      peerChecksum = p.checksum;
    }
    const agreement = check(oursResult, peerChecksum);
    const row = { job: name, detail, rnnkitMs: median(mine), peerMs: median(theirs), ratio: median(mine) / median(theirs), agreement };
    jobs.push(row);
    process.stderr.write(`${name.padEnd(34)} rnnkit ${row.rnnkitMs.toFixed(3).padStart(10)} ms   NumPy ${row.peerMs.toFixed(3).padStart(10)} ms   ratio ${row.ratio.toFixed(2)}   ${agreement}\n`);
  }

  const timePerCall = (batch, fn) => {
    const s = performance.now();
    let result;
    for (let b = 0; b < batch; b++) result = fn();
    return { ms: (performance.now() - s) / batch, result };
  };

  for (const n of [1000, 2000]) {
    const dir = mkdtempSync(join(tmpdir(), 'rnnkit-peers-'));
    const J = dense(n, `peers-gemv-${n}`);
    const x = rt.rng(`peers-x-${n}`).normal(n);
    const y = rt.f64(n);
    write(dir, 'A', J.data.view());
    write(dir, 'x', x.view());
    const batch = n === 1000 ? 200 : 50;
    await compare(`dense gemv n = ${n}`, 'y = J·x, f64', () => timePerCall(batch, () => J.multiply(x, y).toArray()),
      'gemv', { n, reps: batch, batch: 1 }, dir,
      (ours, theirs) => `max rel diff ${maxRelDiff(ours, theirs).toExponential(1)}`);
    if (n === 2000) {
      const J32 = rt.toF32(J);
      await compare(`dense gemv f32 n = ${n}`, 'f32 weights (NumPy: sgemv, all float32)', () => timePerCall(batch, () => J32.multiply(x, y).toArray()),
        'gemv', { n, reps: batch, batch: 1, dtype: 'f32' }, dir,
        (ours, theirs) => `max rel diff ${maxRelDiff(ours, theirs).toExponential(1)} (float32 sums on NumPy's side)`);
      J32.dispose();
    }
    rmSync(dir, { recursive: true });
    J.dispose();
  }

  for (const [n, k] of [[10_000, 100], [100_000, 100]]) {
    const dir = mkdtempSync(join(tmpdir(), 'rnnkit-peers-'));
    const net = lognormalNetwork(rt, { n, k, cv: 0, seed: `peers-csr-${n}` });
    const A = net.matrix;
    const arrays = A.toArrays();
    write(dir, 'rowPtr', arrays.rowPtr);
    write(dir, 'colIdx', arrays.colIdx);
    write(dir, 'values', arrays.values);
    const x = rt.rng(`peers-spx-${n}`).normal(n);
    write(dir, 'x', x.view());
    const y = rt.f64(n);
    const batch = n === 10_000 ? 100 : 10;
    const sums = (matrix) => () => timePerCall(batch, () => {
      matrix.multiply(x, y);
      const v = y.view();
      let s = 0, a = 0;
      for (let i = 0; i < n; i++) { s += v[i]; a += Math.abs(v[i]); }
      return [s, a];
    });
    const nnz = (n * k).toExponential(0);
    await compare(`CSR SpMV n = ${n.toLocaleString('en-US')}, ${nnz} nnz`, 'y = J·x', sums(A),
      'spmv', { n, reps: batch, batch: 1 }, dir, (ours, theirs) => `Σ|y| rel diff ${maxRelDiff(ours, theirs).toExponential(1)}`);
    if (n === 100_000) {
      const A32 = rt.toF32(A);
      await compare(`CSR SpMV f32 n = ${n.toLocaleString('en-US')}, ${nnz} nnz`, 'f32 values (NumPy: SciPy CSR float32)', sums(A32),
        'spmv', { n, reps: batch, batch: 1, dtype: 'f32' }, dir, (ours, theirs) => `Σ|y| rel diff ${maxRelDiff(ours, theirs).toExponential(1)} (float32 sums on NumPy's side)`);
      A32.dispose();
      // CSR16 (u16 column deltas, rows sorted): the same matrix and x, so the checksum is the f64 one.
      const A16 = rt.toCsr16(A);
      await compare(`CSR SpMV csr16 n = ${n.toLocaleString('en-US')}, ${nnz} nnz`, 'u16 column deltas, f64 values (NumPy: SciPy CSR)', sums(A16),
        'spmv', { n, reps: batch, batch: 1 }, dir, (ours, theirs) => `Σ|y| rel diff ${maxRelDiff(ours, theirs).toExponential(1)}`);
      A16.dispose();
    }
    rmSync(dir, { recursive: true });
    net.dispose();
  }

  // Eigenvalues (issue 15): dense eigvals/eig against LAPACK dgeev through NumPy, and the Krylov
  // solver against ARPACK through SciPy eigs (k = 10, LM, tol = 1e-10) with the product counts.
  const topModuli = (eigenvalues, k) => eigenvalues.map((e) => Math.hypot(e.re, e.im)).sort((a, b) => b - a).slice(0, k);
  for (const n of [500, 1000]) {
    const dir = mkdtempSync(join(tmpdir(), 'rnnkit-peers-'));
    const J = dense(n, `peers-eig-${n}`);
    const values = J.data.toArray();
    write(dir, 'A', values);
    for (const [job, vectors] of [['eigvals', false], ['eig', true]]) {
      // The same work as dgeev: no condition numbers, and no explicit residuals (rnnkit's default adds
      // one n³ product for them, ~7% at n = 1000).
      await compare(`dense ${job} n = ${n}`, vectors ? 'values + vectors (residuals: false, as dgeev)' : 'values only',
        () => timePerCall(1, () => topModuli(eigDense(rt, { n, values }, { vectors, condition: false, residuals: false }).eigenvalues, 10)),
        job, { n, reps: 1 }, dir, (ours, theirs) => `top-10 |λ| max rel diff ${maxRelDiff(ours, theirs).toExponential(1)}`);
    }
    rmSync(dir, { recursive: true });
    J.dispose();
  }
  {
    const [n, k] = [10_000, 100];
    const dir = mkdtempSync(join(tmpdir(), 'rnnkit-peers-'));
    const net = lognormalNetwork(rt, { n, k, cv: 0, seed: `peers-eigs-${n}` });
    const arrays = net.matrix.toArrays();
    write(dir, 'rowPtr', arrays.rowPtr);
    write(dir, 'colIdx', arrays.colIdx);
    write(dir, 'values', arrays.values);
    await compare(`Krylov eigs k = 10 LM, CSR n = ${n.toLocaleString('en-US')}, K = ${k}`, 'tol 1e-10; products compared',
      () => timePerCall(1, () => {
        const r = eigs(rt, net.matrix, { k: 10, which: 'LM', tol: 1e-10, seed: 1, condition: false });
        return { moduli: topModuli(r.eigenvalues, 10), matvecs: r.matvecs, status: r.status };
      }),
      'eigs', { n, k: 10, tol: 1e-10, reps: 1 }, dir,
      (ours, theirs) => `${ours.status}; |λ| max rel diff ${maxRelDiff(ours.moduli, theirs.moduli).toExponential(1)}; products ${ours.matvecs} vs ARPACK ${theirs.matvecs}`);
    rmSync(dir, { recursive: true });
    net.dispose();
  }

  {
    const n = 1000;
    const dir = mkdtempSync(join(tmpdir(), 'rnnkit-peers-'));
    const J = dense(n, 'peers-rate');
    const x0 = rt.rng('peers-rate-x0').normal(n).toArray();
    write(dir, 'A', J.data.view());
    write(dir, 'x', x0);
    const net = new RateNetwork(rt, { connectivity: J });
    await compare('RK4 step, dense n = 1000', 'one step of dx/dt = −x + J tanh x', () => {
      const { ms } = timePerCall(50, () => net.step(0.05));
      net.setState(x0).step(0.05);
      return { ms, result: net.state() };
    }, 'rk4-step', { n, dt: 0.05, reps: 50, batch: 1 }, dir, (ours, theirs) => `max rel diff ${maxRelDiff(ours, theirs).toExponential(1)}`);
    net.dispose();

    const t = quick ? 50 : 500;
    const steps = Math.round(t / 0.05);
    await compare(`rate run, dense N = 1000, T = ${t} τ`, 'RK4, dt = 0.05, all units every 4 steps', async () => {
      const s = performance.now();
      const run = await simulateRate(rt, { connectivity: J }, { t, dt: 0.05, x0, record: { units: 'all', every: 4 } });
      const ms = performance.now() - s;
      const rec = run.recording;
      const skip = 50;
      let q = 0;
      for (let i = skip * n; i < rec.values.length; i++) q += rec.values[i] ** 2;
      return { ms, result: { first: rec.values.subarray(0, n), q: q / (rec.values.length - skip * n) } };
    }, 'rate-run', { n, dt: 0.05, steps, every: 4, skip: 50 }, dir,
      (ours, theirs) => `x(0.2) rel diff ${maxRelDiff(ours.first, theirs.first).toExponential(1)}; q ${ours.q.toFixed(3)} vs ${theirs.q.toFixed(3)}`);

    const v0 = rt.rng('peers-tangent').normal(n).toArray();
    write(dir, 'v', v0);
    const tl = quick ? 40 : 400;
    await compare(`λ_max, dense N = 1000, T = ${tl} τ`, 'tangent dynamics, RK4, renormalised every τ', async () => {
      const s = performance.now();
      const res = await lyapunovExponents(rt, { connectivity: J }, { t: tl, dt: 0.05, x0, segments: 1 });
      return { ms: performance.now() - s, result: res.lambdaMax };
    }, 'lyapunov', { n, dt: 0.05, steps: Math.round(tl / 0.05), renorm: 20 }, dir,
      (ours, theirs) => `λ ${ours.toFixed(4)} vs ${theirs.toFixed(4)} (different tangent seeds, same x0)`);
    rmSync(dir, { recursive: true });
    J.dispose();
  }

  {
    const n = 1000;
    const dir = mkdtempSync(join(tmpdir(), 'rnnkit-peers-'));
    // A generic SPD P: I/α after a few updates, so that both sides start from the same matrix.
    const P = rt.f64(n * n);
    rt.core.rls_init_f64(n, P.ptr, 1);
    const W = rt.f64(n);
    const k = rt.f64(n);
    const q = rt.f64(n);
    const e = rt.f64(1).fill(0.25);
    for (let s = 0; s < 5; s++) {
      const r = rt.rng(`peers-rls-${s}`).uniform(n);
      const c = rt.core.rls_update_f64(n, 1, P.ptr, r.ptr, W.ptr, e.ptr, k.ptr, q.ptr, 0, 1);
      rt.core.rls_rank1_rows_f64(n, 0, n, P.ptr, k.ptr, c); // the step's own update, applied now
    }
    const r = rt.rng('peers-rls-r').uniform(n);
    write(dir, 'P', P.view());
    write(dir, 'r', r.view());
    write(dir, 'e', e.view());
    const P0 = P.toArray();
    await compare('RLS update n = 1000 (m = 1)', 'k = P r, P −= c k kᵀ (rnnkit: in the next step\'s pass), W −= c e kᵀ', () => {
      // Steady state of RecursiveLeastSquares: each step applies the previous step's pending update.
      let [out, pending, cPending] = [k, q, 0];
      const result = timePerCall(40, () => {
        cPending = rt.core.rls_update_f64(n, 1, P.ptr, r.ptr, W.ptr, e.ptr, out.ptr, pending.ptr, cPending, 1);
        [out, pending] = [pending, out];
      });
      P.set(P0);
      const c = rt.core.rls_update_f64(n, 1, P.ptr, r.ptr, W.ptr, e.ptr, k.ptr, q.ptr, 0, 1);
      P.set(P0);
      return { ms: result.ms, result: { c, k: k.toArray() } };
    }, 'rls', { n, reps: 40, batch: 1 }, dir, (ours, theirs) => `k rel diff ${maxRelDiff(ours.k, theirs.k).toExponential(1)}`);
    rmSync(dir, { recursive: true });
  }

  {
    const n = 1000;
    const seed = 'peers-force';
    const dir = mkdtempSync(join(tmpdir(), 'rnnkit-peers-'));
    const target = sinesTarget();
    const trainPeriods = quick ? 2 : 12;
    const steps = trainPeriods * target.nSamples;
    const net = lognormalNetwork(rt, { n, k: 0.1 * n, cv: 0, g: 1.5, seed: forceSeedOf(seed, 'J') });
    const J = net.matrix.toArrays();
    write(dir, 'rowPtr', J.rowPtr);
    write(dir, 'colIdx', J.colIdx);
    write(dir, 'values', J.values);
    write(dir, 'x', rt.scope(() => rt.rng(forceSeedOf(seed, 'x0')).normal(n, 0, 0.5).toArray()));
    const repeated = new Float64Array(steps);
    for (let s = 0; s < steps; s++) repeated[s] = target.values[s % target.nSamples];
    write(dir, 'target', repeated);
    let feedbackWritten = false;
    await compare(`readout FORCE, N = 1000, ${steps} steps`, 'sparse J (p = 0.1), RLS every 2 steps', async () => {
      const run = await trainReadoutForce(rt, { n, target, trainPeriods, testPeriods: 1, seed, keepConnectivity: false });
      if (!feedbackWritten) {
        write(dir, 'wfb', run.weights.feedback);
        feedbackWritten = true;
      }
      const mse = run.traces.meanSquaredError.subarray(0, steps);
      return { ms: run.timing.trainMs, result: mse.reduce((a, b) => a + b, 0) / steps };
    }, 'force', { n, dt: 0.1, learnEvery: 2, alpha: 1 }, dir,
      (ours, theirs) => `training MSE ${ours.toExponential(2)} vs ${theirs.toExponential(2)}`);
    rmSync(dir, { recursive: true });
    net.dispose();
  }

  peer.close();
  const report = {
    date: new Date().toISOString(),
    machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, node: process.version, simd: rt.simd, relaxedSimd },
    peer: { ...peerInfo, threads: 1 },
    rnnkitThreads: threads,
    rounds,
    // The machine is shared: 1/5/15-minute load averages when the run started and ended.
    load: { start: loadAtStart, end: loadavg() },
    note: 'ratio = rnnkit / NumPy (below 1: rnnkit is faster); medians of alternating rounds',
    jobs,
  };
  const file = relaxedSimd ? 'peers-relaxed-simd' : threads > 1 ? `peers-threads${threads}` : 'peers';
  if (!quick && onlyJobs.length === 0) writeFileSync(new URL(`../bench/results/${file}.json`, import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
  rt.dispose();
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

await main();
