/**
 * Blocked dense eigen kernels (assembly/kernels/dense-eig-blocked.ts) against invariants and the
 * unblocked plain-TS reference (src/reference/dense-eig.ts). Tolerances as in eigen-dense.test.ts:
 * Householder/QR reductions are normwise backward stable, ‖ΔA‖_F ≤ c·n²·u·‖A‖_F (Higham, Accuracy
 * and Stability, Thm 19.4 and §19.3) with c = 10, called ε(A); eigenvalues of a normal matrix
 * (κ = 1) then move by at most ε(A), so two backward-stable computations agree within 2·ε(A).
 * Sizes 1, 2, 3, 15, 16, 17, 64, 65 and block sizes 1, 3, 8, 32 cover full panels, a short last
 * panel, panels wider than the matrix and the SIMD tiles' row/column tails.
 */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Complex, eigDense, type Runtime } from '../../src/index.js';
import { hessenbergRef, hqrRef } from '../../src/reference/dense-eig.js';
import { frobenius, fromSpectrum, gaussianMatrix, matmul, orthogonalityError, spectrumDistance, transpose } from '../helpers/eigen.js';
import { BUILDS, loadBuild } from '../helpers/runtime.js';
import { U } from '../helpers/tolerance.js';

const backwardBound = (n: number, normA: number) => 10 * n * n * U * normA;

function blockedHessenberg(rt: Runtime, a: Float64Array, n: number, nb: number, wantZ = true) {
  return rt.scope(() => {
    const h = rt.f64From(a);
    const z = rt.f64(n * n);
    const work = rt.f64(rt.core.eig_hessenberg_blocked_work(n, nb));
    rt.core.eig_hessenberg_blocked_f64(h.ptr, n, z.ptr, wantZ ? 1 : 0, work.ptr, nb);
    return { h: h.toArray(), z: z.toArray() };
  });
}

/** Eigenvalues of an upper Hessenberg h by the reference Francis QR. */
function hessenbergEigenvalues(h: Float64Array, n: number): Complex[] {
  const t = h.slice();
  const wr = new Float64Array(n);
  const wi = new Float64Array(n);
  const info = new Int32Array(2);
  hqrRef(t, n, new Float64Array(1), 0, wr, wi, 30 * Math.max(n, 10), info);
  expect(info[1]).toBe(0);
  return Array.from(wr, (re, i) => ({ re, im: wi[i] }));
}

/** A normal matrix with complex pairs, a tight cluster and a repeated eigenvalue, of size n. */
function clusteredNormal(seed: string, n: number) {
  const spectrum: Complex[] = [];
  let size = 0;
  for (let i = 0; size < n; i++) {
    if (size + 2 <= n && i % 3 === 1) {
      spectrum.push({ re: Math.cos(i), im: 0.5 + Math.sin(i) ** 2 });
      size += 2;
    } else {
      spectrum.push({ re: i % 4 === 0 ? 1 + 1e-9 * i : Math.sin(3 * i), im: 0 });
      size += 1;
    }
  }
  return fromSpectrum(seed, spectrum);
}

describe.each(BUILDS)('blocked Hessenberg reduction [%o]', (b) => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await loadBuild(b);
  });

  const cases = [1, 2, 3, 15, 16, 17, 64, 65].flatMap((n) => [1, 3, 8, 32].map((nb) => [n, nb] as const));
  it.each(cases)('n=%i, nb=%i: A = Q·H·Qᵀ within ε(A), QQᵀ = I, H exactly Hessenberg', (n, nb) => {
    const a = gaussianMatrix(`hess-blocked-${n}-${nb}`, n);
    const { h, z } = blockedHessenberg(rt, a, n, nb);
    for (let i = 0; i < n; i++) for (let j = 0; j + 1 < i; j++) expect(h[i * n + j]).toBe(0);
    const back = matmul(matmul(transpose(z, n), h, n), z, n);
    expect(frobenius(back.map((v, i) => v - a[i]))).toBeLessThanOrEqual(backwardBound(n, frobenius(a)));
    expect(orthogonalityError(Array.from({ length: n }, (_, i) => z.slice(i * n, i * n + n)))).toBeLessThanOrEqual(10 * n * n * U);
    // Without Z the reduction itself is the same computation.
    expect(blockedHessenberg(rt, a, n, nb, false).h).toEqual(h);
  });

  it.each([[17, 3], [64, 8], [65, 32], [130, 32]] as const)(
    'n=%i, nb=%i: blocked and unblocked (reference) Hessenberg forms have the same eigenvalues within 2·ε(A)', (n, nb) => {
      const { values, eigenvalues } = clusteredNormal(`hess-eigen-${n}`, n);
      const blocked = hessenbergEigenvalues(blockedHessenberg(rt, values, n, nb, false).h, n);
      const h = values.slice();
      hessenbergRef(h, n, new Float64Array(n * n), false, new Float64Array(2 * n));
      const unblocked = hessenbergEigenvalues(h, n);
      const eps = backwardBound(n, frobenius(values));
      expect(spectrumDistance(blocked, unblocked)).toBeLessThanOrEqual(2 * eps);
      expect(spectrumDistance(blocked, eigenvalues)).toBeLessThanOrEqual(eps);
    });
});

/** t with the entries below the subdiagonal dropped. */
const quasiTriangle = (t: Float64Array, n: number) => Float64Array.from(t, (v, idx) => (Math.floor(idx / n) > (idx % n) + 1 ? 0 : v));

/**
 * Multishift QR (job 0/1) on a Hessenberg form: by default the blocked reduction of a, or given
 * (h, zᵀ) as they are; returns T, Zᵀ and the eigenvalues.
 */
function multishift(rt: Runtime, a: Float64Array, n: number, job: number, hessenberg?: { h: Float64Array; z: Float64Array }) {
  return rt.scope(() => {
    const { h: h0, z: z0 } = hessenberg ?? blockedHessenberg(rt, a, n, 32);
    const h = rt.f64From(h0);
    const z = rt.f64From(z0);
    const wr = rt.f64(n);
    const wi = rt.f64(n);
    const info = rt.i32(2);
    rt.core.eig_hqr_multishift_f64(h.ptr, n, z.ptr, job, wr.ptr, wi.ptr, 30 * n, info.ptr, rt.f64(rt.core.eig_hqr_multishift_work(n)).ptr);
    const re = wr.toArray();
    const im = wi.toArray();
    return { t: h.toArray(), z: z.toArray(), eigenvalues: Array.from(re, (r, i) => ({ re: r, im: im[i] })), info: info.toArray() };
  });
}

/**
 * The plain-TS reference Hessenberg form of a (its reflectors below the subdiagonal cleared, as the
 * blocked kernel leaves it) with its Zᵀ: a QR input that no WASM kernel change can move.
 */
function referenceHessenberg(a: Float64Array, n: number) {
  const h = a.slice();
  const z = new Float64Array(n * n);
  hessenbergRef(h, n, z, true, new Float64Array(2 * n));
  return { h: quasiTriangle(h, n), z };
}

/** First 16 hex digits of the SHA-1 of the arrays' bytes, in order. */
function bitsDigest(...arrays: Float64Array[]): string {
  const hash = createHash('sha1');
  for (const x of arrays) hash.update(new Uint8Array(x.buffer, x.byteOffset, x.byteLength));
  return hash.digest('hex').slice(0, 16);
}

/**
 * Digests of (wr, wi) for job 0 and of (wr, wi, T, Zᵀ) for job 1 on the reference Hessenberg forms
 * of Gaussian matrices (seed `multishift-bits-${n}`), so that they pin the QR kernels alone. The
 * QR is the one whose bits a test (on the blocked Hessenberg input) held fixed from eb12d1a, before
 * the SIMD block swaps and rotations, the row-wise reflector updates of the deflation window and the
 * slab's Uᵀ accumulated by rows, to d863131, where these were recorded. Every later change that keeps
 * each operation and its order must leave them. The SIMD and scalar builds agree: the QR's products
 * (productInto) sum into zeros, so the SIMD tile's Σ_p and the scalar build's axpys over p add the
 * same terms in the same order.
 */
const MULTISHIFT_DIGESTS: Record<number, [string, string]> = {
  200: ['dac1010f2a7b941d', '34599bf12b519e9e'],
  420: ['f6755353d54ecf63', '0dbf33727b162854'],
};

describe.each(BUILDS)('multishift QR with aggressive early deflation [%o]', (b) => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await loadBuild(b);
  });

  it.each([200, 420])('n=%i: eigenvalues, T and Zᵀ bit for bit as recorded', (n) => {
    const a = gaussianMatrix(`multishift-bits-${n}`, n);
    const hessenberg = referenceHessenberg(a, n);
    const values = multishift(rt, a, n, 0, hessenberg);
    const schur = multishift(rt, a, n, 1, hessenberg);
    expect(values.info[1]).toBe(0);
    expect(schur.info[1]).toBe(0);
    const parts = (r: ReturnType<typeof multishift>) => [Float64Array.from(r.eigenvalues, (e) => e.re), Float64Array.from(r.eigenvalues, (e) => e.im)];
    expect([bitsDigest(...parts(values)), bitsDigest(...parts(schur), schur.t, schur.z)]).toEqual(MULTISHIFT_DIGESTS[n]);
  });

  // 75 is the multishift crossover (below: double-shift blocks only); 76, 97, 160 run windows, swaps and sweeps.
  it.each([75, 76, 97, 160])('n=%i: clustered normal spectrum (pairs, 1e-9 clusters) within ε(A); A = Z·T·Zᵀ within ε(A)', (n) => {
    const { values, eigenvalues } = clusteredNormal(`multishift-${n}`, n);
    const eps = backwardBound(n, frobenius(values));
    for (const job of [0, 1]) {
      const got = multishift(rt, values, n, job);
      expect(got.info[1]).toBe(0);
      expect(spectrumDistance(got.eigenvalues, eigenvalues)).toBeLessThanOrEqual(eps);
      // Pairs adjacent with the positive imaginary part first.
      got.eigenvalues.forEach((e, i) => { if (e.im > 0) expect(got.eigenvalues[i + 1]).toEqual({ re: e.re, im: -e.im }); });
      if (job === 1) {
        // The double-shift blocks leave bulge fill below the subdiagonal, which T's contract ignores (as hqr's).
        const back = matmul(matmul(transpose(got.z, n), quasiTriangle(got.t, n), n), got.z, n);
        expect(frobenius(back.map((v, i) => v - values[i]))).toBeLessThanOrEqual(eps);
        expect(orthogonalityError(Array.from({ length: n }, (_, i) => got.z.slice(i * n, i * n + n)))).toBeLessThanOrEqual(10 * n * n * U);
        // T quasi-triangular: a subdiagonal entry only inside a complex pair (else ≤ ε-sized).
        for (let i = 0; i + 1 < n; i++) {
          if (!(got.eigenvalues[i].im > 0)) expect(Math.abs(got.t[(i + 1) * n + i])).toBeLessThanOrEqual(eps);
        }
      }
    }
  });

  it.each([90, 200])('n=%i: Gaussian matrix: the same eigenvalues as the double-shift QR within κ·2ε(A), Schur form backward stable', (n) => {
    const a = gaussianMatrix(`multishift-gauss-${n}`, n);
    const got = multishift(rt, a, n, 1);
    expect(got.info[1]).toBe(0);
    const h = a.slice();
    hessenbergRef(h, n, new Float64Array(n * n), false, new Float64Array(2 * n));
    const want = hessenbergEigenvalues(h, n);
    const eps = backwardBound(n, frobenius(a));
    // Both backward stable: eigenvalues agree within 2·κ·ε(A); Gaussian κ stays below 1e3 at these n (dtrsna check in eigen-dense.test.ts), so 2e3·ε(A).
    expect(spectrumDistance(got.eigenvalues, want)).toBeLessThanOrEqual(2e3 * eps);
    const back = matmul(matmul(transpose(got.z, n), quasiTriangle(got.t, n), n), got.z, n);
    expect(frobenius(back.map((v, i) => v - a[i]))).toBeLessThanOrEqual(eps);
  });

  it('eigDense at n = 420 (blocked Hessenberg + multishift path): clustered normal spectrum within ε(A), ‖Av − λv‖ ≤ 10·n·ε·‖A‖_F', () => {
    const n = 420;
    const { values, eigenvalues } = clusteredNormal('multishift-api', n);
    const result = eigDense(rt, { n, values }, { vectors: true });
    expect(result.status).toBe('converged');
    const normA = frobenius(values);
    expect(spectrumDistance(result.eigenvalues, eigenvalues)).toBeLessThanOrEqual(backwardBound(n, normA));
    // Householder + QR + back-substitution on unit vectors: residual c·n·ε·‖A‖_F with c = 10.
    result.residuals.forEach((r) => { expect(r).toBeLessThanOrEqual(10 * n * Number.EPSILON * normA); });
    expect(result.illConditioned.some(Boolean)).toBe(false);
  });

  it('eigDense at n = 420, Gaussian (complex pairs): ‖AV − VΛ‖_F ≤ 10·n·ε·‖A‖_F‖V‖_F, recomputed in plain TS, and the reported residuals', async () => {
    const n = 420;
    const a = gaussianMatrix('multishift-vectors', n);
    const result = eigDense(rt, { n, values: a }, { vectors: true, condition: false });
    expect(result.status).toBe('converged');
    const vectors = result.vectors ?? [];
    expect(vectors).toHaveLength(n);
    expect(result.eigenvalues.filter((e) => e.im !== 0).length).toBeGreaterThan(n / 2);
    // Residual of each unit vector in plain TS: (A·re − α·re + β·im) + i(A·im − α·im − β·re).
    const normA = frobenius(a);
    let total = 0;
    result.eigenvalues.forEach(({ re: alpha, im: beta }, k) => {
      const { re, im } = vectors[k];
      let s = 0;
      for (let i = 0; i < n; i++) {
        let ar = 0;
        let ai = 0;
        for (let j = 0; j < n; j++) {
          ar += a[i * n + j] * re[j];
          ai += a[i * n + j] * im[j];
        }
        const r = ar - alpha * re[i] + beta * im[i];
        const q = ai - alpha * im[i] - beta * re[i];
        s += r * r + q * q;
      }
      total += s;
      // Both evaluations of ‖Av − λv‖ for unit v carry rounding errors ≤ γ_n·‖A‖_F (Higham §3.5): 2n·ε·‖A‖_F apart at most.
      expect(Math.abs(result.residuals[k] - Math.sqrt(s))).toBeLessThanOrEqual(2 * n * Number.EPSILON * normA);
    });
    // Backward-stable Hessenberg + QR + back-substitution and back-transformation (blocked): c = 10, ‖V‖_F = √n.
    expect(Math.sqrt(total)).toBeLessThanOrEqual(10 * n * Number.EPSILON * normA * Math.sqrt(n));
    // The same matrix as a DenseMatrix on a fresh runtime, whose memory the solve must grow (so the
    // matrix's view on it is detached midway; ‖A‖_F once came out 0): the same result.
    const fresh = await loadBuild(b);
    const dense = fresh.dense(n, n, a);
    const memoryBefore = fresh.core.memory.buffer.byteLength;
    expect(eigDense(fresh, dense, { vectors: true, condition: false })).toEqual(result);
    expect(fresh.core.memory.buffer.byteLength).toBeGreaterThan(memoryBefore);
    dense.dispose();
  });
});
