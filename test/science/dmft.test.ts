import { describe, expect, it } from 'vitest';
import { scsAutocorrelation, scsPotential, scsVariance } from '../../src/theory/dmft/scs.js';
import { gaussianExpectation, gaussianPairExpectation } from '../../src/theory/quadrature.js';

describe('SCS dynamical mean-field theory', () => {
  it('Gaussian expectations are exact for moments and for cosh', () => {
    expect(gaussianExpectation(() => 1)).toBeCloseTo(1, 14);
    expect(gaussianExpectation((z) => z * z)).toBeCloseTo(1, 14);
    expect(gaussianExpectation((z) => z ** 4)).toBeCloseTo(3, 13);
    expect(gaussianExpectation((z) => Math.cosh(z))).toBeCloseTo(Math.exp(0.5), 13); // E cosh z = e^{1/2}
  });

  it('has no variance below the transition and grows continuously above it', () => {
    expect(scsVariance(0.5)).toBe(0);
    expect(scsVariance(1)).toBe(0);
    const near = scsVariance(1.05);
    expect(near).toBeGreaterThan(0);
    expect(near).toBeLessThan(0.2);
    expect(scsVariance(1.5)).toBeLessThan(scsVariance(2));
  });

  it('near g = 1 follows the small-Δ expansion Δ0 ≈ (g² − 1)/(2g²); at g = 2 matches scipy', () => {
    // Φ(u) = u²/2 − u⁴/12 + O(u⁶) gives Var Φ(√Δ z) = Δ²/2 − Δ³ + O(Δ⁴), so the balance
    // Δ²/2 = g²(Δ²/2 − Δ³) yields Δ0 = (g² − 1)/(2g²) to leading order in g − 1.
    // The relative correction is O(g − 1): bound it by 4(g − 1) and watch it shrink.
    for (const g of [1.005, 1.01, 1.02]) {
      expect(Math.abs(scsVariance(g) / ((g * g - 1) / (2 * g * g)) - 1)).toBeLessThan(4 * (g - 1));
    }
    // Independent cross-check: scipy.optimize.brentq on the same balance with 200-point
    // Gauss–Hermite quadrature gives Δ0(2) = 1.9248054137 (computed while developing).
    expect(scsVariance(2)).toBeCloseTo(1.9248054137, 8);
  });

  it('Δ(τ) decays monotonically from Δ0 and conserves the particle energy v²/2 + V(Δ)', () => {
    // Force (Δ'' = Δ − g²C_φ) and potential (V with Φ = ln cosh) are computed independently; Price's
    // theorem ties them (dV/dΔ = −Δ + g²C_φ). RK4 at dτ = 0.02 conserves the energy to ~1e-9; the
    // nested trapezoid integrals add ~1e-12. The chaotic solution starts and ends at rest, so the
    // energy equals V(Δ0) = V(0), which is the balance scsVariance solved.
    const g = 2;
    const { tau, delta, delta0 } = scsAutocorrelation(g, { tauMax: 12, dtau: 0.02 });
    expect(delta[0]).toBe(delta0);
    const energy0 = scsPotential(g, delta0, delta0);
    expect(Math.abs(energy0 - scsPotential(g, 0, delta0))).toBeLessThan(1e-9 * Math.abs(energy0) + 1e-10);
    let last = delta0;
    for (let i = 1; i < tau.length && delta[i] > 0; i++) {
      expect(delta[i]).toBeLessThan(last);
      last = delta[i];
    }
    for (const i of [50, 150, 300]) {
      const v = (delta[i + 1] - delta[i - 1]) / (2 * 0.02); // central difference, O(dτ²) ≈ 1e-4·|Δ'''|
      expect(Math.abs(v * v / 2 + scsPotential(g, delta[i], delta0) - energy0)).toBeLessThan(2e-4);
    }
    // Correlation time: Δ falls to Δ0/e within a few τ at g = 2.
    const e = tau[delta.findIndex((d) => d < delta0 / Math.E)];
    expect(e).toBeGreaterThan(1);
    expect(e).toBeLessThan(10);
  });

  it('Δ(τ) is zero for g ≤ 1', () => {
    expect(Array.from(scsAutocorrelation(0.8, { tauMax: 1 }).delta).every((d) => d === 0)).toBe(true);
  });
});

describe('gaussianPairExpectation', () => {
  it('gives E[xy] = c, E[x²y²] = q² + 2c² and the arcsine law for sign·sign', () => {
    const id = (u: number) => u;
    const sq = (u: number) => u * u;
    for (const [c, q] of [[0.3, 1], [-0.7, 2], [0, 1.5], [1.2, 1.2]]) {
      // Polynomial integrands are integrated exactly by the rule up to its tail (e^{−32}); 1e-12 leaves room for rounding.
      expect(Math.abs(gaussianPairExpectation(id, id, c, q) - c)).toBeLessThan(1e-12);
      expect(Math.abs(gaussianPairExpectation(sq, sq, c, q) - (q * q + 2 * c * c))).toBeLessThan(1e-11 * q * q);
    }
    // E[sign x sign y] = (2/π) asin(c/q) (Sheppard); the step kink limits the trapezoid rule to ~1e-3.
    const sign = (u: number) => Math.tanh(1e3 * u);
    expect(Math.abs(gaussianPairExpectation(sign, sign, 0.5, 1) - (2 / Math.PI) * Math.asin(0.5))).toBeLessThan(5e-3);
  });
});
