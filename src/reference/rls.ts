/**
 * Plain-TS RLS with the same argument order as assembly/kernels/rls.ts; written for clarity. P is
 * the full row-major n×n matrix.
 */
import { dotRef } from './blas1.js';

/**
 * k = P r, c = 1/(1 + rᵀk), P ← P − c k kᵀ, W ← W − c e kᵀ (W m×n). Returns c. With `normalised`
 * false, Nicola & Clopath's W ← W − e kᵀ (RecursiveLeastSquares' weightStep 'unnormalised').
 */
export function rlsUpdateRef(n: number, m: number, p: Float64Array, r: Float64Array, w: Float64Array,
                             e: Float64Array, k: Float64Array, normalised = true): number {
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += p[i * n + j] * r[j];
    k[i] = s;
  }
  const c = 1 / (1 + dotRef(r, k, n));
  rlsApplyRef(n, m, p, w, e, k, c, normalised ? c : 1);
  return c;
}

/** Given k = P r and c: P ← P − c k kᵀ, W ← W − cW e kᵀ (the update's elementwise part; cW = c for RLS). */
export function rlsApplyRef(n: number, m: number, p: Float64Array, w: Float64Array, e: Float64Array, k: Float64Array, c: number, cW = c): void {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) p[i * n + j] -= c * (k[i] * k[j]);
  }
  for (let a = 0; a < m; a++) {
    const ce = cW * e[a];
    for (let j = 0; j < n; j++) w[a * n + j] -= ce * k[j];
  }
}

export function rlsInitRef(n: number, p: Float64Array, alpha: number): void {
  p.fill(0, 0, n * n);
  for (let i = 0; i < n; i++) p[i * n + i] = 1 / alpha;
}
