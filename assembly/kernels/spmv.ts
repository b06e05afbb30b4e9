/**
 * Sparse matrix–vector products in CSR: rowPtr i32[nRows+1] (rowPtr[0] = 0, non-decreasing),
 * colIdx i32[nnz] (0 ≤ c < nCols), vals f64[nnz] (f32[nnz] in `_f32` kernels). y must not alias x. Indices are trusted:
 * the host validates CSR structure once when a matrix is built.
 *
 * The row loop keeps two partial sums (even/odd entries) so that consecutive multiply–adds do
 * not wait on each other; each y_i agrees with a left-to-right sum within 2·γ_k·Σ|A_ij x_j|.
 * Gathers x[colIdx[k]] dominate, so SIMD does not pay here (measured) and the kernel is scalar.
 */
import { i32At } from "./inline/memory";

/** y = A·x for entries of type T (f64, or f32 widened exactly; the sums are f64 either way). */
// @ts-ignore: decorator
@inline
function spmvCsr<T>(rowPtr: usize, colIdx: usize, vals: usize, nRows: i32, xPtr: usize, yPtr: usize): void {
  let start = load<i32>(rowPtr);
  for (let r = 0; r < nRows; r++) {
    const end = load<i32>(rowPtr + (<usize>(r + 1) << 2));
    let s0 = 0.0, s1 = 0.0;
    let k = start;
    for (; k + 2 <= end; k += 2) {
      const c0 = load<i32>(colIdx + (<usize>k << 2));
      const c1 = load<i32>(colIdx + (<usize>k << 2), 4);
      const v = vals + (<usize>k << alignof<T>());
      s0 += <f64>load<T>(v) * load<f64>(xPtr + (<usize>c0 << 3));
      s1 += <f64>load<T>(v + sizeof<T>()) * load<f64>(xPtr + (<usize>c1 << 3));
    }
    if (k < end) {
      const c = load<i32>(colIdx + (<usize>k << 2));
      s0 += <f64>load<T>(vals + (<usize>k << alignof<T>())) * load<f64>(xPtr + (<usize>c << 3));
    }
    store<f64>(yPtr + (<usize>r << 3), s0 + s1);
    start = end;
  }
}

/** y = A·x: vals f64[nnz], x f64[nCols], y f64[nRows]. */
export function spmv_csr_f64(rowPtr: usize, colIdx: usize, vals: usize, nRows: i32,
                             xPtr: usize, yPtr: usize): void {
  spmvCsr<f64>(rowPtr, colIdx, vals, nRows, xPtr, yPtr);
}

/**
 * y = A·x with vals f32[nnz] (2/3 of the bytes per entry with the i32 index): equals spmv_csr_f64
 * on the widened values bit for bit, and differs from the f64 matrix they were rounded from by at
 * most (u₃₂ + 2·γ_k)·Σ|A_ij x_j| per row.
 */
export function spmv_csr_f32(rowPtr: usize, colIdx: usize, vals: usize, nRows: i32,
                             xPtr: usize, yPtr: usize): void {
  spmvCsr<f32>(rowPtr, colIdx, vals, nRows, xPtr, yPtr);
}

/** Delta value meaning "this entry's column is the next i32 of the escape list" (deltas ≥ 0xFFFF). */
export const ESCAPE16: i32 = 0xffff;

/** Bytes the escape cursor advances past an entry with this delta: one i32 for ESCAPE16, none otherwise. */
// @ts-ignore: decorator
@inline
function escapeBytes(delta: i32): usize {
  return delta == ESCAPE16 ? 4 : 0;
}

/** The column after `previous` with this delta: the full column at the escape cursor for ESCAPE16. */
// @ts-ignore: decorator
@inline
function columnOf(delta: i32, previous: i32, escape: usize): i32 {
  return delta == ESCAPE16 ? load<i32>(escape) : previous + delta;
}

/**
 * y = A·x in CSR16 form (sorted columns coded as u16 deltas: 2 bytes per index instead of 4): rowPtr
 * i32[nRows+1], deltas u16[nnz] (row-initial entries relative to column 0), escapes i32[#ESCAPE16 deltas]
 * (the full columns of the escaped entries, in entry order), vals T[nnz]. The same two partial sums
 * (even/odd entries of a row) as spmvCsr, so y equals spmv_csr on the decoded matrix bit for bit. With
 * SIMD the two sums are the lanes of one f64x2 (lane-wise IEEE mul and add: the same bits).
 */
// @ts-ignore: decorator
@inline
function spmvCsr16<T>(rowPtr: usize, deltas: usize, escapes: usize, vals: usize, nRows: i32, xPtr: usize, yPtr: usize): void {
  let start = load<i32>(rowPtr);
  let escape = escapes;
  for (let r = 0; r < nRows; r++) {
    const end = load<i32>(rowPtr + (<usize>(r + 1) << 2));
    let s0 = 0.0, s1 = 0.0;
    let c = 0;
    let k = start;
    if (ASC_FEATURE_SIMD) {
      let s = f64x2.splat(0.0);
      for (; k + 2 <= end; k += 2) {
        const d0 = <i32>load<u16>(deltas + (<usize>k << 1)), d1 = <i32>load<u16>(deltas + (<usize>k << 1), 2);
        const c0 = columnOf(d0, c, escape);
        escape += escapeBytes(d0);
        c = columnOf(d1, c0, escape);
        escape += escapeBytes(d1);
        const xs = v128.load64_lane(xPtr + (<usize>c << 3), v128.load64_zero(xPtr + (<usize>c0 << 3)), 1);
        const v = sizeof<T>() == 8 ? v128.load(vals + (<usize>k << 3)) : f64x2.promote_low_f32x4(v128.load64_zero(vals + (<usize>k << 2)));
        s = f64x2.add(s, f64x2.mul(v, xs));
      }
      s0 = f64x2.extract_lane(s, 0);
      s1 = f64x2.extract_lane(s, 1);
    } else {
      for (; k + 2 <= end; k += 2) {
        const d0 = <i32>load<u16>(deltas + (<usize>k << 1)), d1 = <i32>load<u16>(deltas + (<usize>k << 1), 2);
        const c0 = columnOf(d0, c, escape);
        escape += escapeBytes(d0);
        c = columnOf(d1, c0, escape);
        escape += escapeBytes(d1);
        const v = vals + (<usize>k << alignof<T>());
        s0 += <f64>load<T>(v) * load<f64>(xPtr + (<usize>c0 << 3));
        s1 += <f64>load<T>(v + sizeof<T>()) * load<f64>(xPtr + (<usize>c << 3));
      }
    }
    if (k < end) {
      const d = <i32>load<u16>(deltas + (<usize>k << 1));
      c = columnOf(d, c, escape);
      escape += escapeBytes(d);
      s0 += <f64>load<T>(vals + (<usize>k << alignof<T>())) * load<f64>(xPtr + (<usize>c << 3));
    }
    store<f64>(yPtr + (<usize>r << 3), s0 + s1);
    start = end;
  }
}

/** y = A·x, CSR16 with vals f64[nnz]: equals spmv_csr_f64 on the decoded matrix bit for bit (10 bytes per entry instead of 12). */
export function spmv_csr16_f64(rowPtr: usize, deltas: usize, escapes: usize, vals: usize, nRows: i32,
                               xPtr: usize, yPtr: usize): void {
  spmvCsr16<f64>(rowPtr, deltas, escapes, vals, nRows, xPtr, yPtr);
}

/** y = A·x, CSR16 with vals f32[nnz]: equals spmv_csr_f32 on the decoded matrix bit for bit (6 bytes per entry instead of 8). */
export function spmv_csr16_f32(rowPtr: usize, deltas: usize, escapes: usize, vals: usize, nRows: i32,
                               xPtr: usize, yPtr: usize): void {
  spmvCsr16<f32>(rowPtr, deltas, escapes, vals, nRows, xPtr, yPtr);
}

/** y = Aᵀ·x: x f64[nRows], y f64[nCols] (scatter: y[c] += A_rc·x_r, rows in order). */
export function spmv_csr_t_f64(rowPtr: usize, colIdx: usize, vals: usize, nRows: i32, nCols: i32,
                               xPtr: usize, yPtr: usize): void {
  memory.fill(yPtr, 0, <usize>nCols << 3);
  let start = load<i32>(rowPtr);
  for (let r = 0; r < nRows; r++) {
    const end = load<i32>(rowPtr + (<usize>(r + 1) << 2));
    const xr = load<f64>(xPtr + (<usize>r << 3));
    for (let k = start; k < end; k++) {
      const yc = yPtr + (<usize>load<i32>(colIdx + (<usize>k << 2)) << 3);
      store<f64>(yc, load<f64>(yc) + load<f64>(vals + (<usize>k << 3)) * xr);
    }
    start = end;
  }
}

/** Entries per column (out-degrees): counts i32[nCols] ← #{k : colIdx[k] = c}. */
export function csr_col_counts_i32(nnz: i32, colIdxPtr: usize, nCols: i32, countsPtr: usize): void {
  memory.fill(countsPtr, 0, <usize>nCols << 2);
  for (let k = 0; k < nnz; k++) {
    const at = countsPtr + (<usize>i32At(colIdxPtr, k) << 2);
    store<i32>(at, load<i32>(at) + 1);
  }
}
