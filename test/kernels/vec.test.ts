import { beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/index.js';
import { factoredAddDenseRef } from '../../src/reference/factored.js';
import { orthQrRowsRef } from '../../src/reference/orthogonalize.js';
import { vecFirstBeyondRef, vecGatherRef, vecMulRef, vecScatterRef, vecSubRef } from '../../src/reference/vec.js';
import { randomArray } from '../helpers/random.js';
import { BUILDS, loadBuild, TAIL_SIZES } from '../helpers/runtime.js';
import { expectClose, gamma } from '../helpers/tolerance.js';

describe.each(BUILDS)('vec, orth and factored kernels [%o]', (b) => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await loadBuild(b);
  });

  it.each(TAIL_SIZES)('vec_mul, vec_sub and vec_copy (n=%i) equal the reference bit for bit', (n) => {
    const [as, bs] = ['a', 'b'].map((s) => randomArray(`vec-${s}-${n}`, n));
    using a = rt.f64From(as);
    using bb = rt.f64From(bs);
    using out = rt.f64(n);
    const ref = new Float64Array(n);
    rt.core.vec_mul_f64(n, a.ptr, bb.ptr, out.ptr);
    vecMulRef(n, as, bs, ref);
    expect(out.toArray()).toEqual(ref);
    rt.core.vec_sub_f64(n, a.ptr, bb.ptr, out.ptr);
    vecSubRef(n, as, bs, ref);
    expect(out.toArray()).toEqual(ref);
    rt.core.vec_copy_f64(n, a.ptr, out.ptr);
    expect(out.toArray()).toEqual(as);
  });

  it('vec_first_beyond finds NaN, ±∞ and (with a finite limit) runaway entries; −1 otherwise', () => {
    const xs = Float64Array.from([1, -2, 3, 4]);
    using x = rt.f64From(xs);
    const first = (limit: number) => rt.core.vec_first_beyond_f64(4, x.ptr, limit);
    expect(first(Infinity)).toBe(-1);
    expect(first(3)).toBe(2); // |3| is not below 3
    expect(first(3)).toBe(vecFirstBeyondRef(4, xs, 3));
    x.view()[2] = Number.NaN;
    expect(first(Infinity)).toBe(2);
    x.view()[1] = -Infinity;
    expect(first(Infinity)).toBe(1);
    expect(first(Infinity)).toBe(vecFirstBeyondRef(4, x.toArray(), Infinity));
  });

  it('vec_gather and vec_scatter (assign and accumulate) equal the reference', () => {
    const n = 9;
    const idx = Int32Array.from([4, 0, 7]);
    using I = rt.i32From(idx);
    using src = rt.f64From(randomArray('vec-gather', n));
    using dst = rt.f64(3);
    rt.core.vec_gather_f64(3, I.ptr, src.ptr, dst.ptr);
    const ref = new Float64Array(3);
    vecGatherRef(3, idx, src.toArray(), ref);
    expect(dst.toArray()).toEqual(ref);
    for (const accumulate of [1, 0]) {
      const want = src.toArray();
      vecScatterRef(3, idx, dst.toArray(), want, accumulate);
      rt.core.vec_scatter_f64(3, I.ptr, dst.ptr, src.ptr, accumulate);
      expect(src.toArray()).toEqual(want);
    }
  });

  it.each([[1, 1], [3, 17], [8, 8], [20, 50]])('orth_qr_rows_f64 (%i rows of %i): orthonormal rows, R_jj, as the reference', (rows, len) => {
    const a = randomArray(`qr-${rows}-${len}`, rows * len);
    using buf = rt.f64From(a);
    using r = rt.f64(rows);
    using h = rt.f64(rows);
    using scratch = rt.f64(rows);
    expect(rt.core.orth_qr_rows_f64(buf.ptr, rows, len, r.ptr, h.ptr, scratch.ptr)).toBe(-1);
    const want = a.slice();
    const rWant = new Float64Array(rows);
    expect(orthQrRowsRef(want, rows, len, rWant, new Float64Array(rows), new Float64Array(rows))).toBe(-1);
    const q = buf.toArray();
    // Orthonormality to a small multiple of γ_len (DGKS keeps ‖QQᵀ − I‖ at O(u)); the SIMD dot's
    // summation order differs from the reference's, so Q and R agree to the same order, not bitwise.
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < rows; j++) {
        let d = 0;
        for (let t = 0; t < len; t++) d += q[i * len + t] * q[j * len + t];
        expect(Math.abs(d - (i === j ? 1 : 0))).toBeLessThanOrEqual(20 * gamma(len));
      }
    }
    expectClose(q, want, 1e3 * rows * gamma(len));
    expectClose(r.toArray(), rWant, 1e3 * rows * gamma(len) * Math.max(...rWant));
    // |det| is preserved: Π R_jj = √det(A Aᵀ) — checked on the first row (R_00 = ‖a_0‖).
    let norm0 = 0;
    for (let t = 0; t < len; t++) norm0 += a[t] * a[t];
    expect(Math.abs(r.view()[0] - Math.sqrt(norm0))).toBeLessThanOrEqual(4 * gamma(len) * Math.sqrt(norm0));
    using dependent = rt.f64From([1, 2, 3, 2, 4, 6]);
    using r2 = rt.f64(2);
    using work = rt.f64(4);
    expect(rt.core.orth_qr_rows_f64(dependent.ptr, 2, 3, r2.ptr, work.ptr, work.ptr + 16)).toBe(1);
  });

  it.each([[1, 1], [3, 2], [17, 5], [33, 33]])('factored_add_dense_f64 n=%i rank=%i equals the reference bit for bit', (n, rank) => {
    const [u, s, v] = [randomArray(`fu${n}`, rank * n), randomArray(`fs${n}`, rank), randomArray(`fv${n}`, rank * n)];
    const start = randomArray(`f0${n}`, n * n);
    using out = rt.f64From(start);
    using ub = rt.f64From(u);
    using sb = rt.f64From(s);
    using vb = rt.f64From(v);
    rt.core.factored_add_dense_f64(ub.ptr, sb.ptr, vb.ptr, rank, n, out.ptr);
    const want = start.slice();
    factoredAddDenseRef(u, s, v, rank, n, want);
    expect(out.toArray()).toEqual(want);
  });
});
