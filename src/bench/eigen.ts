/**
 * Eigensolver benchmarks: k = 10 largest-magnitude eigenvalues of a CSR network (n = 10⁴, K = 100)
 * with restarted Arnoldi, and full dense spectra (n = 500, 1000) against ml-matrix's
 * EigenvalueDecomposition (pure JS, the library users would pick), on the same matrices in one run.
 * Solves take seconds, so each is timed over a few repetitions with performance.now (median),
 * not with tinybench's time-boxed sampling.
 */
import { deriveSeed } from '../random/seed.js';
import os from 'node:os';
import { eigDense } from '../linalg/eigen/dense.js';
import { eigs } from '../linalg/eigen/krylov.js';
import type { Runtime } from '../runtime.js';
import { randomCsr } from './kernels.js';

export interface EigenBenchResult {
  case: string;
  n: number;
  nnz: number;
  /** rnnkit wall time (median ms). */
  wasmMs: number;
  /** Pure-JS comparator (ml-matrix) wall time, when one exists and was run. */
  jsMs: number | null;
  speedup: number | null;
  detail: Record<string, unknown>;
}

export interface EigenBenchReport {
  results: EigenBenchResult[];
  env: { node: string; v8: string; cpu: string; cores: number; simd: boolean; build: string; quick: boolean; reps: number; date: string };
}

export interface EigenBenchOptions {
  quick?: boolean;
  seed?: number | string;
  /** Repetitions per timing (median; default 3, quick 1). ml-matrix at n = 1000 runs once. */
  reps?: number;
  onCase?: (done: number, total: number, label: string) => void;
}

function medianMs(reps: number, fn: () => void): number {
  const times: number[] = [];
  for (let r = 0; r < reps; r++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor((times.length - 1) / 2)];
}

/** A CSR network with `perRow` uniformly random columns per row and weights N(0, 1/perRow) (bulk radius 1). */
function csrNetwork(rt: Runtime, seed: number | string, n: number, perRow: number) {
  using rng = rt.rng(deriveSeed(seed, 'eigen-csr', n));
  return randomCsr(rt, rng, n, perRow, 1).matrix;
}

/** ml-matrix's EigenvalueDecomposition, if the package is installed (it is a dev dependency). */
async function mlMatrix(): Promise<((rows: number[][]) => void) | null> {
  try {
    const { EigenvalueDecomposition, Matrix } = await import('ml-matrix');
    return (rows) => void new EigenvalueDecomposition(new Matrix(rows)).realEigenvalues;
  } catch {
    return null;
  }
}

export async function runEigenBench(rt: Runtime, options: EigenBenchOptions = {}): Promise<EigenBenchReport> {
  const quick = options.quick ?? false;
  const reps = options.reps ?? (quick ? 1 : 3);
  const seed = options.seed ?? 'bench';
  const denseSizes = quick ? [500] : [500, 1000];
  const total = 1 + denseSizes.length;
  const results: EigenBenchResult[] = [];
  const ml = await mlMatrix();

  options.onCase?.(0, total, 'eigs csr');
  {
    const n = quick ? 2000 : 10_000;
    using a = csrNetwork(rt, seed, n, 100);
    // One run per subspace size (a solve takes seconds): scipy's default ncv = 2k + 1 = 21, and 40.
    for (const ncv of [21, 40]) {
      let detail: Record<string, unknown> = {};
      const wasmMs = medianMs(1, () => {
        const r = eigs(rt, a, { k: 10, which: 'LM', tol: 1e-10, ncv, seed: 1 });
        detail = { k: 10, which: 'LM', tol: 1e-10, ncv: r.ncv, status: r.status, restarts: r.iterations, matvecs: r.matvecs,
          moduli: r.eigenvalues.map((e) => Math.hypot(e.re, e.im)) };
      });
      results.push({ case: `eigs k=10 LM, CSR K=100, ncv=${ncv}`, n, nnz: a.nnz, wasmMs, jsMs: null, speedup: null, detail });
    }
  }

  for (const [i, n] of denseSizes.entries()) {
    options.onCase?.(1 + i, total, `dense n=${n}`);
    using a = rt.dense(n, n);
    using rng = rt.rng(deriveSeed(seed, 'eigen-dense', n));
    rng.normalInto(a.data, 0, 1 / Math.sqrt(n));
    const values = a.data.toArray();
    const valuesMs = medianMs(reps, () => void eigDense(rt, a));
    const vectorsMs = medianMs(reps, () => void eigDense(rt, { n, values }, { vectors: true }));
    const rows = Array.from({ length: n }, (_, r) => Array.from(values.subarray(r * n, (r + 1) * n)));
    // ml-matrix always computes eigenvectors: compare it with rnnkit's vectors run.
    const jsMs = ml ? medianMs(n >= 1000 ? 1 : reps, () => ml(rows)) : null;
    results.push({
      case: 'dense eigenvalues + eigenvectors', n, nnz: n * n, wasmMs: vectorsMs, jsMs, speedup: jsMs === null ? null : jsMs / vectorsMs,
      detail: { valuesOnlyMs: valuesMs, comparator: ml ? 'ml-matrix EigenvalueDecomposition' : 'ml-matrix not installed' },
    });
  }
  options.onCase?.(total, total, 'done');
  return {
    results,
    env: {
      node: process.version, v8: process.versions.v8, cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length,
      simd: rt.simd, build: rt.build, quick, reps, date: new Date().toISOString(),
    },
  };
}
