/**
 * Autocorrelation functions and intrinsic timescales of recorded activity.
 *
 * Per unit i, the autocovariance C_i(τ) (mean removed, biased estimator, by FFT in WASM) and
 * ρ_i(τ) = C_i(τ)/C_i(0). Timescales: τ_1/e, where ρ_i first falls below 1/e (linear
 * interpolation between samples; NaN when it does not within maxLag), and the integrated
 * τ_int = ∫₀^L ρ_i(τ)² dτ (trapezoid rule up to the largest lag L).
 */
import { requireSampleMatrix, type SampleMatrix } from '../dynamics/run.js';
import type { Runtime } from '../runtime.js';
import { F64Buffer } from '../wasm/arena.js';
import { requireInt, requirePositive } from '../validate.js';
import { quantile, spearman } from './statistics.js';

export interface Autocorrelation {
  /** Lags 0 … maxLag−1 in units of sampleDt. */
  maxLag: number;
  sampleDt: number;
  /** Per-unit autocovariance, nUnits × maxLag row-major. */
  perUnit: Float64Array;
  /** Population average of the autocovariances (DMFT's Δ(τ) for mean-zero activity). */
  population: Float64Array;
}

export interface TimescaleSummary {
  median: number;
  p10: number;
  p90: number;
  /** p90 / median: how long the tail of slow units reaches. */
  tailRatio: number;
  /** Units whose ρ stayed above 1/e up to maxLag (τ_1/e not resolved). */
  unresolved: number;
}

export interface IntrinsicTimescales {
  tau1e: Float64Array;
  tauIntegrated: Float64Array;
  summary: { tau1e: TimescaleSummary; tauIntegrated: TimescaleSummary };
  /** Spearman correlation of τ_int with the given degrees (when given). */
  degreeSpearman?: number;
  autocorrelation: Autocorrelation;
}

/** Lags up to half the recording, and at most 50 time units (timescales of rate networks are a few τ). */
export function defaultMaxLag(nSamples: number, sampleDt: number): number {
  return Math.max(2, Math.min(Math.floor(nSamples / 2), Math.round(50 / sampleDt)));
}

const nextPowerOfTwo = (v: number): number => 2 ** Math.ceil(Math.log2(Math.max(1, v)));

export function autocorrelation(rt: Runtime, m: SampleMatrix, options: { sampleDt: number; maxLag?: number }): Autocorrelation {
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
  const perUnit = new Float64Array(units * maxLag);
  const population = new Float64Array(maxLag);
  for (let u = 0; u < units; u++) {
    const s = series.view();
    for (let k = 0; k < t; k++) s[k] = values[k * units + u];
    rt.core.stats_autocov_f64(t, series.ptr, n, re.ptr, im.ptr, cos.ptr, sin.ptr, maxLag, out.ptr);
    const c = out.view();
    perUnit.set(c, u * maxLag);
    for (let k = 0; k < maxLag; k++) population[k] += c[k] / units;
  }
  return { maxLag, sampleDt, perUnit, population };
}

function summarise(values: Float64Array): TimescaleSummary {
  const finite = values.filter(Number.isFinite).sort();
  const median = quantile(finite, 0.5);
  const p90 = quantile(finite, 0.9);
  return { median, p10: quantile(finite, 0.1), p90, tailRatio: p90 / median, unresolved: values.length - finite.length };
}

export function intrinsicTimescales(
  rt: Runtime, m: SampleMatrix, options: { sampleDt: number; maxLag?: number; degrees?: ArrayLike<number> },
): IntrinsicTimescales {
  const ac = autocorrelation(rt, m, options);
  const { maxLag, sampleDt, perUnit } = ac;
  const tau1e = new Float64Array(m.nUnits);
  const tauIntegrated = new Float64Array(m.nUnits);
  for (let u = 0; u < m.nUnits; u++) {
    const c = perUnit.subarray(u * maxLag, (u + 1) * maxLag);
    const c0 = c[0];
    tau1e[u] = Number.NaN;
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
    tauIntegrated[u] = c0 > 0 ? integral * sampleDt : Number.NaN;
  }
  const result: IntrinsicTimescales = {
    tau1e, tauIntegrated, summary: { tau1e: summarise(tau1e), tauIntegrated: summarise(tauIntegrated) }, autocorrelation: ac,
  };
  if (options.degrees !== undefined) {
    if (options.degrees.length !== m.nUnits) {
      throw new RangeError(`intrinsicTimescales: degrees has length ${options.degrees.length}, expected nUnits = ${m.nUnits}`);
    }
    result.degreeSpearman = spearman(tauIntegrated, options.degrees);
  }
  return result;
}
