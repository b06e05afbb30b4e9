import { beforeAll, describe, expect, it } from 'vitest';
import { connectivityMotifs, gaussianNetwork, lognormalNetwork, load, type Runtime } from '../../src/index.js';

const KEYS = ['reciprocal', 'convergent', 'divergent', 'chain'] as const;

describe('motif statistics of matrices with known structure', () => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await load();
  });

  const normals = (seed: string, n: number) => rt.scope(() => rt.rng(seed).normal(n).toArray());
  const centredMoments = (x: Float64Array, y: Float64Array) => {
    const n = x.length;
    const mx = x.reduce((s, v) => s + v, 0) / n;
    const my = y.reduce((s, v) => s + v, 0) / n;
    return x.reduce((s, v, i) => s + (v - mx) * (y[i] - my), 0) / n;
  };

  it('W_ij = a_i + b_j + ε_ij (ε symmetric) has convergent var(a)/σ², divergent var(b)/σ², reciprocal (2cov(a,b) + var ε)/σ², chain cov(a,b)/σ²', () => {
    // a = ξ, b = 0.7(0.5ξ + √0.75 ζ), ε_ij = ε_ji ~ N(0, 0.8²). Expectations use the realised
    // moments; what remains are cross terms such as ⟨a_i ε_ij⟩ (std ≈ √(var a·var ε)/n) and the
    // O(1/n) effects of excluding the diagonal and subtracting the mean, so |error| ≤ 8/n.
    const n = 500;
    const xi = normals('motif-structure-xi', n);
    const zeta = normals('motif-structure-zeta', n);
    const eps = normals('motif-structure-eps', n * n);
    const a = xi;
    const b = xi.map((v, i) => 0.7 * (0.5 * v + Math.sqrt(0.75) * zeta[i]));
    const w = new Float64Array(n * n);
    let ve = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (i === j) continue;
        const e = 0.8 * eps[Math.min(i, j) * n + Math.max(i, j)];
        w[i * n + j] = a[i] + b[j] + e;
        ve += (e * e) / (n * (n - 1));
      }
    }
    const va = centredMoments(a, a);
    const vb = centredMoments(b, b);
    const cab = centredMoments(a, b);
    const s2 = va + vb + ve;
    const expected = { reciprocal: (2 * cab + ve) / s2, convergent: va / s2, divergent: vb / s2, chain: cab / s2 };
    using W = rt.dense(n, n, w);
    const got = connectivityMotifs(rt, W);
    expect(Math.abs(got.variance - s2)).toBeLessThanOrEqual((8 / n) * s2);
    for (const key of KEYS) expect(Math.abs(got[key] - expected[key])).toBeLessThanOrEqual(8 / n);
    // The structure is strong enough that the checks are not vacuous.
    expect(expected.convergent).toBeGreaterThan(0.3);
    expect(expected.chain).toBeGreaterThan(0.1);
  });

  it('i.i.d. Gaussian matrices (dense and sparse) have all four statistics within 6/N of 0; η gives reciprocal η', () => {
    // For i.i.d. entries each statistic is an average of ~N²/2 (reciprocal) or N³ (triples)
    // uncorrelated unit products, std ≈ √2/N; 6/N is more than four standard deviations.
    const n = 400;
    using dense = gaussianNetwork(rt, { n, g: 1.5, seed: 'motif-iid-dense' });
    using sparse = lognormalNetwork(rt, { n, k: 40, cv: 0, g: 1.5, seed: 'motif-iid-sparse' });
    for (const net of [dense, sparse]) {
      const got = connectivityMotifs(rt, net.matrix!);
      for (const key of KEYS) expect(Math.abs(got[key])).toBeLessThanOrEqual(6 / n);
    }
    using symmetric = gaussianNetwork(rt, { n, g: 1, eta: 0.5, seed: 'motif-eta' });
    const got = connectivityMotifs(rt, symmetric.matrix!);
    expect(Math.abs(got.reciprocal - 0.5)).toBeLessThanOrEqual(6 / n);
    for (const key of ['convergent', 'divergent', 'chain'] as const) expect(Math.abs(got[key])).toBeLessThanOrEqual(6 / n);
  });
});
