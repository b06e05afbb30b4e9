/**
 * Dense eigen kernels against src/reference/dense-eig.ts, and eigDense/eigSymTridiagonal against
 * known spectra. Tolerances: Householder/QR reductions are normwise backward stable with
 * ‖ΔA‖ ≤ c·n²·u·‖A‖_F (Higham, Accuracy and Stability, Thm 19.4 and §19.3); we take c = 10 and call
 * that ε(A). An eigenvalue of condition κ then moves by at most κ·ε(A) (first order), so normal
 * matrices (κ = 1) are checked against ε(A) itself.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Complex, eigDense, eigSymTridiagonal, type Runtime } from '../../src/index.js';
import { hessenbergRef, hqrRef, schurVectorsRef, symTridiagonalizeRef, symTridiagonalQlRef } from '../../src/reference/dense-eig.js';
import {
  companion, fromSpectrum, frobenius, gaussianMatrix, matmul, monicFromRoots, orthogonalityError, randomOrthogonal,
  spectrumDistance, transpose,
} from '../helpers/eigen.js';
import { BUILDS, loadBuild } from '../helpers/runtime.js';
import { U } from '../helpers/tolerance.js';

const SIZES = [1, 2, 3, 4, 5, 9, 17, 40];
const backwardBound = (n: number, normA: number) => 10 * n * n * U * normA;

/** Runs eig_hessenberg_f64 on a copy of a; returns H and Qᵀ. */
function wasmHessenberg(rt: Runtime, a: Float64Array, n: number) {
  return rt.scope(() => {
    const h = rt.f64From(a);
    const z = rt.f64(n * n);
    const work = rt.f64(2 * n);
    rt.core.eig_hessenberg_f64(h.ptr, n, z.ptr, 1, work.ptr);
    return { h: h.toArray(), z: z.toArray() };
  });
}

function strictHessenberg(h: Float64Array, n: number): Float64Array {
  return Float64Array.from(h, (v, idx) => (Math.floor(idx / n) > (idx % n) + 1 ? 0 : v));
}

function wasmHqr(rt: Runtime, h0: Float64Array, z0: Float64Array, n: number, wantZ: boolean, maxSweeps: number) {
  return rt.scope(() => {
    const h = rt.f64From(h0);
    const z = rt.f64From(z0);
    const wr = rt.f64(n);
    const wi = rt.f64(n);
    const info = rt.i32(2);
    const work = rt.f64(n);
    rt.core.eig_hqr_f64(h.ptr, n, z.ptr, wantZ ? 1 : 0, wr.ptr, wi.ptr, maxSweeps, info.ptr);
    const [sweeps, unconverged] = info.toArray();
    if (wantZ && unconverged === 0) rt.core.eig_schur_vectors_f64(h.ptr, n, z.ptr, wr.ptr, wi.ptr, work.ptr);
    return { h: h.toArray(), z: z.toArray(), wr: wr.toArray(), wi: wi.toArray(), sweeps, unconverged };
  });
}

function refHqr(h0: Float64Array, z0: Float64Array, n: number, wantZ: boolean, maxSweeps: number) {
  const h = h0.slice();
  const z = z0.slice();
  const wr = new Float64Array(n);
  const wi = new Float64Array(n);
  const info = new Int32Array(2);
  hqrRef(h, n, z, wantZ, wr, wi, maxSweeps, info);
  if (wantZ && info[1] === 0) schurVectorsRef(h, n, z, wr, wi, new Float64Array(n));
  return { h, z, wr, wi, sweeps: info[0], unconverged: info[1] };
}

/** Edelman–Murakami: eigenvalues of a companion matrix move like roots under coefficient changes u·‖C‖-sized. */
function rootTolerance(root: Complex, c: number[], n: number): number {
  // p′(λ) for p(x) = x^n + Σ c_j x^j, evaluated in complex arithmetic.
  let dRe = 0;
  let dIm = 0;
  let powRe = 1;
  let powIm = 0;
  let sumAbsPowers = 0;
  const coeff = [...c, 1];
  for (let j = 0; j <= n; j++) {
    sumAbsPowers += Math.hypot(powRe, powIm);
    if (j + 1 <= n) {
      dRe += (j + 1) * coeff[j + 1] * powRe;
      dIm += (j + 1) * coeff[j + 1] * powIm;
    }
    [powRe, powIm] = [powRe * root.re - powIm * root.im, powRe * root.im + powIm * root.re];
  }
  const normC = Math.sqrt(n - 1 + c.reduce((s, ci) => s + ci * ci, 0));
  return (backwardBound(n, normC) * sumAbsPowers) / Math.hypot(dRe, dIm);
}

describe.each(BUILDS)('dense eigen kernels [%o]', (b) => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await loadBuild(b);
  });

  it.each(SIZES)('eig_hessenberg_f64 (n=%i): A = Q·H·Qᵀ, QQᵀ = I; the scalar build equals the reference bit for bit', (n) => {
    const a = gaussianMatrix(`hess-${n}`, n);
    const { h, z } = wasmHessenberg(rt, a, n);
    const normA = frobenius(a);
    const back = matmul(matmul(transpose(z, n), strictHessenberg(h, n), n), z, n);
    expect(frobenius(back.map((v, i) => v - a[i]))).toBeLessThanOrEqual(backwardBound(n, normA));
    expect(orthogonalityError(Array.from({ length: n }, (_, i) => z.slice(i * n, i * n + n)))).toBeLessThanOrEqual(10 * n * n * U);
    const hr = a.slice();
    const zr = new Float64Array(n * n);
    hessenbergRef(hr, n, zr, true, new Float64Array(2 * n));
    // Scalar dot/axpy run the reference's operations in its order; SIMD dots sum in another order.
    if (!b.simd) {
      expect(h).toEqual(hr);
      expect(z).toEqual(zr);
    } else {
      expect(frobenius(strictHessenberg(h, n).map((v, i) => v - strictHessenberg(hr, n)[i]))).toBeLessThanOrEqual(2 * backwardBound(n, normA));
    }
  });

  it.each(SIZES)('eig_hqr_f64 + eig_schur_vectors_f64 (n=%i) equal hqrRef/schurVectorsRef bit for bit', (n) => {
    const a = gaussianMatrix(`hqr-${n}`, n);
    const h = a.slice();
    const z = new Float64Array(n * n);
    hessenbergRef(h, n, z, true, new Float64Array(2 * n));
    for (const wantZ of [false, true]) {
      const got = wasmHqr(rt, h, z, n, wantZ, 30 * Math.max(n, 10));
      const want = refHqr(h, z, n, wantZ, 30 * Math.max(n, 10));
      expect(got.unconverged).toBe(0);
      expect(got).toEqual(want);
    }
  });

  it('eig_hqr_f64 stops at maxSweeps and reports the unconverged count', () => {
    const n = 30;
    const h = gaussianMatrix('hqr-cap', n);
    hessenbergRef(h, n, new Float64Array(n * n), false, new Float64Array(2 * n));
    const capped = wasmHqr(rt, h, new Float64Array(n * n), n, false, 3);
    expect(capped.sweeps).toBe(3);
    expect(capped.unconverged).toBeGreaterThan(0);
    expect(capped).toEqual(refHqr(h, new Float64Array(n * n), n, false, 3));
  });

  it.each(SIZES)('tridiagonalisation + implicit QL (n=%i) match the reference within Weyl bounds', (n) => {
    const g = gaussianMatrix(`sym-${n}`, n);
    const a = Float64Array.from(g, (v, idx) => (v + g[(idx % n) * n + Math.floor(idx / n)]) / 2);
    const got = rt.scope(() => {
      const q = rt.f64From(a);
      const d = rt.f64(n);
      const e = rt.f64(n);
      const info = rt.i32(2);
      rt.core.eig_sym_tridiagonalize_f64(q.ptr, n, d.ptr, e.ptr);
      const tridiagonal = { d: d.toArray(), e: e.toArray(), q: q.toArray() };
      rt.core.eig_sym_tridiagonal_ql_f64(d.ptr, e.ptr, n, q.ptr, 1, 30 * Math.max(n, 10), info.ptr);
      return { tridiagonal, d: d.toArray(), q: q.toArray(), info: info.toArray() };
    });
    const qr = a.slice();
    const dr = new Float64Array(n);
    const er = new Float64Array(n);
    symTridiagonalizeRef(qr, n, dr, er);
    // tred2 has no reordered sums: bit-identical.
    expect(got.tridiagonal).toEqual({ d: dr, e: er, q: qr });
    const info = new Int32Array(2);
    symTridiagonalQlRef(dr, er, n, qr, true, 30 * Math.max(n, 10), info);
    expect(got.info[1]).toBe(0);
    // QL uses hypot (AS libm vs the engine's): compare eigenvalues by Weyl, |Δλ| ≤ ‖ΔA‖ for each computation.
    const bound = 2 * backwardBound(n, frobenius(a));
    got.d.forEach((v, i) => { expect(Math.abs(v - dr[i])).toBeLessThanOrEqual(bound); });
    const rows = Array.from({ length: n }, (_, i) => got.q.slice(i * n, i * n + n));
    expect(orthogonalityError(rows)).toBeLessThanOrEqual(10 * n * n * U);
  });
});

describe.each(BUILDS)('eigDense and eigSymTridiagonal on known spectra [%o]', (b) => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await loadBuild(b);
  });

  it('diagonal matrices (with a repeated eigenvalue) come back exactly, ordered by which', () => {
    const diag = [3, -1, 0.5, -4, 3, 2e-3];
    const n = diag.length;
    const values = new Float64Array(n * n);
    diag.forEach((d, i) => { values[i * n + i] = d; });
    const lm = eigDense(rt, { n, values });
    expect(lm.status).toBe('converged');
    expect(lm.eigenvalues).toEqual([-4, 3, 3, -1, 0.5, 2e-3].map((re) => ({ re, im: 0 })));
    expect(eigDense(rt, { n, values }, { which: 'SR' }).eigenvalues.map((e) => e.re)).toEqual([-4, -1, 2e-3, 0.5, 3, 3]);
  });

  it('random orthogonal similarity Q·Λ·Qᵀ of a chosen spectrum (normal, κ = 1): within ε(A); residuals within ε(A)', () => {
    const spectrum: Complex[] = [
      { re: 2, im: 0 }, { re: -1.5, im: 0 }, { re: 0.25, im: 0 }, { re: 1, im: 1 }, { re: -0.5, im: 2 },
      { re: 0, im: 0.75 }, { re: 1e-3, im: 0 }, { re: -2, im: 0.1 }, { re: 0.25, im: 0 },
    ];
    const { n, values, eigenvalues } = fromSpectrum('similarity', spectrum);
    const result = eigDense(rt, { n, values }, { vectors: true });
    const eps = backwardBound(n, frobenius(values));
    expect(result.status).toBe('converged');
    expect(spectrumDistance(result.eigenvalues, eigenvalues)).toBeLessThanOrEqual(eps);
    expect(Math.max(...result.residuals)).toBeLessThanOrEqual(eps);
    result.eigenvalues.forEach(({ im }, i) => {
      if (im !== 0) expect(result.eigenvalues[i + (im > 0 ? 1 : -1)]).toEqual({ re: result.eigenvalues[i].re, im: -im });
    });
  });

  it('companion matrix of a chosen polynomial: roots within the Edelman–Murakami first-order bound', () => {
    const roots: Complex[] = [{ re: 1, im: 0 }, { re: 2, im: 0 }, { re: -3, im: 0 }, { re: 0.5, im: 2 }, { re: -1, im: 0.5 }, { re: 4, im: 0 }];
    const c = monicFromRoots(roots);
    const { n, values } = companion(c);
    const result = eigDense(rt, { n, values });
    expect(result.status).toBe('converged');
    const all = roots.flatMap((r) => (r.im === 0 ? [r] : [r, { re: r.re, im: -r.im }]));
    for (const root of all) {
      const nearest = Math.min(...result.eigenvalues.map((e) => Math.hypot(e.re - root.re, e.im - root.im)));
      expect(nearest).toBeLessThanOrEqual(rootTolerance(root, c, n));
    }
  });

  it('Jordan-like block (size 4, hidden by a random orthogonal similarity): split within the ε^{1/4} pseudospectral radius, mean within ε', () => {
    const n = 10;
    const p = 4;
    const lambda = 0.7;
    const t = new Float64Array(n * n);
    for (let i = 0; i < p; i++) {
      t[i * n + i] = lambda;
      if (i + 1 < p) t[i * n + i + 1] = 1;
    }
    [-2, -1, 1.5, 2.5, 3, -3].forEach((d, i) => { t[(p + i) * n + p + i] = d; });
    const q = randomOrthogonal('jordan', n);
    const a = matmul(matmul(q, t, n), transpose(q, n), n);
    const result = eigDense(rt, { n, values: a });
    const eps = backwardBound(n, frobenius(a));
    const cluster = [...result.eigenvalues].sort((x, y) => Math.hypot(x.re - lambda, x.im) - Math.hypot(y.re - lambda, y.im)).slice(0, p);
    // The ε-pseudospectrum of a p×p Jordan block is (to first order) the disc of radius ε^{1/p}.
    for (const e of cluster) expect(Math.hypot(e.re - lambda, e.im)).toBeLessThanOrEqual(2 * eps ** (1 / p));
    // The cluster's mean is the trace of A on an invariant subspace with an orthogonal spectral projector: well conditioned.
    const meanRe = cluster.reduce((s, e) => s + e.re, 0) / p;
    const meanIm = cluster.reduce((s, e) => s + e.im, 0) / p;
    expect(Math.hypot(meanRe - lambda, meanIm)).toBeLessThanOrEqual(eps);
  });

  it('symmetric path agrees with the nonsymmetric one and returns orthonormal vectors', () => {
    const n = 25;
    const g = gaussianMatrix('sym-path', n);
    const a = Float64Array.from(g, (v, idx) => (v + g[(idx % n) * n + Math.floor(idx / n)]) / 2);
    const sym = eigDense(rt, { n, values: a }, { symmetric: true, vectors: true });
    const gen = eigDense(rt, { n, values: a });
    const eps = backwardBound(n, frobenius(a));
    expect(spectrumDistance(sym.eigenvalues, gen.eigenvalues)).toBeLessThanOrEqual(2 * eps);
    expect(sym.eigenvalues.map((e) => e.re)).toEqual([...sym.eigenvalues.map((e) => e.re)].sort((x, y) => x - y));
    expect(orthogonalityError(sym.vectors!.map((v) => v.re))).toBeLessThanOrEqual(10 * n * n * U);
    expect(Math.max(...sym.residuals)).toBeLessThanOrEqual(eps);
  });

  it('eigSymTridiagonal: the discrete Laplacian tridiag(−1, 2, −1) has eigenvalues 2 − 2cos(jπ/(n+1))', () => {
    const n = 50;
    const result = eigSymTridiagonal(rt, new Array(n).fill(2), new Array(n - 1).fill(-1), { vectors: true });
    const exact = Array.from({ length: n }, (_, j) => 2 - 2 * Math.cos(((j + 1) * Math.PI) / (n + 1)));
    const eps = backwardBound(n, Math.sqrt(4 * n + 2 * (n - 1)));
    result.eigenvalues.forEach((e, j) => { expect(Math.abs(e.re - exact[j])).toBeLessThanOrEqual(eps); });
    expect(Math.max(...result.residuals)).toBeLessThanOrEqual(eps);
    expect(orthogonalityError(result.vectors!.map((v) => v.re))).toBeLessThanOrEqual(10 * n * n * U);
  });

  it('a sweep cap reports maxIter with the eigenvalues that did converge (each an eigenvalue of A)', () => {
    const n = 30;
    const { values, eigenvalues } = fromSpectrum('partial', Array.from({ length: n }, (_, i) => ({ re: i + 1, im: 0 })));
    const capped = eigDense(rt, { n, values }, { maxSweeps: 8 });
    expect(capped.status).toBe('maxIter');
    expect(capped.iterations).toBe(8);
    expect(capped.eigenvalues.length).toBeLessThan(n);
    expect(capped.eigenvalues.length).toBeGreaterThan(0);
    // Deflated eigenvalues are exact eigenvalues of a backward-perturbed A (κ = 1 here).
    const eps = backwardBound(n, frobenius(values));
    for (const e of capped.eigenvalues) expect(spectrumDistance(eigenvalues, [e])).toBeLessThanOrEqual(eps);
  });
});
