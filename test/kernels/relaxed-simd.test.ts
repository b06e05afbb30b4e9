import { beforeAll, describe, expect, it } from 'vitest';
import { type Complex, deriveSeed, eigDense, load, type Runtime, simulateRate, simulateRateEnsemble } from '../../src/index.js';
import { gemmRowsRef } from '../../src/reference/gemv.js';
import { frobenius, fromSpectrum, spectrumDistance } from '../helpers/eigen.js';
import { gaussianDense } from '../helpers/networks.js';
import { randomArray } from '../helpers/random.js';
import { dotDiffBound, U } from '../helpers/tolerance.js';

// vitest.config.ts starts the workers with --experimental-wasm-relaxed-simd, so on Node 20 this
// file runs the relaxed-SIMD binary itself; an engine without the feature must refuse it by name.
const relaxedAvailable = await load({ relaxedSimd: true }).then(() => true, (e: Error) => {
  expect(e.message).toMatch(/relaxedSimd: true, but this engine has no WebAssembly relaxed SIMD/);
  return false;
});

describe.runIf(relaxedAvailable)('relaxed-SIMD build (f64x2.relaxed_madd in the dense products)', () => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await load({ relaxedSimd: true });
  });

  it('reports itself in core_features (bit 1) and is not the plain SIMD binary', async () => {
    expect(rt.core.core_features()).toBe(3);
    const plain = await load();
    expect(plain.core.core_features()).toBe(1);
  });

  // Shapes cross the 4-row panels, odd widths (tail column), column blocks and m > 16 (two groups).
  it.each([[1, 1, 1], [3, 5, 2], [7, 9, 3], [17, 16, 8], [31, 1000, 5], [13, 1027, 8], [9, 601, 17]])(
    'multiplyRows %i×%i on %i vectors: within the dot-product bound of the reference, and equal to multiply bit for bit',
    (nRows, nCols, m) => {
      const values = randomArray(`relaxed-a-${nRows}-${nCols}`, nRows * nCols);
      const xs = randomArray(`relaxed-x-${nCols}-${m}`, m * nCols);
      using a = rt.dense(nRows, nCols, values);
      using a32 = rt.denseF32(nRows, nCols, values);
      using widened = rt.dense(nRows, nCols, Float64Array.from(Float32Array.from(values)));
      using x = rt.f64From(xs);
      using y = rt.f64(m * nRows);
      a.multiplyRows(x, m, y);
      const expected = new Float64Array(m * nRows);
      gemmRowsRef(values, nRows, nCols, xs, m, expected);
      for (let v = 0; v < m; v++) {
        using xv = rt.f64From(xs.subarray(v * nCols, (v + 1) * nCols));
        // One recipe per row in gemv and gemm_rows, FMA or not: ensembles still equal single runs.
        expect(y.toArray().subarray(v * nRows, (v + 1) * nRows)).toEqual(a.multiply(xv).toArray());
        // f32 entries are widened exactly before the fused multiply-add: the same bits as the widened f64 matrix.
        expect(a32.multiply(xv).toArray()).toEqual(widened.multiply(xv).toArray());
        for (let i = 0; i < nRows; i++) {
          let absSum = 0;
          for (let j = 0; j < nCols; j++) absSum += Math.abs(values[i * nCols + j] * xs[v * nCols + j]);
          // A fused multiply-add rounds once per term, so the two-rounding bound 2·γ_n·Σ|a x| still holds.
          expect(Math.abs(y.view()[v * nRows + i] - expected[v * nRows + i])).toBeLessThanOrEqual(dotDiffBound(absSum, nCols));
        }
      }
    },
  );

  it('an ensemble trajectory equals its single run bit for bit within the relaxed build', async () => {
    using J = gaussianDense(rt, 61, 1.8, 'relaxed-ensemble');
    const params = { connectivity: J, noise: 0.05 };
    const options = { t: 4, seed: 'relaxed', record: { units: 'all' as const, every: 3 } };
    const ensemble = await simulateRateEnsemble(rt, params, { ...options, trajectories: 3 });
    for (let a = 0; a < 3; a++) {
      const alone = await simulateRate(rt, params, { ...options, seed: deriveSeed('relaxed', 'trajectory', a) });
      expect(ensemble.runs[a].recording!.values).toEqual(alone.recording!.values);
    }
  });
  // n = 300: several Hessenberg panels, multishift sweeps with slabs (36 shifts) and deflation windows,
  // so every fused tile (blockSubtractProduct, blockTransposedProduct, blockRowDots) runs.
  it('eigDense with fused tile products: a prescribed normal spectrum within ε(A) = 10·n²·u·‖A‖_F, residuals ≤ 10·n·u·‖A‖_F, the SIMD build within 2·ε(A)', async () => {
    const spectrum: Complex[] = Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? { re: Math.sin(3 * i), im: 0 } : { re: Math.cos(i), im: 0.2 + (i % 7) / 5 }));
    const { n, values, eigenvalues } = fromSpectrum('relaxed-eig', spectrum);
    expect(n).toBe(300);
    const normA = frobenius(values);
    // Householder/QR reductions are normwise backward stable (Higham Thm 19.4, c = 10), with a fused
    // multiply-add as with a rounded product and sum; a normal matrix's eigenvalues move by at most that.
    const eps = 10 * n * n * U * normA;
    const fused = eigDense(rt, { n, values }, { vectors: true });
    expect(fused.status).toBe('converged');
    expect(spectrumDistance(fused.eigenvalues, eigenvalues)).toBeLessThanOrEqual(eps);
    fused.residuals.forEach((r) => { expect(r).toBeLessThanOrEqual(10 * n * U * normA); });
    const plain = eigDense(await load(), { n, values });
    expect(spectrumDistance(fused.eigenvalues, plain.eigenvalues)).toBeLessThanOrEqual(2 * eps);
  });
});

describe('relaxedSimd option', () => {
  it('rejects bad values and combinations by name', async () => {
    await expect(load({ relaxedSimd: 'yes' as never })).rejects.toThrow(/load: relaxedSimd must be true or false \(got yes\)/);
    await expect(load({ relaxedSimd: true, simd: false })).rejects.toThrow(/load: relaxedSimd: true needs SIMD \(got simd: false\)/);
    await expect(load({ relaxedSimd: true, build: 'debug' })).rejects.toThrow(/relaxedSimd has only a release build/);
  });
});
