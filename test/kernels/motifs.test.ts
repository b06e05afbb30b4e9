import { beforeAll, describe, expect, it } from 'vitest';
import { connectivityMotifs, type Runtime } from '../../src/index.js';
import { csrPartners } from '../../src/connectivity/stats.js';
import { motifCsrSumsRef, motifDenseSumsRef, motifsBruteForceRef } from '../../src/reference/motifs.js';
import { randomArray, randomCsr } from '../helpers/random.js';
import { csrArraysOfDense, denseOfCsrArrays } from '../../src/linalg/csr.js';
import { BUILDS, loadBuild } from '../helpers/runtime.js';
import { gamma } from '../helpers/tolerance.js';

const KEYS = ['reciprocal', 'convergent', 'divergent', 'chain'] as const;

describe.each(BUILDS)('motif kernels [%o]', (b) => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await loadBuild(b);
  });

  it.each([3, 4, 5, 6, 7, 9, 16, 17, 40])('motif_dense_sums_f64 n=%i equals the reference within summation bounds', (n) => {
    const a = randomArray(`motif-dense-${n}`, n * n, -1, 2);
    const shift = 0.3;
    using A = rt.f64From(a);
    using rowSum = rt.f64(n);
    using colSum = rt.f64(n);
    using out = rt.f64(3);
    rt.core.motif_dense_sums_f64(A.ptr, n, shift, rowSum.ptr, colSum.ptr, out.ptr);
    const ref = { rowSum: new Float64Array(n), colSum: new Float64Array(n), out: new Float64Array(3) };
    motifDenseSumsRef(a, n, shift, ref.rowSum, ref.colSum, ref.out);
    // Every sum has ≤ n² terms of magnitude ≤ 1.7² (|A| ≤ 1.7): two orders differ by ≤ 2γ_{n²}·Σ|terms|.
    const bound = (terms: number) => 2 * gamma(n * n) * terms;
    for (let i = 0; i < n; i++) {
      expect(Math.abs(rowSum.view()[i] - ref.rowSum[i])).toBeLessThanOrEqual(bound(1.7 * n));
      expect(Math.abs(colSum.view()[i] - ref.colSum[i])).toBeLessThanOrEqual(bound(1.7 * n));
    }
    const got = out.toArray();
    expect(Math.abs(got[0] - ref.out[0])).toBeLessThanOrEqual(bound(1.7 * n * n));
    expect(Math.abs(got[1] - ref.out[1])).toBeLessThanOrEqual(bound(2.89 * n * n));
    expect(Math.abs(got[2] - ref.out[2])).toBeLessThanOrEqual(bound(2.89 * n * n));
  });

  it.each([3, 5, 8, 17, 60])('motif_csr_sums_f64 n=%i equals the reference bit for bit (same sequential order)', (n) => {
    const { rowPtr: rows, colIdx: cols, values: vals } = csrArraysOfDense(n, n, denseOfCsrArrays(randomCsr(`motif-csr-${n}`, n, n, 3)));
    using W = rt.csr({ nRows: n, nCols: n, rowPtr: rows, colIdx: cols, values: vals });
    using partner = csrPartners(rt, n, W.rowPtr, W.colIdx).partner;
    using rowSum = rt.f64(n);
    using colSum = rt.f64(n);
    using out = rt.f64(3);
    rt.core.motif_csr_sums_f64(n, W.rowPtr.ptr, W.colIdx.ptr, W.values.ptr, partner.ptr, rowSum.ptr, colSum.ptr, out.ptr);
    const ref = { rowSum: new Float64Array(n), colSum: new Float64Array(n), out: new Float64Array(3) };
    motifCsrSumsRef(n, Int32Array.from(rows), Int32Array.from(cols), Float64Array.from(vals), partner.toArray(), ref.rowSum, ref.colSum, ref.out);
    expect(rowSum.toArray()).toEqual(ref.rowSum);
    expect(colSum.toArray()).toEqual(ref.colSum);
    expect(out.toArray()).toEqual(ref.out);
  });

  it.each([3, 4, 5, 8, 13, 24])('connectivityMotifs (dense and CSR) agree with the O(n³) brute force, n=%i', (n) => {
    const csr = randomCsr(`motif-brute-${n}`, n, n, 2);
    const dense = denseOfCsrArrays(csr);
    // A nonzero mean makes the shift matter.
    for (let i = 0; i < n * n; i++) if (dense[i] !== 0) dense[i] += 0.25;
    const brute = motifsBruteForceRef(dense, n);
    using D = rt.dense(n, n, dense);
    using S = rt.csr(csrArraysOfDense(n, n, dense));
    // Unsorted rows: canonicalised inside.
    using raw = rt.csr(csr);
    const rawBrute = motifsBruteForceRef(denseOfCsrArrays(csr), n);
    const rawGot = connectivityMotifs(rt, raw);
    for (const key of KEYS) expect(Math.abs(rawGot[key] - rawBrute[key])).toBeLessThanOrEqual(1e-11);
    for (const got of [connectivityMotifs(rt, D), connectivityMotifs(rt, S)]) {
      expect(got.n).toBe(n);
      expect(got.mean).toBeCloseTo(brute.mean, 12);
      expect(Math.abs(got.variance - brute.variance)).toBeLessThanOrEqual(1e-12 * brute.variance);
      // Same sums regrouped: differences are rounding, ≤ ~n³·u relative to Σ|terms|/Q ≤ n (|A_ij A_ik| ≤ A_ij² + A_ik²).
      for (const key of KEYS) expect(Math.abs(got[key] - brute[key])).toBeLessThanOrEqual(1e-11);
    }
  });

  it('rejects non-square, tiny and constant matrices, naming the problem', () => {
    using rect = rt.dense(3, 4);
    expect(() => connectivityMotifs(rt, rect)).toThrow(/must be square/);
    using tiny = rt.dense(2, 2, [0, 1, 2, 0]);
    expect(() => connectivityMotifs(rt, tiny)).toThrow(/n must be ≥ 3/);
    using constant = rt.dense(4, 4, new Float64Array(16).fill(0.5));
    expect(() => connectivityMotifs(rt, constant)).toThrow(/σ² = 0/);
  });
});
