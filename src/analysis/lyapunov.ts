/**
 * Lyapunov exponents of rate networks by tangent dynamics (Benettin et al. 1980; Engelken,
 * Wolf & Abbott 2023 for RNNs). Alongside x, k tangent vectors evolve under the Jacobian
 *   τ dv/dt = −v + J (φ′(x) ⊙ v)
 * with the same integrator and step. At each stage the state's input J φ(x) and the k tangents'
 * J (φ′ ⊙ v) come from one pass over J (multiplyRows: a single gemm_rows for dense J).
 * Every `renormEvery` time units the vectors are re-orthonormalised by modified Gram–Schmidt
 * (the QR step); after the transient, λ_j = Σ ln R_jj / (time accumulated). The first vector
 * alone gives λ_max. Standard error: the spread of λ over `segments` consecutive segments,
 * std/√segments (segments are nearly independent when each spans many correlation times).
 */
import { drive } from '../dynamics/driver.js';
import { type Integrator, RateNetwork, type RateNetworkParams } from '../dynamics/rate.js';
import { type Derivative, OdeScratch, odeStep, rowOf } from '../dynamics/integrate.js';
import { prepareRateRun } from '../dynamics/run.js';
import { multiplyRows, rowScratch } from '../linalg/operators.js';
import { deriveSeed, type Seed } from '../random/seed.js';
import type { Runtime } from '../runtime.js';
import { F64Buffer } from '../wasm/arena.js';
import { requireInt, requirePositive } from '../validate.js';

export interface LyapunovOptions {
  /** Total time, transient included. */
  t: number;
  transient?: number;
  dt?: number;
  integrator?: Integrator;
  /** Number of exponents (default 1: the largest). */
  k?: number;
  /** Time between re-orthonormalisations (default 1 τ). */
  renormEvery?: number;
  /** Segments for the standard error (default 10). */
  segments?: number;
  seed?: Seed;
  x0?: ArrayLike<number>;
  /** The run stops with a BlowUpError once some |x_i| reaches this (default 1e6). */
  stateLimit?: number;
  onProgress?: (stepsDone: number, stepsTotal: number) => void;
  signal?: AbortSignal;
}

export interface LyapunovResult {
  /** λ_1 ≥ λ_2 ≥ … ≥ λ_k (per unit time). */
  exponents: number[];
  lambdaMax: number;
  lambdaStdErr: number;
  /** λ_max estimated on each segment. */
  segmentEstimates: number[];
  params: { n: number; t: number; transient: number; dt: number; integrator: Integrator; k: number;
    renormEvery: number; segments: number; seed: Seed };
}

/** The k largest Lyapunov exponents of a rate network: tangent dynamics with QR re-orthonormalisation, ± standard error over segments. */
export async function lyapunovExponents(rt: Runtime, params: RateNetworkParams, options: LyapunovOptions): Promise<LyapunovResult> {
  const where = 'lyapunovExponents';
  using network = new RateNetwork(rt, params);
  const { n, tau } = network;
  const settings = prepareRateRun(where, network, options);
  const { t, dt, transient, integrator, seed } = settings;
  const k = requireInt(where, 'k', options.k ?? 1, 1, n);
  const renormEvery = requirePositive(where, 'renormEvery', options.renormEvery ?? tau);
  const segments = requireInt(where, 'segments', options.segments ?? 10, 1);
  const renormSteps = Math.max(1, Math.round(renormEvery / dt));
  const transientBlocks = Math.ceil(settings.transientSteps / renormSteps);
  const totalBlocks = Math.round(settings.totalSteps / renormSteps);
  const measuredBlocks = totalBlocks - transientBlocks;
  if (measuredBlocks < segments) {
    throw new RangeError(`${where}: only ${measuredBlocks} renormalisation intervals after the transient; need ≥ segments = ${segments}`);
  }

  const { core } = rt;
  // The k tangent vectors are the rows of one block, so that one QR kernel re-orthonormalises them.
  using tangentBlock = new F64Buffer(rt.arena, k * n, where);
  using rng = rt.rng(deriveSeed(seed, 'tangent'));
  rng.normalInto(tangentBlock);
  const tangents = Array.from({ length: k }, (_, j) => rowOf(tangentBlock, j, n));
  using logNorms = new F64Buffer(rt.arena, k, where);
  using qrScratch = new F64Buffer(rt.arena, 2 * k, where);
  using slope = new F64Buffer(rt.arena, n, where);
  // Rows of `gated`: φ(x), φ′(x) ⊙ v_1, …, φ′(x) ⊙ v_k; one pass over J gives all k + 1 inputs.
  using gated = new F64Buffer(rt.arena, (k + 1) * n, where);
  using inputs = new F64Buffer(rt.arena, (k + 1) * n, where);
  using scratch = new OdeScratch(rt.arena, n, k + 1);
  const J = network.connectivity;
  using rows = rowScratch(rt, J); // for operators without a one-pass product (allocated once, not per stage)
  const invTau = 1 / tau;
  const { kernel, derivativeKernel } = network.nonlinearity;

  // f(x, V) = ((−x + J φ(x) + b + I)/τ, [(−v + J(φ′(x) ⊙ v))/τ for v in V])
  const joint: Derivative = (states, time, out) => {
    const x = states[0];
    kernel(core, x.ptr, gated.ptr, n);
    derivativeKernel(core, x.ptr, slope.ptr, n);
    for (let j = 1; j <= k; j++) core.vec_mul_f64(n, slope.ptr, states[j].ptr, gated.ptr + 8 * j * n);
    multiplyRows(rt, J, gated, k + 1, inputs, rows);
    network.derivativeFrom(x, inputs, time, out[0]);
    for (let j = 1; j <= k; j++) core.rate_deriv_f64(n, states[j].ptr, inputs.ptr + 8 * j * n, 0, invTau, out[j].ptr);
  };

  /** QR of the tangent block (rows orthonormalised in place); returns ln R_jj. */
  const orthonormalise = (): Float64Array => {
    const failed = core.orth_qr_rows_f64(tangentBlock.ptr, k, n, logNorms.ptr, qrScratch.ptr, qrScratch.ptr + 8 * k);
    if (failed >= 0) {
      throw new Error(`${where}: tangent vector ${failed} degenerated at t = ${network.time}; reduce renormEvery`);
    }
    return logNorms.toArray().map(Math.log);
  };

  orthonormalise();
  const sums = new Float64Array(k);
  const perBlockMax: number[] = [];
  const states = [network.stateBuffer, ...tangents];
  const blockTime = renormSteps * dt;
  await drive(where, totalBlocks * renormSteps, {
    advance: (from, to) => {
      for (let s = from; s < to; s++) {
        odeStep(core, n, integrator, dt, network.time, states, scratch, joint);
        network.addNoise(dt);
        network.time += dt;
        if ((s + 1) % renormSteps !== 0) continue;
        const logs = orthonormalise();
        if ((s + 1) / renormSteps > transientBlocks) {
          for (let j = 0; j < k; j++) sums[j] += logs[j];
          perBlockMax.push(logs[0] / blockTime);
        }
      }
    },
    check: () => network.checkState(settings.stateLimit),
  }, { ...options, chunkSteps: settings.chunkSteps, describe: () => `t = ${network.time}` });

  const measuredTime = measuredBlocks * blockTime;
  const exponents = Array.from(sums, (s) => s / measuredTime);
  const perSegment = Math.floor(measuredBlocks / segments);
  const segmentEstimates = Array.from({ length: segments }, (_, m) => {
    const slice = perBlockMax.slice(m * perSegment, (m + 1) * perSegment);
    return slice.reduce((a, b) => a + b, 0) / slice.length;
  });
  const mean = segmentEstimates.reduce((a, b) => a + b, 0) / segments;
  const variance = segments > 1 ? segmentEstimates.reduce((a, b) => a + (b - mean) ** 2, 0) / (segments - 1) : Number.NaN;
  return {
    exponents,
    lambdaMax: exponents[0],
    lambdaStdErr: Math.sqrt(variance / segments),
    segmentEstimates,
    params: { n, t, transient, dt, integrator, k, renormEvery: renormSteps * dt, segments, seed },
  };
}
