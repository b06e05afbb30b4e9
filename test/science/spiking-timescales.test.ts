/**
 * The block-network mean-field theory of Poisson-GLM networks (src/theory/spiking-timescales.ts)
 * against (1) its own closed forms checked by quadrature, and (2) direct simulation of the same
 * network with SpikingNetwork's GLM neurons (type 2), analysed with the library's spike tools.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/index.js';
import { glmBlockComparison } from '../../src/analysis/spiking-timescales.js';
import { erf } from '../../src/dynamics/nonlinearity.js';
import { gaussianExpectation, gaussianPairExpectation, gaussLegendreRule } from '../../src/theory/quadrature.js';
import { bivariateNormalExcess, glmBlockTheory, kernelAutocorrelation } from '../../src/theory/spiking-timescales.js';
import { BUILDS, loadBuild } from '../helpers/runtime.js';

describe('GLM mean-field closed forms', () => {
  it('the Gauss–Legendre rule integrates x^d over [−1, 1] exactly for d < 2n (2/(d + 1) for even d, 0 for odd)', () => {
    for (const n of [1, 2, 5, 16]) {
      const { nodes, weights } = gaussLegendreRule(n);
      for (let d = 0; d < 2 * n; d++) {
        const sum = nodes.reduce((s, x, k) => s + weights[k] * x ** d, 0);
        // Exact in exact arithmetic; the rounding of n terms of size ≤ 2 stays below 1e-14.
        expect(Math.abs(sum - (d % 2 === 0 ? 2 / (d + 1) : 0))).toBeLessThan(1e-14);
      }
    }
    expect(() => gaussLegendreRule(0)).toThrow(/gaussLegendreRule: n must be an integer/);
  });

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

describe.each(BUILDS.slice(0, 1))('GLM block network: theory vs simulation [%o]', (b) => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await loadBuild(b);
  });

  // N = 1000 (800 E, 200 I), K = 100, 3 s analysed: s.e. over neurons ≈ 1 Hz on rates and ≈ 10% of
  // C̄ at the compared lags; tolerances (3 s.e. + model tolerance) are in analysis/spiking-timescales.ts.
  it('rates (mean, spread) and the population spike autocovariance agree, and the test can tell a wrong drive', async () => {
    const comparison = await glmBlockComparison(rt, { seed: 'glm-sim' });
    expect(comparison.theory.status).toBe('converged');
    for (const block of comparison.blocks) {
      expect(block.rateMeanHz.agrees).toBe(true);
      expect(block.rateSdHz.agrees).toBe(true);
      for (const c of block.autocovarianceHz2) expect(c.agrees).toBe(true);
      // Rates spread over a wide range: the static input spread from random in-degrees is resolved.
      expect(block.rateSdHz.simulation).toBeGreaterThan(10);
    }
    expect(comparison.agrees).toBe(true);
    expect(comparison.warnings).toEqual([]);
    // The theory's timescale distribution is finite and ordered.
    const taus = comparison.theory.blocks[0].timescales.map((t) => t.tauMs);
    expect(taus.every((t) => t > 0 && Number.isFinite(t))).toBe(true);
    // Power: the theory for a drive 3 mV higher lies outside the tolerance of the same simulation.
    const shifted = glmBlockTheory({ neuron: comparison.params.neuron, muMv: [9, 7], inDegree: comparison.params.inDegree, weightMv: comparison.params.weightMv });
    const sim = comparison.blocks[0].rateMeanHz;
    expect(Math.abs(sim.simulation - shifted.blocks[0].rate.meanHz)).toBeGreaterThan(3 * sim.stdErr + 0.12 * shifted.blocks[0].rate.meanHz);
  }, 120_000);

  it('bad parameters name themselves', async () => {
    await expect(glmBlockComparison(rt, { muMv: [1] })).rejects.toThrow(/muMv/);
    await expect(glmBlockComparison(rt, { inDegree: [[1, -2], [1, 1]] })).rejects.toThrow(/inDegree\[0\]\[1\]/);
    expect(() => glmBlockTheory({ neuron: { ...comparisonNeuron, rateWidthMv: 0 }, muMv: [1], inDegree: [[1]], weightMv: [[1]] })).toThrow(/rateWidthMv/);
  });
});

const comparisonNeuron = { tauMs: 10, tauSynMs: 5, thetaMv: 10, rateWidthMv: 5, rateMaxHz: 100 };
