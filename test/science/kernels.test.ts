import { beforeAll, describe, expect, it } from 'vitest';
import { empiricalKernels, kernelStudy } from '../../src/analysis/kernels.js';
import { nonlinearity } from '../../src/dynamics/nonlinearity.js';
import { type Runtime, load } from '../../src/index.js';
import { equalTimeKernel, pairMoment, recurrentTwoTimeKernel } from '../../src/theory/kernels.js';

const TANH = { phi: 'tanh' as const, sigmaW: 1.5, sigmaB: 0.5, steps: 6, input: { qa: 1, qb: 0.8, c: 0.4 } };

describe('kernel recursions (theory/kernels.ts)', () => {
  it('E[erf(u)erf(v)] equals the closed form (2/π) arcsin(2c/√((1+2qa)(1+2qb))) (Williams 1997)', () => {
    const erf = nonlinearity('erf');
    for (const [qa, qb, c] of [[1, 1, 0.5], [0.3, 2, -0.6], [2, 2, 2], [1.5, 0.5, 0]]) {
      const exact = (2 / Math.PI) * Math.asin((2 * c) / Math.sqrt((1 + 2 * qa) * (1 + 2 * qb)));
      // the nested 81-node rule integrates these entire functions to ~1e-13 (quadrature.ts)
      expect(Math.abs(pairMoment(erf, qa, qb, c) - exact)).toBeLessThan(1e-11);
    }
  });

  it('the erf recursion iterates the closed form layer by layer', () => {
    const p = { phi: nonlinearity('erf'), sigmaW: 1.2, sigmaB: 0.3, steps: 5, input: { qa: 1, qb: 0.5, c: 0.2 } };
    const k = equalTimeKernel(p);
    let { qa, qb, c } = p.input;
    const arcsine = (x: number, y: number, z: number) => (2 / Math.PI) * Math.asin((2 * z) / Math.sqrt((1 + 2 * x) * (1 + 2 * y)));
    for (let l = 1; l <= p.steps; l++) {
      [qa, qb, c] = [1.44 * arcsine(qa, qa, qa) + 0.09, 1.44 * arcsine(qb, qb, qb) + 0.09, 1.44 * arcsine(qa, qb, c) + 0.09];
      expect(Math.abs(k[l].qa - qa)).toBeLessThan(1e-10);
      expect(Math.abs(k[l].c - c)).toBeLessThan(1e-10);
    }
  });

  it('the two-time kernel has the equal-time kernel on its diagonal, K(0, s) = 0 and is symmetric', () => {
    const p = { ...TANH, phi: nonlinearity('tanh') };
    const k = recurrentTwoTimeKernel(p);
    const eq = equalTimeKernel(p);
    const m = p.steps + 1;
    for (let t = 0; t < m; t++) {
      expect(k[t * m + t]).toBe(eq[t].qa);
      for (let s = 0; s < m; s++) expect(k[t * m + s]).toBe(k[s * m + t]);
    }
    for (let s = 1; s < m; s++) expect(k[s]).toBe(0);
    // odd φ: K(1, s) = σ_b² (h⁰ independent of h^{s−1}, ⟨tanh⟩ = 0)
    for (let s = 2; s < m; s++) expect(k[m + s]).toBeCloseTo(0.25, 12);
  });

  it('rejects bad parameters by name', () => {
    const phi = nonlinearity('tanh');
    expect(() => equalTimeKernel({ ...TANH, phi, sigmaW: -1 })).toThrow(/sigmaW/);
    expect(() => equalTimeKernel({ ...TANH, phi, steps: 0 })).toThrow(/steps/);
    expect(() => equalTimeKernel({ ...TANH, phi, input: { qa: 1, qb: 1, c: 2 } })).toThrow(/input\.c/);
    expect(() => equalTimeKernel({ ...TANH, phi, input: { qa: Number.NaN, qb: 1, c: 0 } })).toThrow(/input\.qa/);
  });
});

describe('empirical kernels of width-n networks against the recursions', () => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await load();
  });

  it('both architectures converge to the same equal-time kernel; the recurrent two-time kernel to its recursion, the deep one to 0', () => {
    const study = kernelStudy(rt, { ...TANH, widths: [64, 256], draws: 200, seed: 'kernels-agree' });
    for (const rows of [study.deep, study.recurrent]) {
      for (const r of rows) {
        // Max over 6 steps (correlated) of |z|-scores; an unbiased estimate exceeds 4 with probability < 4e-4. The
        // finite-width bias is O(1/n) against a standard error ∝ 1/√(n·draws): at n ≥ 64, draws = 200 it is under 1 se.
        expect(r.maxDeviationSe).toBeLessThan(4.5);
        expect(r.maxTwoTimeDeviationSe).toBeLessThan(4.5);
      }
    }
  }, 120_000);

  it('the spread scales as n^{-1/2} for both, and the recurrent kernel scatters more than the deep one', () => {
    const study = kernelStudy(rt, { ...TANH, steps: 10, widths: [32, 64, 128, 256], draws: 200, seed: 'kernels-spread' });
    // Each spread is a std over 200 draws (relative error 1/√398 = 5%); over a 3-octave fit the slope's standard
    // error is ≈ 0.05/(ln 8 · 0.56) ≈ 0.03 (slopes over 6 seeds scattered by ±0.07), so ±0.12 is 4 standard errors.
    expect(Math.abs(study.spreadExponent.deep + 0.5)).toBeLessThan(0.12);
    expect(Math.abs(study.spreadExponent.recurrent + 0.5)).toBeLessThan(0.12);
    // After 10 steps the ratio measured 1.36–1.68 (3 seeds × 4 widths) and does not trend with n (same O(n^{-1/2}) law,
    // larger prefactor); its noise is ≈ 7% per width, so a mean ratio above 1.2 fails only if reuse added no spread.
    const meanRatio = study.spreadRatio.reduce((s, r) => s + r, 0) / study.spreadRatio.length;
    expect(meanRatio).toBeGreaterThan(1.2);
  }, 120_000);

  it('paired draws agree exactly at step 1 and the same seed gives the same bits', () => {
    const options = { ...TANH, n: 40, draws: 3, seed: 5 };
    const a = empiricalKernels(rt, options);
    const b = empiricalKernels(rt, options);
    expect(a.recurrent.c.mean).toEqual(b.recurrent.c.mean);
    expect(a.deep.c.mean[1]).toBe(a.recurrent.c.mean[1]);
    expect(a.deep.c.mean[2]).not.toBe(a.recurrent.c.mean[2]);
  });

  it('rejects bad sizes and unknown names by name', () => {
    expect(() => empiricalKernels(rt, { ...TANH, n: 1, draws: 3 })).toThrow(/\bn\b/);
    expect(() => empiricalKernels(rt, { ...TANH, n: 10, draws: 1 })).toThrow(/draws/);
    expect(() => empiricalKernels(rt, { ...TANH, n: 10, draws: 3, phi: 'cube' as never })).toThrow(/phi/);
    expect(() => kernelStudy(rt, { ...TANH, widths: [], draws: 3 })).toThrow(/widths/);
    expect(() => kernelStudy(rt, { ...TANH, widths: [10, 0.5], draws: 3 })).toThrow(/widths\[1\]/);
  });
});
