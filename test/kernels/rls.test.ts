import { beforeAll, describe, expect, it } from 'vitest';
import { RecursiveLeastSquares, type Runtime } from '../../src/index.js';
import { rlsApplyRef, rlsInitRef, rlsUpdateRef } from '../../src/reference/rls.js';
import { randomArray } from '../helpers/random.js';
import { BUILDS, loadBuild } from '../helpers/runtime.js';
import { solve } from '../helpers/solve.js';
import { gamma, U } from '../helpers/tolerance.js';

/** A P after `warm` reference updates from I/α (a generic SPD matrix), and the data of one more update. */
function rlsCase(seed: string, n: number, m: number, warm = 3) {
  const p = new Float64Array(n * n);
  rlsInitRef(n, p, 0.5);
  const w = randomArray(`${seed}-w`, m * n);
  const scratch = new Float64Array(n);
  for (let s = 0; s < warm; s++) rlsUpdateRef(n, m, p, randomArray(`${seed}-r${s}`, n), w, randomArray(`${seed}-e${s}`, m), scratch);
  return { p, w, r: randomArray(`${seed}-r`, n), e: randomArray(`${seed}-e`, m, -0.5, 0.5) };
}

describe.each(BUILDS)('rls kernels [%o]', (b) => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await loadBuild(b);
  });

  it.each([[1, 1], [2, 1], [3, 2], [4, 1], [5, 3], [7, 1], [8, 2], [9, 1], [15, 1], [16, 4], [17, 2], [120, 3]])(
    'rls_update_f64 n=%i m=%i matches the reference within error bounds and keeps P exactly symmetric', (n, m) => {
      const { p, w, r, e } = rlsCase(`rls-${n}-${m}`, n, m);
      using P = rt.f64From(p);
      using W = rt.f64From(w);
      using R = rt.f64From(r);
      using E = rt.f64From(e);
      using K = rt.f64(n);
      using Q = rt.f64(n);
      const c = rt.core.rls_update_f64(n, m, P.ptr, R.ptr, W.ptr, E.ptr, K.ptr, Q.ptr, 0, 1);
      // Nothing was pending, and the step's own update of P is left pending: P is untouched.
      expect(P.toArray()).toEqual(p);
      rt.core.rls_rank1_rows_f64(n, 0, n, P.ptr, K.ptr, c);
      const [pRef, wRef, kRef] = [Float64Array.from(p), Float64Array.from(w), new Float64Array(n)];
      const cRef = rlsUpdateRef(n, m, pRef, r, wRef, e, kRef);
      const [pGot, wGot, kGot] = [P.toArray(), W.toArray(), K.toArray()];
      // Given the kernel's own k and c, the P and W updates are the reference's IEEE operations exactly (every build).
      const [pExact, wExact] = [Float64Array.from(p), Float64Array.from(w)];
      rlsApplyRef(n, m, pExact, wExact, e, kGot, c);
      expect(pGot).toEqual(pExact);
      expect(wGot).toEqual(wExact);
      // P_ij and P_ji receive c·(k_i·k_j) and c·(k_j·k_i): the same double, so symmetry is exact.
      for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) expect(pGot[i * n + j]).toBe(pGot[j * n + i]);
      // k_i: two summation orders of Σ_j P_ij r_j (gemv's recipe vs left to right) differ by ≤ 2γ_n Σ_j |P_ij r_j|.
      const dk = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let abs = 0;
        for (let j = 0; j < n; j++) abs += Math.abs(p[i * n + j] * r[j]);
        dk[i] = 2 * gamma(n) * abs;
        expect(Math.abs(kGot[i] - kRef[i])).toBeLessThanOrEqual(dk[i]);
      }
      // c = 1/(1 + rᵀk): δ(rᵀk) ≤ Σ|r_i| δk_i + 2γ_n Σ|r_i k_i|, δc ≤ c²·δ(rᵀk) to first order (×2 for the rest).
      let drk = 0;
      for (let i = 0; i < n; i++) drk += Math.abs(r[i]) * dk[i] + 2 * gamma(n) * Math.abs(r[i] * kRef[i]);
      const dc = 2 * cRef * cRef * drk + 4 * U * cRef;
      expect(Math.abs(c - cRef)).toBeLessThanOrEqual(dc);
      // P_ij − c·k_i·k_j and W_aj − c·e_a·k_j: first-order propagation of δk, δc plus the final roundings.
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          const bound = 2 * (dc * Math.abs(kRef[i] * kRef[j]) + cRef * (dk[i] * Math.abs(kRef[j]) + Math.abs(kRef[i]) * dk[j])) +
            4 * U * (Math.abs(pRef[i * n + j]) + cRef * Math.abs(kRef[i] * kRef[j]));
          expect(Math.abs(pGot[i * n + j] - pRef[i * n + j])).toBeLessThanOrEqual(bound);
        }
      }
      for (let a = 0; a < m; a++) {
        for (let j = 0; j < n; j++) {
          const bound = 2 * Math.abs(e[a]) * (dc * Math.abs(kRef[j]) + cRef * dk[j]) +
            4 * U * (Math.abs(wRef[a * n + j]) + cRef * Math.abs(e[a] * kRef[j]));
          expect(Math.abs(wGot[a * n + j] - wRef[a * n + j])).toBeLessThanOrEqual(bound);
        }
      }
    });

  it.each([[1, 1], [2, 1], [3, 2], [7, 1], [16, 4], [17, 2], [120, 3]])(
    'deferred step (n=%i, m=%i): the pending rank-one update fused with k = P r gives the bits of the update followed by gemv', (n, m) => {
      const { p, w, r, e } = rlsCase(`rls-deferred-${n}-${m}`, n, m);
      const q = randomArray(`rls-deferred-q-${n}`, n);
      const cPending = 0.37;
      for (const normalised of [1, 0]) {
        using P = rt.f64From(p);
        using W = rt.f64From(w);
        using R = rt.f64From(r);
        using E = rt.f64From(e);
        using K = rt.f64(n);
        using Q = rt.f64From(q);
        const c = rt.core.rls_update_f64(n, m, P.ptr, R.ptr, W.ptr, E.ptr, K.ptr, Q.ptr, cPending, normalised);
        // The same step from its separate kernels: pending update, gemv, c, weights.
        using P2 = rt.f64From(p);
        using W2 = rt.f64From(w);
        using K2 = rt.f64(n);
        rt.core.rls_rank1_rows_f64(n, 0, n, P2.ptr, Q.ptr, cPending);
        rt.core.gemv_f64(P2.ptr, n, n, R.ptr, K2.ptr);
        const c2 = 1 / (1 + rt.core.blas1_dot_f64(R.ptr, K2.ptr, n));
        rt.core.rls_weights_f64(n, m, W2.ptr, E.ptr, K2.ptr, normalised ? c2 : 1);
        expect(c).toBe(c2);
        expect(K.toArray()).toEqual(K2.toArray());
        expect(P.toArray()).toEqual(P2.toArray());
        expect(W.toArray()).toEqual(W2.toArray());
        // Row ranges in any split give the same bits (the threads' contract).
        using P3 = rt.f64From(p);
        using K3 = rt.f64(n);
        const cut = Math.floor(n / 3);
        rt.core.rls_gain_rows_f64(n, cut, n, P3.ptr, R.ptr, K3.ptr, Q.ptr, cPending);
        rt.core.rls_gain_rows_f64(n, 0, cut, P3.ptr, R.ptr, K3.ptr, Q.ptr, cPending);
        expect(K3.toArray()).toEqual(K2.toArray());
        expect(P3.toArray()).toEqual(P2.toArray());
      }
    });

  it.each(['normalised', 'unnormalised'] as const)(
    'RecursiveLeastSquares (%s) defers each update of P and still equals updating at once, bit for bit', (weightStep) => {
      const [n, m] = [33, 2];
      using rls = new RecursiveLeastSquares(rt, { n, m, alpha: 2, weightStep });
      using P = rt.f64(n * n);
      using W = rt.f64(m * n);
      using K = rt.f64(n);
      using Q = rt.f64(n);
      rt.core.rls_init_f64(n, P.ptr, 2);
      for (let s = 0; s < 7; s++) {
        using R = rt.f64From(randomArray(`rls-class-r${s}`, n));
        using E = rt.f64From(randomArray(`rls-class-e${s}`, m, -0.5, 0.5));
        const c = rls.update(R, E);
        // At once: nothing pending, then the step's own update applied immediately.
        const cNow = rt.core.rls_update_f64(n, m, P.ptr, R.ptr, W.ptr, E.ptr, K.ptr, Q.ptr, 0, weightStep === 'normalised' ? 1 : 0);
        rt.core.rls_rank1_rows_f64(n, 0, n, P.ptr, K.ptr, cNow);
        expect(c).toBe(cNow);
        expect(rls.weights.toArray()).toEqual(W.toArray());
        // Reading P (every other step) flushes the pending update; later steps go on unchanged.
        if (s % 2 === 1) expect(rls.covariance()).toEqual(P.toArray());
      }
      expect(rls.firstNonFinite()).toBeNull();
      expect(rls.covariance()).toEqual(P.toArray());
    });

  it('rls_init equals the reference', () => {
    const n = 9;
    using P = rt.f64From(randomArray('rls-init', n * n));
    const p = new Float64Array(n * n);
    rt.core.rls_init_f64(n, P.ptr, 4);
    rlsInitRef(n, p, 4);
    expect(P.toArray()).toEqual(p);
  });

  it.each([[12, 5, 1], [12, 40, 1], [12, 40, 0.1], [30, 25, 2]])(
    'after t samples RLS equals batch ridge regression (n=%i, t=%i, α=%f)', (n, t, alpha) => {
      const m = 2;
      const rows = randomArray(`ridge-R-${n}-${t}`, t * n);
      const targets = randomArray(`ridge-f-${n}-${t}`, t * m, -2, 2);
      using rls = new RecursiveLeastSquares(rt, { n, m, alpha });
      using r = rt.f64(n);
      using e = rt.f64(m);
      for (let s = 0; s < t; s++) {
        r.set(rows.subarray(s * n, (s + 1) * n));
        const w = rls.weights.view();
        const err = e.view();
        for (let a = 0; a < m; a++) {
          let z = 0;
          for (let j = 0; j < n; j++) z += w[a * n + j] * rows[s * n + j];
          err[a] = z - targets[s * m + a];
        }
        rls.update(r, e);
      }
      // Ridge: (RᵀR + αI) w_a = Rᵀ f_a, solved independently.
      const gram = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        gram[i * n + i] = alpha;
        for (let j = 0; j < n; j++) for (let s = 0; s < t; s++) gram[i * n + j] += rows[s * n + i] * rows[s * n + j];
      }
      // κ₂(RᵀR + αI) ≤ (α + ‖R‖_F²)/α; both methods are backward stable up to O(κ·(n + t)·u) relative to ‖w‖.
      const frobenius2 = rows.reduce((s, v) => s + v * v, 0);
      const kappa = (alpha + frobenius2) / alpha;
      const weights = rls.weights.toArray();
      for (let a = 0; a < m; a++) {
        const rhs = new Float64Array(n);
        for (let i = 0; i < n; i++) for (let s = 0; s < t; s++) rhs[i] += rows[s * n + i] * targets[s * m + a];
        const ridge = solve(gram, rhs, n);
        const scale = Math.max(...ridge.map(Math.abs));
        for (let j = 0; j < n; j++) expect(Math.abs(weights[a * n + j] - ridge[j])).toBeLessThanOrEqual(16 * kappa * (n + t) * U * scale);
      }
      // P is exactly symmetric and equals (RᵀR + αI)⁻¹: P·(RᵀR + αI) = I to the same accuracy.
      const p = rls.covariance();
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          expect(p[i * n + j]).toBe(p[j * n + i]);
          let s = 0;
          for (let l = 0; l < n; l++) s += p[i * n + l] * gram[l * n + j];
          expect(Math.abs(s - (i === j ? 1 : 0))).toBeLessThanOrEqual(16 * kappa * (n + t) * U);
        }
      }
    });

  it('rejects α ≤ 0 and mismatched lengths, naming the parameter', () => {
    expect(() => new RecursiveLeastSquares(rt, { n: 3, m: 1, alpha: 0 })).toThrow(/alpha must be > 0/);
    expect(() => new RecursiveLeastSquares(rt, { n: 3, m: 1, alpha: -1 })).toThrow(/alpha/);
    using rls = new RecursiveLeastSquares(rt, { n: 3, m: 1, alpha: 1 });
    using r = rt.f64(4);
    using e = rt.f64(1);
    expect(() => rls.update(r, e)).toThrow(/r has length 4, expected n = 3/);
  });

  it("weightStep 'unnormalised' (Nicola & Clopath): W ← W − e kᵀ with RLS's P; first step in closed form, later ones as the reference", () => {
    const [n, m, alpha] = [17, 2, 4];
    const normal = new RecursiveLeastSquares(rt, { n, m, alpha });
    const unnormalised = new RecursiveLeastSquares(rt, { n, m, alpha, weightStep: 'unnormalised' });
    const [pRef, wRef, kRef] = [new Float64Array(n * n), new Float64Array(m * n), new Float64Array(n)];
    rlsInitRef(n, pRef, alpha);
    try {
      for (let s = 0; s < 6; s++) {
        const r = randomArray(`rls-unnormalised-r${s}`, n);
        const e = randomArray(`rls-unnormalised-e${s}`, m, -0.5, 0.5);
        using R = rt.f64From(r);
        using E = rt.f64From(e);
        const c = normal.update(R, E);
        expect(unnormalised.update(R, E)).toBe(c);
        rlsUpdateRef(n, m, pRef, r, wRef, e, kRef, false);
        const w = unnormalised.weights.toArray();
        if (s === 0) {
          // From P = I/α, W = 0: k_j = (1/α)·r_j and W_aj = −e_a k_j, each one rounding, so exact.
          for (let a = 0; a < m; a++) for (let j = 0; j < n; j++) expect(w[a * n + j]).toBe(-(e[a] * ((1 / alpha) * r[j])));
          // The RLS step is c times this one.
          const wNormal = normal.weights.toArray();
          for (let k = 0; k < m * n; k++) expect(Math.abs(wNormal[k] - c * w[k])).toBeLessThanOrEqual(4 * U * Math.abs(w[k]));
        }
        // P ignores e and W: both learners hold the same P, bit for bit.
        expect(unnormalised.covariance()).toEqual(normal.covariance());
        // Against the reference: k differs by gemv's summation order only (≤ 2γ_n Σ|P r| per entry, tiny here);
        // 1e-12 relative to max |W| covers six steps of that.
        const scale = Math.max(...wRef.map(Math.abs));
        for (let k = 0; k < m * n; k++) expect(Math.abs(w[k] - wRef[k])).toBeLessThanOrEqual(1e-12 * scale);
      }
    } finally {
      normal.dispose();
      unnormalised.dispose();
    }
    expect(() => new RecursiveLeastSquares(rt, { n: 3, m: 1, alpha: 1, weightStep: 'lms' as never })).toThrow(/weightStep must be one of/);
  });
});
