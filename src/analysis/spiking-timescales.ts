/**
 * Spiking intrinsic timescales: the block-network mean-field theory of Poisson-GLM networks
 * (theory/spiking-timescales.ts) beside direct simulation of the same network (SpikingNetwork,
 * GLM neurons), with per-quantity agreement.
 *
 * The simulated network realises the theory's assumptions: neuron i of block a draws
 * K_i,ab ~ Poisson(K_ab) presynaptic neurons of block b uniformly with replacement (multapses add
 * their weights; autapses dropped), weight J_ab each. Measured on [200 ms, T): per-neuron rates
 * (their spread corrected for the Poisson counting variance ν̄/T) and the population-mean
 * autocovariance of 1 ms spike counts at lags k ≥ 1 ms, ≈ (1 ms)²·C̄_a(k) (the δ part of the
 * spike autocorrelation sits at lag 0 only).
 * The theory is compared with what the estimator measures: the biased, mean-removed autocovariance
 * of M = T/(1 ms) bins has expectation (1 − k/M)(C(k) − (ν + ∫C dτ)/T) (the variance of the time
 * mean, S(0)/T, subtracted at every lag: ≈ 20 Hz² at ν = 50 Hz, T = 3 s, 4% of C(1 ms)).
 *
 * Per-neuron timescales. The theory's C_i(τ) = ν_max² [Φ₂(x_i, x_i; ρ_a(τ)) − Φ(x_i)²] depends on
 * the neuron only through x_i = Φ⁻¹(ν_i/ν_max): its amplitude varies strongly with the rate (≈ the
 * squared gain ν_max² φ(x_i)² times ρ_a, largest at ν_max/2), its shape hardly (τ_int 8.5–9.9 ms
 * over the 5–95% rate quantiles of the default network). One neuron's C_i cannot be resolved (at
 * 50 Hz, T = 3 s the s.e. of one lag is ≈ 900 Hz² against C ≈ 500 Hz²), so the neurons of each
 * block are split into `rateBins` equal groups by measured rate and each group's mean
 * autocovariance is compared with the mean of the theory at each member's rate: its amplitude (mean
 * over lags 1–3 ms) and its correlation time τ_c = Σ_{k=1}^{W} C(k)·1 ms / mean(C(1..3 ms)) (W =
 * correlationWindowMs; lag 0 holds the Poisson δ), the same functional of both curves. The s.e. of
 * τ_c is a bootstrap over the group's neurons; the spread of τ_c over network seeds matches it
 * (scripts/glm-timescales-calibration.mjs: χ² = 13.7 for 18 degrees of freedom at T = 20 s, 4 seeds;
 * 10.0 for 18 at the default T = 3 s, the test's seeds).
 *
 * Agreement: |sim − theory| ≤ 3 s.e. (over neurons) + a model tolerance for the mean-field error
 * at finite in-degree (O(1/√K) non-Gaussian input corrections, neglected input cross-covariances,
 * the realisation's own mean rate): 12% on rates, 15% on the rate spread, 20% on the
 * autocovariance and the per-group amplitude, 10% on the per-group correlation time — the largest
 * deviations measured at K = 100 (10.2 s runs; per group, the calibration script's 4 seeds × 6 groups
 * at T = 20 s: amplitude −9.6% … +12.1%, correlation time (W = 30 ms) −7.7% … +5.6%, Dec 2026).
 * The theory is told the block sizes (populationSizes): inputs drawn with replacement form
 * multapses, which raise the dynamic input variance by 1 + K_ab/N_b (10% here; the recorded
 * membrane variance of 200 neurons confirmed it, 13.4 against 12.3 mV² for the rate term with
 * measured rates). Without it the amplitudes came out −2.8% … +20.9%, the theory low.
 */
import seedrandom from 'seedrandom';
import { SpikingNetwork } from '../dynamics/spiking.js';
import { deriveSeed, type Seed } from '../random/seed.js';
import type { Runtime } from '../runtime.js';
import { type GlmBlockTheory, type GlmNeuron, glmBlockTheory, glmNeuronAutocorrelation, glmNeuronTimescale } from '../theory/spiking-timescales.js';
import { requireFinite, requireInt, requirePositive } from '../validate.js';
import { spikeCountMatrix, spikeStatistics } from './spikes.js';
import { quantile, spread } from './statistics.js';
import { autocorrelation } from './timescales.js';

export interface GlmBlockComparisonOptions {
  /** Neurons per block (default [800, 200]). */
  sizes?: number[];
  /** K_ab (default [[80, 20], [80, 20]]). */
  inDegree?: number[][];
  /** J_ab in mV (default [[1, −4], [1, −4]]). */
  weightMv?: number[][];
  /** μ_a in mV (default [6, 4]). */
  muMv?: number[];
  /** The GLM neuron (default τ_m = 10, τ_s = 5, θ = 10, σ_ν = 5, ν_max = 100 Hz). */
  neuron?: Partial<GlmNeuron>;
  /** Simulated time (ms, default 3200, of which the first 200 are dropped). */
  tMs?: number;
  dtMs?: number;
  /** Lags (ms, whole, ≥ 1) at which the autocovariance is compared (default [2, 5, 10]). */
  lagsMs?: number[];
  /** Groups of neurons per block, split by measured rate (default 3; each group needs ≥ 10 neurons). */
  rateBins?: number;
  /** Lags summed in the correlation time (ms, whole, default 30: ≈ 3 τ_int, long enough to tell a 2× slower decay). */
  correlationWindowMs?: number;
  /** Bootstrap resamples for the correlation time's s.e. (default 200). */
  bootstrap?: number;
  seed?: Seed;
}

export interface Compared {
  simulation: number;
  stdErr: number;
  theory: number;
  /** |sim − theory| within 3 s.e. + the model tolerance. */
  agrees: boolean;
}

/** One group of a block's neurons by measured rate: its mean autocovariance, simulation beside theory. */
export interface RateBinComparison {
  /** Measured rates of the group (Hz). */
  rateHz: { min: number; max: number; mean: number };
  neurons: number;
  /** Mean autocovariance over lags 1–3 ms (Hz²); theory: the mean of each member's C_i at its rate. */
  amplitudeHz2: Compared;
  /** τ_c = Σ_{k=1}^{W} C(k)·1 ms / mean(C(1..3 ms)) (ms); s.e. by bootstrap over the group's neurons. */
  correlationTimeMs: Compared;
  /** The theory's τ_int = ∫(C_i/C_i(0))² dτ of a neuron at the group's mean rate (ms). */
  theoryTauIntMs: number;
}

export interface GlmBlockComparison {
  theory: GlmBlockTheory;
  blocks: {
    rateMeanHz: Compared;
    rateSdHz: Compared;
    /** Simulated rate quantiles beside the theory's. */
    rateQuantilesHz: { p: number; simulation: number; theory: number }[];
    autocovarianceHz2: ({ lagMs: number } & Compared)[];
    /** The block's neurons in `rateBins` groups by rate, lowest first. */
    byRate: RateBinComparison[];
  }[];
  agrees: boolean;
  params: Required<Omit<GlmBlockComparisonOptions, 'neuron' | 'seed'>> & { neuron: GlmNeuron; seed: Seed };
  warnings: string[];
}

const DEFAULT_NEURON: GlmNeuron = { tauMs: 10, tauSynMs: 5, thetaMv: 10, rateWidthMv: 5, rateMaxHz: 100 };
const TRANSIENT_MS = 200;
const TOLERANCE = { rate: 0.12, spread: 0.15, autocovariance: 0.2, correlationTime: 0.1 };
/** Lags (ms) whose mean is the amplitude and the correlation time's normaliser. */
const AMPLITUDE_LAGS = [1, 2, 3];
/** Fewest neurons in a rate group: below it the bootstrap s.e. is itself unreliable. */
const MIN_BIN_NEURONS = 10;

const compare = (simulation: number, stdErr: number, theory: number, relative: number): Compared => ({
  simulation, stdErr, theory, agrees: Math.abs(simulation - theory) <= 3 * stdErr + relative * Math.abs(theory),
});

/** Mean, sd and standard error of the mean over neurons. */
function meanAndStdErr(values: ArrayLike<number>): { mean: number; sd: number; stdErr: number } {
  const { mean, sd, count } = spread(values);
  return { mean, sd, stdErr: sd / Math.sqrt(count) };
}

/**
 * What the biased, mean-removed autocovariance of T/(1 ms) count bins (analysis/timescales.ts)
 * expects of a spike train with rate rateHz and continuous autocorrelation c (Hz² on a 1 ms lag grid):
 * (1 − k/M)(c_k − (ν + ∫c dτ)/T), ∫c = (c_0 + 2Σ_{k≥1} c_k)·1 ms (see the module doc).
 */
export function expectedAutocovariance(c: ArrayLike<number>, rateHz: number, seconds: number): Float64Array {
  let integral = c[0];
  for (let k = 1; k < c.length; k++) integral += 2 * c[k];
  const meanVariance = (rateHz + integral / 1000) / seconds;
  const bins = seconds * 1000;
  return Float64Array.from(c, (v, k) => (1 - k / bins) * (v - meanVariance));
}

/** The amplitude mean(c(1..3 ms)) and correlation time Σ_{k=1}^{W} c_k·1 ms / amplitude of a 1 ms lag curve. */
export function correlationTimeMs(c: ArrayLike<number>, windowMs: number): { amplitude: number; tauMs: number } {
  const amplitude = AMPLITUDE_LAGS.reduce((s, k) => s + c[k], 0) / AMPLITUDE_LAGS.length;
  let area = 0;
  for (let k = 1; k <= windowMs; k++) area += c[k];
  return { amplitude, tauMs: area / amplitude };
}

/** Block weights with Poisson(K_ab) inputs drawn with replacement (see the module doc). */
function blockWeights(rt: Runtime, sizes: number[], K: number[][], J: number[][], seed: Seed) {
  const rng = seedrandom(String(deriveSeed(seed, 'glm-blocks', 'weights')));
  const n = sizes.reduce((s, v) => s + v, 0);
  const starts = sizes.map((_, b) => sizes.slice(0, b).reduce((s, v) => s + v, 0));
  const rowPtr = new Int32Array(n + 1);
  const colIdx: number[] = [];
  const values: number[] = [];
  const poisson = (lambda: number) => {
    let k = 0;
    let p = Math.exp(-lambda);
    let cdf = p;
    const u = rng();
    while (u > cdf && p > 0) {
      k++;
      p *= lambda / k;
      cdf += p;
    }
    return k;
  };
  const blockOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let a = 0;
    while (a + 1 < sizes.length && i >= starts[a + 1]) a++;
    blockOf[i] = a;
    const row = new Map<number, number>();
    for (let b = 0; b < sizes.length; b++) {
      const k = poisson(K[a][b]);
      for (let s = 0; s < k; s++) {
        const j = starts[b] + Math.floor(rng() * sizes[b]);
        if (j !== i) row.set(j, (row.get(j) ?? 0) + J[a][b]);
      }
    }
    for (const j of [...row.keys()].sort((x, y) => x - y)) {
      colIdx.push(j);
      values.push(row.get(j) as number);
    }
    rowPtr[i + 1] = colIdx.length;
  }
  return { matrix: rt.csr({ nRows: n, nCols: n, rowPtr, colIdx, values }), n, starts, blockOf };
}

/** Theory and simulation of one block network of Poisson-GLM neurons, quantity by quantity. */
export async function glmBlockComparison(rt: Runtime, options: GlmBlockComparisonOptions = {}): Promise<GlmBlockComparison> {
  const where = 'glmBlockComparison';
  const sizes = (options.sizes ?? [800, 200]).map((s, a) => requireInt(where, `sizes[${a}]`, s, 2));
  const nBlocks = sizes.length;
  const inDegree = options.inDegree ?? [[80, 20], [80, 20]];
  const weightMv = options.weightMv ?? [[1, -4], [1, -4]];
  const muMv = options.muMv ?? [6, 4];
  if (muMv.length !== nBlocks) throw new RangeError(`${where}: muMv must give one drive per block (${nBlocks} blocks from sizes)`);
  const neuron = { ...DEFAULT_NEURON, ...options.neuron };
  const tMs = requireFinite(where, 'tMs', options.tMs ?? 3200, TRANSIENT_MS + 100);
  const dtMs = requirePositive(where, 'dtMs', options.dtMs ?? 0.1);
  const lagsMs = (options.lagsMs ?? [2, 5, 10]).map((l, k) => requireInt(where, `lagsMs[${k}]`, l, 1, 1000));
  const minSize = Math.min(...sizes);
  const rateBins = requireInt(where, 'rateBins', options.rateBins ?? 3, 1, Math.max(1, Math.floor(minSize / MIN_BIN_NEURONS)));
  const correlationWindowMs = requireInt(where, 'correlationWindowMs', options.correlationWindowMs ?? 30, AMPLITUDE_LAGS.length, 1000);
  const bootstrap = requireInt(where, 'bootstrap', options.bootstrap ?? 200, 10);
  const seed = options.seed ?? 0;
  const maxLag = Math.max(...lagsMs, correlationWindowMs) + 1;
  // The theory validates K, J and the neuron, and names the parameter in its errors.
  const theory = glmBlockTheory({ neuron, muMv, inDegree, weightMv, populationSizes: sizes, lagStepMs: 1, maxLagMs: Math.max(150, maxLag) });
  const warnings = [...theory.warnings];
  const { matrix, n, starts, blockOf } = blockWeights(rt, sizes, inDegree, weightMv, seed);
  const mu = Float64Array.from(blockOf, (a) => muMv[a]);
  let run: Awaited<ReturnType<SpikingNetwork['run']>>;
  try {
    using net = new SpikingNetwork(rt, {
      weights: matrix, types: new Int32Array(n).fill(2), mu, glm: neuron, integrator: 'exact', dtMs, seed: deriveSeed(seed, 'glm-blocks', 'simulation'),
    });
    run = await net.run({ tMs });
  } finally {
    matrix.dispose();
  }
  const trains = run.spikes as NonNullable<typeof run.spikes>;
  const window = { t0Ms: TRANSIENT_MS, t1Ms: tMs };
  const stats = spikeStatistics(rt, trains, window);
  const counts = spikeCountMatrix(trains, { ...window, binMs: 1 });
  const ac = autocorrelation(rt, counts, { sampleDt: 1, maxLag });
  const seconds = (tMs - TRANSIENT_MS) / 1000;
  const resample = seedrandom(String(deriveSeed(seed, 'glm-blocks', 'bootstrap')));
  const blocks = sizes.map((size, a) => {
    const t = theory.blocks[a];
    const rates = stats.rates.subarray(starts[a], starts[a] + size);
    const expectedMean = expectedAutocovariance(t.autocorrelationHz2, t.rate.meanHz, seconds);
    const r = meanAndStdErr(rates);
    // Poisson counting noise adds ν̄/T to the variance of the measured rates; s.e. of an sd ≈ sd/√(2(n−1)).
    const sdCorrected = Math.sqrt(Math.max(0, r.sd ** 2 - r.mean / seconds));
    const sorted = Float64Array.from(rates).sort();
    const autocovarianceHz2 = lagsMs.map((lagMs) => {
      const perUnit = Float64Array.from({ length: size }, (_, u) => ac.perUnit[(starts[a] + u) * ac.maxLag + lagMs] * 1e6);
      const m = meanAndStdErr(perUnit);
      return { lagMs, ...compare(m.mean, m.stdErr, expectedMean[lagMs], TOLERANCE.autocovariance) };
    });
    const curveOf = (u: number) => ac.perUnit.subarray((starts[a] + u) * ac.maxLag, (starts[a] + u + 1) * ac.maxLag);
    const byRate = rateGroups(rates, rateBins).map((members): RateBinComparison => {
      const theoryMean = new Float64Array(ac.maxLag);
      for (const u of members) {
        const c = expectedAutocovariance(glmNeuronAutocorrelation(theory, a, rates[u]), rates[u], seconds);
        for (let k = 0; k < ac.maxLag; k++) theoryMean[k] += c[k] / members.length;
      }
      const meanCurve = (picks: ArrayLike<number>) => {
        const m = new Float64Array(ac.maxLag);
        for (let r = 0; r < picks.length; r++) {
          const c = curveOf(picks[r]);
          for (let k = 0; k < ac.maxLag; k++) m[k] += (c[k] * 1e6) / picks.length;
        }
        return m;
      };
      const sim = correlationTimeMs(meanCurve(members), correlationWindowMs);
      const th = correlationTimeMs(theoryMean, correlationWindowMs);
      const amplitudes = members.map((u) => correlationTimeMs(curveOf(u), correlationWindowMs).amplitude * 1e6);
      const boot = Array.from({ length: bootstrap }, () =>
        correlationTimeMs(meanCurve(members.map(() => members[Math.floor(resample() * members.length)])), correlationWindowMs).tauMs);
      const memberRates = spread(members.map((u) => rates[u]));
      return {
        rateHz: { min: memberRates.min, max: memberRates.max, mean: memberRates.mean },
        neurons: members.length,
        amplitudeHz2: compare(sim.amplitude, meanAndStdErr(amplitudes).stdErr, th.amplitude, TOLERANCE.autocovariance),
        correlationTimeMs: compare(sim.tauMs, spread(boot).sd, th.tauMs, TOLERANCE.correlationTime),
        theoryTauIntMs: glmNeuronTimescale(theory, a, memberRates.mean),
      };
    });
    return {
      rateMeanHz: compare(r.mean, r.stdErr, t.rate.meanHz, TOLERANCE.rate),
      rateSdHz: compare(sdCorrected, r.sd / Math.sqrt(2 * (size - 1)), t.rate.sdHz, TOLERANCE.spread),
      rateQuantilesHz: t.rate.quantilesHz.map(({ p, hz }) => ({ p, simulation: quantile(sorted, p), theory: hz })),
      autocovarianceHz2,
      byRate,
    };
  });
  const agrees = theory.status === 'converged'
    && blocks.every((b) => b.rateMeanHz.agrees && b.rateSdHz.agrees && b.autocovarianceHz2.every((c) => c.agrees)
      && b.byRate.every((g) => g.amplitudeHz2.agrees && g.correlationTimeMs.agrees));
  if (!agrees) warnings.push(`${where}: simulation and theory disagree beyond 3 s.e. + the model tolerance in at least one quantity (see agrees fields)`);
  return { theory, blocks, agrees, params: { sizes, inDegree, weightMv, muMv, neuron, tMs, dtMs, lagsMs, rateBins, correlationWindowMs, bootstrap, seed }, warnings };
}

/** Indices 0…n−1 sorted by rate (ties by index) and cut into `count` contiguous groups whose sizes differ by at most one. */
function rateGroups(rates: ArrayLike<number>, count: number): number[][] {
  const order = Array.from({ length: rates.length }, (_, i) => i).sort((i, j) => rates[i] - rates[j] || i - j);
  return Array.from({ length: count }, (_, g) => order.slice(Math.round((g * order.length) / count), Math.round(((g + 1) * order.length) / count)));
}
