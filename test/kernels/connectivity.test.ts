import { beforeAll, describe, expect, it } from 'vitest';
import { degreeTargets, rowPointers } from '../../src/connectivity/degrees.js';
import { MAX_STUB_TRIES } from '../../src/connectivity/lognormal.js';
import { type CsrMatrix, csrFromTriplets, lognormalNetwork, type Runtime } from '../../src/index.js';
import { lognormalLogParams } from '../../src/random/rng.js';
import { seedWords } from '../../src/random/seed.js';
import {
  connConfigFillRef, connCsrMomentsRef, connCsrPartnersRef, connDegreePairsRef,
  connDenseMomentsRef, connEiCountRef, connEiFillRef, connEiWeightsRef, connGaussianDenseRef,
  connPairNormalRef, lognormalArraysRef,
} from '../../src/reference/connectivity.js';
import { XoshiroFastRef, XoshiroRef } from '../../src/reference/rng.js';
import { csrColCountsRef } from '../../src/reference/spmv.js';
import { RNG_STATE_BYTES } from '../../src/wasm/abi.js';
import { F32Buffer } from '../../src/wasm/arena.js';
import { expectSimpleCsr, rowsOf } from '../helpers/connectivity.js';
import { randomArray } from '../helpers/random.js';
import { BUILDS, loadBuild } from '../helpers/runtime.js';
import { expectClose, gamma, U } from '../helpers/tolerance.js';

/**
 * Normals differ from the reference only through the host's Math.log/Math.sqrt (≤ 1 ulp each, so
 * z agrees to a few ulps); |z| < 8 with probability 1 − 10⁻¹⁵ per draw. An entry mean + std·(a z1 +
 * b z2) with |a|, |b| ≤ 1 then differs by at most 16u·(|mean| + 16·std).
 */
const normalBound = (mean: number, std: number) => 16 * U * (Math.abs(mean) + 16 * std);


describe('reference generators', () => {
  it('XoshiroFastRef (u32 halves) reproduces XoshiroRef (BigInt): uniforms, bounded integers, normals', () => {
    const words = seedWords('fast-vs-bigint');
    const slow = new XoshiroRef(words);
    const fast = new XoshiroFastRef(words);
    for (let i = 0; i < 2000; i++) expect(fast.uniform()).toBe(slow.uniform());
    for (const bound of [1, 2, 3, 7, 1000, 65_537, 2 ** 31, 2 ** 32 - 1, 3 * 2 ** 30 + 5]) {
      for (let i = 0; i < 200; i++) expect(fast.below(bound)).toBe(slow.below(bound));
    }
    for (let i = 0; i < 2000; i++) expect(fast.normal()).toBe(slow.normal());
    const [a, b] = [fast.clone(), fast];
    expect(Array.from({ length: 5 }, () => a.below(10))).toEqual(Array.from({ length: 5 }, () => b.below(10)));
  });
});

describe.each(BUILDS)('connectivity kernels [%o]', (b) => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await loadBuild(b);
  });

  it.each([[1, 0, 0], [2, 0.5, 1], [3, 1, 0], [17, -1, 1], [40, 0.3, 0]])(
    'conn_gaussian_dense_f64 n=%i η=%f self=%i matches the reference',
    (n, eta, self) => {
      const [mean, std] = [0.5 / n, 1.3 / Math.sqrt(n)];
      using rng = rt.rng(`gauss-${n}`);
      using out = rt.f64(n * n);
      rt.core.conn_gaussian_dense_f64(rng.statePtr, out.ptr, n, mean, std, eta, self);
      const want = new Float64Array(n * n);
      connGaussianDenseRef(new XoshiroRef(seedWords(`gauss-${n}`)), want, n, mean, std, eta, self);
      expectClose(out.toArray(), want, normalBound(mean, std));
    },
  );

  it('conn_degree_pairs_f64 matches the reference to a few ulps (relative)', () => {
    const n = 500;
    const { mu, sigma } = lognormalLogParams({ mean: 20, cv: 1.5 });
    using rng = rt.rng('degrees');
    using kIn = rt.f64(n);
    using kOut = rt.f64(n);
    rt.core.conn_degree_pairs_f64(rng.statePtr, n, mu, sigma, 0.6, kIn.ptr, kOut.ptr);
    const [wantIn, wantOut] = [new Float64Array(n), new Float64Array(n)];
    connDegreePairsRef(new XoshiroRef(seedWords('degrees')), n, mu, sigma, 0.6, wantIn, wantOut);
    // exp(μ + σz): relative error ≈ σ·|Δz| + 2u with |Δz| ≤ 16u·8 (see normalBound); σ < 2 here.
    const relative = (x: Float64Array, y: Float64Array) => x.map((v, i) => Math.abs(v - y[i]) / y[i]);
    expect(Math.max(...relative(kIn.toArray(), wantIn), ...relative(kOut.toArray(), wantOut))).toBeLessThanOrEqual(300 * U);
  });

  /** Integer degree targets for n = 1000 from positive pseudo-random degree draws. */
  const fillTargets = (k: number, cv: number) => {
    const n = 1000;
    const kInReal = randomArray(`kin-${k}`, n, 0, 2 * k).map((x) => x * Math.exp(cv * Math.sin(x)));
    return degreeTargets(kInReal, randomArray(`kout-${k}`, n, 0, 2 * k), n);
  };

  /** Runs the WASM kernel and the reference on the same targets and seed; returns the reference's CSR. */
  const fillBoth = (k: number, cv: number, maxTries: number) => {
    const n = 1000;
    const t = fillTargets(k, cv);
    const rowPtrWant = rowPointers(t.inDegree);
    const colWant = new Int32Array(t.total);
    const placedWant = connConfigFillRef(new XoshiroFastRef(seedWords(`fill-${k}`)), n, rowPtrWant, t.outDegree,
      new Int32Array(t.total), new Int32Array(n), colWant, maxTries);
    using rng = rt.rng(`fill-${k}`);
    using rowPtr = rt.i32From(rowPointers(t.inDegree));
    using kOut = rt.i32From(t.outDegree);
    using pool = rt.i32(t.total);
    using mark = rt.i32(n);
    using colIdx = rt.i32(t.total);
    const placed = rt.core.conn_config_fill_i32(rng.statePtr, n, rowPtr.ptr, kOut.ptr, pool.ptr, mark.ptr, colIdx.ptr, maxTries);
    expect(placed).toBe(placedWant);
    expect(rowPtr.toArray()).toEqual(rowPtrWant);
    expect(colIdx.toArray().subarray(0, placed)).toEqual(colWant.subarray(0, placed));
    const arrays = { nRows: n, nCols: n, rowPtr: rowPtrWant, colIdx: colWant.subarray(0, placed), values: new Float64Array(placed) };
    expectSimpleCsr(arrays);
    return { t, arrays };
  };

  // Tiny maxTries send most rejections to the swap repair (and some inputs to being dropped), so
  // every path of the kernel is compared with the reference.
  it.each([[1, 0, MAX_STUB_TRIES], [30, 0.5, MAX_STUB_TRIES], [40, 1, 1], [200, 0.5, 2]])(
    'conn_config_fill_i32 (K=%i, CV=%f, maxTries=%i) equals the reference bit for bit; no self-loops or repeats',
    (k, cv, maxTries) => {
      fillBoth(k, cv, maxTries);
    },
  );

  it.each([[30, 0.5], [40, 1], [200, 0.5]])('conn_config_fill_i32 (K=%i, CV=%f) realises the requested in- and out-degrees exactly', (k, cv) => {
    const { t, arrays } = fillBoth(k, cv, MAX_STUB_TRIES);
    const columns = new Int32Array(1000);
    csrColCountsRef(arrays.colIdx.length, arrays.colIdx, 1000, columns);
    expect(columns).toEqual(t.outDegree);
    expect(arrays.rowPtr.subarray(1).map((end, i) => end - arrays.rowPtr[i])).toEqual(t.inDegree);
  });

  it('conn_csr_partners_i32 finds exactly the reverse edges (brute force), self-loops excluded, and matches the reference', () => {
    const n = 60;
    using net = lognormalNetwork(rt, { n, k: 20, cv: 0.5, seed: 'partners' });
    // A second structure with self-loops and empty rows: random triplets in canonical CSR form.
    // Rows 0–2 stay empty; the last two triplets are self-loops.
    const r = Int32Array.from([...randomArray('partners-r', 300, 3, n), 5, 10], Math.floor);
    const c = Int32Array.from([...randomArray('partners-c', 300, 0, n), 5, 10], Math.floor);
    const withLoops = csrFromTriplets({ nRows: n, nCols: n, rows: r, cols: c, values: new Float64Array(302) });
    for (const { rowPtr, colIdx } of [(net.matrix as CsrMatrix).toArrays(), withLoops]) {
      using partner = rt.i32(colIdx.length);
      using rp = rt.i32From(rowPtr);
      using ci = rt.i32From(colIdx);
      using cursor = rt.i32(n);
      const count = rt.core.conn_csr_partners_i32(n, rp.ptr, ci.ptr, cursor.ptr, partner.ptr);
      const want = new Int32Array(colIdx.length);
      expect(count).toBe(connCsrPartnersRef(n, rowPtr, colIdx, want));
      expect(partner.toArray()).toEqual(want);
      const rows = rowsOf(rowPtr, n);
      let brute = 0;
      for (let k = 0; k < colIdx.length; k++) {
        const [i, j] = [rows[k], colIdx[k]];
        const reverse = colIdx.findIndex((col, q) => col === i && rows[q] === j);
        expect(want[k]).toBe(i === j ? -1 : reverse);
        if (want[k] >= 0) brute++;
      }
      expect(count).toBe(brute);
      expect(count).toBeGreaterThan(0);
    }
  });

  it('conn_pair_normal_f64/f32 match the reference over the partner array; η = 1 gives exactly symmetric pairs', () => {
    // Rows 0–3 of a 5-neuron CSR (strictly increasing columns): pairs 0↔1, 0↔3, 2↔4; one-way edges
    // 1 ← 2, 3 ← 2, 4 ← 1; a self-loop 2 ← 2 (no partner); row 3 starts with an edge whose partner precedes it.
    const rowPtr = Int32Array.from([0, 2, 4, 6, 8, 10]);
    const colIdx = Int32Array.from([1, 3, 0, 2, 2, 4, 0, 2, 1, 2]);
    const n = 5;
    const partner = new Int32Array(colIdx.length);
    const pairedEdges = connCsrPartnersRef(n, rowPtr, colIdx, partner);
    expect(pairedEdges).toBe(6);
    for (const eta of [0, 0.7, 1]) {
      using rng = rt.rng(`pairs-${eta}`);
      using rng32 = rt.rng(`pairs-${eta}`);
      using rp = rt.i32From(rowPtr);
      using ci = rt.i32From(colIdx);
      using vals = rt.f64(colIdx.length);
      using vals32 = new F32Buffer(rt.arena, colIdx.length);
      // The cursor scratch starts dirty: the kernel must initialise it.
      using cursor = rt.i32From(new Int32Array(n).fill(7));
      expect(rt.core.conn_pair_normal_f64(rng.statePtr, n, rp.ptr, ci.ptr, cursor.ptr, vals.ptr, 0.1, 2, eta)).toBe(pairedEdges);
      cursor.view().fill(7);
      expect(rt.core.conn_pair_normal_f32(rng32.statePtr, n, rp.ptr, ci.ptr, cursor.ptr, vals32.ptr, 0.1, 2, eta)).toBe(pairedEdges);
      const want = new Float64Array(colIdx.length);
      connPairNormalRef(new XoshiroRef(seedWords(`pairs-${eta}`)), colIdx.length, partner, want, 0.1, 2, eta);
      expectClose(vals.toArray(), want, normalBound(0.1, 2));
      // Same draws, stored as f32: the f64 values rounded to nearest, bit for bit.
      expect(vals32.toArray()).toEqual(Float32Array.from(vals.toArray()));
      if (eta === 1) for (const [e, p] of partner.entries()) if (p >= 0) expect(vals.view()[e]).toBe(vals.view()[p]);
    }
  });

  it.each([[1, 0], [0, 0], [1, 0.4]])('conn_ei_count/fill_i32 (fixed=%i, jitter=%f) equal the reference; the count pass leaves the state alone', (fixed, jitter) => {
    const [n, nExc, kExc, kInh, p] = [300, 240, 16, 4, 20 / 299];
    using rng = rt.rng(`ei-${fixed}`);
    using scratch = rt.f64(RNG_STATE_BYTES / 8);
    using mark = rt.i32(n);
    using rowPtr = rt.i32(n + 1);
    const nnz = rt.core.conn_ei_count_i32(rng.statePtr, scratch.ptr, n, nExc, fixed, kExc, kInh, p, p, mark.ptr, rowPtr.ptr);
    using colIdx = rt.i32(nnz);
    expect(rt.core.conn_ei_fill_i32(rng.statePtr, n, nExc, fixed, kExc, kInh, p, p, mark.ptr, colIdx.ptr)).toBe(nnz);
    const ref = new XoshiroRef(seedWords(`ei-${fixed}`));
    const rowPtrWant = new Int32Array(n + 1);
    expect(connEiCountRef(ref, n, nExc, fixed, kExc, kInh, p, p, rowPtrWant)).toBe(nnz);
    const colWant = new Int32Array(nnz);
    connEiFillRef(ref, n, nExc, fixed, kExc, kInh, p, p, colWant);
    expect(rowPtr.toArray()).toEqual(rowPtrWant);
    expect(colIdx.toArray()).toEqual(colWant);
    if (fixed) expect(nnz).toBe(n * (kExc + kInh));
    const { mu, sigma } = lognormalLogParams({ mean: 1, cv: jitter });
    using vals = rt.f64(nnz);
    rt.core.conn_ei_weights_f64(rng.statePtr, nnz, colIdx.ptr, nExc, 0.25, -1, mu, sigma, vals.ptr);
    const valsWant = new Float64Array(nnz);
    connEiWeightsRef(ref, nnz, colWant, nExc, 0.25, -1, mu, sigma, valsWant);
    // exp(μ + σz)·w: relative error σ|Δz| + 2u; without jitter no arithmetic at all.
    expectClose(vals.toArray(), valsWant, jitter === 0 ? 0 : 64 * U * Math.max(...valsWant.map(Math.abs)));
  });

  it('csr_col_counts_i32, conn_csr_moments_f64 and conn_dense_moments_f64 match the reference', () => {
    const net = lognormalNetwork(rt, { n: 200, k: 30, cv: 1, eta: 0.5, seed: 'moments' });
    const csr = net.matrix as CsrMatrix;
    const { rowPtr, colIdx, values } = csr.toArrays();
    using counts = rt.i32(200);
    rt.core.csr_col_counts_i32(csr.nnz, csr.colIdx.ptr, 200, counts.ptr);
    const want = new Int32Array(200);
    csrColCountsRef(csr.nnz, colIdx, 200, want);
    expect(counts.toArray()).toEqual(want);
    const partner = new Int32Array(csr.nnz);
    connCsrPartnersRef(200, rowPtr, colIdx, partner);
    using pb = rt.i32From(partner);
    using out = rt.f64(7);
    rt.core.conn_csr_moments_f64(csr.nnz, csr.values.ptr, pb.ptr, out.ptr);
    const outWant = new Float64Array(7);
    connCsrMomentsRef(csr.nnz, values, partner, outWant);
    // Sums of nnz terms in the same order: identical; kept as a bound in case of reassociation.
    const sumBound = (x: number) => 2 * gamma(csr.nnz) * Math.abs(x) * 10;
    for (const [i, v] of out.toArray().entries()) expect(Math.abs(v - outWant[i])).toBeLessThanOrEqual(sumBound(outWant[i]));
    // Dense: the same matrix scattered into n×n.
    const dense = new Float64Array(200 * 200);
    for (let i = 0; i < 200; i++) for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) dense[i * 200 + colIdx[k]] = values[k];
    using db = rt.f64From(dense);
    using inDeg = rt.i32(200);
    using outDeg = rt.i32(200);
    using dOut = rt.f64(7);
    rt.core.conn_dense_moments_f64(db.ptr, 200, inDeg.ptr, outDeg.ptr, dOut.ptr);
    const [inWant, outDegWant, dWant] = [new Int32Array(200), new Int32Array(200), new Float64Array(7)];
    connDenseMomentsRef(dense, 200, inWant, outDegWant, dWant);
    expect(inDeg.toArray()).toEqual(inWant);
    expect(outDeg.toArray()).toEqual(want);
    for (const [i, v] of dOut.toArray().entries()) expect(Math.abs(v - dWant[i])).toBeLessThanOrEqual(sumBound(dWant[i]));
    // Dense and CSR describe the same edges: counts agree exactly, moments within the bound.
    expect([dOut.view()[0], dOut.view()[3]]).toEqual([outWant[0], outWant[3]]);
    net.dispose();
  });

  it('lognormalNetwork equals the pure-JS generator: same structure, weights within the normal bound', () => {
    const [n, k, cv, rho, g, j0, eta] = [400, 25, 1.2, 0.5, 1.5, 0.3, 0.4];
    using net = lognormalNetwork(rt, { n, k, cv, degreeCorrelation: rho, g, j0, eta, seed: 'pipeline' });
    const { mu, sigma } = lognormalLogParams({ mean: k, cv });
    const ref = lognormalArraysRef(new XoshiroFastRef(seedWords('pipeline')), n, k, mu, sigma, rho, g, j0, eta, MAX_STUB_TRIES);
    const got = (net.matrix as CsrMatrix).toArrays();
    expect(got.rowPtr).toEqual(ref.rowPtr);
    expect(got.colIdx).toEqual(ref.colIdx);
    expectClose(got.values, ref.values, normalBound(j0 / k, g / Math.sqrt(k)));
  });
});
