/**
 * Spiking benchmarks (`rnnkit bench --suite spiking`): simulated seconds of the founding study's
 * mixed network (p_QIF = 0.5, J_c = 10, ~26 Hz, Euler, dt = 0.1 ms, w = J_c ξ/√(pN), p = 0.1) at
 * N = 1000 (1e5 synapses) and N = 10⁴ (1e7 synapses), and f32 against f64 weights at 10⁷ synapses (f32Case): SpikingNetwork.run (the multi-step WASM
 * kernel through the shared driver) against the plain-TS reference kernel on the same network,
 * v(0) and types, in one run. wasmMs/jsMs are CPU milliseconds per simulated second (process
 * CPU time in Node, so that a shared machine does not inflate them; wall time where it is not
 * available), the peers' measure too; wall-clock figures are kept beside them. The WASM runs
 * follow a warm-up run that lets V8 tier the kernel up.
 *
 * Spiking FORCE (Nicola & Clopath's LIF preset, N = 2000, dt = 0.05 ms, RLS every 2.5 ms on the full
 * 2000×2000 P): CPU seconds per simulated second of training, trainSpikingForce against the plain-TS loop
 * of src/reference/spiking-force.ts on the same Ω, E and v(0). The WASM clocks are read at progress
 * reports inside the training window (building Ω and the frozen test period stay out); the reference
 * times its training loop alone.
 */
import { lognormalNetwork } from '../connectivity/lognormal.js';
import { sparseGaussianNetwork } from '../connectivity/sparse-gaussian.js';
import { SpikingNetwork } from '../dynamics/spiking.js';
import { toInternal, typeLayout } from '../dynamics/spiking-params.js';
import type { CsrMatrix } from '../linalg/csr.js';
import { deriveSeed } from '../random/seed.js';
import { spikingPresynapticCsrRef, spikingRunRef } from '../reference/spiking.js';
import { spikingForceSetup, trainSpikingForce } from '../learning/spiking-force.js';
import { sinesTarget } from '../learning/targets.js';
import { spikingForceRef } from '../reference/spiking-force.js';
import type { Runtime } from '../runtime.js';
import { SPIKING_INTEGRATORS } from '../wasm/abi.js';
import type { BenchResult } from './kernels.js';

export interface SpikingBenchOptions {
  /** N = 1000 only, 200 ms runs. */
  quick?: boolean;
  seed?: number | string;
  onCase?: (done: number, total: number, label: string) => void;
}

export interface SpikingBenchResult extends BenchResult {
  /** Mean rate of the timed WASM run (Hz): the workload is comparable only at similar rates. */
  rateHz: number;
  /** CPU seconds per simulated second (WASM, reference) and wall-clock seconds per simulated second. */
  wasmSecondsPerSecond: number;
  jsSecondsPerSecond: number;
  wasmWallSecondsPerSecond: number;
  jsWallSecondsPerSecond: number;
  /** The rate of the baseline run (BenchResult.baseline: 'f64 weights' for the f32 row's WASM f64 run). */
  baselineRateHz?: number;
}

/** CPU milliseconds of this process (Node), or null where no such clock exists (browsers). */
function cpuMs(): number | null {
  const usage = (globalThis as { process?: { cpuUsage?: () => { user: number; system: number } } }).process?.cpuUsage?.();
  return usage ? (usage.user + usage.system) / 1000 : null;
}

/** Runs `fn` and returns its [CPU ms (wall ms if unavailable), wall ms]. */
async function timed(fn: () => Promise<void> | void): Promise<[number, number]> {
  const cpu0 = cpuMs();
  const wall0 = performance.now();
  await fn();
  const wall = performance.now() - wall0;
  const cpu1 = cpuMs();
  return [cpu0 === null || cpu1 === null ? wall : cpu1 - cpu0, wall];
}

/**
 * Times `runs` runs of tMs from the network's present state (after a 100 ms warm-up: V8 compiles
 * WASM with its baseline tier first and swaps in optimised code for later calls); the median CPU
 * and wall milliseconds per simulated second, the state it started from and the last run's rate.
 */
async function timeRuns(net: SpikingNetwork, tMs: number, runs: number) {
  const start = net.state();
  await net.run({ tMs: 100, keepSpikes: false, chunkSteps: 50 });
  const times: [number, number][] = [];
  let spikes = 0;
  for (let r = 0; r < runs; r++) {
    net.setState({ v: start.v, I: new Float64Array(net.n) });
    times.push(await timed(async () => {
      spikes = (await net.run({ tMs, keepSpikes: false })).nSpikes;
    }));
  }
  const median = (k: 0 | 1) => times.map((t) => t[k]).sort((a, b) => a - b)[Math.floor(runs / 2)] / (tMs / 1000);
  return { cpuMs: median(0), wallMs: median(1), start, rateHz: spikes / net.n / (tMs / 1000) };
}

async function networkCase(rt: Runtime, n: number, tMs: number, jsTMs: number, runs: number, seed: number | string): Promise<SpikingBenchResult> {
  using weights = sparseGaussianNetwork(rt, { n, p: 0.1, g: 10, seed: deriveSeed(seed, 'spiking-bench', n) });
  using net = new SpikingNetwork(rt, { weights, fracQif: 0.5, seed: deriveSeed(seed, 'spiking-bench', n) });
  const { cpuMs: wasmMs, wallMs, start, rateHz } = await timeRuns(net, tMs, runs);
  // The plain-TS reference on the same network and v(0) (refractory counters and delays off, as here).
  const csr = (weights.matrix as CsrMatrix).toArrays();
  const layout = typeLayout(net.types);
  const preRowPtr = new Int32Array(n + 1);
  const postIdx = new Int32Array(csr.colIdx.length);
  const w = new Float64Array(csr.colIdx.length);
  spikingPresynapticCsrRef(n, n, csr.rowPtr, csr.colIdx, csr.values, layout.internal, preRowPtr, new Int32Array(n), postIdx, w);
  const mu = toInternal(Float64Array.from(net.types, (t) => (t ? net.typeParams.qif.muMv : net.typeParams.lif.muMv)), layout);
  const v = toInternal(start.v, layout);
  const capacity = 4 * n + 65_536;
  const pairs = new Int32Array(2 * capacity);
  const status = new Int32Array(1);
  const steps = Math.round(jsTMs / net.dtMs);
  const cur = new Float64Array(n);
  const refr = new Int32Array(n);
  const scratch = new Int32Array(n);
  const none = { i32: new Int32Array(0), f64: new Float64Array(0) };
  const [jsCpu, jsWall] = await timed(() => {
    for (let s = 0; s < steps; ) {
      s += spikingRunRef(
        n, layout.nLif, layout.glmFrom, layout.perm, mu, net.table, SPIKING_INTEGRATORS.euler, v, cur, refr, null, preRowPtr, postIdx, w,
        0, none.i32, none.i32, none.i32, 0, none.f64, s, steps - s, pairs, capacity, status, scratch,
      );
    }
  });
  const jsMs = jsCpu / (jsTMs / 1000);
  return {
    kernel: `spiking network, 1 s (p_QIF = 0.5, J_c = 10)`, n, nnz: net.nnz, wasmMs, jsMs, speedup: jsMs / wasmMs,
    rateHz, wasmSecondsPerSecond: wasmMs / 1000, jsSecondsPerSecond: jsMs / 1000,
    wasmWallSecondsPerSecond: wallMs / 1000, jsWallSecondsPerSecond: jsWall / (jsTMs / 1000) / 1000,
  };
}

/**
 * f32 against f64 weights (the row's wasm… fields are the f32 network, its js… fields the f64 one,
 * both WASM): the same lognormal network (N = 10⁴, K = 1000, weights N(0, g²/K) with g = 10, the
 * founding study's J_c = 10) generated in each dtype from one seed, f32 simulated directly. With
 * 10⁷ synapses (120 MB of postIdx + f64 weights, 80 MB with f32) each spike's K targets are read
 * from memory far beyond the caches, so the weights dominate the traffic: 12 → 8 bytes a synapse
 * bounds the speed-up by 1.5×.
 */
export async function f32Case(rt: Runtime, n: number, k: number, tMs: number, runs: number, seed: number | string): Promise<SpikingBenchResult> {
  const timings = [];
  for (const dtype of ['f32', 'f64'] as const) {
    using weights = lognormalNetwork(rt, { n, k, g: 10, dtype, seed: deriveSeed(seed, 'spiking-bench-f32', n) });
    using net = new SpikingNetwork(rt, { weights, fracQif: 0.5, seed: deriveSeed(seed, 'spiking-bench-f32', n) });
    timings.push({ ...(await timeRuns(net, tMs, runs)), nnz: net.nnz });
  }
  const [f32, f64] = timings;
  return {
    kernel: 'spiking network, 1 s, f32 weights (wasm) vs f64 weights (js fields, WASM too)', n, nnz: f32.nnz,
    wasmMs: f32.cpuMs, jsMs: f64.cpuMs, speedup: f64.cpuMs / f32.cpuMs, rateHz: f32.rateHz, baseline: 'f64 weights', baselineRateHz: f64.rateHz,
    wasmSecondsPerSecond: f32.cpuMs / 1000, jsSecondsPerSecond: f64.cpuMs / 1000,
    wasmWallSecondsPerSecond: f32.wallMs / 1000, jsWallSecondsPerSecond: f64.wallMs / 1000,
  };
}

/** Spiking FORCE training at N = 2000 (see the file comment): WASM over tMs of training, the reference over jsTMs. */
async function spikingForceCase(rt: Runtime, tMs: number, jsTMs: number, seed: number | string): Promise<SpikingBenchResult> {
  const n = 2000;
  // A 20 ms period keeps the compulsory frozen test period short; the work per step does not depend on the target.
  const target = sinesTarget({ dt: 0.05, period: 20, amplitudes: [1], scale: 1 });
  // The paper's LIF values (RLS every 2.5 ms, Q = 10), as bench/results/spiking.json and their MATLAB timings; the
  // readout default for LIF (SPIKING_FORCE_LIF_READOUT) updates every 1.25 ms, about twice the RLS work.
  const base = { target, n, Q: 10, learnEveryMs: 2.5, warmUpPeriods: 0, testPeriods: 1, seed: deriveSeed(seed, 'spiking-force-bench'), recordOutputs: 0 };
  if (!(tMs > 40 && jsTMs > 0)) throw new RangeError('spikingForceCase: tMs must exceed the first 20 ms chunk twice');
  // CPU and wall clocks read at the progress reports after the first chunk and at the end of training, so that
  // building Ω, V8's tier-up during the first chunk and the frozen test period stay out of the figure.
  const chunkSteps = 400;
  const marks: Record<number, [number, number]> = {};
  const trainSteps = Math.round(tMs / 0.05);
  const wasmRun = await trainSpikingForce(rt, {
    ...base, trainPeriods: Math.round(tMs / 20), chunkSteps,
    onProgress: (done) => {
      if (done === chunkSteps || done === trainSteps) marks[done] = [cpuMs() ?? performance.now(), performance.now()];
    },
  });
  const timedSeconds = (trainSteps - chunkSteps) * 0.05 / 1000;
  const wasmMs = (marks[trainSteps][0] - marks[chunkSteps][0]) / timedSeconds;
  const wasmWallMs = (marks[trainSteps][1] - marks[chunkSteps][1]) / timedSeconds;
  const { settings: S, network: net } = spikingForceSetup(rt, { ...base, trainPeriods: 1 });
  const input = {
    n, nLif: net.nLif, m: 1, ...net.omega, encoder: net.encoder, table: net.table, v0: net.v0, bias: net.bias, target: target.values,
    dtMs: S.dtMs, tauRiseMs: S.tauRiseMs, tauDecayMs: S.tauDecayMs, alpha: S.alpha, learnEvery: S.learnEvery,
    warmUpSteps: 0, trainSteps: Math.round(jsTMs / S.dtMs),
  };
  const [jsCpu, jsWall] = await timed(() => {
    spikingForceRef(input);
  });
  const jsMs = jsCpu / (jsTMs / 1000);
  return {
    kernel: 'spiking FORCE training, 1 s (LIF preset, RLS every 2.5 ms)', n, nnz: net.omega.values.length, wasmMs, jsMs, speedup: jsMs / wasmMs,
    rateHz: wasmRun.meanRateHz.train, wasmSecondsPerSecond: wasmMs / 1000, jsSecondsPerSecond: jsMs / 1000,
    wasmWallSecondsPerSecond: wasmWallMs / 1000, jsWallSecondsPerSecond: jsWall / jsTMs,
  };
}

export async function runSpikingBench(rt: Runtime, options: SpikingBenchOptions = {}): Promise<SpikingBenchResult[]> {
  const seed = options.seed ?? 'bench';
  const quick = options.quick ?? false;
  const cases = quick ? [{ n: 1000, tMs: 200, jsTMs: 100, runs: 1 }] : [{ n: 1000, tMs: 1000, jsTMs: 1000, runs: 5 }, { n: 10_000, tMs: 1000, jsTMs: 200, runs: 3 }];
  const f32 = quick ? { n: 1000, k: 100, tMs: 200, runs: 1 } : { n: 10_000, k: 1000, tMs: 1000, runs: 3 };
  const total = cases.length + 2;
  const results = [];
  for (const [i, c] of cases.entries()) {
    options.onCase?.(i, total, `spiking n=${c.n}`);
    results.push(await networkCase(rt, c.n, c.tMs, c.jsTMs, c.runs, seed));
  }
  options.onCase?.(cases.length, total, `spiking f32 vs f64 n=${f32.n}`);
  results.push(await f32Case(rt, f32.n, f32.k, f32.tMs, f32.runs, seed));
  options.onCase?.(cases.length + 1, total, 'spiking FORCE n=2000');
  results.push(await spikingForceCase(rt, quick ? 100 : 1000, quick ? 20 : 200, seed));
  options.onCase?.(total, total, 'done');
  return results;
}
