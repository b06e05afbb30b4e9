import { expect } from 'vitest';
import type { CsrArrays } from '../../src/index.js';

/** CSR invariants of a generated network: rowPtr monotone from 0 to nnz, columns in range and strictly increasing (no duplicates), no self-loops. */
export function expectSimpleCsr({ nRows, nCols, rowPtr, colIdx, values }: CsrArrays): void {
  expect(rowPtr[0]).toBe(0);
  expect(rowPtr[nRows]).toBe(colIdx.length);
  expect(values.length).toBe(colIdx.length);
  let violations = 0;
  for (let i = 0; i < nRows; i++) {
    if (rowPtr[i + 1] < rowPtr[i]) violations++;
    for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
      const j = colIdx[k];
      if (j < 0 || j >= nCols || j === i || (k > rowPtr[i] && j <= colIdx[k - 1])) violations++;
    }
  }
  expect(violations).toBe(0);
}

/** Row index of every stored entry. */
export function rowsOf(rowPtr: ArrayLike<number>, nRows: number): Int32Array {
  const rows = new Int32Array(rowPtr[nRows]);
  for (let i = 0; i < nRows; i++) rows.fill(i, rowPtr[i], rowPtr[i + 1]);
  return rows;
}

export function mean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}

export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const [mx, my] = [mean(x), mean(y)];
  let [sxx, syy, sxy] = [0, 0, 0];
  for (let i = 0; i < x.length; i++) {
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
    sxy += (x[i] - mx) * (y[i] - my);
  }
  return sxy / Math.sqrt(sxx * syy);
}
