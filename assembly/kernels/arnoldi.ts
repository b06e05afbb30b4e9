/**
 * Krylov-basis kernels shared by the Arnoldi (Krylov–Schur) and thick-restart Lanczos drivers
 * (src/linalg/eigen/krylov.ts). The basis V holds its vectors as rows: v_i = V[i·n … i·n + n), so
 * every inner loop runs over contiguous memory with the SIMD dot/axpy of blas1.ts.
 *
 * - arnoldi_orthogonalize_f64: classical Gram–Schmidt with the DGKS correction (Daniel, Gragg,
 *   Kaufman & Stewart, Math. Comp. 30, 1976): h = Vⱼᵀw, w ← w − Vⱼh, and a second pass when
 *   ‖w‖ fell below ‖w_before‖/√2 (cancellation lost orthogonality); "twice is enough"
 *   (Giraud, Langou, Rozložník 2005) keeps ‖VᵀV − I‖ at O(u). Lehoucq & Sorensen (ARPACK's
 *   dgetv0/dnaitr) use the same test.
 * - arnoldi_combine_f64: out = Yᵀ·V, i.e. row c of out is Σ_i Y[i, c]·v_i — the restart
 *   V_k ← V_m·Y (Stewart's Krylov–Schur; Wu & Simon's thick restart) and Ritz vectors x = V·y.
 *
 * Memory: V f64[j·n] (rows), w f64[n], h and scratch f64[j], Y f64[m·k] row-major, out f64[k·n]
 * not overlapping V. 16-byte aligned (the arena), nothing allocated.
 */
import { blas1_axpy_f64, blas1_dot_f64, blas1_nrm2_f64 } from "./blas1";

// @ts-ignore: decorator
@inline const DGKS_ETA: f64 = 0.7071067811865476; // 1/√2

/** One classical Gram–Schmidt pass: c = Vⱼᵀw, then w ← w − Vⱼc. */
function gramSchmidtPass(vPtr: usize, n: i32, j: i32, wPtr: usize, cPtr: usize): void {
  const rowBytes = <usize>n << 3;
  for (let i = 0; i < j; i++) {
    store<f64>(cPtr + (<usize>i << 3), blas1_dot_f64(vPtr + <usize>i * rowBytes, wPtr, n));
  }
  for (let i = 0; i < j; i++) {
    blas1_axpy_f64(-load<f64>(cPtr + (<usize>i << 3)), vPtr + <usize>i * rowBytes, wPtr, n);
  }
}

/**
 * Orthogonalises w against the j rows of V in place; h[0..j) receives the coefficients Vⱼᵀw_original
 * (sum of both passes), scratch f64[j]. Returns ‖w‖₂ after orthogonalisation.
 */
export function arnoldi_orthogonalize_f64(vPtr: usize, n: i32, j: i32, wPtr: usize, hPtr: usize, scratchPtr: usize): f64 {
  const before = blas1_nrm2_f64(wPtr, n);
  gramSchmidtPass(vPtr, n, j, wPtr, hPtr);
  const after = blas1_nrm2_f64(wPtr, n);
  if (after >= DGKS_ETA * before) return after;
  gramSchmidtPass(vPtr, n, j, wPtr, scratchPtr);
  blas1_axpy_f64(1.0, scratchPtr, hPtr, j);
  return blas1_nrm2_f64(wPtr, n);
}

// Columns per block of the combination: m rows of V and k rows of out, 256 entries each, stay in
// cache while every (i, c) pair is applied, instead of streaming V k times.
// @ts-ignore: decorator
@inline const COMBINE_BLOCK: i32 = 256;

/**
 * out (k×n, rows) = Yᵀ·V for V with m rows of length n and Y m×k row-major. Blocked over columns;
 * every out entry still sums over i in ascending order (as the reference does).
 */
export function arnoldi_combine_f64(vPtr: usize, n: i32, m: i32, yPtr: usize, k: i32, outPtr: usize): void {
  const rowBytes = <usize>n << 3;
  memory.fill(outPtr, 0, <usize>k * rowBytes);
  for (let start = 0; start < n; start += COMBINE_BLOCK) {
    const len = min<i32>(COMBINE_BLOCK, n - start);
    const offset = <usize>start << 3;
    for (let i = 0; i < m; i++) {
      const vi = vPtr + <usize>i * rowBytes + offset;
      for (let c = 0; c < k; c++) {
        blas1_axpy_f64(load<f64>(yPtr + (<usize>(i * k + c) << 3)), vi, outPtr + <usize>c * rowBytes + offset, len);
      }
    }
  }
}
