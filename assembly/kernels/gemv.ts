/**
 * Dense matrix–vector products, A row-major f64[nRows·nCols] (A_ij at i·nCols + j).
 * y must not alias x. SIMD builds process two rows at a time with two f64x2 accumulators per
 * row (four independent chains, x loaded once per pair of rows); the scalar build uses the same
 * blocking with scalar accumulators. Summation order therefore differs from a plain loop; each
 * y_i agrees with it within 2·γ_n·Σ_j|A_ij x_j|.
 */

/** Σ_j A[row·nCols + j]·x[j] for one row, with four scalar accumulators. */
// @ts-ignore: decorator
@inline
function rowDotScalar(rowPtr: usize, xPtr: usize, nCols: i32): f64 {
  let s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
  let j = 0;
  for (; j + 4 <= nCols; j += 4) {
    const o = <usize>j << 3;
    s0 += load<f64>(rowPtr + o) * load<f64>(xPtr + o);
    s1 += load<f64>(rowPtr + o, 8) * load<f64>(xPtr + o, 8);
    s2 += load<f64>(rowPtr + o, 16) * load<f64>(xPtr + o, 16);
    s3 += load<f64>(rowPtr + o, 24) * load<f64>(xPtr + o, 24);
  }
  for (; j < nCols; j++) {
    const o = <usize>j << 3;
    s0 += load<f64>(rowPtr + o) * load<f64>(xPtr + o);
  }
  return (s0 + s1) + (s2 + s3);
}

/** y = A·x: A is nRows×nCols, x f64[nCols], y f64[nRows]. */
export function gemv_f64(aPtr: usize, nRows: i32, nCols: i32, xPtr: usize, yPtr: usize): void {
  const rowBytes = <usize>nCols << 3;
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    for (; i + 2 <= nRows; i += 2) {
      const r0 = aPtr + <usize>i * rowBytes;
      const r1 = r0 + rowBytes;
      let a00 = f64x2.splat(0.0), a01 = f64x2.splat(0.0);
      let a10 = f64x2.splat(0.0), a11 = f64x2.splat(0.0);
      let j = 0;
      for (; j + 4 <= nCols; j += 4) {
        const o = <usize>j << 3;
        const x0 = v128.load(xPtr + o);
        const x1 = v128.load(xPtr + o, 16);
        a00 = f64x2.add(a00, f64x2.mul(v128.load(r0 + o), x0));
        a01 = f64x2.add(a01, f64x2.mul(v128.load(r0 + o, 16), x1));
        a10 = f64x2.add(a10, f64x2.mul(v128.load(r1 + o), x0));
        a11 = f64x2.add(a11, f64x2.mul(v128.load(r1 + o, 16), x1));
      }
      const s0 = f64x2.add(a00, a01);
      const s1 = f64x2.add(a10, a11);
      let y0 = f64x2.extract_lane(s0, 0) + f64x2.extract_lane(s0, 1);
      let y1 = f64x2.extract_lane(s1, 0) + f64x2.extract_lane(s1, 1);
      for (; j < nCols; j++) {
        const o = <usize>j << 3;
        const xj = load<f64>(xPtr + o);
        y0 += load<f64>(r0 + o) * xj;
        y1 += load<f64>(r1 + o) * xj;
      }
      store<f64>(yPtr + (<usize>i << 3), y0);
      store<f64>(yPtr + (<usize>i << 3), y1, 8);
    }
  }
  for (; i < nRows; i++) {
    store<f64>(yPtr + (<usize>i << 3), rowDotScalar(aPtr + <usize>i * rowBytes, xPtr, nCols));
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
