/**
 * The block-network mean-field theory of Poisson-GLM networks (src/theory/spiking-timescales.ts)
 * against (1) its own closed forms checked by quadrature, and (2) direct simulation of the same
 * network with SpikingNetwork's GLM neurons (type 2), analysed with the library's spike tools.
 */
import seedrandom from 'seedrandom';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/index.js';
import { SpikingNetwork } from '../../src/dynamics/spiking.js';
import { spikeCountMatrix, spikeStatistics } from '../../src/analysis/spikes.js';
import { autocorrelation } from '../../src/analysis/timescales.js';
import { erf } from '../../src/dynamics/nonlinearity.js';
import { gaussianExpectation, gaussianPairExpectation } from '../../src/theory/quadrature.js';
import { bivariateNormalExcess, glmBlockTheory, kernelAutocorrelation } from '../../src/theory/spiking-timescales.js';
import { BUILDS, loadBuild } from '../helpers/runtime.js';

describe('GLM mean-field closed forms', () => {
  it('Φ₂(x, x; ρ) − Φ(x)² (the closed form of Cov[ν(u₁), ν(u₂)]) equals the nested Gaussian pair quadrature', () => {
    // With φ(u) = Φ((u − θ)/σ) and u ~ N(0, q), Cov(φ(u₁), φ(u₂)) = excess(−θ/s, c/s²), s² = σ² + q.
    const sigma = 1.3;
    const q = 0.9;
    for (const theta of [-1, 0, 0.7, 2]) {
      for (const c of [0.1, 0.5, 0.89]) {
        const phi = (u: number) => 0.5 * (1 + erf((u - theta) / (sigma * Math.SQRT2)));
        const mean = gaussianExpectation((z) => phi(Math.sqrt(q) * z));
        const pair = gaussianPairExpectation(phi, phi, c, q) - mean * mean;
        const s2 = sigma ** 2 + q;
        // The nested rule is accurate to ~1e-13 for these smooth integrands; 16-point Gauss–Legendre to ~1e-15.
        expect(Math.abs(bivariateNormalExcess(-theta / Math.sqrt(s2), c / s2) - pair)).toBeLessThan(1e-10);
      }
    }
  });

  it('the kernel autocorrelation A(τ) = ∫κ(t)κ(t+τ)dt matches a trapezoid integral (τ_s ≠ τ_m and τ_s = τ_m)', () => {
    for (const [tm, ts] of [[10, 5], [8, 8], [4, 12]]) {
      const kappa = (t: number) => (Math.abs(ts - tm) < 1e-12 ? (t / tm) * Math.exp(-t / tm) : (ts / (ts - tm)) * (Math.exp(-t / ts) - Math.exp(-t / tm)));
      for (const lag of [0, 3, 20]) {
        const h = 0.001;
        let s = 0;
        for (let t = 0; t < 400; t += h) s += kappa(t) * kappa(t + lag) * h;
        // Trapezoid = rectangle here (κ(0) = 0), error O(h²·κ″) ≈ 1e-7.
        expect(Math.abs(kernelAutocorrelation(tm, ts, lag) - s)).toBeLessThan(1e-5);
      }
    }
  });
});

const NEURON = { tauMs: 10, tauSynMs: 5, thetaMv: 10, rateWidthMv: 5, rateMaxHz: 100 };
const SIZES = [800, 200];
const K = [[80, 20], [80, 20]];
const J = [[1, -4], [1, -4]];
const MU = [6, 4];

/** A block network with Poisson(K_ab) inputs per neuron from block b, drawn with replacement (multapses summed). */
function blockWeights(rt: Runtime, seed: string) {
  const rng = seedrandom(seed);
  const n = SIZES[0] + SIZES[1];
  const starts = [0, SIZES[0]];
  const rowPtr = new Int32Array(n + 1);
  const colIdx: number[] = [];
  const values: number[] = [];
  const poisson = (lambda: number) => {
    let k = 0;
    let p = Math.exp(-lambda);
    let cdf = p;
    const u = rng();
    while (u > cdf) {
      k++;
      p *= lambda / k;
      cdf += p;
    }
    return k;
  };
  for (let i = 0; i < n; i++) {
    const a = i < SIZES[0] ? 0 : 1;
    const row = new Map<number, number>();
    for (let b = 0; b < 2; b++) {
      const k = poisson(K[a][b]);
      for (let s = 0; s < k; s++) {
        const j = starts[b] + Math.floor(rng() * SIZES[b]);
        if (j !== i) row.set(j, (row.get(j) ?? 0) + J[a][b]);
      }
    }
    for (const j of [...row.keys()].sort((x, y) => x - y)) {
      colIdx.push(j);
      values.push(row.get(j) as number);
    }
    rowPtr[i + 1] = colIdx.length;
  }
  return { matrix: rt.csr({ nRows: n, nCols: n, rowPtr, colIdx, values }), n };
}

describe.each(BUILDS.slice(0, 1))('GLM block network: theory vs simulation [%o]', (b) => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await loadBuild(b);
  });

  it('rates (mean, spread) and population spike autocovariance agree', async () => {
    const theory = glmBlockTheory({ neuron: NEURON, muMv: MU, inDegree: K, weightMv: J, lagStepMs: 1 });
    expect(theory.status).toBe('converged');
    const { matrix, n } = blockWeights(rt, 'glm-blocks');
    const types = new Int32Array(n).fill(2);
    const mu = Float64Array.from({ length: n }, (_, i) => MU[i < SIZES[0] ? 0 : 1]);
    const tMs = 3_200;
    using net = new SpikingNetwork(rt, { weights: matrix, types, mu, glm: NEURON, integrator: 'exact', dtMs: 0.1, seed: 'glm-sim' });
    const run = await net.run({ tMs });
    const trains = run.spikes!;
    const stats = spikeStatistics(rt, trains, {});
    const windowMs = tMs - 200;
    // Tolerances: sampling error (3 s.e. over neurons) plus the mean-field error at finite in-degree
    // (K = 100 inputs: O(1/√K) corrections to the Gaussian-input picture, measured at ≤ 8% on rates and
    // ≤ 15% on the autocovariance at 10.2 s, Dec 2026), so 12% (rates) and 20% (autocovariance).
    for (let a = 0; a < 2; a++) {
      const from = a === 0 ? 0 : SIZES[0];
      const rates = Array.from(stats.rates.subarray(from, from + SIZES[a]));
      const mean = rates.reduce((s, r) => s + r, 0) / rates.length;
      const variance = rates.reduce((s, r) => s + (r - mean) ** 2, 0) / (rates.length - 1);
      // Poisson counting noise adds ν̄/T to the variance of the measured rates.
      const sdCorrected = Math.sqrt(Math.max(0, variance - mean / (windowMs / 1000)));
      const t = theory.blocks[a];
      const se = Math.sqrt(variance / rates.length);
      expect(Math.abs(mean - t.rate.meanHz)).toBeLessThan(3 * se + 0.12 * t.rate.meanHz);
      expect(Math.abs(sdCorrected - t.rate.sdHz)).toBeLessThan(0.15 * t.rate.sdHz);
    }
    const counts = spikeCountMatrix(trains, { binMs: 1 });
    const ac = autocorrelation(rt, counts, { sampleDt: 1, maxLag: 40 });
    for (let a = 0; a < 2; a++) {
      const from = a === 0 ? 0 : SIZES[0];
      // Lag k ≥ 1 of 1 ms count bins: Cov(n_t, n_{t+k}) ≈ (1 ms)²·C̄(k ms) (the δ part sits at lag 0 only).
      for (const k of [2, 5, 10]) {
        const vals = Array.from({ length: SIZES[a] }, (_, u) => ac.perUnit[(from + u) * ac.maxLag + k] * 1e6);
        const m = vals.reduce((s, v) => s + v, 0) / vals.length;
        const se = Math.sqrt(vals.reduce((s, v) => s + (v - m) ** 2, 0) / (vals.length - 1) / vals.length);
        const predicted = theory.blocks[a].autocorrelationHz2[k];
        expect(Math.abs(m - predicted)).toBeLessThan(3 * se + 0.2 * predicted);
      }
    }
    expect(theory.blocks[0].medianTimescaleMs).toBeGreaterThan(0);
  }, 120_000);
});
