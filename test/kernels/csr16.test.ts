import { beforeAll, describe, expect, it } from 'vitest';
import { type CsrArrays, type CsrMatrix, type CsrMatrix16, ESCAPE16, RateNetwork, type Runtime } from '../../src/index.js';
import { spmvCsr16Ref } from '../../src/reference/spmv.js';
import { randomArray, randomCsr } from '../helpers/random.js';
import { BUILDS, loadBuild } from '../helpers/runtime.js';
import { dotDiffBound } from '../helpers/tolerance.js';

/** Row i of `arrays` as (column, value) pairs sorted by column: the entries a CSR16 copy must hold. */
function sortedRow({ rowPtr, colIdx, values }: CsrArrays, i: number): [number, number][] {
  const entries: [number, number][] = [];
  for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) entries.push([colIdx[k], values[k]]);
  return entries.sort((a, b) => a[0] - b[0]);
}

/** `arrays` with each row sorted by column (values carried along). */
function sortedArrays(arrays: CsrArrays): CsrArrays {
  const rows = Array.from({ length: arrays.nRows }, (_, i) => sortedRow(arrays, i));
  return { ...arrays, colIdx: rows.flat().map(([c]) => c), values: rows.flat().map(([, v]) => v) };
}

/** Rows of assorted gaps for nCols columns: empty rows, a first column past 0xFFFF, gaps of exactly 0xFFFE, 0xFFFF and more. */
function gappyCsr(nCols: number): CsrArrays {
  const rows = [
    [], [0], [ESCAPE16 - 1], [ESCAPE16], [nCols - 1], [], [0, ESCAPE16 - 1, 2 * ESCAPE16 - 1], [3, 3 + ESCAPE16, 4 + ESCAPE16, 5 + 2 * ESCAPE16],
    [nCols - 1, 0, 70_000, 1], [], [], Array.from({ length: 9 }, (_, j) => j * 20_011), [],
  ].map((row) => row.filter((c) => c < nCols));
  const rowPtr = [0];
  for (const row of rows) rowPtr.push(rowPtr.at(-1) as number + row.length);
  const values = randomArray(`csr16-gappy-${nCols}`, rowPtr.at(-1) as number);
  return { nRows: rows.length, nCols, rowPtr, colIdx: rows.flat(), values };
}

/** Escapes a sorted-row CSR needs: one per delta ≥ ESCAPE16 (the first entry of a row counts from 0). */
function expectedEscapes(arrays: CsrArrays): number {
  let count = 0;
  for (let i = 0; i < arrays.nRows; i++) {
    let previous = 0;
    for (const [c] of sortedRow(arrays, i)) {
      if (c - previous >= ESCAPE16) count++;
      previous = c;
    }
  }
  return count;
}

const CASES: [string, () => CsrArrays][] = [
  ['1×1', () => randomCsr('csr16-1', 1, 1, 1)],
  ['17×15', () => randomCsr('csr16-17', 17, 15, 5)],
  ['300×200 (~10 a row, empty rows)', () => randomCsr('csr16-300', 300, 200, 10)],
  ['1000×1000', () => randomCsr('csr16-1000', 1000, 1000, 50)],
  ['70,000×70,000 (n > 65,536; first columns past 0xFFFF escape)', () => randomCsr('csr16-70k', 70_000, 70_000, 2)],
  ['200×300,000 (huge gaps: most deltas escape)', () => randomCsr('csr16-wide', 200, 300_000, 8)],
  ['gaps at and around 0xFFFF, 200,000 columns', () => gappyCsr(200_000)],
  ['gaps at and around 0xFFFF, 65,535 columns', () => gappyCsr(65_535)],
];

describe.each(BUILDS)('csr16 [%o]', (b) => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await loadBuild(b);
  });

  describe.each(['f64', 'f32'] as const)('%s values', (dtype) => {
    const source = (arrays: CsrArrays): CsrMatrix | ReturnType<Runtime['csrF32']> => (dtype === 'f64' ? rt.csr(arrays) : rt.csrF32(arrays));

    it.each(CASES)('%s: sorted rows, escapes as counted; A·x equals spmv_csr on the sorted matrix bit for bit, the reference within 2γ_k·Σ|a x|', (_, make) => {
      const arrays = make();
      using csr = source(arrays);
      using a16 = rt.toCsr16(csr) as CsrMatrix16;
      expect(a16.dtype).toBe(dtype);
      expect([a16.nRows, a16.nCols, a16.nnz]).toEqual([arrays.nRows, arrays.nCols, csr.nnz]);
      expect(a16.escapes.length).toBe(expectedEscapes(arrays));
      const decoded = a16.toArrays();
      expect(decoded.values).toBeInstanceOf(dtype === 'f64' ? Float64Array : Float32Array);
      const stored = { ...decoded, rowPtr: Array.from(decoded.rowPtr), values: Array.from(decoded.values) };
      const rounded = { ...arrays, rowPtr: Array.from(arrays.rowPtr), values: Array.from(dtype === 'f64' ? arrays.values : Float32Array.from(arrays.values)) };
      expect(sortedArrays(stored)).toEqual(sortedArrays(rounded));

      const xs = randomArray(`csr16-x-${arrays.nCols}`, arrays.nCols);
      using x = rt.f64From(xs);
      using sorted = source(sortedArrays(arrays));
      const got = a16.multiply(x).toArray();
      // Same entries in the same order, same two partial sums: identical bits (a source with sorted rows is its own sorted matrix).
      expect(got).toEqual(sorted.multiply(x).toArray());
      const expected = new Float64Array(arrays.nRows);
      spmvCsr16Ref(decoded.rowPtr, a16.deltas.toArray(), a16.escapeRowPtr.toArray(), a16.escapes.toArray(), decoded.values, arrays.nRows, xs, expected);
      const beyondBound = [];
      for (let i = 0; i < arrays.nRows; i++) {
        let absSum = 0;
        for (let k = decoded.rowPtr[i]; k < decoded.rowPtr[i + 1]; k++) absSum += Math.abs(decoded.values[k] * xs[decoded.colIdx[k]]);
        if (Math.abs(got[i] - expected[i]) > dotDiffBound(absSum, decoded.rowPtr[i + 1] - decoded.rowPtr[i])) beyondBound.push(i);
      }
      expect(beyondBound).toEqual([]);
      // m products in one call equal m single products.
      using xRows = rt.f64From([...xs, ...xs.map((v) => -2 * v)]);
      using yRows = rt.f64(2 * arrays.nRows);
      a16.multiplyRows(xRows, 2, yRows);
      using x2 = rt.f64From(xs.map((v) => -2 * v));
      expect(yRows.toArray()).toEqual(Float64Array.from([...got, ...a16.multiply(x2).toArray()]));
    });
  });

  it('codes deltas as u16 and escapes exactly the deltas ≥ 0xFFFF, with their full columns in entry order', () => {
    using csr = rt.csr(gappyCsr(200_000));
    using a16 = rt.toCsr16(csr);
    expect(Array.from(a16.escapes.view())).toEqual([65_535, 199_999, 131_069, 65_538, 131_075, 70_000, 199_999]);
    expect(Array.from(a16.escapeRowPtr.view())).toEqual([0, 0, 0, 0, 1, 2, 2, 3, 5, 7, 7, 7, 7, 7]);
    const { rowPtr } = a16.toArrays();
    expect(Array.from(a16.deltas.view().subarray(rowPtr[6], rowPtr[9]))).toEqual([0, ESCAPE16 - 1, ESCAPE16, 3, ESCAPE16, 1, ESCAPE16, 0, 1, ESCAPE16, ESCAPE16]);
  });

  it('works as a rate network’s connectivity: the same trajectory as the sorted CSR matrix, bit for bit', () => {
    const arrays = randomCsr('csr16-rate', 400, 400, 20);
    using csr = rt.csr(arrays);
    using a16 = rt.toCsr16(csr);
    using sorted = rt.csr(sortedArrays(arrays));
    const run = (J: CsrMatrix | CsrMatrix16) => {
      using network = new RateNetwork(rt, { connectivity: J, bias: 0.1 }).randomizeState('csr16-x0');
      for (let t = 0; t < 20; t++) network.stepUnchecked(0.05, 'rk4');
      return network.state();
    };
    expect(run(a16)).toEqual(run(sorted));
  });

  it('refuses what is not a CSR matrix of this runtime, disposed matrices and wrong operands, naming them', async () => {
    using dense = rt.dense(2, 2, [1, 0, 0, 1]);
    expect(() => rt.toCsr16(dense as never)).toThrow(/toCsr16: matrix must be a CsrMatrix or a CsrMatrixF32 \(got DenseMatrix\)/);
    expect(() => rt.toCsr16({ nRows: 1 } as never)).toThrow(/toCsr16: matrix must be a CsrMatrix or a CsrMatrixF32 \(got Object\)/);
    expect(() => rt.toCsr16(null as never)).toThrow(/toCsr16: matrix must be a CsrMatrix or a CsrMatrixF32 \(got null\)/);
    const gone = rt.csr(randomCsr('csr16-gone', 3, 3, 1));
    gone.dispose();
    expect(() => rt.toCsr16(gone)).toThrow(/toCsr16: matrix \(F64Buffer\) used after dispose\(\)/);
    const other = await loadBuild(b);
    using foreign = other.csr(randomCsr('csr16-foreign', 3, 3, 1));
    expect(() => rt.toCsr16(foreign)).toThrow(/toCsr16: matrix belongs to another rnnkit runtime/);

    using csr = rt.csr(randomCsr('csr16-operands', 3, 4, 2));
    const a16 = rt.toCsr16(csr);
    using short = rt.f64(3);
    expect(() => a16.multiply(short)).toThrow(/CsrMatrix16.multiply: x has length 3, expected 4/);
    expect(() => a16.multiply([1, 2, 3, 4] as never)).toThrow(/CsrMatrix16.multiply: x must be an F64Buffer \(got an array\)/);
    // No transposed product: operators that need Aᵀ see that it is missing.
    expect('multiplyTransposed' in a16).toBe(false);
    a16.dispose();
    using x = rt.f64(4);
    expect(() => a16.multiply(x)).toThrow(/CsrMatrix16.multiply: matrix used after dispose\(\)/);
  });
});
