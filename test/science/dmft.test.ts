import { describe, expect, it } from 'vitest';
import { gaussianExpectation, scsVariance } from '../../src/theory/dmft.js';

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
});
