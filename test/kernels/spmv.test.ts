import { beforeAll, describe, expect, it } from 'vitest';
import type { CsrMatrix, Runtime } from '../../src/index.js';
import { spmvCsrRef, spmvCsrTRef } from '../../src/reference/spmv.js';
import { randomArray, randomCsr } from '../helpers/random.js';
import { BUILDS, loadBuild } from '../helpers/runtime.js';
import { dotDiffBound } from '../helpers/tolerance.js';

function expectCsrInvariants(a: CsrMatrix): void {
  const { rowPtr, colIdx, values } = a.toArrays();
  expect(rowPtr.length).toBe(a.nRows + 1);
  expect(rowPtr[0]).toBe(0);
  for (let i = 0; i < a.nRows; i++) expect(rowPtr[i + 1]).toBeGreaterThanOrEqual(rowPtr[i]);
  expect(rowPtr[a.nRows]).toBe(a.nnz);
  expect(colIdx.length).toBe(a.nnz);
  expect(values.length).toBe(a.nnz);
  for (const c of colIdx) expect(c >= 0 && c < a.nCols).toBe(true);
}

const SHAPES: [number, number, number][] = [
  [1, 1, 1], [2, 3, 1], [3, 2, 2], [7, 9, 3], [16, 16, 4], [17, 15, 5], [200, 300, 10], [1000, 1000, 50],
];

describe.each(BUILDS)('spmv [%o]', (b) => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await loadBuild(b);
  });

  it.each(SHAPES)('A·x and Aᵀ·x for %i×%i, ~%i per row, within per-row bounds; CSR invariants hold', (nRows, nCols, perRow) => {
    const arrays = randomCsr(`csr-${nRows}-${nCols}`, nRows, nCols, perRow);
    using a = rt.csr(arrays);
    expectCsrInvariants(a);
    const xs = randomArray(`csr-x-${nCols}`, nCols);
    using x = rt.f64From(xs);
    using y = a.multiply(x);
    const expected = new Float64Array(nRows);
    spmvCsrRef(arrays.rowPtr, arrays.colIdx, arrays.values, nRows, xs, expected);
    const got = y.toArray();
    for (let r = 0; r < nRows; r++) {
      let absSum = 0;
      for (let k = arrays.rowPtr[r]; k < arrays.rowPtr[r + 1]; k++) absSum += Math.abs(arrays.values[k] * xs[arrays.colIdx[k]]);
      expect(Math.abs(got[r] - expected[r])).toBeLessThanOrEqual(dotDiffBound(absSum, arrays.rowPtr[r + 1] - arrays.rowPtr[r]));
    }
    // The transposed product scatters rows in the same order as the reference: identical sums.
    const xt = randomArray(`csr-xt-${nRows}`, nRows);
    using x2 = rt.f64From(xt);
    using yt = a.multiplyTransposed(x2);
    const expectedT = new Float64Array(nCols);
    spmvCsrTRef(arrays.rowPtr, arrays.colIdx, arrays.values, nRows, nCols, xt, expectedT);
    expect(yt.toArray()).toEqual(expectedT);
  });

  it('refuses a row that lists a column twice (sorted or not), naming the row, column and entries', () => {
    // Products would sum the two entries, degree statistics would count them twice.
    const ok = { nRows: 2, nCols: 3, rowPtr: [0, 1, 3], colIdx: [1, 2, 0], values: [2, 1, 3] };
    using accepted = rt.csr(ok);
    expect(accepted.nnz).toBe(3);
    expect(() => rt.csr({ ...ok, colIdx: [1, 0, 0] })).toThrow(/rt.csr: row 1 lists column 0 more than once \(colIdx\[1\], colIdx\[2\]\)/);
    expect(() => rt.csr({ ...ok, rowPtr: [0, 3, 3], colIdx: [2, 0, 2] })).toThrow(/row 0 lists column 2 more than once \(colIdx\[0\], colIdx\[2\]\)/);
  });

  it('rejects every broken CSR invariant with a message naming it', () => {
    const ok = { nRows: 2, nCols: 2, rowPtr: [0, 1, 2], colIdx: [0, 1], values: [1, 1] };
    expect(() => rt.csr({ ...ok, nRows: 0, rowPtr: [0] })).toThrow(/nRows must be an integer in \[1/);
    expect(() => rt.csr({ ...ok, rowPtr: [0, 1] })).toThrow(/rowPtr has length 2, expected nRows \+ 1 = 3/);
    expect(() => rt.csr({ ...ok, rowPtr: [1, 1, 2] })).toThrow(/rowPtr\[0\] must be 0/);
    expect(() => rt.csr({ ...ok, rowPtr: [0, 2, 1], colIdx: [0, 1] })).toThrow(/rowPtr must be non-decreasing/);
    expect(() => rt.csr({ ...ok, colIdx: [0] })).toThrow(/colIdx has length 1, expected rowPtr\[nRows\] = 2/);
    expect(() => rt.csr({ ...ok, colIdx: [0, 2] })).toThrow(/colIdx\[1\] must be an integer in \[0, 1\] \(got 2\)/);
    expect(() => rt.csr({ ...ok, colIdx: [0, 0.5] })).toThrow(/colIdx\[1\] must be an integer/);
    expect(() => rt.csr({ ...ok, values: [1, Infinity] })).toThrow(/values\[1\] must be a finite number \(got Infinity\)/);
    expect(() => rt.csr({ ...ok, values: [1] })).toThrow(/values has length 1, expected rowPtr\[nRows\] = 2/);
  });
});
