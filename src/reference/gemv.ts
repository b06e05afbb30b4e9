/** Plain-TS dense products, same argument order as assembly/kernels/gemv.ts (A row-major). */

export function gemvRef(a: Float64Array, nRows: number, nCols: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < nRows; i++) {
    let s = 0;
    for (let j = 0; j < nCols; j++) s += a[i * nCols + j] * x[j];
    y[i] = s;
  }
}

export function gemvTRef(a: Float64Array, nRows: number, nCols: number, x: Float64Array, y: Float64Array): void {
  y.fill(0, 0, nCols);
  for (let i = 0; i < nRows; i++) {
    for (let j = 0; j < nCols; j++) y[j] += a[i * nCols + j] * x[i];
  }
}

/** Y = A·Xᵀ: row a of X (m×nCols) is x_a, row a of Y (m×nRows) is A·x_a. */
export function gemmRowsRef(a: Float64Array, nRows: number, nCols: number, x: Float64Array, m: number, y: Float64Array): void {
  for (let v = 0; v < m; v++) gemvRef(a, nRows, nCols, x.subarray(v * nCols, (v + 1) * nCols), y.subarray(v * nRows, (v + 1) * nRows));
}
