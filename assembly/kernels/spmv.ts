/**
 * Sparse matrix–vector products in CSR: rowPtr i32[nRows+1] (rowPtr[0] = 0, non-decreasing),
 * colIdx i32[nnz] (0 ≤ c < nCols), vals f64[nnz] (f32[nnz] in `_f32` kernels). y must not alias x. Indices are trusted:
 * the host validates CSR structure once when a matrix is built.
 *
 * The row loop keeps two partial sums (even/odd entries) so that consecutive multiply–adds do
 * not wait on each other; each y_i agrees with a left-to-right sum within 2·γ_k·Σ|A_ij x_j|.
 * Gathers x[colIdx[k]] dominate, so SIMD does not pay here (measured) and the kernel is scalar.
 * The CSR16 kernels (spmv_csr16_*) read the same entries with u16 column deltas instead of i32
 * columns, four a step, and keep the two sums in one f64x2 with SIMD (rowCsr16).
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

/** Delta value meaning "this entry's column is the next i32 of the row's escapes" (deltas ≥ 0xFFFF). */
export const ESCAPE16: i32 = 0xffff;

/**
 * Σ_k vals[k]·x[col_k] over entries start ≤ k < end of one CSR16 row, in spmvCsr's two partial sums
 * (s0 takes the entries at even offsets from the row start, s1 the odd ones, each in order).
 * col_k = col_{k−1} + delta[k] from col = 0, except that an ESCAPE16 delta takes the next i32 at
 * `escape`. Four entries a step (measured 8–12% faster than two); with SIMD the two sums are the
 * lanes of one f64x2 (lane-wise IEEE mul and add: the same bits; measured 5% faster for f64 values,
 * 10% for f32). `escaped` is false for rows without escapes, so the escape test stops at its
 * loop-invariant first operand. The decode stays written out in both loops: through helpers that
 * return the column and the cursor's step it compiled to selects chained on the cursor, 2× slower.
 */
// @ts-ignore: decorator
@inline
function rowCsr16<T>(deltas: usize, vals: usize, xPtr: usize, start: i32, end: i32, escape: usize, escaped: bool): f64 {
  let s0 = 0.0, s1 = 0.0;
  let c = 0;
  let k = start;
  if (ASC_FEATURE_SIMD) {
    let s = f64x2.splat(0.0);
    for (; k + 4 <= end; k += 4) {
      const dp = deltas + (<usize>k << 1);
      const d0 = <i32>load<u16>(dp), d1 = <i32>load<u16>(dp, 2), d2 = <i32>load<u16>(dp, 4), d3 = <i32>load<u16>(dp, 6);
      let c0 = c + d0;
      if (escaped && d0 == ESCAPE16) { c0 = load<i32>(escape); escape += 4; }
      let c1 = c0 + d1;
      if (escaped && d1 == ESCAPE16) { c1 = load<i32>(escape); escape += 4; }
      let c2 = c1 + d2;
      if (escaped && d2 == ESCAPE16) { c2 = load<i32>(escape); escape += 4; }
      c = c2 + d3;
      if (escaped && d3 == ESCAPE16) { c = load<i32>(escape); escape += 4; }
      const x01 = v128.load64_lane(xPtr + (<usize>c1 << 3), v128.load64_zero(xPtr + (<usize>c0 << 3)), 1);
      const x23 = v128.load64_lane(xPtr + (<usize>c << 3), v128.load64_zero(xPtr + (<usize>c2 << 3)), 1);
      let v01: v128, v23: v128;
      if (sizeof<T>() == 8) {
        v01 = v128.load(vals + (<usize>k << 3));
        v23 = v128.load(vals + (<usize>k << 3), 16);
      } else {
        const v = v128.load(vals + (<usize>k << 2));
        v01 = f64x2.promote_low_f32x4(v);
        v23 = f64x2.promote_low_f32x4(i64x2.shuffle(v, v, 1, 0));
      }
      s = f64x2.add(f64x2.add(s, f64x2.mul(v01, x01)), f64x2.mul(v23, x23));
    }
    s0 = f64x2.extract_lane(s, 0);
    s1 = f64x2.extract_lane(s, 1);
  } else {
    for (; k + 4 <= end; k += 4) {
      const dp = deltas + (<usize>k << 1);
      const d0 = <i32>load<u16>(dp), d1 = <i32>load<u16>(dp, 2), d2 = <i32>load<u16>(dp, 4), d3 = <i32>load<u16>(dp, 6);
      let c0 = c + d0;
      if (escaped && d0 == ESCAPE16) { c0 = load<i32>(escape); escape += 4; }
      let c1 = c0 + d1;
      if (escaped && d1 == ESCAPE16) { c1 = load<i32>(escape); escape += 4; }
      let c2 = c1 + d2;
      if (escaped && d2 == ESCAPE16) { c2 = load<i32>(escape); escape += 4; }
      c = c2 + d3;
      if (escaped && d3 == ESCAPE16) { c = load<i32>(escape); escape += 4; }
      const v = vals + (<usize>k << alignof<T>());
      s0 += <f64>load<T>(v) * load<f64>(xPtr + (<usize>c0 << 3));
      s1 += <f64>load<T>(v, sizeof<T>()) * load<f64>(xPtr + (<usize>c1 << 3));
      s0 += <f64>load<T>(v, 2 * sizeof<T>()) * load<f64>(xPtr + (<usize>c2 << 3));
      s1 += <f64>load<T>(v, 3 * sizeof<T>()) * load<f64>(xPtr + (<usize>c << 3));
    }
  }
  for (; k < end; k++) {
    const d = <i32>load<u16>(deltas + (<usize>k << 1));
    c += d;
    if (escaped && d == ESCAPE16) { c = load<i32>(escape); escape += 4; }
    const term = <f64>load<T>(vals + (<usize>k << alignof<T>())) * load<f64>(xPtr + (<usize>c << 3));
    if (((k - start) & 1) == 0) s0 += term;
    else s1 += term;
  }
  return s0 + s1;
}

/**
 * y = A·x in CSR16 form (sorted columns coded as u16 deltas: 2 bytes per index instead of 4): rowPtr
 * i32[nRows+1], deltas u16[nnz] (a row's first entry relative to column 0), escapeRowPtr i32[nRows+1]
 * (row i's escapes are escapes[escapeRowPtr[i] … escapeRowPtr[i+1]), so rows without any run the
 * loop without the test), escapes i32[escapeRowPtr[nRows]] (the full columns of the ESCAPE16 entries, in
 * entry order), vals T[nnz]. y equals spmv_csr on the decoded matrix bit for bit (same partial sums).
 */
// @ts-ignore: decorator
@inline
function spmvCsr16<T>(rowPtr: usize, deltas: usize, escapeRowPtr: usize, escapes: usize, vals: usize, nRows: i32,
                      xPtr: usize, yPtr: usize): void {
  let start = load<i32>(rowPtr);
  let escapeStart = load<i32>(escapeRowPtr);
  for (let r = 0; r < nRows; r++) {
    const end = load<i32>(rowPtr + (<usize>(r + 1) << 2));
    const escapeEnd = load<i32>(escapeRowPtr + (<usize>(r + 1) << 2));
    const escape = escapes + (<usize>escapeStart << 2);
    store<f64>(yPtr + (<usize>r << 3), escapeEnd == escapeStart
      ? rowCsr16<T>(deltas, vals, xPtr, start, end, escape, false)
      : rowCsr16<T>(deltas, vals, xPtr, start, end, escape, true));
    start = end;
    escapeStart = escapeEnd;
  }
}

/** y = A·x, CSR16 with vals f64[nnz]: equals spmv_csr_f64 on the decoded matrix bit for bit (10 bytes per entry instead of 12). */
export function spmv_csr16_f64(rowPtr: usize, deltas: usize, escapeRowPtr: usize, escapes: usize, vals: usize, nRows: i32,
                               xPtr: usize, yPtr: usize): void {
  spmvCsr16<f64>(rowPtr, deltas, escapeRowPtr, escapes, vals, nRows, xPtr, yPtr);
}

/** y = A·x, CSR16 with vals f32[nnz]: equals spmv_csr_f32 on the decoded matrix bit for bit (6 bytes per entry instead of 8). */
export function spmv_csr16_f32(rowPtr: usize, deltas: usize, escapeRowPtr: usize, escapes: usize, vals: usize, nRows: i32,
                               xPtr: usize, yPtr: usize): void {
  spmvCsr16<f32>(rowPtr, deltas, escapeRowPtr, escapes, vals, nRows, xPtr, yPtr);
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
