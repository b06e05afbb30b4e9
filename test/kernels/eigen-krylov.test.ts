/**
 * Krylov kernels against src/reference/arnoldi.ts, and eigs/eigsh against dense solutions.
 *
 * Tolerances:
 * - residuals: the solver accepts a Ritz pair when |β|·|e_mᵀy| ≤ tol·max(u^{2/3}, |θ|) ≤ tol·‖A‖₂;
 *   the explicit residual differs from that estimate by the loss of the Krylov relation,
 *   O(m·u·‖A‖), far below tol here, so we check ‖Av − θv‖ ≤ 2·tol·‖A‖_F (c = 2).
 * - eigenvalues of normal matrices: some eigenvalue lies within ‖Av − θv‖ of θ (Bauer–Fike with
 *   κ = 1); for nonnormal ones we compare with the dense solver within κ_i·(r_krylov + r_dense),
 *   κ_i = 1/|y_iᴴx_i| from the dense left and right eigenvectors (first-order perturbation).
 * - basis orthogonality: CGS with the DGKS second pass keeps ‖VᵀV − I‖ at O(u) per vector
 *   (Giraud, Langou & Rozložník 2005); we allow 10·m·u.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type Complex, denseFromOperator, eigDense, eigs, eigsh, load, lognormalNetwork, type Runtime, symmetricPartOperator,
} from '../../src/index.js';
import { combineRef, orthogonalizeRef } from '../../src/reference/arnoldi.js';
import {
  conditionedSpectrum, fromSpectrum, ritzWithinConditionBound, frobenius, gaussianMatrix, nonNormal, prescribedSchur, randomOrthogonal,
  spectrumDistance,
} from '../helpers/eigen.js';
import { randomArray } from '../helpers/random.js';
import { BUILDS, loadBuild } from '../helpers/runtime.js';
import { dotDiffBound, U } from '../helpers/tolerance.js';

/**
 * A normal matrix with a chosen spectrum: a bulk of conjugate pairs in the unit disc with |Im| ≥ 0.4
 * and separated outliers, so that the wanted eigenvalues of every `which` lie on the periphery
 * (Krylov methods find extremal eigenvalues; interior ones need shift-invert).
 */
function normalTestMatrix(seed: string) {
  const draws = randomArray(`${seed}-spectrum`, 400, 0, 1);
  const spectrum: Complex[] = [
    { re: 3, im: 0 }, { re: -2.5, im: 0 }, { re: 2.7, im: 0 }, { re: -3.1, im: 0 },
    { re: 0.5, im: 2.2 }, { re: 2, im: 1.2 }, { re: -2, im: 0.3 },
  ];
  for (let i = 0; spectrum.length < 35; i += 2) {
    const r = Math.sqrt(draws[i]);
    const im = Math.abs(r * Math.sin(2 * Math.PI * draws[i + 1]));
    if (im >= 0.4) spectrum.push({ re: r * Math.cos(2 * Math.PI * draws[i + 1]), im });
  }
  return fromSpectrum(seed, spectrum);
}

describe.each(BUILDS)('Krylov kernels [%o]', (b) => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await loadBuild(b);
  });

  it.each([[1, 0], [2, 1], [5, 3], [9, 5], [17, 8], [1000, 12]])('arnoldi_orthogonalize_f64 (n=%i, j=%i) matches orthogonalizeRef', (n, j) => {
    const v = randomOrthogonal(`orth-${n}`, n, j);
    const w = randomArray(`orth-w-${n}`, n);
    const got = rt.scope(() => {
      const vb = rt.f64(Math.max(j * n, 1)).set(v);
      const wb = rt.f64From(w);
      const h = rt.f64(j + 1);
      const s = rt.f64(j + 1);
      const norm = rt.core.arnoldi_orthogonalize_f64(vb.ptr, n, j, wb.ptr, h.ptr, s.ptr);
      return { norm, w: wb.toArray(), h: h.toArray().subarray(0, j) };
    });
    const wr = w.slice();
    const hr = new Float64Array(j);
    const norm = orthogonalizeRef(v, n, j, wr, hr, new Float64Array(j));
    if (!b.simd) {
      // The scalar dot/axpy/nrm2 perform the reference's operations in its order.
      expect(got).toEqual({ norm, w: wr, h: hr });
    } else {
      const absSum = n * Math.max(...Array.from(w, Math.abs));
      hr.forEach((hi, i) => { expect(Math.abs(got.h[i] - hi)).toBeLessThanOrEqual(4 * dotDiffBound(absSum, n)); });
    }
  });

  // The blocked passes (four rows per sweep over w) must give the bits of one dot, then one axpy, per
  // row — blas1's own kernels called from here — including the rows and columns past the blocks.
  it.each([[1001, 7], [3, 2], [6, 5], [16, 4], [1000, 13]])('arnoldi_orthogonalize_f64 (n=%i, j=%i) equals per-row blas1 dot and axpy passes bit for bit', (n, j) => {
    const v = randomOrthogonal(`orth-rows-${n}`, n, j);
    const w = randomArray(`orth-rows-w-${n}`, n);
    const [got, want] = [false, true].map((perRow) => rt.scope(() => {
      const vb = rt.f64From(v);
      const wb = rt.f64From(w);
      const h = rt.f64(j);
      if (!perRow) {
        const norm = rt.core.arnoldi_orthogonalize_f64(vb.ptr, n, j, wb.ptr, h.ptr, rt.f64(j).ptr);
        return { norm, w: wb.toArray(), h: h.toArray() };
      }
      const { core } = rt;
      const before = core.blas1_nrm2_f64(wb.ptr, n);
      const pass = (into: Float64Array) => {
        for (let i = 0; i < j; i++) into[i] = core.blas1_dot_f64(vb.ptr + 8 * i * n, wb.ptr, n);
        for (let i = 0; i < j; i++) core.blas1_axpy_f64(-into[i], vb.ptr + 8 * i * n, wb.ptr, n);
      };
      const coefficients = new Float64Array(j);
      pass(coefficients);
      let norm = core.blas1_nrm2_f64(wb.ptr, n);
      if (norm < Math.SQRT1_2 * before) {
        const again = new Float64Array(j);
        pass(again);
        coefficients.forEach((c, i) => { coefficients[i] = c + again[i]; });
        norm = core.blas1_nrm2_f64(wb.ptr, n);
      }
      return { norm, w: wb.toArray(), h: coefficients };
    }));
    expect(got).toEqual(want);
  });

  it('the DGKS second pass restores orthogonality when w lies almost in span(V)', () => {
    const n = 300;
    const j = 10;
    const v = randomOrthogonal('dgks', n, j);
    const noise = randomArray('dgks-noise', n, -1e-10, 1e-10);
    const w = Float64Array.from(noise, (e, t) => e + v.slice(0, j * n).reduce((s, _, idx) => (idx % n === t ? s + v[idx] : s), 0));
    const out = rt.scope(() => {
      const vb = rt.f64From(v);
      const wb = rt.f64From(w);
      const h = rt.f64(j);
      rt.core.arnoldi_orthogonalize_f64(vb.ptr, n, j, wb.ptr, h.ptr, rt.f64(j).ptr);
      return wb.toArray();
    });
    const norm = Math.hypot(...out);
    for (let i = 0; i < j; i++) {
      const d = v.subarray(i * n, (i + 1) * n).reduce((s, vi, t) => s + vi * out[t], 0);
      // One CGS pass would leave |v_iᵀŵ| ≈ u·‖w‖/‖ŵ‖ ≈ 1e-6 here.
      expect(Math.abs(d) / norm).toBeLessThanOrEqual(10 * n * U);
    }
  });

  it.each([[1, 1, 1], [7, 3, 2], [17, 5, 4], [1000, 6, 3], [1003, 9, 7], [300, 40, 8]])('arnoldi_combine_f64 (n=%i, m=%i, k=%i) equals combineRef bit for bit', (n, m, k) => {
    const v = randomArray(`comb-v-${n}`, m * n);
    const y = randomArray(`comb-y-${n}`, m * k);
    const got = rt.scope(() => {
      const out = rt.f64(k * n);
      rt.core.arnoldi_combine_f64(rt.f64From(v).ptr, n, m, rt.f64From(y).ptr, k, out.ptr);
      return out.toArray();
    });
    const want = new Float64Array(k * n);
    combineRef(v, n, m, y, k, want);
    expect(got).toEqual(want);
  });
});

describe.each(BUILDS)('eigs / eigsh [%o]', (b) => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await loadBuild(b);
  });

  it.each(['LM', 'LR', 'SR', 'LI', 'SI'] as const)('eigs which=%s on a normal matrix: the chosen eigenvalues, within their residuals', (which) => {
    const { n, values, eigenvalues } = normalTestMatrix('eigs-normal');
    const a = rt.dense(n, n, values);
    const tol = 1e-10;
    const k = 5;
    const result = eigs(rt, a, { k, which, tol, vectors: true, seed: 3 });
    a.dispose();
    const dense = eigDense(rt, { n, values }, { which });
    expect(result.status).toBe('converged');
    // k is raised by one exactly when the k-th value has its conjugate partner next.
    expect(result.eigenvalues).toHaveLength(k + (result.kRaised ? 1 : 0));
    if (result.kRaised) expect(result.eigenvalues[k]).toEqual({ re: result.eigenvalues[k - 1].re, im: -result.eigenvalues[k - 1].im });
    // Normal: κ = 1; the estimate from approximate left/right vectors errs by O(r/gap) ≪ 1e-6; nothing is flagged.
    result.conditions.forEach((kappa) => {
      expect(kappa).toBeGreaterThanOrEqual(1 - 1e-9);
      expect(kappa).toBeLessThanOrEqual(1 + 1e-6);
    });
    expect(result.illConditioned.some(Boolean)).toBe(false);
    const normA = frobenius(values);
    // The i-th most wanted key (|λ|, Re λ or |Im λ|; 1-Lipschitz in λ) of the true spectrum.
    const key = (e: Complex) => ({ LM: Math.hypot(e.re, e.im), LR: e.re, SR: e.re, LI: Math.abs(e.im), SI: Math.abs(e.im) })[which];
    const descending = which === 'LM' || which === 'LR' || which === 'LI';
    const trueKeys = eigenvalues.map(key).sort((x, y) => (descending ? y - x : x - y));
    result.eigenvalues.forEach((theta, i) => {
      expect(result.residuals[i]).toBeLessThanOrEqual(2 * tol * normA);
      // Bauer–Fike, κ = 1: an eigenvalue of A within the residual; and it is the i-th wanted one.
      expect(spectrumDistance(eigenvalues, [theta])).toBeLessThanOrEqual(result.residuals[i] + 10 * n * U * normA);
      expect(Math.abs(key(theta) - trueKeys[i])).toBeLessThanOrEqual(result.residuals[i] + 10 * n * U * normA);
      expect(Math.abs(key(dense.eigenvalues[i]) - trueKeys[i])).toBeLessThanOrEqual(10 * n * n * U * normA);
    });
    expect(result.basisOrthogonality).toBeLessThanOrEqual(10 * result.ncv * U);
  });

  it('eigs on a Gaussian (nonnormal) matrix: each Ritz value within κ·(r_eigs + r_dense) of a dense eigenvalue', () => {
    const n = 150;
    const values = gaussianMatrix('eigs-gauss', n, 1 / Math.sqrt(n));
    const a = rt.dense(n, n, values);
    const result = eigs(rt, a, { k: 8, which: 'LR', tol: 1e-11, vectors: true });
    a.dispose();
    const dense = conditionedSpectrum(rt, values, n, 'LR');
    expect(result.status).toBe('converged');
    expect(ritzWithinConditionBound(result.eigenvalues, result.residuals, dense).worstRatio).toBeLessThanOrEqual(1);
    // The rightmost eigenvalue (extremal, isolated here) is found first.
    expect(result.eigenvalues[0]).toEqual(expect.objectContaining({ im: 0 }));
    expect(Math.abs(result.eigenvalues[0].re - dense.eigenvalues[0].re)).toBeLessThanOrEqual(2 * dense.kappa[0] * (result.residuals[0] + dense.residuals[0]));
  });

  it.each(['LA', 'SA', 'LM', 'BE'] as const)('eigsh which=%s: chosen eigenvalues of Q·Λ·Qᵀ within the residual; agrees with Arnoldi', (which) => {
    const n = 120;
    const lambda = Array.from({ length: n }, (_, i) => (i < 3 ? 5 + i : i < 6 ? -8.5 + i : Math.sin(i)));
    const { values } = fromSpectrum('eigsh', lambda.map((re) => ({ re, im: 0 })));
    const a = rt.dense(n, n, values);
    const tol = 1e-10;
    const result = eigsh(rt, a, { k: 4, which, tol, vectors: true });
    const sorted = [...lambda].sort((x, y) => x - y);
    const want = {
      LA: sorted.slice(-4).reverse(), SA: sorted.slice(0, 4), LM: [7, 6, -5.5, 5], BE: [sorted[0], sorted[1], sorted[n - 2], sorted[n - 1]],
    }[which];
    expect(result.status).toBe('converged');
    const normA = frobenius(values);
    result.eigenvalues.forEach((theta, i) => {
      expect(theta.im).toBe(0);
      expect(Math.abs(theta.re - want[i])).toBeLessThanOrEqual(result.residuals[i] + 10 * n * U * normA);
      expect(result.residuals[i]).toBeLessThanOrEqual(2 * tol * normA);
    });
    if (which === 'LA' || which === 'SA') {
      const arnoldi = eigs(rt, a, { k: 4, which: which === 'LA' ? 'LR' : 'SR', tol });
      arnoldi.eigenvalues.forEach((e, i) => { expect(Math.abs(e.re - result.eigenvalues[i].re)).toBeLessThanOrEqual(2 * tol * normA); });
    }
    a.dispose();
    expect(result.basisOrthogonality).toBeLessThanOrEqual(10 * result.ncv * U);
  });

  it('Jordan-like block (size 4, eigenvalue 3, hidden by an orthogonal similarity): θ within the pseudospectral bound (4‖r‖)^{1/4}', () => {
    const n = 40;
    const p = 4;
    const t = new Float64Array(n * n);
    for (let i = 0; i < p; i++) {
      t[i * n + i] = 3;
      if (i + 1 < p) t[i * n + i + 1] = 1;
    }
    for (let i = p; i < n; i++) t[i * n + i] = Math.cos(i);
    const q = randomOrthogonal('eigs-jordan', n);
    const values = new Float64Array(n * n);
    // A = Q·T·Qᵀ (row-major products written out to keep the helper set small).
    const qt = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) for (let j = 0; j < n; j++) qt[i * n + j] += q[i * n + k] * t[k * n + j];
    for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) for (let j = 0; j < n; j++) values[i * n + j] += qt[i * n + k] * q[j * n + k];
    const a = rt.dense(n, n, values);
    const result = eigs(rt, a, { k: 1, tol: 1e-10, vectors: true });
    a.dispose();
    expect(result.status).toBe('converged');
    // ‖(A − θ)^{-1}‖ ≥ 1/‖r‖, and for the Jordan block ‖(J − θ)^{-1}‖ ≤ Σ_{k<4} |δ|^{-(k+1)} ≤ 4|δ|^{-4} (|δ| < 1),
    // the other block being ≥ 1.9 away: so |θ − 3| ≤ (4‖r‖)^{1/4}.
    const theta = result.eigenvalues[0];
    expect(Math.hypot(theta.re - 3, theta.im)).toBeLessThanOrEqual((4 * result.residuals[0]) ** (1 / p));
    expect(result.residuals[0]).toBeLessThanOrEqual(2e-10 * frobenius(values));
  });

  it('a tiny restart budget reports maxIter with only converged eigenvalues (each within tolerance)', () => {
    const n = 400;
    const values = gaussianMatrix('eigs-maxiter', n, 1 / Math.sqrt(n));
    const a = rt.dense(n, n, values);
    const tol = 1e-12;
    const result = eigs(rt, a, { k: 10, ncv: 22, tol, maxRestarts: 0, vectors: true, condition: false });
    a.dispose();
    expect(result.status).toBe('maxIter');
    expect(result.iterations).toBe(0);
    expect(result.nConverged).toBeLessThan(10);
    expect(result.matvecs).toBe(22 + result.eigenvalues.reduce((s, e) => s + (e.im === 0 ? 1 : 2), 0));
    result.eigenvalues.forEach((e, i) => { expect(result.residuals[i]).toBeLessThanOrEqual(2 * tol * Math.max(Math.hypot(e.re, e.im), 1)); });
  });

  it('invariant start spaces (identity, zero matrix) restart with random vectors and converge', () => {
    const n = 40;
    const identity = new Float64Array(n * n);
    for (let i = 0; i < n; i++) identity[i * n + i] = 1;
    for (const values of [identity, new Float64Array(n * n)]) {
      const a = rt.dense(n, n, values);
      const result = eigs(rt, a, { k: 4 });
      const sym = eigsh(rt, a, { k: 4 });
      a.dispose();
      expect(result.status).toBe('converged');
      expect(sym.status).toBe('converged');
      // Ritz values of a multiple of I are exact up to the rounding of the projection, n·u.
      for (const e of [...result.eigenvalues, ...sym.eigenvalues]) {
        expect(Math.abs(e.re - values[0]) + Math.abs(e.im)).toBeLessThanOrEqual(n * U);
      }
    }
  });

  it('a nilpotent Jordan block (pseudospectrally hard) stops within the restart budget', () => {
    const n = 60;
    const values = new Float64Array(n * n);
    for (let i = 0; i + 1 < n; i++) values[i * n + i + 1] = 1;
    const a = rt.dense(n, n, values);
    const result = eigs(rt, a, { k: 3, ncv: 10, maxRestarts: 25, tol: 1e-14 });
    a.dispose();
    expect(['maxIter', 'converged']).toContain(result.status);
    expect(result.iterations).toBeLessThanOrEqual(25);
    expect(result.matvecs).toBeLessThanOrEqual(10 + 25 * 10);
  });
});

describe('eigs on clustered and non-normal spectra (issue 15)', () => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await load();
  });

  /** Dense spectrum with κ in `which` order, and the top-k moduli. */
  function denseTop(values: Float64Array, n: number) {
    return conditionedSpectrum(rt, values, n, 'LM');
  }

  it('heterogeneous-degree network (lognormal, CV = 1): the returned set is the dense top k within the accuracy bounds', () => {
    using net = lognormalNetwork(rt, { n: 600, k: 30, cv: 1, seed: 'clustered-edge' });
    const values = denseFromOperator(rt, net.matrix!);
    const n = net.n;
    const k = 8;
    const result = eigs(rt, net.matrix!, { k, tol: 1e-10, seed: 2 });
    expect(result.status).toBe('converged');
    expect(result.illConditioned.some(Boolean)).toBe(false);
    const dense = denseTop(values, n);
    // The i-th returned value is the i-th dense one (same rank, not just some eigenvalue): within
    // the Krylov bound κ·r plus the dense one κ·ε‖A‖_F (first order), ×2 for the second order.
    const normA = frobenius(values);
    result.eigenvalues.forEach((theta, i) => {
      const lambda = dense.eigenvalues[i];
      const allowed = 2 * (result.errorBounds[i] + dense.kappa[i] * Number.EPSILON * normA);
      expect(Math.abs(Math.hypot(theta.re, theta.im) - Math.hypot(lambda.re, lambda.im))).toBeLessThanOrEqual(allowed);
      expect(Math.hypot(theta.re - lambda.re, Math.abs(theta.im) - Math.abs(lambda.im))).toBeLessThanOrEqual(allowed);
      // The estimate agrees with the dense κ to first order (left/right Ritz vectors with residual ≤ tol).
      expect(Math.abs(result.conditions[i] / dense.kappa[i] - 1)).toBeLessThanOrEqual(1e-3);
    });
  });

  it('prescribed clustered real spectrum Q·T·Qᵀ (relative gaps 1e-3, non-normal): the true top 6 in order', () => {
    const n = 300;
    // Top: 1, 0.999, …, 0.992 (gaps 1e-3), then a bulk on [−0.9, 0.9].
    const top = Array.from({ length: 9 }, (_, i) => 1 - 1e-3 * i);
    const bulk = Array.from({ length: n - top.length }, (_, i) => 0.9 * Math.cos((Math.PI * (i + 0.5)) / (n - top.length)));
    const diagonal = [...top, ...bulk];
    const values = prescribedSchur('clustered-schur', diagonal, 0.1);
    using a = rt.dense(n, n, values);
    const result = eigs(rt, a, { k: 6, tol: 1e-11, seed: 5 });
    expect(result.status).toBe('converged');
    expect(result.eigenvalues).toHaveLength(6);
    result.eigenvalues.forEach((theta, i) => {
      expect(Math.abs(theta.im)).toBeLessThanOrEqual(result.errorBounds[i]);
      // The i-th largest prescribed value, within its bound (first order ×2); the gaps (1e-3) are far larger.
      expect(Math.abs(theta.re - top[i])).toBeLessThanOrEqual(2 * result.errorBounds[i] + 10 * n * U);
      expect(result.errorBounds[i]).toBeLessThan(1e-4);
    });
  });

  it.each([
    ['Jordan block J_50(0.5)', 'jordan', 50],
    ['Grcar(100)', 'grcar', 100],
    ['nilpotent shift (200)', 'shift', 200],
  ] as const)('%s: small residuals, but every returned value is flagged illConditioned (κ ≥ 1e8)', (_, name, n) => {
    const values = nonNormal(name, n);
    using a = rt.dense(n, n, values);
    // The shift's Ritz values never settle: cap its restarts (Jordan and Grcar converge within the default).
    const result = eigs(rt, a, { k: 4, tol: 1e-10, ...(name === 'shift' ? { maxRestarts: 200 } : {}) });
    // For the shift no value is then presented as converged (maxIter), or each is flagged.
    if (name === 'shift') expect(['converged', 'maxIter']).toContain(result.status);
    else expect(result.status).toBe('converged');
    result.eigenvalues.forEach((e, i) => {
      // Explicit residuals: the estimate's tol·|θ| plus the loss of the Krylov relation (see the header): 2·tol·‖A‖_F.
      expect(result.residuals[i]).toBeLessThanOrEqual(2e-10 * Math.max(frobenius(values), Math.hypot(e.re, e.im)));
      expect(result.conditions[i]).toBeGreaterThanOrEqual(1e8);
      expect(result.illConditioned[i]).toBe(true);
    });
    if (result.eigenvalues.length > 0) expect(result.warnings.join('\n')).toMatch(/ill-conditioned: eigenvalues? #1/);
  });

  it('a normal matrix is never flagged: κ = 1 to 1e-6 and bounds equal residuals', () => {
    const { n, values } = normalTestMatrix('eigs-normal-flags');
    using a = rt.dense(n, n, values);
    const result = eigs(rt, a, { k: 4, which: 'LR' });
    expect(result.illConditioned).toEqual(result.eigenvalues.map(() => false));
    result.conditions.forEach((kappa, i) => {
      expect(Math.abs(kappa - 1)).toBeLessThanOrEqual(1e-6);
      expect(result.errorBounds[i]).toBeCloseTo(kappa * result.residuals[i], 20);
    });
    expect(result.warnings).toEqual(result.kRaised ? [expect.stringMatching(/k raised from 4 to 5/)] : []);
  });

  it('eigsh rejects a nonsymmetric operator (randomised test) and accepts a symmetric one', () => {
    const n = 50;
    const values = gaussianMatrix('eigsh-asym', n);
    using a = rt.dense(n, n, values);
    expect(() => eigsh(rt, a, { k: 2 })).toThrow(/eigsh: the operator is not symmetric .* use eigs, or symmetricPartOperator/);
    using s = symmetricPartOperator(rt, a);
    const result = eigsh(rt, s, { k: 2 });
    expect(result.status).toBe('converged');
    expect(result.conditions).toEqual([1, 1]);
    // A symmetric matrix perturbed by 1e-12 relative (far below any meaningful asymmetry) still passes.
    const nearly = Float64Array.from(values, (v, i) => (v + values[(i % n) * n + Math.floor(i / n)]) / 2 + (i === 1 ? 1e-12 : 0));
    using b = rt.dense(n, n, nearly);
    expect(eigsh(rt, b, { k: 2 }).status).toBe('converged');
  });
});
