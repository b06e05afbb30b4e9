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

/** y = A·x in CSR16 (linalg/csr16.ts): columns decoded from u16 deltas, ESCAPE16 (0xFFFF) taking the row's next escape. */
export function spmvCsr16Ref(rowPtr: Int32Array, deltas: Uint16Array, escapeRowPtr: Int32Array, escapes: Int32Array,
                             vals: Float64Array | Float32Array, nRows: number, x: Float64Array, y: Float64Array): void {
  for (let r = 0; r < nRows; r++) {
    let s = 0;
    let column = 0;
    let nextEscape = escapeRowPtr[r];
    for (let k = rowPtr[r]; k < rowPtr[r + 1]; k++) {
      column = deltas[k] === 0xffff ? escapes[nextEscape++] : column + deltas[k];
      s += vals[k] * x[column];
    }
    y[r] = s;
  }
}
