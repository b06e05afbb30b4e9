/**
 * Lyapunov exponents of rate networks by tangent dynamics (Benettin et al. 1980; Engelken,
 * Wolf & Abbott 2023 for RNNs). Alongside x, k tangent vectors evolve under the Jacobian
 *   τ dv/dt = −v + J (φ′(x) ⊙ v)
 * with the same integrator and step (a matrix-free Jacobian–vector product per vector and stage).
 * Every `renormEvery` time units the vectors are re-orthonormalised by modified Gram–Schmidt
 * (the QR step); after the transient, λ_j = Σ ln R_jj / (time accumulated). The first vector
 * alone gives λ_max. Standard error: the spread of λ over `segments` consecutive segments,
 * std/√segments (segments are nearly independent when each spans many correlation times).
 */
import { type Integrator, INTEGRATORS, RateNetwork, type RateNetworkParams } from '../dynamics/rate.js';
import { type Derivative, OdeScratch, odeStep } from '../dynamics/integrate.js';
import { throwIfCancelled, yielder } from '../dynamics/run.js';
import { applyNonlinearityDerivativeRaw } from '../dynamics/nonlinearity.js';
import type { Seed } from '../random/seed.js';
import type { Runtime } from '../runtime.js';
import { disposeAll, F64Buffer } from '../wasm/arena.js';
import { requireFinite, requireFiniteArray, requireInt, requireOneOf, requirePositive } from '../validate.js';

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

export async function lyapunovExponents(rt: Runtime, params: RateNetworkParams, options: LyapunovOptions): Promise<LyapunovResult> {
  const where = 'lyapunovExponents';
  using network = new RateNetwork(rt, params);
  const { n, tau } = network;
  const t = requirePositive(where, 't', options.t);
  const transient = requireFinite(where, 'transient', options.transient ?? 0, 0);
  if (transient >= t) throw new RangeError(`${where}: t must exceed transient (got t = ${t}, transient = ${transient})`);
  const dt = requirePositive(where, 'dt', options.dt ?? 0.05 * tau);
  const integrator = requireOneOf(where, 'integrator', options.integrator ?? 'rk4', INTEGRATORS);
  if (integrator === 'euler' && dt >= tau) throw new RangeError(`${where}: dt must be < tau for the Euler integrator (got ${dt})`);
  const k = requireInt(where, 'k', options.k ?? 1, 1, n);
  const renormEvery = requirePositive(where, 'renormEvery', options.renormEvery ?? tau);
  const segments = requireInt(where, 'segments', options.segments ?? 10, 1);
  const seed = options.seed ?? 0;
  const renormSteps = Math.max(1, Math.round(renormEvery / dt));
  const transientBlocks = Math.ceil(Math.round(transient / dt) / renormSteps);
  const totalBlocks = Math.round(t / dt / renormSteps);
  const measuredBlocks = totalBlocks - transientBlocks;
  if (measuredBlocks < segments) {
    throw new RangeError(`${where}: only ${measuredBlocks} renormalisation intervals after the transient; need ≥ segments = ${segments}`);
  }

  if (options.x0 !== undefined) network.setState(requireFiniteArray(where, 'x0', options.x0));
  else network.randomizeState(`${seed}/x0`);
  if (network.noise > 0) network.seedNoise(`${seed}/noise`);

  const { core } = rt;
  const tangents = Array.from({ length: k }, () => new F64Buffer(rt.arena, n, where));
  using rng = rt.rng(`${seed}/tangent`);
  for (const v of tangents) rng.normalInto(v);
  using slope = new F64Buffer(rt.arena, n, where);
  using gated = new F64Buffer(rt.arena, n, where);
  using product = new F64Buffer(rt.arena, n, where);
  using scratch = new OdeScratch(rt.arena, n, k + 1);
  const J = network.connectivity;
  const invTau = 1 / tau;

  // f(x, V) = (f(x), [(−v + J(φ′(x) ⊙ v))/τ for v in V])
  const joint: Derivative = (states, time, out) => {
    network.derivative(states[0], time, out[0]);
    applyNonlinearityDerivativeRaw(rt, network.phi, states[0].ptr, slope.ptr, n);
    for (let j = 1; j <= k; j++) {
      core.rate_hadamard_f64(n, slope.ptr, states[j].ptr, gated.ptr);
      J.multiply(gated, product);
      core.rate_deriv_f64(n, states[j].ptr, product.ptr, 0, invTau, out[j].ptr);
    }
  };

  /** Modified Gram–Schmidt on the tangents; returns ln R_jj. */
  const orthonormalise = (): number[] => {
    const logs: number[] = [];
    for (let j = 0; j < k; j++) {
      const vj = tangents[j].ptr;
      for (let i = 0; i < j; i++) {
        const r = core.blas1_dot_f64(tangents[i].ptr, vj, n);
        core.blas1_axpy_f64(-r, tangents[i].ptr, vj, n);
      }
      const norm = core.blas1_nrm2_f64(vj, n);
      if (!(norm > 0) || !Number.isFinite(norm)) {
        throw new Error(`${where}: tangent vector ${j} degenerated (norm ${norm}) at t = ${network.time}; reduce renormEvery`);
      }
      core.blas1_scal_f64(1 / norm, vj, n);
      logs.push(Math.log(norm));
    }
    return logs;
  };

  orthonormalise();
  const sums = new Float64Array(k);
  const perBlockMax: number[] = [];
  const states = [network.stateBuffer, ...tangents];
  const blockTime = renormSteps * dt;
  const maybeYield = yielder();
  try {
    for (let block = 0; block < totalBlocks; block++) {
      throwIfCancelled(options.signal, where, `t = ${network.time}`);
      for (let s = 0; s < renormSteps; s++) {
        odeStep(core, n, integrator, dt, network.time, states, scratch, joint);
        network.addNoise(dt);
        network.time += dt;
      }
      network.checkFinite();
      const logs = orthonormalise();
      if (block >= transientBlocks) {
        for (let j = 0; j < k; j++) sums[j] += logs[j];
        perBlockMax.push(logs[0] / blockTime);
      }
      options.onProgress?.((block + 1) * renormSteps, totalBlocks * renormSteps);
      await maybeYield();
    }
  } finally {
    disposeAll(tangents);
  }

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
