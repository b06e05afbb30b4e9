/**
 * Autocovariances averaged over trajectories, networks or groups of units, with their spread, so
 * that a mean-field Δ(τ) is compared with an average and an error bar rather than with one run.
 */
import { type CorrelationTimescales, correlationTimescales } from '../theory/dmft/timescales.js';
import type { Autocorrelation } from './timescales.js';

/** The average autocovariance of a subset of units (e.g. one degree class) of one estimate. */
export function unitAverage(ac: Autocorrelation, units: ArrayLike<number>): Float64Array {
  const out = new Float64Array(ac.maxLag);
  const nUnits = ac.perUnit.length / ac.maxLag;
  if (units.length === 0) throw new RangeError('unitAverage: units must not be empty');
  for (let i = 0; i < units.length; i++) {
    const u = units[i];
    if (!Number.isInteger(u) || u < 0 || u >= nUnits) throw new RangeError(`unitAverage: units[${i}] must be an integer in [0, ${nUnits - 1}] (got ${u})`);
    for (let k = 0; k < ac.maxLag; k++) out[k] += ac.perUnit[u * ac.maxLag + k] / units.length;
  }
  return out;
}

export interface EnsembleAutocorrelation {
  /** Lags k·sampleDt. */
  lags: Float64Array;
  /** Mean over members and its standard error (sample std/√count; NaN for one member). */
  mean: Float64Array;
  standardError: Float64Array;
  count: number;
  /** τ½, τ_1/e, τ_int of each member's normalised curve, and their mean ± standard error. */
  members: CorrelationTimescales[];
  timescales: { [K in keyof CorrelationTimescales]: { mean: number; standardError: number } };
}

/**
 * Pools autocovariance curves (population or unit averages of independent runs, all on the same
 * lags): mean, standard error per lag, and the timescales of each curve with their spread.
 */
export function ensembleAutocorrelation(curves: readonly ArrayLike<number>[], sampleDt: number): EnsembleAutocorrelation {
  if (curves.length === 0) throw new RangeError('ensembleAutocorrelation: curves must not be empty');
  if (!(sampleDt > 0) || !Number.isFinite(sampleDt)) throw new RangeError(`ensembleAutocorrelation: sampleDt must be > 0 (got ${sampleDt})`);
  const maxLag = curves[0].length;
  if (curves.some((c) => c.length !== maxLag)) throw new RangeError('ensembleAutocorrelation: all curves must have the same number of lags');
  const count = curves.length;
  const lags = Float64Array.from({ length: maxLag }, (_, k) => k * sampleDt);
  const mean = new Float64Array(maxLag);
  const standardError = new Float64Array(maxLag);
  for (let k = 0; k < maxLag; k++) {
    let s = 0;
    for (const c of curves) s += c[k];
    mean[k] = s / count;
    let v = 0;
    for (const c of curves) v += (c[k] - mean[k]) ** 2;
    standardError[k] = count > 1 ? Math.sqrt(v / (count - 1) / count) : Number.NaN;
  }
  const members = curves.map((c) => correlationTimescales(lags, c));
  const pool = (key: keyof CorrelationTimescales) => {
    const values = members.map((m) => m[key]);
    const m = values.reduce((a, b) => a + b, 0) / count;
    const v = values.reduce((a, b) => a + (b - m) ** 2, 0);
    return { mean: m, standardError: count > 1 ? Math.sqrt(v / (count - 1) / count) : Number.NaN };
  };
  return { lags, mean, standardError, count, members, timescales: { tauHalf: pool('tauHalf'), tau1e: pool('tau1e'), tauIntegrated: pool('tauIntegrated') } };
}
