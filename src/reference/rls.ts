/**
 * Plain-TS RLS with the same argument order as assembly/kernels/rls.ts; written for clarity. P is
 * row-major n×n and, as in the kernel, only its upper triangle (j ≥ i) is read or written.
 */
import { dotRef } from './blas1.js';

/**
 * k = P r, c = 1/(1 + rᵀk), P ← P − c k kᵀ (upper triangle), W ← W − c e kᵀ (W m×n). Returns c.
 * k = P r is taken row by row over the upper triangle, as the kernel does: row i finishes k_i
 * with Σ_{j≥i} P_ij r_j and adds P_ij r_i to every later k_j. Each k_i is thus summed over
 * j = 0, 1, …, n−1 in order, so the scalar build agrees bit for bit.
 */
export function rlsUpdateRef(n: number, m: number, p: Float64Array, r: Float64Array, w: Float64Array,
                             e: Float64Array, k: Float64Array): number {
  k.fill(0, 0, n);
  for (let i = 0; i < n; i++) {
    let s = k[i] + p[i * n + i] * r[i];
    for (let j = i + 1; j < n; j++) {
      s += p[i * n + j] * r[j];
      k[j] += p[i * n + j] * r[i];
    }
    k[i] = s;
  }
  const c = 1 / (1 + dotRef(r, k, n));
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) p[i * n + j] -= c * (k[i] * k[j]);
  }
  for (let a = 0; a < m; a++) {
    const ce = c * e[a];
    for (let j = 0; j < n; j++) w[a * n + j] -= ce * k[j];
  }
  return c;
}

export function rlsInitRef(n: number, p: Float64Array, alpha: number): void {
  p.fill(0, 0, n * n);
  for (let i = 0; i < n; i++) p[i * n + i] = 1 / alpha;
}

export function rlsMirrorRef(n: number, p: Float64Array): void {
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) p[j * n + i] = p[i * n + j];
}
