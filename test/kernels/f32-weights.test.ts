import { beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/index.js';
import { gemvRef } from '../../src/reference/gemv.js';
import { spmvCsrRef } from '../../src/reference/spmv.js';
import { randomArray, randomCsr } from '../helpers/random.js';
import { BUILDS, loadBuild } from '../helpers/runtime.js';
import { dotDiffBound } from '../helpers/tolerance.js';

const U32 = 2 ** -24;
const SHAPES: [number, number][] = [[1, 1], [1, 2], [3, 3], [4, 4], [5, 7], [9, 8], [15, 16], [17, 15], [13, 1027], [250, 250]];

/** Per-row Σ_j |A_ij x_j| (dense, row-major). */
function absRowSums(a: ArrayLike<number>, nRows: number, nCols: number, x: ArrayLike<number>): number[] {
  return Array.from({ length: nRows }, (_, i) => {
    let s = 0;
    for (let j = 0; j < nCols; j++) s += Math.abs(a[i * nCols + j] * x[j]);
    return s;
  });
}

describe.each(BUILDS)('f32 weights [%o]', (b) => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await loadBuild(b);
  });

  it.each(SHAPES)('dense %i×%i: equals the f64 product of the widened matrix bit for bit, the f64 matrix within (u32 + 2γ_n)·Σ|a x|', (nRows, nCols) => {
    const values = randomArray(`f32-a-${nRows}-${nCols}`, nRows * nCols);
    const xs = randomArray(`f32-x-${nCols}`, nCols);
    using a32 = rt.denseF32(nRows, nCols, values);
    using widened = rt.dense(nRows, nCols, Float64Array.from(Float32Array.from(values)));
    using x = rt.f64From(xs);
    const got = a32.multiply(x).toArray();
    // The entries are widened exactly and summed by the f64 recipe: identical bits.
    expect(got).toEqual(widened.multiply(x).toArray());
    // Against the f64 matrix: |δa_ij| ≤ u32·|a_ij| from the rounding, plus each product's own bound.
    const exact = new Float64Array(nRows);
    gemvRef(values, nRows, nCols, xs, exact);
    const sums = absRowSums(values, nRows, nCols, xs);
    for (let i = 0; i < nRows; i++) expect(Math.abs(got[i] - exact[i])).toBeLessThanOrEqual(U32 * sums[i] * (1 + U32) + 2 * dotDiffBound(sums[i], nCols));
  });

  it.each([[3, 5, 3], [13, 1027, 8], [9, 601, 17]])('dense multiplyRows %i×%i on %i vectors equals multiply row for row', (nRows, nCols, m) => {
    const values = randomArray(`f32-gemm-${nRows}-${nCols}`, nRows * nCols);
    const xs = randomArray(`f32-gemm-x-${nCols}-${m}`, m * nCols);
    using a32 = rt.denseF32(nRows, nCols, values);
    using x = rt.f64From(xs);
    using y = rt.f64(m * nRows);
    a32.multiplyRows(x, m, y);
    for (let v = 0; v < m; v++) {
      using xv = rt.f64From(xs.subarray(v * nCols, (v + 1) * nCols));
      expect(y.toArray().subarray(v * nRows, (v + 1) * nRows)).toEqual(a32.multiply(xv).toArray());
    }
  });

  it.each([[1, 1, 1], [7, 9, 3], [40, 40, 5], [300, 200, 17]])('CSR %i×%i (%i per row): equals the widened f64 SpMV bit for bit and the reference within bounds', (nRows, nCols, perRow) => {
    const arrays = randomCsr(`f32-csr-${nRows}-${nCols}`, nRows, nCols, perRow);
    const xs = randomArray(`f32-csr-x-${nCols}`, nCols);
    using a32 = rt.csrF32(arrays);
    using widened = rt.csr({ ...arrays, values: Float64Array.from(Float32Array.from(arrays.values)) });
    using x = rt.f64From(xs);
    const got = a32.multiply(x).toArray();
    expect(got).toEqual(widened.multiply(x).toArray());
    const exact = new Float64Array(nRows);
    spmvCsrRef(arrays.rowPtr, arrays.colIdx, arrays.values, nRows, xs, exact);
    for (let i = 0; i < nRows; i++) {
      let s = 0;
      for (let k = arrays.rowPtr[i]; k < arrays.rowPtr[i + 1]; k++) s += Math.abs(arrays.values[k] * xs[arrays.colIdx[k]]);
      const len = arrays.rowPtr[i + 1] - arrays.rowPtr[i];
      expect(Math.abs(got[i] - exact[i])).toBeLessThanOrEqual(U32 * s * (1 + U32) + 2 * dotDiffBound(s, len));
    }
    using ys = rt.f64(2 * nRows);
    using x2 = rt.f64From([...xs, ...xs]);
    a32.multiplyRows(x2, 2, ys);
    expect(ys.toArray().subarray(nRows)).toEqual(got);
  });

  it('toF32 copies dense and CSR matrices; values beyond the f32 range and bad shapes are refused by name', () => {
    using d = rt.dense(2, 2, [1, 1 / 3, -2, 1e-3]);
    using d32 = rt.toF32(d);
    expect(Array.from(d32.toArray())).toEqual([1, Math.fround(1 / 3), -2, Math.fround(1e-3)]);
    using c = rt.csr({ nRows: 2, nCols: 2, rowPtr: [0, 1, 2], colIdx: [1, 0], values: [0.1, 0.2] });
    using c32 = rt.toF32(c);
    expect(Array.from(c32.toArrays().values)).toEqual([Math.fround(0.1), Math.fround(0.2)]);
    expect(() => rt.denseF32(1, 2, [1, 1e39])).toThrow(/rt.denseF32: values\[1\] = 1e\+39 is beyond the f32 range/);
    expect(() => rt.denseF32(1, 2, [1, Number.NaN])).toThrow(/rt.denseF32: values\[1\] must be a finite number/);
    expect(() => rt.denseF32(2, 2, [1])).toThrow(/values has 1 entries, expected nRows·nCols = 4/);
    expect(() => rt.csrF32({ nRows: 1, nCols: 1, rowPtr: [0, 1], colIdx: [0], values: [-1e40] })).toThrow(/rt.csrF32: values\[0\] = -1e\+40 is beyond the f32 range/);
    using x = rt.f64(3);
    expect(() => d32.multiply(x)).toThrow(/DenseMatrixF32.multiply: x has length 3, expected 2/);
    d32.dispose();
    using x2 = rt.f64(2);
    expect(() => d32.multiply(x2)).toThrow(/used after dispose/);
  });
});
