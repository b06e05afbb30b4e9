import { beforeAll, describe, expect, it } from 'vitest';
import { type CsrMatrix, inversePermutation, load, localityOrder, reorderNetwork, type Runtime } from '../../src/index.js';
import { denseOfCsrArrays } from '../../src/linalg/csr.js';
import { randomArray, randomCsr } from '../helpers/random.js';

let rt: Runtime;
beforeAll(async () => {
  rt = await load();
});

/** max |i − j| over the entries (i, j). */
function bandwidth(a: CsrMatrix): number {
  const { rowPtr, colIdx } = a.toArrays();
  let b = 0;
  for (let i = 0; i < a.nRows; i++) for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) b = Math.max(b, Math.abs(i - colIdx[k]));
  return b;
}

/** A band matrix (|i − j| ≤ half) with its labels shuffled by a seeded permutation: structure hidden by arbitrary labels. */
function shuffledBand(n: number, half: number): CsrMatrix {
  const shuffle = Int32Array.from({ length: n }, (_, i) => i);
  const u = randomArray('reorder-shuffle', n);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(((u[i] + 3) / 6) * (i + 1)) % (i + 1);
    [shuffle[i], shuffle[j]] = [shuffle[j], shuffle[i]];
  }
  const rowPtr = [0];
  const colIdx: number[] = [];
  const values: number[] = [];
  const label = inversePermutation(shuffle);
  for (let i = 0; i < n; i++) {
    const old = shuffle[i];
    for (let j = Math.max(0, old - half); j <= Math.min(n - 1, old + half); j++) {
      colIdx.push(label[j]);
      values.push(1 + 0.01 * (old - j));
    }
    rowPtr.push(colIdx.length);
  }
  return rt.csr({ nRows: n, nCols: n, rowPtr, colIdx, values });
}

describe('locality reordering', () => {
  it.each(['rcm', 'degree'] as const)('%s: P J Pᵀ is J relabelled entry for entry, and its product equals the original row for row, bit for bit', (method) => {
    using J = rt.csr(randomCsr('reorder-random', 301, 301, 6));
    const { matrix, order, inverse } = reorderNetwork(J, method);
    using B = matrix;
    expect(Array.from(order).sort((a, b) => a - b)).toEqual(Array.from({ length: 301 }, (_, i) => i));
    for (let i = 0; i < 301; i++) expect(inverse[order[i]]).toBe(i);
    const dense = denseOfCsrArrays(J.toArrays());
    const permutedDense = denseOfCsrArrays(B.toArrays());
    for (let i = 0; i < 301; i += 7) {
      for (let j = 0; j < 301; j++) expect(permutedDense[i * 301 + j]).toBe(dense[order[i] * 301 + order[j]]);
    }
    const xs = randomArray('reorder-x', 301);
    using x = rt.f64From(xs);
    using xNew = rt.f64From(Array.from(order, (old) => xs[old]));
    const y = J.multiply(x).toArray();
    const yNew = B.multiply(xNew).toArray();
    for (let i = 0; i < 301; i++) expect(yNew[i]).toBe(y[order[i]]);
  });

  it('rcm recovers a band hidden by shuffled labels (bandwidth within 2× of the band, from near n)', () => {
    using J = shuffledBand(500, 3);
    expect(bandwidth(J)).toBeGreaterThan(250);
    using B = J.permuted(localityOrder(J, 'rcm'));
    // Cuthill–McKee levels of a band graph are ≤ half wide, so an entry spans at most two levels.
    expect(bandwidth(B)).toBeLessThanOrEqual(2 * 3);
  });

  it('degree puts units in order of decreasing in + out degree', () => {
    // Star: unit 5 is connected to every other unit (both ways), unit 2 to two more, the rest to the hub only.
    const edges: [number, number][] = [];
    for (let i = 0; i < 8; i++) if (i !== 5) edges.push([i, 5], [5, i]);
    edges.push([2, 0], [2, 7]);
    edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const rowPtr = new Int32Array(9);
    for (const [i] of edges) rowPtr[i + 1]++;
    for (let i = 0; i < 8; i++) rowPtr[i + 1] += rowPtr[i];
    using J = rt.csr({ nRows: 8, nCols: 8, rowPtr, colIdx: edges.map((e) => e[1]), values: edges.map(() => 1) });
    const order = localityOrder(J, 'degree');
    expect(order[0]).toBe(5);
    expect(order[1]).toBe(2);
    expect(Array.from(order.subarray(2))).toEqual([0, 7, 1, 3, 4, 6]);
  });

  it('rejects non-permutations, wrong lengths, non-square matrices and unknown methods by name', () => {
    using J = rt.csr(randomCsr('reorder-errors', 4, 4, 2));
    expect(() => J.permuted([0, 1, 1, 3])).toThrow(/CsrMatrix.permuted: order must be a permutation of 0…3 \(1 appears twice\)/);
    expect(() => J.permuted([0, 1, 2])).toThrow(/CsrMatrix.permuted: order has length 3, expected n = 4/);
    expect(() => J.permuted([0, 1, 2, 4])).toThrow(/CsrMatrix.permuted: order/);
    using wide = rt.csr(randomCsr('reorder-wide', 3, 4, 2));
    expect(() => wide.permuted([0, 1, 2])).toThrow(/the matrix must be square \(got 3×4\)/);
    expect(() => localityOrder(wide)).toThrow(/localityOrder: the matrix must be square/);
    expect(() => localityOrder(J, 'metis' as never)).toThrow(/localityOrder: method/);
  });
});
