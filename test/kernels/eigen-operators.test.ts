/**
 * φ′ kernels against src/reference/activation.ts, and the matrix-free operators (Jacobian,
 * symmetric part, callback) against the dense matrices they stand for.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  applyNonlinearityDerivative, callbackOperator, eigDense, eigs, eigsh, jacobianOperator, NONLINEARITIES, type Runtime,
  symmetricPartOperator,
} from '../../src/index.js';
import { erfDerivRef, linearDerivRef, reluDerivRef, sigmoidDerivRef, tanhDerivRef } from '../../src/reference/activation.js';
import { conditionedSpectrum, frobenius, gaussianMatrix, ritzWithinConditionBound } from '../helpers/eigen.js';
import { randomArray, randomCsr } from '../helpers/random.js';
import { denseOfCsrArrays } from '../../src/linalg/csr.js';
import { BUILDS, loadBuild, TAIL_SIZES } from '../helpers/runtime.js';
import { dotDiffBound, U } from '../helpers/tolerance.js';

const DERIV_REFS = { tanh: tanhDerivRef, sigmoid: sigmoidDerivRef, relu: reluDerivRef, erf: erfDerivRef, linear: linearDerivRef };

/** Dense −I + J·diag(g) and (J + Jᵀ)/2 from row-major J. */
function denseJacobian(j: Float64Array, gains: Float64Array, n: number): Float64Array {
  return Float64Array.from(j, (v, idx) => v * gains[idx % n] - (Math.floor(idx / n) === idx % n ? 1 : 0));
}

function denseMatVec(a: Float64Array, x: Float64Array, n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => x.reduce((s, xj, j) => s + a[i * n + j] * xj, 0));
}

describe.each(BUILDS)('φ′ kernels and operators [%o]', (b) => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await loadBuild(b);
  });

  it.each(TAIL_SIZES)('act_<φ>_deriv_f64 (n=%i) within 16 ulp (relative) of the reference; relu′/linear′ exact', (n) => {
    // Kernel and reference each round ~5 times after an exp/cosh good to 1 ulp: ≤ 8u each, 16u apart.
    const xs = randomArray(`deriv-${n}`, n, -40, 40);
    using x = rt.f64From(xs);
    for (const name of NONLINEARITIES) {
      const got = applyNonlinearityDerivative(rt, name, x).toArray();
      const want = new Float64Array(n);
      DERIV_REFS[name](xs, want);
      if (name === 'relu' || name === 'linear') expect(got).toEqual(want);
      else got.forEach((g, i) => { expect(Math.abs(g - want[i])).toBeLessThanOrEqual(16 * U * want[i]); });
    }
  });

  it('φ′ at special points: tanh′(0) = 1, σ′(0) = 1/4, relu′(0) = 0, tails positive and tiny, NaN propagates', () => {
    using x = rt.f64From([0, 0, 30, -30]);
    x.view()[1] = Number.NaN;
    const tanh = applyNonlinearityDerivative(rt, 'tanh', x).toArray();
    const sigmoid = applyNonlinearityDerivative(rt, 'sigmoid', x).toArray();
    const relu = applyNonlinearityDerivative(rt, 'relu', x).toArray();
    expect([tanh[0], sigmoid[0], relu[0]]).toEqual([1, 0.25, 0]);
    for (const v of [tanh[1], sigmoid[1], relu[1], applyNonlinearityDerivative(rt, 'linear', x).view()[1]]) expect(v).toBeNaN();
    expect(Math.abs(tanh[2] - 4 * Math.exp(-60)) / (4 * Math.exp(-60))).toBeLessThan(1e-14);
    expect(tanh[3]).toBe(tanh[2]);
    expect(relu.slice(2)).toEqual(new Float64Array([1, 0]));
  });

  it.each(NONLINEARITIES)('jacobianOperator (%s) equals −I + J·diag(φ′(x)) on CSR J, and eigs matches the dense Jacobian', (name) => {
    const n = 60;
    const arrays = randomCsr(`jac-${name}`, n, n, 6);
    using j = rt.csr(arrays);
    const state = randomArray(`jac-state-${name}`, n, -2, 2);
    using jac = jacobianOperator(rt, j, state, name);
    const gains = new Float64Array(n);
    DERIV_REFS[name](state, gains);
    const dense = denseJacobian(denseOfCsrArrays(arrays), jac.gains.toArray(), n);
    jac.gains.toArray().forEach((g, i) => { expect(Math.abs(g - gains[i])).toBeLessThanOrEqual(16 * U * gains[i]); });
    const xs = randomArray(`jac-x-${name}`, n);
    using x = rt.f64From(xs);
    const got = jac.multiply(x).toArray();
    const want = denseMatVec(dense, xs, n);
    // Row i sums K_i + 1 products: the dot bound with the absolute sum of terms.
    want.forEach((w, i) => {
      const absSum = xs.reduce((s, xj, c) => s + Math.abs(dense[i * n + c] * xj), 0);
      expect(Math.abs(got[i] - w)).toBeLessThanOrEqual(dotDiffBound(absSum, n) + 4 * U * Math.abs(w));
    });
    const krylov = eigs(rt, jac, { k: 4, which: 'LR', tol: 1e-10, vectors: true });
    const full = conditionedSpectrum(rt, dense, n, 'LR');
    expect(krylov.status).toBe('converged');
    expect(Math.max(...krylov.residuals)).toBeLessThanOrEqual(2e-10 * frobenius(dense));
    expect(ritzWithinConditionBound(krylov.eigenvalues, krylov.residuals, full).worstRatio).toBeLessThanOrEqual(1);
  });

  it('symmetricPartOperator equals (J + Jᵀ)/2 for dense and CSR J; eigsh on it matches the dense symmetric solver', () => {
    const n = 50;
    const values = gaussianMatrix('sym-part', n);
    using dense = rt.dense(n, n, values);
    const arrays = randomCsr('sym-part-csr', n, n, 5);
    using sparse = rt.csr(arrays);
    for (const [op, a] of [[dense, values], [sparse, denseOfCsrArrays(arrays)]] as const) {
      using s = symmetricPartOperator(rt, op);
      const sym = Float64Array.from(a, (v, idx) => (v + a[(idx % n) * n + Math.floor(idx / n)]) / 2);
      const xs = randomArray('sym-part-x', n);
      using x = rt.f64From(xs);
      const got = s.multiply(x).toArray();
      const want = denseMatVec(sym, xs, n);
      want.forEach((w, i) => {
        const absSum = xs.reduce((acc, xj, c) => acc + Math.abs(a[i * n + c] * xj) + Math.abs(a[c * n + i] * xj), 0);
        expect(Math.abs(got[i] - w)).toBeLessThanOrEqual(dotDiffBound(absSum, n) + 4 * U * Math.abs(w));
      });
      const top = eigsh(rt, s, { k: 3, which: 'LA', tol: 1e-12 });
      const all = eigDense(rt, { n, values: sym }, { symmetric: true });
      const largest = all.eigenvalues.slice(-3).reverse();
      // Symmetric: |θ − λ| ≤ ‖r‖ (≤ 2·tol·‖A‖) plus the dense solver's backward error.
      top.eigenvalues.forEach((e, i) => { expect(Math.abs(e.re - largest[i].re)).toBeLessThanOrEqual((2e-12 + 10 * n * n * U) * frobenius(sym)); });
    }
  });

  it('callbackOperator wraps a JS function; eigs through it equals eigs on the matrix, bit for bit', () => {
    const n = 40;
    const values = gaussianMatrix('callback', n, 1 / Math.sqrt(n));
    using a = rt.dense(n, n, values);
    let calls = 0;
    using op = callbackOperator(rt, n, (x) => {
      calls++;
      return rt.scope(() => a.multiply(rt.f64From(x)).toArray());
    });
    // condition: false on both: the matrix also multiplies by Aᵀ (left vectors), the callback does not.
    const viaCallback = eigs(rt, op, { k: 3, seed: 9, condition: false });
    const direct = eigs(rt, a, { k: 3, seed: 9, condition: false });
    expect(viaCallback).toEqual(direct);
    expect(calls).toBe(viaCallback.matvecs);
  });
});
