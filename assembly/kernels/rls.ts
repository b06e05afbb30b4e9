/**
 * Recursive least squares (RLS) with one inverse-correlation matrix P shared by m outputs, as in
 * FORCE learning (Sussillo & Abbott 2009; Haykin, Adaptive Filter Theory, ch. 10):
 *   k = P r,   c = 1 / (1 + rᵀ k),   P ← P − c k kᵀ,   W ← W − c e kᵀ,
 * for a presynaptic rate vector r (f64[n]), a priori errors e = W r − f (f64[m], computed by the
 * caller before the update) and weights W (row-major m×n, one row per output).
 * Starting from P = I/α, W = 0, after samples r_1…r_t the rows of W equal the ridge solutions
 * w = (RᵀR + αI)⁻¹ Rᵀ f.
 *
 * Memory contract: P is the full row-major n×n matrix; k is f64[n] scratch that holds P r on
 * return. Buffers are 16-byte aligned (arena) and must not alias. P stays exactly symmetric: the
 * update subtracts c·(k_i·k_j) from P_ij and c·(k_j·k_i) from P_ji, the same number because IEEE
 * multiplication commutes, and k = P r is gemv_f64's product (its per-row recipe; SIMD and scalar
 * builds differ there within 2·γ_n·Σ_j|P_ij r_j|). The full matrix beats storing one triangle: P
 * (8 MB at n = 1000) sits in the last-level cache, where halving its bytes bought nothing while the
 * symmetric product cost a read-modify-write of k per element (DESIGN.md, lessons of the first
 * wave). Given k and c, the P and W updates are the same IEEE operations per element in both builds.
 */
import { blas1_axpy_f64, blas1_dot_f64 } from "./blas1";
import { gemv_f64 } from "./gemv";

/**
 * One RLS step (see the file comment): P and W (m×n) in place, k ← P r (the gain before scaling
 * by c). Returns c = 1/(1 + rᵀPr); c ∉ (0, 1] or non-finite means P has lost positive
 * definiteness (the host stops training).
 */
export function rls_update_f64(n: i32, m: i32, pPtr: usize, rPtr: usize, wPtr: usize, ePtr: usize, kPtr: usize): f64 {
  gemv_f64(pPtr, n, n, rPtr, kPtr);
  const c = 1.0 / (1.0 + blas1_dot_f64(rPtr, kPtr, n));
  rls_rank1_rows_f64(n, 0, n, pPtr, kPtr, c);
  rls_weights_f64(n, m, wPtr, ePtr, kPtr, c);
  return c;
}

/** W_a ← W_a − (c·e_a) k for the m rows of W (m×n): an axpy with −c·e_a, the same IEEE operations as a subtraction. */
export function rls_weights_f64(n: i32, m: i32, wPtr: usize, ePtr: usize, kPtr: usize, c: f64): void {
  const rowBytes = <usize>n << 3;
  for (let a = 0; a < m; a++) {
    blas1_axpy_f64(-(c * load<f64>(ePtr + (<usize>a << 3))), kPtr, wPtr + <usize>a * rowBytes, n);
  }
}

/**
 * Rows rowStart ≤ i < rowEnd of the rank-one update P_ij ← P_ij − c·(k_i·k_j) (P n×n, k f64[n]).
 * Each row's result depends only on that row, so rows may be updated by different threads in any
 * split and give the bits of one call over all rows.
 */
export function rls_rank1_rows_f64(n: i32, rowStart: i32, rowEnd: i32, pPtr: usize, kPtr: usize, c: f64): void {
  const rowBytes = <usize>n << 3;
  for (let i = rowStart; i < rowEnd; i++) {
    const row = pPtr + <usize>i * rowBytes;
    const ki = load<f64>(kPtr + (<usize>i << 3));
    let j = 0;
    if (ASC_FEATURE_SIMD) {
      const vk = f64x2.splat(ki);
      const vc = f64x2.splat(c);
      for (; j + 4 <= n; j += 4) {
        const o = <usize>j << 3;
        v128.store(row + o, f64x2.sub(v128.load(row + o), f64x2.mul(vc, f64x2.mul(vk, v128.load(kPtr + o)))));
        v128.store(row + o, f64x2.sub(v128.load(row + o, 16), f64x2.mul(vc, f64x2.mul(vk, v128.load(kPtr + o, 16)))), 16);
      }
    }
    for (; j < n; j++) {
      const o = <usize>j << 3;
      store<f64>(row + o, load<f64>(row + o) - c * (ki * load<f64>(kPtr + o)));
    }
  }
}

/** P ← I/α (P(0) of RLS with regularisation α > 0). */
export function rls_init_f64(n: i32, pPtr: usize, alpha: f64): void {
  memory.fill(pPtr, 0, (<usize>n * <usize>n) << 3);
  const inv = 1.0 / alpha;
  for (let i = 0; i < n; i++) store<f64>(pPtr + ((<usize>i * <usize>n + <usize>i) << 3), inv);
}
