/** Plain-TS CSR products, same argument order as assembly/kernels/spmv.ts. */

export function spmvCsrRef(rowPtr: Int32Array, colIdx: Int32Array, vals: Float64Array, nRows: number,
                           x: Float64Array, y: Float64Array): void {
  for (let r = 0; r < nRows; r++) {
    let s = 0;
    for (let k = rowPtr[r]; k < rowPtr[r + 1]; k++) s += vals[k] * x[colIdx[k]];
    y[r] = s;
  }
}

export function spmvCsrTRef(rowPtr: Int32Array, colIdx: Int32Array, vals: Float64Array, nRows: number, nCols: number,
                            x: Float64Array, y: Float64Array): void {
  y.fill(0, 0, nCols);
  for (let r = 0; r < nRows; r++) {
    for (let k = rowPtr[r]; k < rowPtr[r + 1]; k++) y[colIdx[k]] += vals[k] * x[r];
  }
}

export function csrColCountsRef(nnz: number, colIdx: Int32Array, nCols: number, counts: Int32Array): void {
  counts.fill(0, 0, nCols);
  for (let k = 0; k < nnz; k++) counts[colIdx[k]]++;
}
