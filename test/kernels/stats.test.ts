import { beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/index.js';
import { autocovRawRef, autocovRef, covAccumulateRef, covarianceRef, dftRef, gramRef, symTraceProductRef } from '../../src/reference/stats.js';
import { randomArray } from '../helpers/random.js';
import { BUILDS, loadBuild } from '../helpers/runtime.js';

describe.each(BUILDS)('statistics kernels [%o]', (b) => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await loadBuild(b);
  });

  it.each([[5, 1], [20, 3], [50, 17]])('Welford covariance of %i samples × %i units equals the two-pass covariance', (t, n) => {
    const xs = randomArray(`cov-${t}-${n}`, t * n, -2, 3);
    using mean = rt.f64(n);
    using m = rt.f64(n * n);
    using scratch = rt.f64(n);
    using row = rt.f64(n);
    for (let s = 0; s < t; s++) {
      row.view().set(xs.subarray(s * n, (s + 1) * n));
      rt.core.stats_cov_push_f64(n, row.ptr, s + 1, mean.ptr, m.ptr, scratch.ptr);
    }
    const ref = covarianceRef(xs, t, n);
    const got = m.toArray();
    // Both are O(t·ε)-accurate relative to Σ|x_i x_j| ≤ 9t (|x| ≤ 3): allow 64·t·ε·9 absolute on C·(t−1).
    for (let i = 0; i < n; i++) {
      for (let j = i; j < n; j++) expect(Math.abs(got[i * n + j] - ref[i * n + j] * (t - 1))).toBeLessThan(64 * t * 2 ** -52 * 9);
    }
    using moments = rt.f64(2);
    rt.core.stats_sym_trace_moments_f64(n, m.ptr, moments.ptr);
    let trace = 0;
    let frob = 0;
    for (let i = 0; i < n; i++) {
      trace += got[i * n + i];
      for (let j = 0; j < n; j++) frob += (got[Math.min(i, j) * n + Math.max(i, j)]) ** 2;
    }
    const [tr, f2] = moments.toArray();
    expect(Math.abs(tr - trace)).toBeLessThanOrEqual(1e-12 * Math.abs(trace));
    expect(Math.abs(f2 - frob)).toBeLessThanOrEqual(1e-12 * frob);
  });

  it.each([[4, 1], [9, 2], [30, 17]])('outer products about a fixed centre (%i samples × %i units) equal the reference; tr(AB) too', (t, n) => {
    const xs = randomArray(`cov-acc-${t}-${n}`, t * n, -2, 3);
    const centre = randomArray(`cov-acc-c-${n}`, n, -1, 1);
    using c = rt.f64From(centre);
    using m = rt.f64(n * n);
    using row = rt.f64(n);
    const ref = new Float64Array(n * n);
    for (let s = 0; s < t; s++) {
      const x = xs.subarray(s * n, (s + 1) * n);
      row.view().set(x);
      rt.core.stats_cov_accumulate_f64(n, row.ptr, c.ptr, m.ptr);
      covAccumulateRef(n, x, centre, ref);
    }
    const got = m.toArray();
    // Each entry sums t products of |x − c| ≤ 4: |Δ| ≤ t·16·2⁻⁵² (one rounding per product and per sum).
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (j >= i) expect(Math.abs(got[i * n + j] - ref[i * n + j])).toBeLessThanOrEqual(t * 16 * 2 ** -52);
        else expect(got[i * n + j]).toBe(0); // the lower triangle is never written
      }
    }
    // tr(M·M′) against the full-matrix sum; bound 2·γ_{n²}·Σ|A_ij B_ij| (dot-product forward error).
    const other = ref.map((v, k) => v * 0.5 + (k % 3));
    const symOther = Float64Array.from(other, (_, k) => other[Math.min(Math.floor(k / n), k % n) * n + Math.max(Math.floor(k / n), k % n)]);
    using b = rt.f64From(symOther);
    const exact = symTraceProductRef(n, ref, symOther);
    let abs = 0;
    for (let k = 0; k < n * n; k++) abs += Math.abs(ref[k] * symOther[k]);
    expect(Math.abs(rt.core.stats_sym_trace_product_f64(n, m.ptr, b.ptr) - exact)).toBeLessThanOrEqual(4 * n * n * 2 ** -53 * abs + t * 16 * 2 ** -52 * abs);
  });

  it.each([[3, 7], [9, 16], [17, 33]])('Gram matrix of %i × %i within the dot-product bound of the reference', (t, n) => {
    const xs = randomArray(`gram-${t}-${n}`, t * n);
    using x = rt.f64From(xs);
    using g = rt.f64(t * t);
    rt.core.stats_gram_f64(t, n, x.ptr, g.ptr);
    const ref = new Float64Array(t * t);
    gramRef(t, n, xs, ref);
    const got = g.toArray();
    for (let a = 0; a < t; a++) {
      for (let c = a; c < t; c++) expect(Math.abs(got[a * t + c] - ref[a * t + c])).toBeLessThanOrEqual(2 * n * n * 2 ** -53);
    }
  });

  it.each([1, 2, 4, 8, 64, 1024])('FFT of length %i equals the DFT by definition; inverse(forward) = n·identity', (n) => {
    const re = randomArray(`fft-re-${n}`, n);
    const im = randomArray(`fft-im-${n}`, n);
    using cos = rt.f64(Math.max(1, n / 2));
    using sin = rt.f64(Math.max(1, n / 2));
    using r = rt.f64From(re);
    using i = rt.f64From(im);
    rt.core.fft_twiddles_f64(n, cos.ptr, sin.ptr);
    rt.core.fft_radix2_f64(n, r.ptr, i.ptr, cos.ptr, sin.ptr, -1);
    const [dr, di] = dftRef(re, im, -1);
    // Radix-2 FFT error grows like ε·log2(n)·‖x‖₂ per entry (Higham §24.1); the O(n²) DFT like ε·n·max|x|.
    const bound = 16 * 2 ** -52 * (Math.log2(n) + 1) * n;
    for (let k = 0; k < n; k++) {
      expect(Math.abs(r.view()[k] - dr[k])).toBeLessThan(bound);
      expect(Math.abs(i.view()[k] - di[k])).toBeLessThan(bound);
    }
    rt.core.fft_radix2_f64(n, r.ptr, i.ptr, cos.ptr, sin.ptr, 1);
    for (let k = 0; k < n; k++) {
      expect(Math.abs(r.view()[k] / n - re[k])).toBeLessThan(bound);
      expect(Math.abs(i.view()[k] / n - im[k])).toBeLessThan(bound);
    }
  });

  it.each([[10, 5], [100, 50], [777, 200]])('autocovariance (T=%i, maxLag=%i) by FFT equals direct summation', (t, maxLag) => {
    const xs = randomArray(`acov-${t}`, t, 0, 4);
    const n = 2 ** Math.ceil(Math.log2(2 * t));
    using x = rt.f64From(xs);
    using cos = rt.f64(n / 2);
    using sin = rt.f64(n / 2);
    using re = rt.f64(n);
    using im = rt.f64(n);
    using out = rt.f64(maxLag);
    rt.core.fft_twiddles_f64(n, cos.ptr, sin.ptr);
    rt.core.stats_autocov_f64(t, x.ptr, n, re.ptr, im.ptr, cos.ptr, sin.ptr, maxLag, out.ptr);
    const ref = new Float64Array(maxLag);
    autocovRef(t, xs, maxLag, ref);
    const got = out.toArray();
    for (let k = 0; k < maxLag; k++) expect(Math.abs(got[k] - ref[k])).toBeLessThan(1e-12 * ref[0] * Math.log2(n));
    // Without the mean removed (series of mean 2: the static part 4 stays in every lag).
    rt.core.stats_autocov_raw_f64(t, x.ptr, n, re.ptr, im.ptr, cos.ptr, sin.ptr, maxLag, out.ptr);
    const raw = new Float64Array(maxLag);
    autocovRawRef(t, xs, maxLag, raw);
    const gotRaw = out.toArray();
    for (let k = 0; k < maxLag; k++) expect(Math.abs(gotRaw[k] - raw[k])).toBeLessThan(1e-12 * raw[0] * Math.log2(n));
    expect(raw[0]).toBeGreaterThan(ref[0] + 3); // E x² = Var x + 4 for x uniform on [0, 4]
  });
});
