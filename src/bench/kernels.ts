/**
 * Kernel benchmarks: each case times the WASM kernel and the pure-TS reference (src/reference)
 * on the same data, in one tinybench run, and reports medians and their ratio.
 */
import os from 'node:os';
import { Bench } from 'tinybench';
import { tanhRef } from '../reference/activation.js';
import { dotRef } from '../reference/blas1.js';
import { gemvRef } from '../reference/gemv.js';
import { spmvCsrRef, spmvCsrTRef } from '../reference/spmv.js';
import type { Rng } from '../random/rng.js';
import type { Runtime } from '../runtime.js';

export interface BenchResult {
  kernel: string;
  n: number;
  nnz: number;
  wasmMs: number;
  jsMs: number;
  speedup: number;
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

interface BenchCase {
  kernel: string;
  n: number;
  nnz: number;
  /** Builds the data, returns the two timed functions and a disposer. */
  setup(rt: Runtime, seed: number | string): { wasm: () => void; js: () => void; dispose: () => void };
}

/** Timed functions add a result into this module-level sum, so no engine can treat the work as dead. */
let sink = 0;

function dotCase(n: number): BenchCase {
  return {
    kernel: 'dot', n, nnz: n,
    setup(rt, seed) {
      const rng = rt.rng(`${seed}-dot-${n}`);
      const x = rng.normal(n);
      const y = rng.normal(n);
      const [xs, ys] = [x.toArray(), y.toArray()];
      return {
        wasm: () => { sink += rt.core.blas1_dot_f64(x.ptr, y.ptr, n); },
        js: () => { sink += dotRef(xs, ys); },
        dispose: () => [rng, x, y].forEach((h) => h.dispose()),
      };
    },
  };
}

function gemvCase(n: number): BenchCase {
  return {
    kernel: 'gemv', n, nnz: n * n,
    setup(rt, seed) {
      const rng = rt.rng(`${seed}-gemv-${n}`);
      const a = rt.dense(n, n);
      rng.normalInto(a.data, 0, 1 / Math.sqrt(n));
      const x = rng.normal(n);
      const y = rt.f64(n);
      const [as, xs, ys] = [a.data.toArray(), x.toArray(), new Float64Array(n)];
      return {
        wasm: () => { a.multiply(x, y); sink += y.view()[0]; },
        js: () => { gemvRef(as, n, n, xs, ys); sink += ys[0]; },
        dispose: () => [rng, a, x, y].forEach((h) => h.dispose()),
      };
    },
  };
}

/** CSR arrays with exactly `perRow` uniformly random columns per row (repeats allowed), weights N(0, 1/perRow). */
export function randomCsrArrays(rng: Rng, n: number, perRow: number): { rowPtr: Int32Array; colIdx: Int32Array; values: Float64Array } {
  const nnz = n * perRow;
  const rowPtr = Int32Array.from({ length: n + 1 }, (_, r) => r * perRow);
  const colIdx = new Int32Array(nnz);
  using u = rng.uniform(nnz);
  const uv = u.view();
  for (let k = 0; k < nnz; k++) colIdx[k] = Math.floor(uv[k] * n);
  using w = rng.normal(nnz, 0, 1 / Math.sqrt(perRow));
  return { rowPtr, colIdx, values: w.toArray() };
}

function csrCase(kernel: 'spmv' | 'spmvT', n: number, perRow: number): BenchCase {
  return {
    kernel, n, nnz: n * perRow,
    setup(rt, seed) {
      const rng = rt.rng(`${seed}-csr-${n}`);
      const { rowPtr, colIdx, values } = randomCsrArrays(rng, n, perRow);
      const a = rt.csr({ nRows: n, nCols: n, rowPtr, colIdx, values });
      const x = rng.normal(n);
      const y = rt.f64(n);
      const [xs, ys] = [x.toArray(), new Float64Array(n)];
      const product = kernel === 'spmv'
        ? { wasm: () => a.multiply(x, y), js: () => spmvCsrRef(rowPtr, colIdx, values, n, xs, ys) }
        : { wasm: () => a.multiplyTransposed(x, y), js: () => spmvCsrTRef(rowPtr, colIdx, values, n, n, xs, ys) };
      return {
        wasm: () => { product.wasm(); sink += y.view()[0]; },
        js: () => { product.js(); sink += ys[0]; },
        dispose: () => [rng, a, x, y].forEach((h) => h.dispose()),
      };
    },
  };
}

function tanhCase(n: number): BenchCase {
  return {
    kernel: 'tanh', n, nnz: n,
    setup(rt, seed) {
      const rng = rt.rng(`${seed}-tanh-${n}`);
      const x = rng.normal(n, 0, 2);
      const y = rt.f64(n);
      const [xs, ys] = [x.toArray(), new Float64Array(n)];
      return {
        wasm: () => { rt.core.act_tanh_f64(x.ptr, y.ptr, n); sink += y.view()[0]; },
        js: () => { tanhRef(xs, ys); sink += ys[0]; },
        dispose: () => [rng, x, y].forEach((h) => h.dispose()),
      };
    },
  };
}

export function benchCases(quick: boolean): BenchCase[] {
  return quick
    ? [dotCase(10_000), gemvCase(250), gemvCase(1000), csrCase('spmv', 10_000, 100), csrCase('spmvT', 10_000, 100), tanhCase(100_000)]
    : [
        dotCase(1000), dotCase(100_000),
        gemvCase(250), gemvCase(500), gemvCase(1000), gemvCase(2000),
        csrCase('spmv', 10_000, 100), csrCase('spmv', 100_000, 100),
        csrCase('spmvT', 10_000, 100), csrCase('spmvT', 100_000, 100),
        tanhCase(1000), tanhCase(100_000),
      ];
}

async function medianMs(fn: () => void, timeMs: number): Promise<number> {
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
      results.push({ kernel: c.kernel, n: c.n, nnz: c.nnz, wasmMs, jsMs, speedup: jsMs / wasmMs });
    } finally {
      dispose();
    }
  }
  options.onCase?.(cases.length, cases.length, 'done');
  return {
    results,
    env: {
      node: process.version,
      v8: process.versions.v8,
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.cpus().length,
      simd: rt.simd,
      build: rt.build,
      quick,
      timeMsPerTask: timeMs,
      date: new Date().toISOString(),
    },
  };
}
