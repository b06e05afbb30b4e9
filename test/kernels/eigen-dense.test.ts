/**
 * Dense eigen kernels against src/reference/dense-eig.ts, and eigDense/eigSymTridiagonal against
 * known spectra. Tolerances: Householder/QR reductions are normwise backward stable with
 * ‖ΔA‖ ≤ c·n²·u·‖A‖_F (Higham, Accuracy and Stability, Thm 19.4 and §19.3); we take c = 10 and call
 * that ε(A). An eigenvalue of condition κ then moves by at most κ·ε(A) (first order), so normal
 * matrices (κ = 1) are checked against ε(A) itself.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Complex, eigDense, eigSymTridiagonal, type Runtime } from '../../src/index.js';
import {
  hessenbergRef, hqrRef, schurConditionRef, schurVectorsRef, symTridiagonalizeRef, symTridiagonalQlRef,
} from '../../src/reference/dense-eig.js';
import {
  companion, conditionedSpectrum, fromSpectrum, frobenius, gaussianMatrix, matmul, monicFromRoots, nonNormal, orthogonalityError,
  prescribedSchur, randomOrthogonal, spectrumDistance, transpose,
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
    const work = rt.f64(rt.core.eig_schur_vectors_work(n));
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
  hqrRef(h, n, z, wantZ ? 1 : 0, wr, wi, maxSweeps, info);
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

  // The back-substitution takes up to four consecutive complex pairs of T together (interleaved
  // dot products): spectra with k pairs per real eigenvalue (k = 1–6, n ≈ 70, several
  // back-transformation blocks) give T both short and long runs of pairs between real eigenvalues.
  it.each([1, 2, 3, 4, 5, 6])('eig_schur_vectors_f64 with %i complex pairs per real eigenvalue equals schurVectorsRef bit for bit', (run) => {
    const spectrum: Complex[] = [];
    for (let i = 0; spectrum.length < 40; i++) {
      for (let k = 0; k < run; k++) spectrum.push({ re: Math.cos(7 * i + k), im: 0.2 + ((i + k) % 5) / 4 });
      spectrum.push({ re: Math.sin(3 * i), im: 0 });
    }
    const { n, values } = fromSpectrum(`pair-runs-${run}`, spectrum);
    const h = values.slice();
    const z = new Float64Array(n * n);
    hessenbergRef(h, n, z, true, new Float64Array(2 * n));
    const got = wasmHqr(rt, h, z, n, true, 30 * n);
    expect(got.unconverged).toBe(0);
    expect(got).toEqual(refHqr(h, z, n, true, 30 * n));
  });

  // 97 and 130: Gaussian T with long runs of complex pairs and several back-transformation blocks.
  it.each([...SIZES, 97, 130])('eig_hqr_f64 + eig_schur_vectors_f64 (n=%i) equal hqrRef/schurVectorsRef bit for bit', (n) => {
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

describe.each(BUILDS)('eigenvalue condition numbers (dtrsna-style) [%o]', (b) => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await loadBuild(b);
  });

  /** Schur form T of a (reference Hessenberg + QR job 2), with its eigenvalues. */
  function schurOf(a: Float64Array, n: number) {
    const t = a.slice();
    hessenbergRef(t, n, new Float64Array(n * n), false, new Float64Array(2 * n));
    const wr = new Float64Array(n);
    const wi = new Float64Array(n);
    const info = new Int32Array(2);
    hqrRef(t, n, new Float64Array(1), 2, wr, wi, 30 * n, info);
    expect(info[1]).toBe(0);
    return { t, wr, wi };
  }

  it.each([1, 2, 5, 17, 40])('eig_schur_condition_f64 (n=%i) matches schurConditionRef (same operations; hypot/sqrt may differ by an ulp)', (n) => {
    const { t, wr, wi } = schurOf(gaussianMatrix(`cond-${n}`, n), n);
    const got = rt.scope(() => {
      const s = rt.f64(n);
      rt.core.eig_schur_condition_f64(rt.f64From(t).ptr, n, rt.f64From(wr).ptr, rt.f64From(wi).ptr, rt.f64(2 * n * n + 2 * n).ptr, s.ptr);
      return s.toArray();
    });
    const want = new Float64Array(n);
    schurConditionRef(t, n, wr, wi, new Float64Array(2 * n * n + 2 * n), want);
    // Both run the same back-substitutions; libm's hypot/sqrt (AS musl vs V8) may differ by 1 ulp per call,
    // amplified by at most the condition of the back-substitution: 1e-10 relative is ample at n ≤ 40.
    want.forEach((w, j) => { expect(Math.abs(got[j] - w)).toBeLessThanOrEqual(1e-10 * w); });
  });

  it('κ from eigDense equals the independent left/right-vector κ (transposed solve) on Gaussian and Grcar matrices', () => {
    for (const [values, n] of [[gaussianMatrix('cond-gauss', 60), 60], [nonNormal('grcar', 40), 40]] as const) {
      const got = eigDense(rt, { n, values });
      const want = conditionedSpectrum(rt, values, n, 'LM');
      // Both first-order estimates of κ for the same computed eigenvalues; they differ by the vectors'
      // errors, O(κ·u·‖A‖/gap) relative: below 1e-6 for κ ≤ 1e5 here.
      got.conditions.forEach((kappa, i) => {
        const j = want.eigenvalues.findIndex((e) => e.re === got.eigenvalues[i].re && Math.abs(e.im) === Math.abs(got.eigenvalues[i].im));
        expect(j).toBeGreaterThanOrEqual(0);
        expect(Math.abs(kappa / want.kappa[j] - 1)).toBeLessThanOrEqual(1e-6);
      });
    }
  });

  it.each([['shift', 200], ['jordan', 50], ['grcar', 100]] as const)('%s (n=%i): the illConditioned flags fire', (name, n) => {
    const values = nonNormal(name, n);
    const result = eigDense(rt, { n, values });
    expect(result.status).toBe('converged');
    const normA = frobenius(values);
    result.eigenvalues.forEach((e, i) => {
      // The flag is exactly "κ·ε‖A‖_F > tol·max(|λ|, ‖A‖_F)" (tol = 1e-10).
      expect(result.illConditioned[i]).toBe(result.conditions[i] * Number.EPSILON * normA > 1e-10 * Math.max(Math.hypot(e.re, e.im), normA));
    });
    // Defective (shift, Jordan): every value; Grcar(100): κ reaches ~1e15 (LAPACK agrees), most values.
    const flagged = result.illConditioned.filter(Boolean).length;
    expect(flagged).toBeGreaterThanOrEqual(name === 'grcar' ? n / 2 : n);
    expect(result.warnings.join('\n')).toMatch(/ill-conditioned: eigenvalues #/);
  });

  it('normal matrices (prescribed spectra) are never flagged: κ = 1 within 1e-8, ‖AV − VΛ‖ ≤ 10·n·ε·‖A‖_F', () => {
    const spectrum: Complex[] = Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? { re: i / 7 - 2, im: 0 } : { re: Math.cos(i), im: 1 + i / 10 }));
    const { n, values, eigenvalues } = fromSpectrum('cond-normal', spectrum);
    const result = eigDense(rt, { n, values }, { vectors: true });
    expect(result.illConditioned.some(Boolean)).toBe(false);
    expect(result.warnings).toEqual([]);
    const normA = frobenius(values);
    result.conditions.forEach((kappa) => { expect(Math.abs(kappa - 1)).toBeLessThanOrEqual(1e-8); });
    result.residuals.forEach((r) => { expect(r).toBeLessThanOrEqual(10 * n * Number.EPSILON * normA); });
    expect(spectrumDistance(result.eigenvalues, eigenvalues)).toBeLessThanOrEqual(backwardBound(n, normA));
  });

  it('prescribed non-normal spectrum Q·T·Qᵀ: each eigenvalue within its reported bound (×2, second order)', () => {
    const n = 80;
    const diagonal = Array.from({ length: n }, (_, i) => Math.sin(1 + 2 * i));
    const values = prescribedSchur('cond-schur', diagonal, 1);
    const result = eigDense(rt, { n, values }, { vectors: true });
    const sorted = [...diagonal];
    result.eigenvalues.forEach((e, i) => {
      const nearest = sorted.reduce((best, d) => (Math.abs(d - e.re) < Math.abs(best - e.re) ? d : best), sorted[0]);
      expect(Math.hypot(e.re - nearest, e.im)).toBeLessThanOrEqual(2 * result.errorBounds[i]);
    });
    result.residuals.forEach((r) => { expect(r).toBeLessThanOrEqual(10 * n * Number.EPSILON * frobenius(values)); });
  });

  it('condition: false skips the estimate and says so', () => {
    const n = 20;
    const result = eigDense(rt, { n, values: gaussianMatrix('cond-off', n) }, { condition: false });
    expect(result.conditions.every(Number.isNaN)).toBe(true);
    expect(result.illConditioned.some(Boolean)).toBe(false);
    expect(result.warnings).toEqual([expect.stringMatching(/condition numbers not estimated \(condition: false\)/)]);
  });

  // residuals: false skips only the n³ residual product: the same eigenpairs and κ, no residuals, and
  // bounds of κ·ε·‖A‖_F (the backward error alone). ‖A‖_F is recomputed here in plain JS, in another
  // summation order than WASM's nrm2: the two sums of n² squares agree within γ_{n²} ≈ n²·u, plus
  // three roundings of the products.
  it.each([false, true])('residuals: false returns the same eigenpairs and κ, bounds κ·ε·‖A‖_F (symmetric %s)', (symmetric) => {
    const n = 30;
    const g = gaussianMatrix('resid-off', n);
    const values = symmetric ? Float64Array.from(g, (v, idx) => v + g[(idx % n) * n + Math.floor(idx / n)]) : g;
    const withResiduals = eigDense(rt, { n, values }, { vectors: true, symmetric });
    const without = eigDense(rt, { n, values }, { vectors: true, symmetric, residuals: false });
    expect(without.eigenvalues).toEqual(withResiduals.eigenvalues);
    expect(without.vectors).toEqual(withResiduals.vectors);
    expect(without.conditions).toEqual(withResiduals.conditions);
    expect(withResiduals.residuals).toHaveLength(n);
    expect(without.residuals).toEqual([]);
    expect(without.matvecs).toBe(0);
    const normA = frobenius(values);
    without.errorBounds.forEach((bound, i) => {
      expect(Math.abs(bound - without.conditions[i] * Number.EPSILON * normA)).toBeLessThanOrEqual((n * n + 3) * U * bound);
    });
    expect(() => eigDense(rt, { n, values }, { vectors: true, residuals: 'no' as unknown as boolean })).toThrow(/eigDense: residuals must be a boolean/);
  });
});
