/**
 * Kernel benchmarks: each case times the WASM kernel and the pure-TS reference (src/reference)
 * on the same data, in one tinybench run, and reports medians and their ratio.
 */
import { deriveSeed } from '../random/seed.js';
import os from 'node:os';
import { Bench } from 'tinybench';
import { tanhRef } from '../reference/activation.js';
import { dotRef } from '../reference/blas1.js';
import { gemvRef } from '../reference/gemv.js';
import { RateNetworkRef, type ReferenceMatrix } from '../reference/rate.js';
import { spmvCsrRef, spmvCsrTRef } from '../reference/spmv.js';
import { type Integrator, RateNetwork } from '../dynamics/rate.js';
import type { CsrMatrix } from '../linalg/csr.js';
import type { DenseMatrix } from '../linalg/dense.js';
import type { Rng } from '../random/rng.js';
import type { Runtime } from '../runtime.js';
import { disposeAll } from '../wasm/arena.js';

export interface BenchResult {
  kernel: string;
  n: number;
  nnz: number;
  wasmMs: number;
  jsMs: number;
  speedup: number;
  /**
   * What the `js` column timed when it is not the pure-TS reference ('f64 weights': the same WASM
   * kernel on f64 weights; 'CSR i32 indices': spmv_csr on the matrix a CSR16 row codes).
   */
  baseline?: string;
}

export interface BenchReport {
  results: BenchResult[];
  env: {
    node: string;
    v8: string;
    cpu: string;
    cores: number;
    simd: boolean;
    build: string;
    quick: boolean;
    timeMsPerTask: number;
    date: string;
  };
}

export interface BenchOptions {
  quick?: boolean;
  /** Seeds the benchmark data (default 'bench'). */
  seed?: number | string;
  /** Sampling time per task in ms (default 400, quick 150). */
  timeMs?: number;
  onCase?: (done: number, total: number, label: string) => void;
}

/** A timed function returns a value from its result, so no engine can treat the work as dead. */
type Timed = () => number;

interface BenchCase {
  kernel: string;
  n: number;
  nnz: number;
  baseline?: string;
  /** Builds the data, returns the two timed functions and a disposer. */
  setup(rt: Runtime, seed: number | string): { wasm: Timed; js: Timed; dispose: () => void };
}

function dotCase(n: number): BenchCase {
  return {
    kernel: 'dot', n, nnz: n,
    setup(rt, seed) {
      const rng = rt.rng(deriveSeed(seed, 'dot', n));
      const x = rng.normal(n);
      const y = rng.normal(n);
      const [xs, ys] = [x.toArray(), y.toArray()];
      return {
        wasm: () => rt.core.blas1_dot_f64(x.ptr, y.ptr, n),
        js: () => dotRef(xs, ys),
        dispose: () => disposeAll([rng, x, y]),
      };
    },
  };
}

/** Dense J_ij ~ N(0, g²/n), in WASM and as the reference's copy. */
function denseGaussian(rt: Runtime, rng: Rng, n: number, g: number): { matrix: DenseMatrix; reference: ReferenceMatrix } {
  const matrix = rt.dense(n, n);
  rng.normalInto(matrix.data, 0, g / Math.sqrt(n));
  return { matrix, reference: { kind: 'dense', n, values: matrix.toArray() } };
}

/** CSR with exactly `perRow` distinct random columns per row (a repeat moves to the next free column), weights N(0, g²/perRow). */
type CsrReference = Extract<ReferenceMatrix, { kind: 'csr' }>;

export function randomCsr(rt: Runtime, rng: Rng, n: number, perRow: number, g: number): { matrix: CsrMatrix; reference: CsrReference } {
  const nnz = n * perRow;
  const rowPtr = Int32Array.from({ length: n + 1 }, (_, r) => r * perRow);
  const colIdx = new Int32Array(nnz);
  {
    using u = rng.uniform(nnz);
    const uv = u.view();
    for (let r = 0; r < n; r++) {
      const seen = new Set<number>();
      for (let k = r * perRow; k < (r + 1) * perRow; k++) {
        let c = Math.floor(uv[k] * n);
        while (seen.has(c)) c = (c + 1) % n;
        seen.add(c);
        colIdx[k] = c;
      }
    }
  }
  using w = rng.normal(nnz, 0, g / Math.sqrt(perRow));
  const values = w.toArray();
  const matrix = rt.csr({ nRows: n, nCols: n, rowPtr, colIdx, values });
  return { matrix, reference: { kind: 'csr', n, rowPtr, colIdx, values } };
}

function gemvCase(n: number): BenchCase {
  return {
    kernel: 'gemv', n, nnz: n * n,
    setup(rt, seed) {
      const rng = rt.rng(deriveSeed(seed, 'gemv', n));
      const { matrix: a, reference } = denseGaussian(rt, rng, n, 1);
      const x = rng.normal(n);
      const y = rt.f64(n);
      const [xs, ys] = [x.toArray(), new Float64Array(n)];
      return {
        wasm: () => a.multiply(x, y).length,
        js: () => { gemvRef(reference.values, n, n, xs, ys); return ys[0]; },
        dispose: () => disposeAll([rng, a, x, y]),
      };
    },
  };
}

function csrCase(kernel: 'spmv' | 'spmvT', n: number, perRow: number): BenchCase {
  return {
    kernel, n, nnz: n * perRow,
    setup(rt, seed) {
      const rng = rt.rng(deriveSeed(seed, 'csr', n));
      const { matrix: a, reference } = randomCsr(rt, rng, n, perRow, 1);
      const { rowPtr, colIdx, values } = reference;
      const x = rng.normal(n);
      const y = rt.f64(n);
      const [xs, ys] = [x.toArray(), new Float64Array(n)];
      const transposed = kernel === 'spmvT';
      return {
        wasm: () => (transposed ? a.multiplyTransposed(x, y) : a.multiply(x, y)).length,
        js: () => {
          if (transposed) spmvCsrTRef(rowPtr, colIdx, values, n, n, xs, ys);
          else spmvCsrRef(rowPtr, colIdx, values, n, xs, ys);
          return ys[0];
        },
        dispose: () => disposeAll([rng, a, x, y]),
      };
    },
  };
}

/**
 * f32 weights against f64 in WASM (the `js` column holds the f64 kernel): the same product with half
 * the weight bytes (f32 entries widened exactly, f64 sums), so a memory-bound product should approach
 * (8 + 4)/(4 + 4) = 1.5× for CSR (value + i32 index per entry) and 2× for dense.
 */
function f32Case(matrix: 'dense' | 'csr', n: number, perRow: number): BenchCase {
  return {
    kernel: matrix === 'dense' ? 'gemv-f32' : 'spmv-f32', n, nnz: matrix === 'dense' ? n * n : n * perRow, baseline: 'f64 weights',
    setup(rt, seed) {
      const rng = rt.rng(deriveSeed(seed, 'f32', matrix, n));
      const a64 = matrix === 'dense' ? denseGaussian(rt, rng, n, 1).matrix : randomCsr(rt, rng, n, perRow, 1).matrix;
      const a32 = rt.toF32(a64);
      const x = rng.normal(n);
      const y = rt.f64(n);
      return {
        wasm: () => a32.multiply(x, y).length,
        js: () => a64.multiply(x, y).length,
        dispose: () => disposeAll([rng, a64, a32, x, y]),
      };
    },
  };
}

/**
 * CSR16 (u16 column deltas) against CSR with i32 columns in WASM (the `js` column holds spmv_csr on the
 * same sorted rows): 10 instead of 12 bytes per entry, which pays once the matrix is far beyond the caches.
 */
function csr16Case(n: number, perRow: number): BenchCase {
  return {
    kernel: 'spmv-csr16', n, nnz: n * perRow, baseline: 'CSR i32 indices',
    setup(rt, seed) {
      const rng = rt.rng(deriveSeed(seed, 'csr16', n));
      const unsorted = randomCsr(rt, rng, n, perRow, 1).matrix;
      const a16 = rt.toCsr16(unsorted);
      const sorted = rt.csr(a16.toArrays());
      const x = rng.normal(n);
      const y = rt.f64(n);
      return {
        wasm: () => a16.multiply(x, y).length,
        js: () => sorted.multiply(x, y).length,
        dispose: () => disposeAll([rng, unsorted, a16, sorted, x, y]),
      };
    },
  };
}

function tanhCase(n: number): BenchCase {
  return {
    kernel: 'tanh', n, nnz: n,
    setup(rt, seed) {
      const rng = rt.rng(deriveSeed(seed, 'tanh', n));
      const x = rng.normal(n, 0, 2);
      const y = rt.f64(n);
      const [xs, ys] = [x.toArray(), new Float64Array(n)];
      return {
        wasm: () => { rt.core.act_tanh_f64(x.ptr, y.ptr, n); return n; },
        js: () => { tanhRef(xs, ys); return ys[0]; },
        dispose: () => disposeAll([rng, x, y]),
      };
    },
  };
}

/** One rate-network step (τ dx/dt = −x + J tanh(x) + b) on a dense or CSR J: WASM network vs the TS reference. */
function rateStepCase(integrator: Integrator, matrix: 'dense' | 'csr', n: number, perRow: number): BenchCase {
  return {
    kernel: `${integrator}-step-${matrix}`, n, nnz: matrix === 'dense' ? n * n : n * perRow,
    setup(rt, seed) {
      const rng = rt.rng(deriveSeed(seed, 'rate', matrix, n));
      const J = matrix === 'dense' ? denseGaussian(rt, rng, n, 1.5) : randomCsr(rt, rng, n, perRow, 1.5);
      const network = new RateNetwork(rt, { connectivity: J.matrix, bias: 0.1 }).randomizeState(deriveSeed(seed, 'x0'));
      const reference = new RateNetworkRef(J.reference, new Float64Array(n).fill(0.1));
      reference.x.set(network.state());
      return {
        wasm: () => { network.stepUnchecked(0.05, integrator); return n; },
        js: () => { reference.step(0.05, integrator); return reference.x[0]; },
        dispose: () => disposeAll([rng, J.matrix, network]),
      };
    },
  };
}

export function benchCases(quick: boolean): BenchCase[] {
  return quick
    ? [dotCase(10_000), gemvCase(250), gemvCase(1000), csrCase('spmv', 10_000, 100), csrCase('spmvT', 10_000, 100),
        tanhCase(100_000), rateStepCase('rk4', 'dense', 1000, 0), rateStepCase('euler', 'csr', 10_000, 100),
        f32Case('dense', 1000, 0), f32Case('csr', 10_000, 100), csr16Case(10_000, 100)]
    : [
        dotCase(1000), dotCase(100_000),
        gemvCase(250), gemvCase(500), gemvCase(1000), gemvCase(2000),
        csrCase('spmv', 10_000, 100), csrCase('spmv', 100_000, 100),
        csrCase('spmvT', 10_000, 100), csrCase('spmvT', 100_000, 100),
        tanhCase(1000), tanhCase(100_000),
        rateStepCase('rk4', 'dense', 1000, 0), rateStepCase('euler', 'dense', 1000, 0),
        rateStepCase('rk4', 'csr', 10_000, 100), rateStepCase('euler', 'csr', 10_000, 100),
        f32Case('dense', 1000, 0), f32Case('dense', 2000, 0), f32Case('csr', 10_000, 100), f32Case('csr', 100_000, 100),
        csr16Case(10_000, 100), csr16Case(100_000, 100),
      ];
}

async function medianMs(fn: Timed, timeMs: number): Promise<number> {
  const bench = new Bench({ time: timeMs, warmupTime: Math.min(100, timeMs / 2), iterations: 8 });
  bench.add('task', fn);
  await bench.run();
  const result = bench.tasks[0].result;
  if (!('latency' in result)) throw new Error(`bench: task did not complete (${result.state})`);
  return result.latency.p50;
}

export async function runKernelBench(rt: Runtime, options: BenchOptions = {}): Promise<BenchReport> {
  const quick = options.quick ?? false;
  const timeMs = options.timeMs ?? (quick ? 150 : 400);
  const cases = benchCases(quick);
  const results: BenchResult[] = [];
  for (const [i, c] of cases.entries()) {
    options.onCase?.(i, cases.length, `${c.kernel} n=${c.n}`);
    const { wasm, js, dispose } = c.setup(rt, options.seed ?? 'bench');
    try {
      const wasmMs = await medianMs(wasm, timeMs);
      const jsMs = await medianMs(js, timeMs);
      results.push({ kernel: c.kernel, n: c.n, nnz: c.nnz, wasmMs, jsMs, speedup: jsMs / wasmMs, ...(c.baseline ? { baseline: c.baseline } : {}) });
    } finally {
      dispose();
    }
  }
  options.onCase?.(cases.length, cases.length, 'done');
  return { results, env: benchEnv(rt, quick, timeMs) };
}

/** Where and how a benchmark ran (Node, V8, CPU, SIMD, build). */
export function benchEnv(rt: Runtime, quick: boolean, timeMsPerTask: number): BenchReport['env'] {
  return {
    node: process.version,
    v8: process.versions.v8,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    simd: rt.simd,
    build: rt.build,
    quick,
    timeMsPerTask,
    date: new Date().toISOString(),
  };
}
