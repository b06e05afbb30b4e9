/**
 * Sparse matrices from (row, column, value) triplets, as files store them: the canonical CSR form
 * with columns strictly increasing in each row and duplicate entries summed (scipy's
 * `coo_matrix.tocsr()` convention). Two stable counting sorts (by column, then by row): O(nnz + n).
 */
import type { CsrArrays } from './csr.js';

export interface Triplets {
  nRows: number;
  nCols: number;
  rows: Int32Array;
  cols: Int32Array;
  values: Float64Array;
}

/** CSR arrays as typed arrays, rows sorted by column, no duplicates: what csrFromTriplets gives. */
export type CanonicalCsr = CsrArrays & { rowPtr: Int32Array; colIdx: Int32Array; values: Float64Array };

/** Positions of `keys` (each in [0, nKeys)) ordered stably by key, starting from the order `order`. */
function stableOrderBy(keys: Int32Array, nKeys: number, order: Int32Array): Int32Array {
  const start = new Int32Array(nKeys + 1);
  for (const k of order) start[keys[k] + 1]++;
  for (let i = 0; i < nKeys; i++) start[i + 1] += start[i];
  const sorted = new Int32Array(order.length);
  for (const k of order) sorted[start[keys[k]]++] = k;
  return sorted;
}

/** CSR arrays from (row, col, value) triplets in any order; duplicate entries are summed into one. */
export function csrFromTriplets({ nRows, nCols, rows, cols, values }: Triplets): CanonicalCsr {
  const identity = Int32Array.from({ length: rows.length }, (_, k) => k);
  const order = stableOrderBy(rows, nRows, stableOrderBy(cols, nCols, identity));
  const rowPtr = new Int32Array(nRows + 1);
  const colIdx = new Int32Array(order.length);
  const merged = new Float64Array(order.length);
  let nnz = 0;
  let lastRow = -1;
  let lastCol = -1;
  for (const k of order) {
    if (rows[k] === lastRow && cols[k] === lastCol) {
      merged[nnz - 1] += values[k];
      continue;
    }
    lastRow = rows[k];
    lastCol = cols[k];
    colIdx[nnz] = lastCol;
    merged[nnz++] = values[k];
    rowPtr[lastRow + 1]++;
  }
  for (let i = 0; i < nRows; i++) rowPtr[i + 1] += rowPtr[i];
  return { nRows, nCols, rowPtr, colIdx: colIdx.slice(0, nnz), values: merged.slice(0, nnz) };
}

/** Whether every row's columns are strictly increasing (sorted, no duplicates). */
export function hasCanonicalRows(rowPtr: Int32Array, colIdx: Int32Array): boolean {
  for (let i = 0; i + 1 < rowPtr.length; i++) {
    for (let k = rowPtr[i] + 1; k < rowPtr[i + 1]; k++) if (colIdx[k] <= colIdx[k - 1]) return false;
  }
  return true;
}

/** The triplets of a CSR matrix, in storage order. */
export function tripletsOfCsr({ nRows, nCols, rowPtr, colIdx, values }: CanonicalCsr): Triplets {
  const rows = new Int32Array(colIdx.length);
  for (let i = 0; i < nRows; i++) rows.fill(i, rowPtr[i], rowPtr[i + 1]);
  return { nRows, nCols, rows, cols: colIdx, values };
}
