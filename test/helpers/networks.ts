import type { DenseMatrix, Runtime } from '../../src/index.js';

/**
 * Dense Gaussian J_ij ~ N(0, g²/N) with corr(J_ij, J_ji) = η: J = g(√((1+η)/2)·S + √((1−η)/2)·A)/√N
 * from a standard Gaussian matrix G, S = (G + Gᵀ)/√2 and A = (G − Gᵀ)/√2 (unit-variance off-diagonal),
 * diagonal zero. (Test-side construction; the library's generators come with the connectivity module.)
 */
export function partiallySymmetric(rt: Runtime, n: number, g: number, eta: number, seed: string): DenseMatrix {
  using rng = rt.rng(seed);
  using gauss = rng.normal(n * n);
  const G = gauss.toArray();
  const values = new Float64Array(n * n);
  const a = Math.sqrt((1 + eta) / 2);
  const b = Math.sqrt((1 - eta) / 2);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const s = (G[i * n + j] + G[j * n + i]) / Math.SQRT2;
      const d = (G[i * n + j] - G[j * n + i]) / Math.SQRT2;
      values[i * n + j] = (g * (a * s + b * d)) / Math.sqrt(n);
    }
  }
  return rt.dense(n, n, values);
}

/** Dense J_ij ~ N(0, g²/N) from a named seed (SCS networks). */
export function gaussianDense(rt: Runtime, n: number, g: number, seed: string): DenseMatrix {
  const J = rt.dense(n, n);
  using rng = rt.rng(seed);
  rng.normalInto(J.data, 0, g / Math.sqrt(n));
  return J;
}
