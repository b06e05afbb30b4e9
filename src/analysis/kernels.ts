/**
 * Empirical kernels of finite-width deep and recurrent networks (the architectures of
 * theory/kernels.ts): for each of `draws` independent weight draws of width n, the kernel
 * K̂_ab = (1/n) Σ_i h_i(a) h_i(b) of two inputs at every layer/time, and the recurrent two-time
 * kernel K̂(t, s) = (1/n) Σ_i h_i^t(a) h_i^s(a) (the deep network's cross-layer kernel too, which
 * the theory puts at 0). Products run in WASM (both inputs in one pass over W).
 *
 * Draws are paired: draw d of both architectures uses the same input pre-activations h⁰ and the
 * same first layer (W⁰ = W, b⁰ = b), so they agree exactly at step 1 and differ only from step 2,
 * where the recurrent network reuses W and the deep one draws fresh weights. The spread of K̂
 * across draws is O(n^{-1/2}) for both; reusing W correlates the fluctuations of successive steps,
 * which makes the recurrent spread the larger one (Segadlo et al., arXiv 2112.05589).
 */
import { gaussianNetwork } from '../connectivity/gaussian.js';
import type { Network } from '../connectivity/network.js';
import { NONLINEARITIES, type NonlinearityName, nonlinearity } from '../dynamics/nonlinearity.js';
import { multiplyRows } from '../linalg/operators.js';
import { deriveSeed, type Seed } from '../random/seed.js';
import type { Runtime } from '../runtime.js';
import { equalTimeKernel, type KernelPair, recurrentTwoTimeKernel, requireKernelParams } from '../theory/kernels.js';
import { requireInt, requireOneOf, requireOptions } from '../validate.js';
import { F64Buffer } from '../wasm/arena.js';
import { spread } from './statistics.js';

export const KERNEL_ARCHITECTURES = ['deep', 'recurrent'] as const;
export type KernelArchitecture = (typeof KERNEL_ARCHITECTURES)[number];

export interface EmpiricalKernelOptions {
  /** Width n (≥ 2; dense weights, so at most a few thousand). */
  n: number;
  /** Independent weight draws (≥ 2). */
  draws: number;
  phi?: NonlinearityName;
  sigmaW: number;
  sigmaB: number;
  /** Layers or time steps after the input. */
  steps: number;
  input: KernelPair;
  seed?: Seed;
  onProgress?: (drawsDone: number, drawsTotal: number) => void;
}

/** Mean and standard deviation across draws of one kernel entry per layer/time. */
export interface KernelSeries {
  mean: Float64Array;
  std: Float64Array;
}

export interface EmpiricalKernel {
  architecture: KernelArchitecture;
  n: number;
  draws: number;
  /** K̂_aa, K̂_bb, K̂_ab at steps 0 … steps. */
  qa: KernelSeries;
  qb: KernelSeries;
  c: KernelSeries;
  /** K̂(t, s) for input a, (steps + 1)² row-major. */
  twoTime: KernelSeries;
}

const KEYS = ['n', 'draws', 'phi', 'sigmaW', 'sigmaB', 'steps', 'input', 'seed', 'onProgress'];

/** Largest width: draws × steps dense n×n matrices are generated. */
export const MAX_KERNEL_WIDTH = 4096;

/** The empirical kernels of both architectures from the same (paired) draws. */
export function empiricalKernels(rt: Runtime, options: EmpiricalKernelOptions): Record<KernelArchitecture, EmpiricalKernel> {
  const where = 'empiricalKernels';
  requireOptions(where, options, KEYS);
  const n = requireInt(where, 'n', options.n, 2, MAX_KERNEL_WIDTH);
  const draws = requireInt(where, 'draws', options.draws, 2);
  const phiName = requireOneOf(where, 'phi', options.phi ?? 'tanh', NONLINEARITIES);
  const phi = nonlinearity(phiName);
  requireKernelParams(where, { ...options, phi });
  const { sigmaW, sigmaB, steps, input } = options;
  const seed = options.seed ?? 0;
  const m = steps + 1;
  // samples[arch][entry][step·draws + draw]; entry 0..2 = qa, qb, c; twoTime[arch][(t·m + s)·draws + draw]
  const samples = KERNEL_ARCHITECTURES.map(() => [0, 1, 2].map(() => new Float64Array(m * draws)));
  const twoTime = KERNEL_ARCHITECTURES.map(() => new Float64Array(m * m * draws));
  const { core } = rt;
  using h = new F64Buffer(rt.arena, 2 * n, where);
  using activity = new F64Buffer(rt.arena, 2 * n, where);
  using bias = new F64Buffer(rt.arena, n, where);
  const history = new Float64Array(m * n);
  const drawBias = (biasSeed: Seed) => {
    using rng = rt.rng(biasSeed);
    rng.normalInto(bias, 0, sigmaB);
  };
  const weights = (draw: number, layer: number): Network =>
    gaussianNetwork(rt, { n, g: sigmaW, selfCoupling: true, seed: deriveSeed(seed, 'weights', draw, layer) });

  for (let draw = 0; draw < draws; draw++) {
    KERNEL_ARCHITECTURES.forEach((architecture, a) => {
      inputPreactivations(rt, h, n, input, deriveSeed(seed, 'input', draw));
      let shared: Network | null = architecture === 'recurrent' ? weights(draw, 0) : null;
      try {
        for (let t = 0; t < m; t++) {
          if (t > 0) {
            // h ← W φ(h) + b for both inputs (rows a and b)
            phi.kernel(core, h.ptr, activity.ptr, 2 * n);
            const layer = t - 1;
            using fresh = shared === null ? weights(draw, layer) : null;
            multiplyRows(rt, shared ?? (fresh as Network), activity, 2, h);
            if (t === 1 || architecture === 'deep') drawBias(deriveSeed(seed, 'bias', draw, layer));
            core.blas1_axpy_f64(1, bias.ptr, h.ptr, n);
            core.blas1_axpy_f64(1, bias.ptr, h.ptr + 8 * n, n);
          }
          const ha = h.ptr;
          const hb = h.ptr + 8 * n;
          samples[a][0][t * draws + draw] = core.blas1_dot_f64(ha, ha, n) / n;
          samples[a][1][t * draws + draw] = core.blas1_dot_f64(hb, hb, n) / n;
          samples[a][2][t * draws + draw] = core.blas1_dot_f64(ha, hb, n) / n;
          history.set(h.view().subarray(0, n), t * n);
        }
      } finally {
        shared?.dispose();
        shared = null;
      }
      for (let t = 0; t < m; t++) {
        for (let s = 0; s < m; s++) {
          let sum = 0;
          for (let i = 0; i < n; i++) sum += history[t * n + i] * history[s * n + i];
          twoTime[a][(t * m + s) * draws + draw] = sum / n;
        }
      }
    });
    options.onProgress?.(draw + 1, draws);
  }
  const series = (values: Float64Array, count: number): KernelSeries => {
    const mean = new Float64Array(count);
    const std = new Float64Array(count);
    for (let k = 0; k < count; k++) {
      const s = spread(values.subarray(k * draws, (k + 1) * draws));
      mean[k] = s.mean;
      std[k] = s.sd;
    }
    return { mean, std };
  };
  const result = (a: number): EmpiricalKernel => ({
    architecture: KERNEL_ARCHITECTURES[a], n, draws,
    qa: series(samples[a][0], m), qb: series(samples[a][1], m), c: series(samples[a][2], m),
    twoTime: series(twoTime[a], m * m),
  });
  return { deep: result(0), recurrent: result(1) };
}

/**
 * h⁰ for inputs a, b: n i.i.d. pairs with Var = qa, qb and Cov = c, from z₁, z₂ ~ N(0, 1):
 * h(a) = √qa z₁, h(b) = √qb (ρ z₁ + √(1 − ρ²) z₂), ρ = c/√(qa qb).
 */
function inputPreactivations(rt: Runtime, h: F64Buffer, n: number, input: KernelPair, seed: Seed): void {
  using rng = rt.rng(seed);
  rng.normalInto(h);
  const v = h.view();
  const rho = input.qa > 0 && input.qb > 0 ? input.c / Math.sqrt(input.qa * input.qb) : 0;
  const along = Math.sqrt(input.qb) * rho;
  const across = Math.sqrt(input.qb * Math.max(0, 1 - rho * rho));
  const sa = Math.sqrt(input.qa);
  for (let i = 0; i < n; i++) {
    const z1 = v[i];
    v[i] = sa * z1;
    v[n + i] = along * z1 + across * v[n + i];
  }
}

export interface KernelStudyOptions extends Omit<EmpiricalKernelOptions, 'n' | 'onProgress'> {
  /** Widths to compare (each ≥ 2), e.g. [50, 100, 200, 400]. */
  widths: readonly number[];
  onProgress?: (widthsDone: number, widthsTotal: number) => void;
}

/** One architecture at one width, against the theory. */
export interface KernelAgreement {
  n: number;
  /** max over steps of |mean K̂_ab − K_ab| in standard errors std/√draws (≈ N(0, 1) each if unbiased). */
  maxDeviationSe: number;
  /** The same for the two-time kernel K̂(t, s), t ≠ s, against the recurrent theory (deep: against 0). */
  maxTwoTimeDeviationSe: number;
  /** std of K̂_ab across draws at the last step (the spread); × √n should not depend on n. */
  spread: number;
}

export interface KernelStudy {
  theory: { equalTime: KernelPair[]; recurrentTwoTime: Float64Array };
  widths: number[];
  deep: KernelAgreement[];
  recurrent: KernelAgreement[];
  /** Least-squares slope of ln(spread) against ln n per architecture: −1/2 for spread ∝ n^{-1/2}. */
  spreadExponent: Record<KernelArchitecture, number>;
  /** Recurrent spread / deep spread at each width (> 1: the recurrent kernel scatters more). */
  spreadRatio: number[];
  /** The empirical kernels at the largest width (for plots). */
  largest: Record<KernelArchitecture, EmpiricalKernel>;
}

/**
 * Theory beside simulation: the recursions of theory/kernels.ts, the empirical kernels of both
 * architectures at each width, their deviations from the theory in standard errors, and the
 * spread's scaling with n.
 */
export function kernelStudy(rt: Runtime, options: KernelStudyOptions): KernelStudy {
  const where = 'kernelStudy';
  const { widths, onProgress, ...rest } = options;
  if (!Array.isArray(widths) || widths.length === 0) throw new RangeError(`${where}: widths must be a non-empty array of integers ≥ 2`);
  for (const [i, n] of widths.entries()) requireInt(where, `widths[${i}]`, n, 2, MAX_KERNEL_WIDTH);
  const phi = nonlinearity(requireOneOf(where, 'phi', rest.phi ?? 'tanh', NONLINEARITIES));
  const recursion = { phi, sigmaW: rest.sigmaW, sigmaB: rest.sigmaB, steps: rest.steps, input: rest.input };
  const equalTime = equalTimeKernel(recursion);
  const recurrentTwoTime = recurrentTwoTimeKernel(recursion);
  const m = rest.steps + 1;
  const agreement = (k: EmpiricalKernel): KernelAgreement => {
    const root = Math.sqrt(k.draws);
    let maxDeviationSe = 0;
    for (let t = 1; t < m; t++) {
      maxDeviationSe = Math.max(maxDeviationSe, Math.abs(k.c.mean[t] - equalTime[t].c) / (k.c.std[t] / root));
    }
    let maxTwoTimeDeviationSe = 0;
    for (let t = 1; t < m; t++) {
      for (let s = t + 1; s < m; s++) {
        const expected = k.architecture === 'recurrent' ? recurrentTwoTime[t * m + s] : 0;
        maxTwoTimeDeviationSe = Math.max(maxTwoTimeDeviationSe, Math.abs(k.twoTime.mean[t * m + s] - expected) / (k.twoTime.std[t * m + s] / root));
      }
    }
    return { n: k.n, maxDeviationSe, maxTwoTimeDeviationSe, spread: k.c.std[m - 1] };
  };
  const runs = widths.map((n, i) => {
    const kernels = empiricalKernels(rt, { ...rest, n, seed: deriveSeed(rest.seed ?? 0, 'width', n) });
    onProgress?.(i + 1, widths.length);
    return kernels;
  });
  const deep = runs.map((k) => agreement(k.deep));
  const recurrent = runs.map((k) => agreement(k.recurrent));
  const largest = runs[widths.indexOf(Math.max(...widths))];
  const exponent = (rows: KernelAgreement[]) => logSlope(rows.map((r) => r.n), rows.map((r) => r.spread));
  return {
    theory: { equalTime, recurrentTwoTime }, widths: [...widths], deep, recurrent,
    spreadExponent: { deep: exponent(deep), recurrent: exponent(recurrent) },
    spreadRatio: recurrent.map((r, i) => r.spread / deep[i].spread),
    largest,
  };
}

/** Least-squares slope of ln y against ln x (NaN for fewer than two distinct x). */
function logSlope(x: number[], y: number[]): number {
  const lx = x.map(Math.log);
  const ly = y.map(Math.log);
  const mx = lx.reduce((s, v) => s + v, 0) / lx.length;
  const my = ly.reduce((s, v) => s + v, 0) / ly.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < lx.length; i++) {
    sxy += (lx[i] - mx) * (ly[i] - my);
    sxx += (lx[i] - mx) ** 2;
  }
  return sxx > 0 ? sxy / sxx : Number.NaN;
}
