/**
 * Population activity and pairwise cross-covariances of a rate network, computed while it runs
 * (memory O(N + P) for P pairs, never N×N).
 *
 * The population activity is m(t) = (1/N) Σ_i a_i(t), a = φ(x) (default) or x, sampled every
 * sampleDt after the transient; its autocovariance N·Cov(m(t), m(t + τ)) is the biased FFT estimate
 * (mean removed, divided by T) of analysis/timescales.ts, times N.
 *
 * Mean cross-covariance over all N(N − 1) ordered pairs, exactly, from the identity
 *   Σ_{i≠j} C_ij = N²·Var(m) − Σ_i Var(a_i)
 * (both sides with the same 1/T sample covariances), so it needs only m(t) and the per-unit variances.
 *
 * Distribution: the sample covariances C_ab of P pairs (a ≠ b) drawn uniformly with replacement
 * (every pair when N(N − 1)/2 ≤ maxPairs). Drawn pairs are i.i.d. draws from the finite population
 * of all pair covariances, so the Dvoretzky–Kiefer–Wolfowitz inequality (Massart's constant) bounds the
 * error of every quantile's rank: sup_c |F̂_P(c) − F(c)| ≤ √(ln(2/α)/(2P)) with probability 1 − α
 * (reported for α = 0.05), whatever the shape of the distribution. The mean square of the cross-
 * covariances is estimated across two independent halves of the run, mean_ab C^A_ab·C^B_ab, which
 * removes the sampling noise (∝ τ_c/T) that inflates mean_ab C_ab² (THEORY.md §4's cross-block idea).
 */
import { drive } from '../dynamics/driver.js';
import { NONLINEARITIES, type NonlinearityName } from '../dynamics/nonlinearity.js';
import { RateNetwork } from '../dynamics/rate.js';
import { prepareRateRun } from '../dynamics/run.js';
import type { LinearOperator } from '../linalg/operator.js';
import { deriveSeed, type Seed } from '../random/seed.js';
import type { Runtime } from '../runtime.js';
import { requireInt, requireOneOf, requireOptions, requirePositive } from '../validate.js';
import { quantile } from './statistics.js';
import { autocorrelation } from './timescales.js';

export const ACTIVITY_VARIABLES = ['phi', 'x'] as const;
export type ActivityVariable = (typeof ACTIVITY_VARIABLES)[number];

export interface PopulationCorrelationOptions {
  phi?: NonlinearityName;
  /** The activity a_i: φ(x_i) (default) or x_i. */
  variable?: ActivityVariable;
  /** Duration (transient included), transient, step and sampling interval (defaults 450, 50, 0.1, 0.5; units of τ). */
  t?: number;
  transient?: number;
  dt?: number;
  sampleDt?: number;
  /** Largest lag of the population autocovariance (default min(40, half the recording)). */
  maxLag?: number;
  /** Pairs sampled for the distribution (default 20 000); all pairs when N(N − 1)/2 ≤ this. */
  maxPairs?: number;
  /** Histogram bins (default 40). */
  bins?: number;
  seed?: Seed;
  onProgress?: (stepsDone: number, stepsTotal: number) => void;
  signal?: AbortSignal;
}

export interface PopulationCorrelations {
  n: number;
  variable: ActivityVariable;
  samples: number;
  sampleDt: number;
  /** Lags (τ) and N·Cov(m(t), m(t + τ)). */
  lags: Float64Array;
  population: Float64Array;
  /** ⟨m⟩ over the run (0 in the paramagnetic state of an odd φ; O(1) beyond the transition). */
  populationMean: number;
  /** ⟨Var a_i⟩ over units: the autocovariance C_φ(0) of one unit. */
  unitVariance: number;
  /** Mean of C_ij(0) over all i ≠ j (exact, from the identity) and N times it. */
  meanCrossCovariance: number;
  scaledMeanCrossCovariance: number;
  pairs: {
    count: number;
    /** True when every pair is included (then the quantiles are those of all pairs). */
    exhaustive: boolean;
    mean: number;
    std: number;
    /** Quantiles of the sampled C_ab at p = 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99. */
    quantiles: { p: number; value: number }[];
    histogram: { edges: Float64Array; counts: Int32Array };
    /** mean_ab C^A_ab C^B_ab over the two halves (unbiased for the mean square of the pair covariances), and N times it. */
    meanSquareCrossBlock: number;
    scaledMeanSquare: number;
    /** 95% DKW bound on the error of the empirical distribution function (0 when exhaustive). */
    dkwBound: number;
  };
  warnings: string[];
  params: { t: number; transient: number; dt: number; sampleDt: number; seed: Seed; maxPairs: number };
}

const KEYS = ['phi', 'variable', 't', 'transient', 'dt', 'sampleDt', 'maxLag', 'maxPairs', 'bins', 'seed', 'onProgress', 'signal'];
const QUANTILES = [0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99];

/** The pairs (a, b), a ≠ b: all a < b when there are few enough, else P uniform draws with replacement. */
function choosePairs(rt: Runtime, n: number, maxPairs: number, seed: Seed): { a: Int32Array; b: Int32Array; exhaustive: boolean } {
  const all = (n * (n - 1)) / 2;
  if (all <= maxPairs) {
    const a = new Int32Array(all);
    const b = new Int32Array(all);
    let k = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
      a[k] = i;
      b[k++] = j;
    }
    return { a, b, exhaustive: true };
  }
  using rng = rt.rng(deriveSeed(seed, 'correlations', 'pairs'));
  const u = rng.uniform(2 * maxPairs);
  const draws = u.toArray();
  u.dispose();
  const a = new Int32Array(maxPairs);
  const b = new Int32Array(maxPairs);
  for (let p = 0; p < maxPairs; p++) {
    const i = Math.min(n - 1, Math.floor(draws[2 * p] * n));
    // j uniform over the n − 1 others.
    const r = Math.min(n - 2, Math.floor(draws[2 * p + 1] * (n - 1)));
    a[p] = i;
    b[p] = r >= i ? r + 1 : r;
  }
  return { a, b, exhaustive: false };
}

/**
 * Runs the network dx/dt = −x + J φ(x) from x_i(0) ~ N(0, 1) (seeded) and measures its population
 * autocovariance and pairwise cross-covariances while it runs; see the module comment.
 */
export async function populationCorrelations(rt: Runtime, connectivity: LinearOperator, options: PopulationCorrelationOptions = {}): Promise<PopulationCorrelations> {
  const where = 'populationCorrelations';
  requireOptions(where, options, KEYS);
  const phi = requireOneOf(where, 'phi', options.phi ?? 'tanh', NONLINEARITIES);
  const variable = requireOneOf(where, 'variable', options.variable ?? 'phi', ACTIVITY_VARIABLES);
  const seed = options.seed ?? 0;
  const maxPairs = requireInt(where, 'maxPairs', options.maxPairs ?? 20_000, 1, 10_000_000);
  const bins = requireInt(where, 'bins', options.bins ?? 40, 1, 10_000);
  using network = new RateNetwork(rt, { connectivity, phi });
  const n = network.n;
  if (n < 2) throw new RangeError(`${where}: connectivity must have n ≥ 2 units for pairs (got ${n})`);
  const settings = prepareRateRun(where, network, {
    t: options.t ?? 450, transient: options.transient ?? 50, dt: options.dt ?? 0.1, seed,
  });
  const sampleDt = requirePositive(where, 'sampleDt', options.sampleDt ?? 0.5);
  const every = Math.max(1, Math.round(sampleDt / settings.dt));
  const nSamples = Math.floor((settings.totalSteps - settings.transientSteps) / every);
  if (nSamples < 4) throw new RangeError(`${where}: only ${nSamples} samples after the transient; at least 4 are needed (lengthen t or shorten sampleDt)`);
  const maxLag = requireInt(where, 'maxLag', options.maxLag ?? Math.min(Math.round(40 / (every * settings.dt)), Math.floor(nSamples / 2)), 1, nSamples);
  const { a: pairA, b: pairB, exhaustive } = choosePairs(rt, n, maxPairs, seed);
  const count = pairA.length;

  const half = Math.floor(nSamples / 2);
  const m = new Float64Array(nSamples);
  const unitSum = [new Float64Array(n), new Float64Array(n)];
  const unitSquares = new Float64Array(n);
  const unitSquaresHalf = new Float64Array(n);
  const pairSum = [new Float64Array(count), new Float64Array(count)];
  using activity = rt.f64(n);
  using ones = rt.f64(n).fill(1);
  const x = network.stateBuffer;
  let sample = 0;
  const takeSample = () => {
    const { core } = rt;
    if (variable === 'phi') network.nonlinearity.kernel(core, x.ptr, activity.ptr, n);
    else core.vec_copy_f64(n, x.ptr, activity.ptr);
    m[sample] = core.blas1_dot_f64(activity.ptr, ones.ptr, n) / n;
    const v = activity.view();
    const block = sample < half ? 0 : 1;
    const sums = unitSum[block];
    for (let i = 0; i < n; i++) {
      sums[i] += v[i];
      unitSquares[i] += v[i] * v[i];
    }
    if (sample === half - 1) unitSquaresHalf.set(unitSquares);
    const ps = pairSum[block];
    for (let p = 0; p < count; p++) ps[p] += v[pairA[p]] * v[pairB[p]];
    sample++;
  };
  await drive(where, settings.totalSteps, {
    advance: (from, to) => {
      for (let done = from; done < to; done++) {
        network.stepUnchecked(settings.dt, settings.integrator);
        const after = done + 1 - settings.transientSteps;
        if (after > 0 && after % every === 0 && sample < nSamples) takeSample();
      }
    },
    check: () => network.checkState(settings.stateLimit),
  }, { onProgress: options.onProgress, signal: options.signal, describe: () => `t = ${network.time}` });

  // Population autocovariance (biased, mean removed) times N.
  const ac = autocorrelation(rt, { values: m, nSamples, nUnits: 1 }, { sampleDt: every * settings.dt, maxLag });
  const population = ac.population.map((c) => n * c);
  const lags = Float64Array.from({ length: maxLag }, (_, k) => k * every * settings.dt);
  // Per-unit means and variances over the whole run.
  const blockLength = [half, nSamples - half];
  const mean = Float64Array.from({ length: n }, (_, i) => (unitSum[0][i] + unitSum[1][i]) / nSamples);
  let varianceSum = 0;
  for (let i = 0; i < n; i++) varianceSum += unitSquares[i] / nSamples - mean[i] * mean[i];
  const varM = ac.population[0];
  const crossSum = n * n * varM - varianceSum;
  const meanCrossCovariance = crossSum / (n * (n - 1));
  // Pair covariances: whole run, and per half for the cross-block mean square.
  const covariance = new Float64Array(count);
  let crossBlock = 0;
  const blockMean = (block: number, i: number) => unitSum[block][i] / blockLength[block];
  for (let p = 0; p < count; p++) {
    const i = pairA[p];
    const j = pairB[p];
    covariance[p] = (pairSum[0][p] + pairSum[1][p]) / nSamples - mean[i] * mean[j];
    const ca = pairSum[0][p] / blockLength[0] - blockMean(0, i) * blockMean(0, j);
    const cb = pairSum[1][p] / blockLength[1] - blockMean(1, i) * blockMean(1, j);
    crossBlock += (ca * cb) / count;
  }
  const sorted = Float64Array.from(covariance).sort();
  const pairMean = sorted.reduce((s, c) => s + c, 0) / count;
  const pairStd = Math.sqrt(sorted.reduce((s, c) => s + (c - pairMean) ** 2, 0) / Math.max(1, count - 1));
  const lo = sorted[0];
  const hi = sorted[count - 1];
  const width = hi > lo ? (hi - lo) / bins : 1;
  const edges = Float64Array.from({ length: bins + 1 }, (_, k) => lo + k * width);
  const counts = new Int32Array(bins);
  for (const c of sorted) counts[Math.min(bins - 1, Math.floor((c - lo) / width))]++;
  const populationMean = m.reduce((s, v) => s + v, 0) / nSamples;
  const warnings: string[] = [];
  const unitVariance = varianceSum / n;
  // Per-half variances: a run whose activity dies out (transient chaos ending on a stable state) is not stationary.
  let firstHalf = 0;
  let secondHalf = 0;
  for (let i = 0; i < n; i++) {
    firstHalf += unitSquaresHalf[i] / half - blockMean(0, i) ** 2;
    secondHalf += (unitSquares[i] - unitSquaresHalf[i]) / blockLength[1] - blockMean(1, i) ** 2;
  }
  if (!(unitVariance > 1e-12)) warnings.push('the activity does not fluctuate (decayed to a fixed point?): covariances are rounding noise');
  else if (secondHalf < 0.1 * firstHalf) {
    warnings.push(`the activity's variance fell from ${(firstHalf / n).toExponential(2)} to ${(secondHalf / n).toExponential(2)} between the halves of the run: the chaos was transient (the network settled), so the statistics are not stationary`);
  }
  if (Math.abs(populationMean) > 10 * Math.sqrt(Math.max(varM, 0)) && Math.abs(populationMean) > 0.05) {
    warnings.push(`the population mean ⟨m⟩ = ${populationMean.toFixed(3)} is macroscopic: the network is beyond the magnetic transition (ordered), where the lowest-order theory does not apply`);
  }
  return {
    n, variable, samples: nSamples, sampleDt: every * settings.dt, lags, population, populationMean, unitVariance,
    meanCrossCovariance, scaledMeanCrossCovariance: n * meanCrossCovariance,
    pairs: {
      count, exhaustive, mean: pairMean, std: pairStd, quantiles: QUANTILES.map((p) => ({ p, value: quantile(sorted, p) })),
      histogram: { edges, counts }, meanSquareCrossBlock: crossBlock, scaledMeanSquare: n * crossBlock,
      dkwBound: exhaustive ? 0 : Math.sqrt(Math.log(2 / 0.05) / (2 * count)),
    },
    warnings,
    params: { t: settings.t, transient: settings.transient, dt: settings.dt, sampleDt: every * settings.dt, seed, maxPairs },
  };
}
