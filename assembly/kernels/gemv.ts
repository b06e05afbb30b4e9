/**
 * Dense matrix–vector products, A row-major f64[nRows·nCols] (A_ij at i·nCols + j). Outputs must
 * not alias inputs.
 *
 * Every row's dot product follows one fixed recipe per build, whatever blocking is around it:
 * SIMD builds sum j ≡ 0, 1 (mod 4) in one f64x2 accumulator and j ≡ 2, 3 in another, add them,
 * add the two lanes, then the tail j ≥ 4⌊n/4⌋ left to right; scalar builds use four scalar
 * accumulators the same way. Blocking only shares loads of x between rows (four rows at a time),
 * so gemv, and gemm_rows for each of its vectors, give bit-identical rows: a trajectory simulated
 * in an ensemble equals the same trajectory simulated alone. Each y_i agrees with a plain loop
 * within 2·γ_n·Σ_j|A_ij x_j|.
 */

/** The tail j ≥ 4⌊n/4⌋ of one row's dot, added left to right to s. */
// @ts-ignore: decorator
@inline
function tailDot(s: f64, rowPtr: usize, xPtr: usize, from: i32, nCols: i32): f64 {
  for (let j = from; j < nCols; j++) {
    const o = <usize>j << 3;
    s += load<f64>(rowPtr + o) * load<f64>(xPtr + o);
  }
  return s;
}

/** Σ_j A[row, j]·x[j] for one row, by the build's recipe. */
// @ts-ignore: decorator
@inline
function rowDot(rowPtr: usize, xPtr: usize, nCols: i32): f64 {
  const end = nCols & ~3;
  if (ASC_FEATURE_SIMD) {
    let a0 = f64x2.splat(0.0), a1 = f64x2.splat(0.0);
    for (let j = 0; j < end; j += 4) {
      const o = <usize>j << 3;
      a0 = f64x2.add(a0, f64x2.mul(v128.load(rowPtr + o), v128.load(xPtr + o)));
      a1 = f64x2.add(a1, f64x2.mul(v128.load(rowPtr + o, 16), v128.load(xPtr + o, 16)));
    }
    const a = f64x2.add(a0, a1);
    return tailDot(f64x2.extract_lane(a, 0) + f64x2.extract_lane(a, 1), rowPtr, xPtr, end, nCols);
  }
  let s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
  for (let j = 0; j < end; j += 4) {
    const o = <usize>j << 3;
    s0 += load<f64>(rowPtr + o) * load<f64>(xPtr + o);
    s1 += load<f64>(rowPtr + o, 8) * load<f64>(xPtr + o, 8);
    s2 += load<f64>(rowPtr + o, 16) * load<f64>(xPtr + o, 16);
    s3 += load<f64>(rowPtr + o, 24) * load<f64>(xPtr + o, 24);
  }
  return tailDot((s0 + s1) + (s2 + s3), rowPtr, xPtr, end, nCols);
}

/** y[i..i+4) for rows r0 = A + i·rowBytes …: the recipe of rowDot, with each x block loaded once. */
// @ts-ignore: decorator
@inline
function fourRows(r0: usize, rowBytes: usize, xPtr: usize, nCols: i32, yPtr: usize, yStride: usize): void {
  const r1 = r0 + rowBytes, r2 = r1 + rowBytes, r3 = r2 + rowBytes;
  if (!ASC_FEATURE_SIMD) {
    store<f64>(yPtr, rowDot(r0, xPtr, nCols));
    store<f64>(yPtr + yStride, rowDot(r1, xPtr, nCols));
    store<f64>(yPtr + 2 * yStride, rowDot(r2, xPtr, nCols));
    store<f64>(yPtr + 3 * yStride, rowDot(r3, xPtr, nCols));
    return;
  }
  const end = nCols & ~3;
  let a00 = f64x2.splat(0.0), a01 = f64x2.splat(0.0), a10 = f64x2.splat(0.0), a11 = f64x2.splat(0.0);
  let a20 = f64x2.splat(0.0), a21 = f64x2.splat(0.0), a30 = f64x2.splat(0.0), a31 = f64x2.splat(0.0);
  for (let j = 0; j < end; j += 4) {
    const o = <usize>j << 3;
    const x0 = v128.load(xPtr + o);
    const x1 = v128.load(xPtr + o, 16);
    a00 = f64x2.add(a00, f64x2.mul(v128.load(r0 + o), x0));
    a01 = f64x2.add(a01, f64x2.mul(v128.load(r0 + o, 16), x1));
    a10 = f64x2.add(a10, f64x2.mul(v128.load(r1 + o), x0));
    a11 = f64x2.add(a11, f64x2.mul(v128.load(r1 + o, 16), x1));
    a20 = f64x2.add(a20, f64x2.mul(v128.load(r2 + o), x0));
    a21 = f64x2.add(a21, f64x2.mul(v128.load(r2 + o, 16), x1));
    a30 = f64x2.add(a30, f64x2.mul(v128.load(r3 + o), x0));
    a31 = f64x2.add(a31, f64x2.mul(v128.load(r3 + o, 16), x1));
  }
  const s0 = f64x2.add(a00, a01), s1 = f64x2.add(a10, a11), s2 = f64x2.add(a20, a21), s3 = f64x2.add(a30, a31);
  store<f64>(yPtr, tailDot(f64x2.extract_lane(s0, 0) + f64x2.extract_lane(s0, 1), r0, xPtr, end, nCols));
  store<f64>(yPtr + yStride, tailDot(f64x2.extract_lane(s1, 0) + f64x2.extract_lane(s1, 1), r1, xPtr, end, nCols));
  store<f64>(yPtr + 2 * yStride, tailDot(f64x2.extract_lane(s2, 0) + f64x2.extract_lane(s2, 1), r2, xPtr, end, nCols));
  store<f64>(yPtr + 3 * yStride, tailDot(f64x2.extract_lane(s3, 0) + f64x2.extract_lane(s3, 1), r3, xPtr, end, nCols));
}

/** y = A·x: A is nRows×nCols, x f64[nCols], y f64[nRows]. */
export function gemv_f64(aPtr: usize, nRows: i32, nCols: i32, xPtr: usize, yPtr: usize): void {
  const rowBytes = <usize>nCols << 3;
  let i = 0;
  for (; i + 4 <= nRows; i += 4) fourRows(aPtr + <usize>i * rowBytes, rowBytes, xPtr, nCols, yPtr + (<usize>i << 3), 8);
  for (; i < nRows; i++) store<f64>(yPtr + (<usize>i << 3), rowDot(aPtr + <usize>i * rowBytes, xPtr, nCols));
}

/**
 * Y = A·Xᵀ for m vectors at once: row a of X (m×nCols, row-major) is x_a, row a of Y (m×nRows) is
 * A·x_a. One pass over A: each panel of four rows is applied to all m vectors while it is in cache,
 * so A streams from memory once instead of m times. Row for row the result equals gemv_f64's.
 */
export function gemm_rows_f64(aPtr: usize, nRows: i32, nCols: i32, xPtr: usize, m: i32, yPtr: usize): void {
  const rowBytes = <usize>nCols << 3;
  const yRowBytes = <usize>nRows << 3;
  let i = 0;
  for (; i + 4 <= nRows; i += 4) {
    const panel = aPtr + <usize>i * rowBytes;
    for (let a = 0; a < m; a++) {
      fourRows(panel, rowBytes, xPtr + <usize>a * rowBytes, nCols, yPtr + <usize>a * yRowBytes + (<usize>i << 3), 8);
    }
  }
  for (; i < nRows; i++) {
    const row = aPtr + <usize>i * rowBytes;
    for (let a = 0; a < m; a++) {
      store<f64>(yPtr + <usize>a * yRowBytes + (<usize>i << 3), rowDot(row, xPtr + <usize>a * rowBytes, nCols));
    }
  }
}

/** y = Aᵀ·x: A is nRows×nCols, x f64[nRows], y f64[nCols]; y ← Σ_i x_i·A_i (row axpys). */
export function gemv_t_f64(aPtr: usize, nRows: i32, nCols: i32, xPtr: usize, yPtr: usize): void {
  memory.fill(yPtr, 0, <usize>nCols << 3);
  const rowBytes = <usize>nCols << 3;
  for (let i = 0; i < nRows; i++) {
    const xi = load<f64>(xPtr + (<usize>i << 3));
    const row = aPtr + <usize>i * rowBytes;
    let j = 0;
    if (ASC_FEATURE_SIMD) {
      const vx = f64x2.splat(xi);
      for (; j + 2 <= nCols; j += 2) {
        const o = <usize>j << 3;
        v128.store(yPtr + o, f64x2.add(v128.load(yPtr + o), f64x2.mul(v128.load(row + o), vx)));
      }
    }
    for (; j < nCols; j++) {
      const o = <usize>j << 3;
      store<f64>(yPtr + o, load<f64>(yPtr + o) + load<f64>(row + o) * xi);
    }
  }
}
