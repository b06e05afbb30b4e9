/**
 * Autocorrelation functions and intrinsic timescales of recorded activity.
 *
 * Per unit i, the autocovariance C_i(τ) (mean removed, biased estimator, by FFT in WASM) and
 * ρ_i(τ) = C_i(τ)/C_i(0). Timescales: τ_1/e, where ρ_i first falls below 1/e (linear
 * interpolation between samples; NaN when it does not within maxLag), and the integrated
 * τ_int = ∫₀^L ρ_i(τ)² dτ (trapezoid rule up to the largest lag L).
 *
 * A timescale is undefined for a unit whose activity does not fluctuate (standard deviation below
 * `activityFloor`: silent, decayed to a fixed point, or constant), since ρ = C/C(0) is then rounding
 * noise, and for recordings of fewer than MIN_TIMESCALE_SAMPLES samples; such units get NaN, and
 * `defined`/`warnings` say so and what would make the statistic defined.
 */
import { requireSampleMatrix, type SampleMatrix } from '../dynamics/run.js';
import type { Runtime } from '../runtime.js';
import { crossingTime } from '../theory/dmft/timescales.js';
import { F64Buffer } from '../wasm/arena.js';
import { requireFinite, requireInt, requirePositive } from '../validate.js';
import { quantile, spearman } from './statistics.js';

export interface Autocorrelation {
  /** Lags 0 … maxLag−1 in units of sampleDt. */
  maxLag: number;
  sampleDt: number;
  /** Per-unit autocovariance, nUnits × maxLag row-major. */
  perUnit: Float64Array;
  /** Population average of the autocovariances (DMFT's Δ(τ) for mean-zero activity). */
  population: Float64Array;
  /** Whether each unit's time mean was removed (the default) or kept (DMFT's Δ(τ), static part included). */
  meanRemoved?: boolean;
}

export interface TimescaleSummary {
  median: number;
  p10: number;
  p90: number;
  /** p90 / median: how long the tail of slow units reaches. */
  tailRatio: number;
  /** Units whose ρ stayed above 1/e up to maxLag (τ_1/e not resolved), or that were silent. */
  unresolved: number;
  /**
   * Standard error of the median over units, distribution-free: half the distance between the order
   * statistics at ranks n/2 ∓ √n/2 (±1 σ of the binomial count below the median). It measures the
   * spread across units of one run, not run-to-run variation. NaN with fewer than 4 finite values.
   */
  medianStdErr: number;
}

export interface IntrinsicTimescales {
  /** Per unit: where ρ_i first falls below 1/2 (NaN if not within maxLag), the mean-field τ½. */
  tauHalf?: Float64Array;
  tau1e: Float64Array;
  tauIntegrated: Float64Array;
  summary: { tau1e: TimescaleSummary; tauIntegrated: TimescaleSummary; tauHalf?: TimescaleSummary };
  /** Spearman correlation of τ_int with the given degrees (when given). */
  degreeSpearman?: number;
  autocorrelation: Autocorrelation;
  /** Units whose activity std was below activityFloor (their timescales are NaN). */
  silentUnits: number;
  /** False when no unit has a timescale (all silent, or too few samples); `warnings` says why. */
  defined: boolean;
  /** Why (part of) the result is undefined or biased, and what would fix it. */
  warnings: string[];
}

/**
 * Activity whose standard deviation over the recording is below this has no timescale (units of the
 * state x; x is O(1) in an active rate network, and 1e-6 is far above FFT rounding of O(1) values).
 */
export const ACTIVITY_FLOOR = 1e-6;
/** Fewest samples from which timescales are estimated. */
export const MIN_TIMESCALE_SAMPLES = 16;
/**
 * A recording shorter than this many median τ_int is flagged: the mean-removed autocovariance is
 * biased low by O(τ/T), i.e. by several percent at T = 20 τ_int, enough to reverse small differences.
 */
export const MIN_SPAN_TIMESCALES = 20;

/** Lags up to half the recording, and at most 50 time units (timescales of rate networks are a few τ). */
export function defaultMaxLag(nSamples: number, sampleDt: number): number {
  return Math.min(nSamples, Math.max(2, Math.min(Math.floor(nSamples / 2), Math.round(50 / sampleDt))));
}

const nextPowerOfTwo = (v: number): number => 2 ** Math.ceil(Math.log2(Math.max(1, v)));

export interface AutocorrelationOptions {
  sampleDt: number;
  maxLag?: number;
  /**
   * Remove each unit's time mean first (default true). false estimates ⟨x_i(t)x_i(t+τ)⟩ as DMFT
   * defines Δ(τ): it keeps the static part Δ∞ and avoids the finite-T bias of the subtracted mean
   * (≈ −2τ_int·Δ0/T at every lag, which shortens half-times near the transition).
   */
  removeMean?: boolean;
}

/** Per-unit autocovariances of a recording (samples × units) by FFT in WASM, up to maxLag. */
export function autocorrelation(rt: Runtime, m: SampleMatrix, options: AutocorrelationOptions): Autocorrelation {
  const where = 'autocorrelation';
  const sampleDt = requirePositive(where, 'sampleDt', options.sampleDt);
  requireSampleMatrix(where, m);
  const { nSamples: t, nUnits: units, values } = m;
  const maxLag = requireInt(where, 'maxLag', options.maxLag ?? defaultMaxLag(t, sampleDt), 1, t);
  const n = nextPowerOfTwo(2 * t);
  using cos = new F64Buffer(rt.arena, n / 2, where);
  using sin = new F64Buffer(rt.arena, n / 2, where);
  using re = new F64Buffer(rt.arena, n, where);
  using im = new F64Buffer(rt.arena, n, where);
  using series = new F64Buffer(rt.arena, t, where);
  using out = new F64Buffer(rt.arena, maxLag, where);
  rt.core.fft_twiddles_f64(n, cos.ptr, sin.ptr);
  const removeMean = options.removeMean ?? true;
  const kernel = removeMean ? rt.core.stats_autocov_f64 : rt.core.stats_autocov_raw_f64;
  const perUnit = new Float64Array(units * maxLag);
  const population = new Float64Array(maxLag);
  for (let u = 0; u < units; u++) {
    const s = series.view();
    for (let k = 0; k < t; k++) s[k] = values[k * units + u];
    kernel(t, series.ptr, n, re.ptr, im.ptr, cos.ptr, sin.ptr, maxLag, out.ptr);
    const c = out.view();
    perUnit.set(c, u * maxLag);
    for (let k = 0; k < maxLag; k++) population[k] += c[k] / units;
  }
  return { maxLag, sampleDt, perUnit, population, meanRemoved: removeMean };
}

function summarise(values: Float64Array): TimescaleSummary {
  const finite = values.filter(Number.isFinite).sort();
  const median = quantile(finite, 0.5);
  const p90 = quantile(finite, 0.9);
  const count = finite.length;
  const half = Math.sqrt(count) / 2;
  const medianStdErr = count < 4 ? Number.NaN
    : (finite[Math.min(count - 1, Math.ceil((count - 1) / 2 + half))] - finite[Math.max(0, Math.floor((count - 1) / 2 - half))]) / 2;
  return { median, p10: quantile(finite, 0.1), p90, tailRatio: p90 / median, unresolved: values.length - count, medianStdErr };
}

/** τ_1/e, τ_int and τ½ of each unit's autocorrelation, their distribution, and the Spearman correlation with `degrees`. */
export function intrinsicTimescales(
  rt: Runtime, m: SampleMatrix,
  options: AutocorrelationOptions & { degrees?: ArrayLike<number>; activityFloor?: number },
): IntrinsicTimescales {
  const where = 'intrinsicTimescales';
  const floor = requireFinite(where, 'activityFloor', options.activityFloor ?? ACTIVITY_FLOOR, 0);
  const ac = autocorrelation(rt, m, options);
  const { maxLag, sampleDt, perUnit } = ac;
  const tau1e = new Float64Array(m.nUnits).fill(Number.NaN);
  const tauIntegrated = new Float64Array(m.nUnits).fill(Number.NaN);
  const enough = m.nSamples >= MIN_TIMESCALE_SAMPLES;
  let silentUnits = 0;
  for (let u = 0; u < m.nUnits && enough; u++) {
    const c = perUnit.subarray(u * maxLag, (u + 1) * maxLag);
    const c0 = c[0];
    if (!(Math.sqrt(c0) >= floor) || c0 === 0) {
      silentUnits++;
      continue;
    }
    for (let k = 1; k < maxLag; k++) {
      const prev = c[k - 1] / c0;
      const cur = c[k] / c0;
      if (cur < Math.exp(-1)) {
        tau1e[u] = (k - 1 + (prev - Math.exp(-1)) / (prev - cur)) * sampleDt;
        break;
      }
    }
    let integral = 0;
    for (let k = 0; k < maxLag; k++) {
      const rho2 = (c[k] / c0) ** 2;
      integral += k === 0 || k === maxLag - 1 ? rho2 / 2 : rho2;
    }
    tauIntegrated[u] = integral * sampleDt;
  }
  // τ½ where ρ_i first falls below 1/2 (the mean-field half-time), for the units that have a τ_int.
  const lags = Float64Array.from({ length: maxLag }, (_, k) => k * sampleDt);
  const tauHalf = Float64Array.from(tauIntegrated, (tauInt, u) => {
    if (Number.isNaN(tauInt)) return Number.NaN;
    const c = perUnit.subarray(u * maxLag, (u + 1) * maxLag);
    return crossingTime(lags, c.map((v) => v / c[0]), 0.5);
  });
  const summary = { tau1e: summarise(tau1e), tauIntegrated: summarise(tauIntegrated), tauHalf: summarise(tauHalf) };
  const warnings: string[] = [];
  if (!enough) {
    warnings.push(`${where}: undefined: ${m.nSamples} samples, fewer than the ${MIN_TIMESCALE_SAMPLES} needed (lengthen the run or record more often)`);
  } else if (silentUnits > 0) {
    warnings.push(`${where}: ${silentUnits === m.nUnits ? 'undefined: all' : `${silentUnits} of`} ${m.nUnits} units have activity std < ${floor} ` +
      '(silent, decayed to a fixed point, or constant), so they have no timescale: drive the network (input, noise) or raise g');
  }
  const span = m.nSamples * sampleDt;
  if (summary.tauIntegrated.median * MIN_SPAN_TIMESCALES > span) {
    warnings.push(`${where}: the recording spans ${span.toFixed(3)}, only ${(span / summary.tauIntegrated.median).toFixed(1)} median τ_int: ` +
      `the estimate is biased low by O(τ/T); record at least ${(MIN_SPAN_TIMESCALES * summary.tauIntegrated.median).toFixed(1)}`);
  }
  const result: IntrinsicTimescales = {
    tauHalf, tau1e, tauIntegrated, summary, autocorrelation: ac, silentUnits, defined: enough && silentUnits < m.nUnits, warnings,
  };
  if (options.degrees !== undefined) {
    if (options.degrees.length !== m.nUnits) {
      throw new RangeError(`intrinsicTimescales: degrees has length ${options.degrees.length}, expected nUnits = ${m.nUnits}`);
    }
    result.degreeSpearman = spearman(tauIntegrated, options.degrees); // NaN when fewer than two units have a timescale
  }
  return result;
}
