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
 *
 * Deferred rank-one update: step t's P ← P − c_t k_t k_tᵀ is applied at step t + 1, in the same
 * pass over P that computes k_{t+1} = P r_{t+1} (rls_gain_rows_f64), so each step reads and writes
 * P once instead of reading it twice (gemv, then the update) and writing it once: 2 of 3 passes
 * over the 8 MB of P at n = 1000. Every element receives the same IEEE operations in the same
 * order as the immediate update, so k, c, W and (after rls_rank1_rows_f64 flushes the pending
 * update) P are bit for bit those of the step-by-step algorithm.
 */
import { blas1_axpy_f64, blas1_dot_f64 } from "./blas1";
import { gemv_f64, madd } from "./gemv";

/**
 * One RLS step (see the file comment) with the previous step's rank-one update pending (q = its k,
 * cPending = its c; cPending = 0: none): applies it, k ← P r, W ← W − s e kᵀ with s = c
 * (normalised) or 1 (Nicola & Clopath's unnormalised step); P's own update by this step is left
 * pending (the caller keeps k and c for the next step or for rls_rank1_rows_f64). Returns
 * c = 1/(1 + rᵀPr); c ∉ (0, 1] or non-finite means P has lost positive definiteness (the host stops
 * training). k and q must not alias.
 */
export function rls_update_f64(
  n: i32, m: i32, pPtr: usize, rPtr: usize, wPtr: usize, ePtr: usize, kPtr: usize, qPtr: usize, cPending: f64, normalised: bool,
): f64 {
  rls_gain_rows_f64(n, 0, n, pPtr, rPtr, kPtr, qPtr, cPending);
  const c = 1.0 / (1.0 + blas1_dot_f64(rPtr, kPtr, n));
  rls_weights_f64(n, m, wPtr, ePtr, kPtr, normalised ? c : 1.0);
  return c;
}

/**
 * Rows rowStart ≤ i < rowEnd of one deferred step: P_ij ← P_ij − cPending·(q_i·q_j) (skipped when
 * cPending = 0), then k_i = Σ_j P_ij r_j over the updated row by gemv_f64's per-row recipe (one f64x2
 * accumulator over column pairs, its lanes, then the odd last column; even/odd sums in the scalar
 * build): the bits of rls_rank1_rows_f64 followed by gemv_f64, in one pass. Rows are independent, so
 * any split across threads gives the same bits.
 */
export function rls_gain_rows_f64(n: i32, rowStart: i32, rowEnd: i32, pPtr: usize, rPtr: usize, kPtr: usize, qPtr: usize, cPending: f64): void {
  const rowBytes = <usize>n << 3;
  if (cPending == 0.0) {
    gemv_f64(pPtr + <usize>rowStart * rowBytes, rowEnd - rowStart, n, rPtr, kPtr + (<usize>rowStart << 3));
    return;
  }
  const pairs = <usize>(n & ~1) << 3;
  let i = rowStart;
  if (ASC_FEATURE_SIMD) {
    // Four rows per tile (four independent sums; q_j and r_j loaded once for four rows): 15% over one row at a time at n = 1000.
    const vc = f64x2.splat(cPending);
    for (; i + 4 <= rowEnd; i += 4) {
      const p0 = pPtr + <usize>i * rowBytes, p1 = p0 + rowBytes, p2 = p1 + rowBytes, p3 = p2 + rowBytes;
      const qi = qPtr + (<usize>i << 3);
      const q0 = f64x2.splat(load<f64>(qi)), q1 = f64x2.splat(load<f64>(qi, 8));
      const q2 = f64x2.splat(load<f64>(qi, 16)), q3 = f64x2.splat(load<f64>(qi, 24));
      let a0 = f64x2.splat(0.0), a1 = a0, a2 = a0, a3 = a0;
      for (let o: usize = 0; o < pairs; o += 16) {
        const qj = v128.load(qPtr + o), rj = v128.load(rPtr + o);
        a0 = updatedPairTimesR(p0 + o, vc, q0, qj, rj, a0);
        a1 = updatedPairTimesR(p1 + o, vc, q1, qj, rj, a1);
        a2 = updatedPairTimesR(p2 + o, vc, q2, qj, rj, a2);
        a3 = updatedPairTimesR(p3 + o, vc, q3, qj, rj, a3);
      }
      const ki = kPtr + (<usize>i << 3);
      store<f64>(ki, updatedTail(p0, n, cPending, load<f64>(qi), qPtr, rPtr, f64x2.extract_lane(a0, 0) + f64x2.extract_lane(a0, 1)));
      store<f64>(ki, updatedTail(p1, n, cPending, load<f64>(qi, 8), qPtr, rPtr, f64x2.extract_lane(a1, 0) + f64x2.extract_lane(a1, 1)), 8);
      store<f64>(ki, updatedTail(p2, n, cPending, load<f64>(qi, 16), qPtr, rPtr, f64x2.extract_lane(a2, 0) + f64x2.extract_lane(a2, 1)), 16);
      store<f64>(ki, updatedTail(p3, n, cPending, load<f64>(qi, 24), qPtr, rPtr, f64x2.extract_lane(a3, 0) + f64x2.extract_lane(a3, 1)), 24);
    }
  }
  for (; i < rowEnd; i++) {
    const row = pPtr + <usize>i * rowBytes;
    const qi = load<f64>(qPtr + (<usize>i << 3));
    let s: f64;
    if (ASC_FEATURE_SIMD) {
      const vc = f64x2.splat(cPending), vq = f64x2.splat(qi);
      let a = f64x2.splat(0.0);
      for (let o: usize = 0; o < pairs; o += 16) a = updatedPairTimesR(row + o, vc, vq, v128.load(qPtr + o), v128.load(rPtr + o), a);
      s = f64x2.extract_lane(a, 0) + f64x2.extract_lane(a, 1);
    } else {
      let even = 0.0, odd = 0.0;
      for (let o: usize = 0; o < pairs; o += 16) {
        const p0 = load<f64>(row + o) - cPending * (qi * load<f64>(qPtr + o));
        const p1 = load<f64>(row + o, 8) - cPending * (qi * load<f64>(qPtr + o, 8));
        store<f64>(row + o, p0);
        store<f64>(row + o, p1, 8);
        even += p0 * load<f64>(rPtr + o);
        odd += p1 * load<f64>(rPtr + o, 8);
      }
      s = even + odd;
    }
    store<f64>(kPtr + (<usize>i << 3), updatedTail(row, n, cPending, qi, qPtr, rPtr, s));
  }
}

/** Entries j, j + 1 of a row at p ← P − c·(q_i·q_j) (stored), and a + P·r_j (gemv's multiply-add). */
// @ts-ignore: decorator
@inline
function updatedPairTimesR(p: usize, vc: v128, qi: v128, qj: v128, rj: v128, a: v128): v128 {
  const updated = f64x2.sub(v128.load(p), f64x2.mul(vc, f64x2.mul(qi, qj)));
  v128.store(p, updated);
  return madd(updated, rj, a);
}

/** The row's sum s plus its odd last column (updated first), as gemv's tail; s itself when n is even. */
// @ts-ignore: decorator
@inline
function updatedTail(row: usize, n: i32, c: f64, qi: f64, qPtr: usize, rPtr: usize, s: f64): f64 {
  if ((n & 1) == 0) return s;
  const last = <usize>(n - 1) << 3;
  const p = load<f64>(row + last) - c * (qi * load<f64>(qPtr + last));
  store<f64>(row + last, p);
  return s + p * load<f64>(rPtr + last);
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
