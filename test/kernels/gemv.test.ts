import { beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/index.js';
import { gemmRowsRef, gemvRef, gemvTRef } from '../../src/reference/gemv.js';
import { multiplyRows } from '../../src/linalg/operators.js';
import { randomArray } from '../helpers/random.js';
import { BUILDS, loadBuild } from '../helpers/runtime.js';
import { dotDiffBound } from '../helpers/tolerance.js';

const SHAPES: [number, number][] = [
  [1, 1], [1, 2], [2, 1], [3, 3], [4, 4], [5, 7], [7, 5], [8, 9], [9, 8],
  [15, 16], [16, 17], [17, 15], [250, 250], [31, 1000], [1000, 31],
];

/** Per-row bounds 2·γ_n·Σ_j |A_ij x_j| for y = A·x (rows = nRows, inner dimension n). */
function rowBounds(a: Float64Array, nRows: number, nCols: number, x: Float64Array, transposed: boolean): number[] {
  const out: number[] = [];
  const [m, n] = transposed ? [nCols, nRows] : [nRows, nCols];
  for (let i = 0; i < m; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += Math.abs((transposed ? a[j * nCols + i] : a[i * nCols + j]) * x[j]);
    out.push(dotDiffBound(s, n));
  }
  return out;
}

describe.each(BUILDS)('gemv [%o]', (b) => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await loadBuild(b);
  });

  it.each(SHAPES)('y = A·x and y = Aᵀ·x, %i×%i, within per-row bounds of the reference', (nRows, nCols) => {
    const values = randomArray(`gemv-a-${nRows}-${nCols}`, nRows * nCols);
    const xs = randomArray(`gemv-x-${nCols}`, nCols);
    const xt = randomArray(`gemv-xt-${nRows}`, nRows);
    using a = rt.dense(nRows, nCols, values);
    using x = rt.f64From(xs);
    using y = a.multiply(x);
    const expected = new Float64Array(nRows);
    gemvRef(values, nRows, nCols, xs, expected);
    const bounds = rowBounds(values, nRows, nCols, xs, false);
    const got = y.toArray();
    for (let i = 0; i < nRows; i++) expect(Math.abs(got[i] - expected[i])).toBeLessThanOrEqual(bounds[i]);

    using x2 = rt.f64From(xt);
    using yt = a.multiplyTransposed(x2);
    const expectedT = new Float64Array(nCols);
    gemvTRef(values, nRows, nCols, xt, expectedT);
    const boundsT = rowBounds(values, nRows, nCols, xt, true);
    const gotT = yt.toArray();
    for (let j = 0; j < nCols; j++) expect(Math.abs(gotT[j] - expectedT[j])).toBeLessThanOrEqual(boundsT[j]);
  });

  // Column blocks are 128…512 columns wide (by m), vectors go two at a time, groups hold 16: the
  // shapes cross block edges, odd widths, odd m, rows left over from 4-row panels and m > 16.
  it.each([[1, 1, 1], [3, 5, 2], [7, 9, 3], [17, 16, 8], [250, 250, 4], [31, 1000, 5], [13, 1027, 8], [9, 601, 17], [6, 2050, 2], [4, 130, 33]])(
    'multiplyRows %i×%i on %i vectors: each row equals multiply bit for bit and the reference within bounds',
    (nRows, nCols, m) => {
      const values = randomArray(`gemm-a-${nRows}-${nCols}`, nRows * nCols);
      const xs = randomArray(`gemm-x-${nCols}-${m}`, m * nCols);
      using a = rt.dense(nRows, nCols, values);
      using x = rt.f64From(xs);
      using y = rt.f64(m * nRows);
      a.multiplyRows(x, m, y);
      const expected = new Float64Array(m * nRows);
      gemmRowsRef(values, nRows, nCols, xs, m, expected);
      for (let v = 0; v < m; v++) {
        using xv = rt.f64From(xs.subarray(v * nCols, (v + 1) * nCols));
        using single = a.multiply(xv);
        // Same per-row recipe as gemv: identical bits (ensembles equal single runs).
        expect(y.toArray().subarray(v * nRows, (v + 1) * nRows)).toEqual(single.toArray());
        const bounds = rowBounds(values, nRows, nCols, xs.subarray(v * nCols, (v + 1) * nCols), false);
        for (let i = 0; i < nRows; i++) expect(Math.abs(y.view()[v * nRows + i] - expected[v * nRows + i])).toBeLessThanOrEqual(bounds[i]);
      }
      // The one-pass kernel called directly gives the same bits.
      using direct = rt.f64(m * nRows);
      rt.core.gemm_rows_f64(a.data.ptr, nRows, nCols, x.ptr, m, direct.ptr);
      expect(direct.toArray()).toEqual(y.toArray());
      // The generic fallback (an operator without multiplyRows) gives the same numbers.
      using viaFallback = rt.f64(m * nRows);
      multiplyRows(rt, { nRows, nCols, multiply: (xx, yy) => a.multiply(xx, yy) }, x, m, viaFallback);
      expect(viaFallback.toArray()).toEqual(y.toArray());
    });

  it('gemv and gemm_rows give the same bits in the SIMD and the scalar build (one summation recipe)', async () => {
    const other = await loadBuild({ build: b.build, simd: !b.simd });
    for (const [nRows, nCols, m] of [[5, 7, 3], [13, 1027, 2], [8, 9, 1]]) {
      const values = randomArray(`gemm-x-build-${nRows}-${nCols}`, nRows * nCols);
      const xs = randomArray(`gemm-x-build-x-${nCols}-${m}`, m * nCols);
      const product = (r: Runtime) => {
        using a = r.dense(nRows, nCols, values);
        using x = r.f64From(xs);
        using y = r.f64(m * nRows);
        return a.multiplyRows(x, m, y).toArray();
      };
      expect(product(rt)).toEqual(product(other));
    }
  });

  it('multiplyRows rejects wrong sizes and aliasing by name', () => {
    using a = rt.dense(2, 3);
    using x = rt.f64(6);
    using y = rt.f64(4);
    expect(() => a.multiplyRows(x, 3, y)).toThrow(/DenseMatrix.multiplyRows: x has length 6, expected m·nCols = 9/);
    expect(() => a.multiplyRows(x, 2, rt.f64(5))).toThrow(/y has length 5, expected m·nRows = 4/);
    using sq = rt.dense(2, 2);
    using z = rt.f64(4);
    expect(() => sq.multiplyRows(z, 2, z)).toThrow(/y must not be the same buffer as x/);
    expect(() => a.multiplyRows(x, -1, y)).toThrow(/m must be an integer ≥ 0/);
  });

  it('a product into a given y overwrites it (no accumulation)', () => {
    using a = rt.dense(2, 2, [1, 2, 3, 4]);
    using x = rt.f64From([1, 1]);
    using y = rt.f64From([100, 100]);
    a.multiply(x, y);
    expect(y.toArray()).toEqual(new Float64Array([3, 7]));
    a.multiplyTransposed(x, y);
    expect(y.toArray()).toEqual(new Float64Array([4, 6]));
  });

  it('rejects wrong shapes, aliasing and non-finite values by name', () => {
    expect(() => rt.dense(0, 3)).toThrow(/rt.dense: nRows must be an integer ≥ 1 \(got 0\)/);
    expect(() => rt.dense(2, 2, [1, 2, 3])).toThrow(/values has 3 entries, expected nRows·nCols = 4/);
    expect(() => rt.dense(1, 2, [1, Number.NaN])).toThrow(/rt.dense: values\[1\] must be a finite number \(got NaN\)/);
    using a = rt.dense(2, 3);
    using x = rt.f64(2);
    expect(() => a.multiply(x)).toThrow(/DenseMatrix.multiply: x has length 2, expected 3/);
    using sq = rt.dense(2, 2);
    expect(() => sq.multiply(x, x)).toThrow(/y must not be the same buffer as x/);
  });
});
