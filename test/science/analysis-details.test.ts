import { beforeAll, describe, expect, it } from 'vitest';
import {
  autocorrelation, ensembleAutocorrelation, intrinsicTimescales, load, participationRatio, type Runtime, simulateRate, spearman,
} from '../../src/index.js';
import { quantile } from '../../src/analysis/statistics.js';
import { scsAutocorrelation } from '../../src/theory/dmft/scs.js';
import { gaussianDense } from '../helpers/networks.js';
import { dotDiffBound } from '../helpers/tolerance.js';

let rt: Runtime;
beforeAll(async () => {
  rt = await load();
});

const gaussian = (n: number, g: number, seed: string) => gaussianDense(rt, n, g, seed);

describe('rank statistics', () => {
  it('Spearman is ±1 for monotone pairs, averages tied ranks and drops non-finite pairs', () => {
    expect(spearman([1, 2, 3, 4], [10, 20, 35, 90])).toBe(1);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBe(-1);
    // Ranks (1, 2.5, 2.5, 4) against (1, 2, 3, 4): Σ(dev·dev) = 4.5, Σdev² = 4.5 and 5 → 4.5/√22.5.
    expect(spearman([1, 2, 2, 3], [1, 2, 3, 4])).toBeCloseTo(4.5 / Math.sqrt(22.5), 14);
    expect(spearman([1, Number.NaN, 2, 3], [5, 1, 6, 7])).toBe(1);
    expect(() => spearman([1, 2], [1])).toThrow(/spearman: lengths differ \(2 vs 1\)/);
  });

  it('quantiles interpolate linearly between order statistics', () => {
    const sorted = Float64Array.from([1, 2, 3, 4]);
    expect(quantile(sorted, 0.5)).toBe(2.5);
    expect(quantile(sorted, 0.1)).toBeCloseTo(1.3, 14);
    expect(quantile(sorted, 0.9)).toBeCloseTo(3.7, 14);
    expect(quantile(sorted, 0)).toBe(1);
    expect(quantile(sorted, 1)).toBe(4);
    expect(quantile(new Float64Array(0), 0.5)).toBeNaN();
  });
});

describe('recordings', () => {
  it('hold sample times, the population mean over all units, and φ(x) when asked', async () => {
    using J = gaussian(60, 1.8, 'rec');
    const opts = { t: 6, transient: 2, dt: 0.05, seed: 'rec', record: { units: 'all' as const, every: 4 } };
    const xs = (await simulateRate(rt, { connectivity: J }, opts)).recording!;
    const phi = (await simulateRate(rt, { connectivity: J }, { ...opts, record: { ...opts.record, variable: 'phi' as const } })).recording!;
    expect(xs.nSamples).toBe(20); // (6 − 2)/0.05 = 80 steps, every 4th
    for (let k = 0; k < xs.nSamples; k++) {
      // t accumulates dt by addition: (transient steps + 4(k + 1))·dt to rounding.
      expect(Math.abs(xs.times[k] - (40 + 4 * (k + 1)) * 0.05)).toBeLessThan(1e-12);
      const row = xs.values.subarray(k * 60, (k + 1) * 60);
      const mean = row.reduce((a, v) => a + v, 0) / 60;
      // Two summation orders of the same 60 terms: within 2γ₆₀·Σ|x_i| (divided by 60 like the mean).
      const absSum = row.reduce((a, v) => a + Math.abs(v), 0);
      expect(Math.abs(xs.populationMean[k] - mean)).toBeLessThanOrEqual(dotDiffBound(absSum, 60) / 60);
      // Same seed, same trajectory: the φ recording is tanh of the x recording (kernel ≤ 2 ulp of Math.tanh's value).
      for (let u = 0; u < 60; u++) {
        expect(Math.abs(phi.values[k * 60 + u] - Math.tanh(row[u]))).toBeLessThanOrEqual(4 * 2 ** -52);
      }
    }
  });

  it('sample matrices with the wrong shape are refused by name', () => {
    const bad = { values: new Float64Array(5), nSamples: 3, nUnits: 2 };
    expect(() => autocorrelation(rt, bad, { sampleDt: 1 })).toThrow(/autocorrelation: values must be a Float64Array of nSamples·nUnits = 6 entries/);
    expect(() => participationRatio(rt, bad)).toThrow(/participationRatio: values must be a Float64Array/);
    expect(() => participationRatio(rt, { values: new Float64Array(2), nSamples: 1, nUnits: 2 })).toThrow(/nSamples must be an integer ≥ 2/);
    const withNaN = { values: Float64Array.from([1, 2, Number.NaN, 4]), nSamples: 2, nUnits: 2 };
    expect(() => participationRatio(rt, withNaN)).toThrow(/participationRatio: values\[2\] must be a finite number \(got NaN\)/);
    expect(() => scsAutocorrelation(2, { tauMax: 1e5, dtau: 1e-3 })).toThrow(/scsAutocorrelation: tauMax\/dtau = 100000000 steps; at most 1e6/);
  });

  it('participation ratio takes the Gram form when the covariance would not fit in one WASM buffer', () => {
    // 12 000 units: 2 blocks of N² doubles = 2.3 GB > 2 GiB, while 20 samples need only 20·12 000 for the Gram form.
    const m = { values: new Float64Array(20 * 12_000).map((_, i) => Math.sin(i * 0.37)), nSamples: 20, nUnits: 12_000 };
    expect(participationRatio(rt, m).method).toBe('gram');
    expect(() => participationRatio(rt, m, { method: 'covariance', estimator: 'plain' })).toThrow(/covariance form needs 2304000000 bytes for 20 samples × 12000 units in 2 blocks, over the 2147483632 bytes/);
  });
});

describe('autocorrelation without mean removal and ensemble averages', () => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await load();
  });

  it('keeps the static part: x = m + cos(ωt) gives m² + cos(ωτ)/2, while mean removal gives cos(ωτ)/2', () => {
    const [t, m, omega] = [4000, 1.5, (2 * Math.PI) / 40];
    const values = Float64Array.from({ length: t }, (_, s) => m + Math.cos(omega * s));
    const raw = autocorrelation(rt, { values, nSamples: t, nUnits: 1 }, { sampleDt: 1, maxLag: 41, removeMean: false });
    const centred = autocorrelation(rt, { values, nSamples: t, nUnits: 1 }, { sampleDt: 1, maxLag: 41 });
    expect(raw.meanRemoved).toBe(false);
    // Biased estimator: factor (1 − lag/t) on the stationary value, plus end effects of the partial
    // periods: |Σ_s cos(ωs + θ)| ≤ 1/|sin(ω/2)| per sum, weighted by m (cross terms) and 1/2, over t.
    const endEffects = (2 * m + 1) / (t * Math.abs(Math.sin(omega / 2)));
    for (const lag of [0, 10, 20, 40]) {
      const expected = (1 - lag / t) * (m * m + Math.cos(omega * lag) / 2);
      expect(Math.abs(raw.population[lag] - expected)).toBeLessThan(endEffects);
      expect(Math.abs(centred.population[lag] - (1 - lag / t) * Math.cos(omega * lag) / 2)).toBeLessThan(endEffects);
    }
    expect(raw.population[0] - centred.population[0]).toBeGreaterThan(m * m - endEffects);
    const ts = intrinsicTimescales(rt, { values, nSamples: t, nUnits: 1 }, { sampleDt: 1, maxLag: 41 });
    // ρ = cos(ωτ) crosses 1/2 at τ = 40/6: linear interpolation between lags 6 and 7 errs by 0.011,
    // the biased factor (1 − τ/t) and the end effects above shift ρ by ~3e-3, i.e. τ by ~0.02.
    expect(Math.abs((ts.tauHalf as Float64Array)[0] - 40 / 6)).toBeLessThan(0.05);
  });

  it('ensembleAutocorrelation: mean, standard error and the timescales of each member', () => {
    const curves = [0.9, 1, 1.1].map((a) => Float64Array.from({ length: 200 }, (_, k) => a * Math.exp(-(k * 0.1) / (2 * a))));
    const e = ensembleAutocorrelation(curves, 0.1);
    expect(e.count).toBe(3);
    expect(e.mean[0]).toBeCloseTo(1, 14);
    expect(e.standardError[0]).toBeCloseTo(0.1 / Math.sqrt(3), 14);
    // τ½ = 2a·ln 2 for a = 0.9, 1, 1.1 (interpolation error ~1e-4).
    expect(Math.abs(e.timescales.tauHalf.mean - 2 * Math.LN2)).toBeLessThan(1e-3);
    expect(() => ensembleAutocorrelation([], 1)).toThrow(/curves must not be empty/);
    expect(() => ensembleAutocorrelation([[1, 2], [1]], 1)).toThrow(/same number of lags/);
  });
});
