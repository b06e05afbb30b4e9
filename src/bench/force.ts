/**
 * FORCE benchmarks: one RLS update at n = 1000 (RecursiveLeastSquares, whose kernel applies each
 * update to P in the next one's pass, vs the reference's loops, the same algorithm on the full P) and a whole readout-FORCE training run (n = 1000, sparse J
 * with p = 0.1, the four-harmonic target, 14 400 steps of dt = 0.1 τ, learning every 2 steps) by
 * trainReadoutForce and by the plain-TS loop of src/reference/force.ts from the same J, W_fb and x(0).
 */
import { deriveSeed } from '../random/seed.js';
import { lognormalNetwork } from '../connectivity/lognormal.js';
import { forceSeedOf, trainReadoutForce } from '../learning/force.js';
import { RecursiveLeastSquares } from '../learning/rls.js';
import { sinesTarget } from '../learning/targets.js';
import type { CsrMatrix } from '../linalg/csr.js';
import { readoutForceRef } from '../reference/force.js';
import { rlsInitRef, rlsUpdateRef } from '../reference/rls.js';
import type { Runtime } from '../runtime.js';
import { medianMs } from './connectivity.js';
import type { BenchResult } from './kernels.js';

export interface ForceBenchOptions {
  /** 1 440 training steps instead of 14 400. */
  quick?: boolean;
  seed?: number | string;
  onCase?: (done: number, total: number, label: string) => void;
}

/** Milliseconds per call of `fn`, the median over `runs` batches of `batch` calls. */
function perCallMs(runs: number, batch: number, fn: () => void): number {
  return medianMs(runs, () => {
    for (let b = 0; b < batch; b++) fn();
  }) / batch;
}

function rlsUpdateCase(rt: Runtime, seed: number | string): BenchResult {
  const n = 1000;
  return rt.scope(() => {
    const r = rt.rng(deriveSeed(seed, 'rls-r')).uniform(n);
    const e = rt.f64(1).fill(0.5);
    using rls = new RecursiveLeastSquares(rt, { n, m: 1, alpha: 1 });
    let sink = 0;
    const wasmMs = perCallMs(5, 40, () => {
      sink += rls.updateRaw(r.ptr, e.ptr);
    });
    const [pRef, rRef, wRef, eRef, kRef] = [new Float64Array(n * n), r.toArray(), new Float64Array(n), e.toArray(), new Float64Array(n)];
    rlsInitRef(n, pRef, 1);
    const jsMs = perCallMs(3, 8, () => {
      sink += rlsUpdateRef(n, 1, pRef, rRef, wRef, eRef, kRef);
    });
    if (!Number.isFinite(sink)) throw new Error('bench: RLS updates gave a non-finite gain');
    return { kernel: 'rls update (m = 1)', n, nnz: (n * (n + 1)) / 2, wasmMs, jsMs, speedup: jsMs / wasmMs };
  });
}

async function trainingRunCase(rt: Runtime, seed: number | string, quick: boolean): Promise<BenchResult & { trainError: number; jsTrainError: number }> {
  const n = 1000;
  const trainPeriods = quick ? 1 : 12;
  const target = sinesTarget();
  const wasm = await trainReadoutForce(rt, { n, target, trainPeriods, testPeriods: 1, seed, keepConnectivity: false });
  // The same J, W_fb and x(0) as the WASM run (same seeds), handed to the plain-TS loop.
  using net = lognormalNetwork(rt, { n, k: 0.1 * n, cv: 0, g: 1.5, seed: forceSeedOf(seed, 'J') });
  const J = (net.matrix as CsrMatrix).toArrays();
  const x0 = rt.scope(() => rt.rng(forceSeedOf(seed, 'x0')).normal(n, 0, 0.5).toArray());
  const steps = trainPeriods * 1200;
  const started = performance.now();
  const js = readoutForceRef({
    n, m: 1, rowPtr: J.rowPtr, colIdx: J.colIdx, values: J.values, feedback: wasm.weights.feedback, x0, target: target.values,
    dt: 0.1, alpha: 1, learnEvery: 2, steps,
  });
  const jsMs = performance.now() - started;
  const lastPeriodError = (mse: Float64Array) => {
    const f = target.values;
    const mean = f.reduce((s, v) => s + v, 0) / f.length;
    const spread = f.reduce((s, v) => s + (v - mean) ** 2, 0);
    return Math.sqrt(mse.subarray(steps - 1200, steps).reduce((s, v) => s + v, 0) / spread);
  };
  return {
    kernel: `readout FORCE run (${steps} steps)`, n, nnz: J.colIdx.length, wasmMs: wasm.timing.trainMs, jsMs,
    speedup: jsMs / wasm.timing.trainMs, trainError: wasm.trainError, jsTrainError: lastPeriodError(js.meanSquaredError),
  };
}

export async function runForceBench(rt: Runtime, options: ForceBenchOptions = {}): Promise<BenchResult[]> {
  const seed = options.seed ?? 'bench';
  options.onCase?.(0, 2, 'rls update n=1000');
  const rls = rlsUpdateCase(rt, seed);
  options.onCase?.(1, 2, 'readout FORCE training run n=1000');
  const run = await trainingRunCase(rt, seed, options.quick ?? false);
  options.onCase?.(2, 2, 'done');
  return [rls, run];
}
