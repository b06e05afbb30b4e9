/**
 * Krylov eigensolvers for operators y = A·x: restarted Arnoldi (eigs, real nonsymmetric) and
 * thick-restart Lanczos (eigsh, symmetric), both with full DGKS reorthogonalisation.
 *
 * Method (Stewart's Krylov–Schur, SIAM J. Matrix Anal. Appl. 23, 2001; for symmetric A it is the
 * thick restart of Wu & Simon, SIAM J. Matrix Anal. Appl. 22, 2000). After m = ncv steps,
 *   A·V_m = V_m·H_m + β·v_m·e_mᵀ,   V_mᵀV_m = I.
 * The Ritz pairs (θ, V_m·y) of H_m have residual ‖A·V_m·y − θ·V_m·y‖ = |β|·|e_mᵀy| (ARPACK's
 * estimate), accepted when ≤ tol·max(u^{2/3}, |θ|) as in ARPACK. To restart, an orthonormal basis
 * Y of a set of Ritz vectors' span (real and imaginary parts of complex pairs; an invariant
 * subspace of H_m) gives V_p ← V_m·Y, H_p ← YᵀH_mY and the coupling row β·e_mᵀY, so that
 * A·V_p = V_p·H_p + β·v_m·(e_mᵀY) — a Krylov decomposition from which Arnoldi continues. Exact
 * shifts in ARPACK's implicit restart produce the same subspace; ordering the Schur form is
 * replaced by orthonormalising Y (with the Arnoldi DGKS kernel, the project's one Gram–Schmidt).
 *
 * Locking (deflation; Stewart §4, SLEPc's krylovschur): converged wanted Ritz vectors become the
 * leading columns of Y and their couplings β·e_mᵀy (≤ tol·|θ| by the convergence test) are set to
 * zero, so H stays block upper triangular with the locked block invariant; the dropped couplings
 * d_j are kept and added to later residual estimates (‖Ax − θx‖ ≤ |β·y_m| + Σ_j |d_j|·|y_j| for
 * unit Ritz vectors x = V·y). Locked values pushed out of the wanted set by better ones are purged.
 * Each restart keeps the locked vectors, all wanted ones and half of the remaining active space
 * (Krylov–Schur's usual ratio), so every cycle adds ≥ (m − locked)/2 new Krylov vectors.
 *
 * Safeguards for clustered spectra: Ritz values are ranked by their pessimistic key (key − residual,
 * so spurious values cannot hold a wanted place), and the k-th wanted value is accepted only when
 * no nearly converged Ritz value could still overtake it (its key plus its residual, the distance
 * it may still move for normal A, stays below the k-th key); a conjugate pair is never split (k is raised by one
 * and the result says so). Condition numbers come from a second, transposed solve (left
 * eigenvectors), as LAPACK's dtrsna does with the Schur form for dense matrices.
 *
 * Reverse communication: the iteration is a generator that yields "y = A·x at (x, y)" requests; the
 * driver runs the operator's own product (WASM SpMV, gemv, matrix-free Jacobian, JS callback).
 * Every loop is bounded by maxRestarts; non-convergence returns status 'maxIter' with what converged.
 */
import type { Runtime } from '../../runtime.js';
import type { Rng } from '../../random/rng.js';
import type { Seed } from '../../random/seed.js';
import type { F64Buffer } from '../../wasm/arena.js';
import { requireFinite, requireInt, requireOneOf } from '../../validate.js';
import type { LinearOperator } from '../operator.js';
import type { TransposableOperator } from '../operators.js';
import { schurEigenvectors, explicitResiduals, normalised, schurEigen, symmetricEigen } from './dense.js';
import {
  accuracyReport, accuracyTarget, type Complex, type ComplexVector, type EigenResult, NONSYMMETRIC_WHICH,
  type NonsymmetricWhich, SYMMETRIC_WHICH, type SymmetricWhich, type Which, wantedOrder,
} from './types.js';

const EPS = Number.EPSILON;
/** DGKS: a second pass is needed when a pass keeps less than 1/√2 of the norm. */
const DGKS_ETA = Math.SQRT1_2;
/** Below this fraction of ‖A·v_j‖ the residual is refined once more before it is trusted. */
const REFINE_BELOW = 1e-8;

/**
 * Converged vectors are locked once their coupling is below this fraction of the smallest wanted
 * value's accuracy target: the dropped couplings enter every later estimate as Σ_j d_j·|Y_jc| ≤
 * max_j d_j (unit columns), so locked vectors use at most half of any wanted value's target.
 */
const LOCK_FRACTION = 0.5;
/** Random vectors tried when the Krylov space became invariant (ARPACK dgetv0 tries 3). */
const RANDOM_RESTART_ATTEMPTS = 3;
/**
 * eigsh's symmetry test: |yᵀAx − xᵀAy| / (‖Ax‖‖y‖ + ‖Ay‖‖x‖) for random x, y. Rounding in the
 * products and dots gives O(n·u) (≤ 1e-10 for n ≤ 10⁶); any structural asymmetry gives O(1)·(its
 * relative size). √ε separates the two with room on both sides.
 */
const SYMMETRY_TOL = Math.sqrt(EPS);
/**
 * Default subspace size max(2k + 1, 4k, 20): 2k + 1 is ARPACK users' rule, but random network
 * spectra have clustered edges (relative gaps ~1e-3–1e-4). For k = 10 LM on a K = 100 random CSR
 * network (n = 10⁴) ncv = 21 took 20 679 products and missed the 2nd pair, 30 took 9 100 and
 * 40 = 4k took 4 820, both returning the true top 10 (ARPACK, ncv = 21: 8 815, missing two pairs;
 * bench/results/eigen-peers.json). Orthogonalisation cost grows only linearly with m.
 */
function defaultNcv(n: number, k: number): number {
  return Math.min(n, Math.max(2 * k + 1, 4 * k, 20));
}

export interface KrylovOptions {
  /** Number of eigenvalues wanted (default min(6, n − 2) for eigs, min(6, n − 1) for eigsh). */
  k?: number;
  /** Relative tolerance on the residual: ‖Av − θv‖ ≤ tol·max(u^{2/3}, |θ|) (default 1e-10; 0 means u). */
  tol?: number;
  /** Krylov subspace size m (default min(n, max(2k + 1, 4k, 20))). */
  ncv?: number;
  /**
   * Restarts allowed before giving up with status 'maxIter' (default max(1000, n)); each restart
   * costs at most ncv − k products. Clustered wanted eigenvalues (the edge of a random bulk) need many.
   */
  maxRestarts?: number;
  /** Seed of the random start vector (default 0). */
  seed?: Seed;
  /** Also return unit eigenvectors; residuals are then computed explicitly (default false). */
  vectors?: boolean;
  /**
   * eigs: estimate condition numbers from left eigenvectors, by a second solve with Aᵀ, when the
   * operator has multiplyTransposed (default true; about doubles the cost). eigsh: κ = 1 always.
   */
  condition?: boolean;
}

export interface EigsOptions extends KrylovOptions {
  /** Which eigenvalues (default 'LM'): largest magnitude, largest/smallest real part, largest/smallest |Im|. */
  which?: NonsymmetricWhich;
}

export interface EigshOptions extends KrylovOptions {
  /** Which eigenvalues (default 'LM'): largest/smallest algebraic, largest magnitude, both ends. */
  which?: SymmetricWhich;
}

export interface KrylovResult extends EigenResult {
  /** How many of the k wanted eigenvalues converged (= eigenvalues.length). */
  nConverged: number;
  /** Krylov subspace size used. */
  ncv: number;
  /** max |(VᵀV − I)_ij| of the final Krylov basis V_m: the orthogonality the solver kept. */
  basisOrthogonality: number;
  /** True when k was raised by one so that a complex-conjugate pair is returned whole. */
  kRaised: boolean;
  /** Ritz vectors locked (deflated) when the solver stopped. */
  locked: number;
}

interface KrylovParams {
  n: number;
  k: number;
  m: number;
  which: Which;
  tol: number;
  maxRestarts: number;
  seed: Seed;
  vectors: boolean;
  symmetric: boolean;
  condition: boolean;
  /** Start vector (else random from the seed). */
  start?: Float64Array;
}

/** Ritz values of H_m with unit vectors y (length m); partner[i] is the conjugate's index or −1. */
interface Ritz {
  re: Float64Array;
  im: Float64Array;
  y: ComplexVector[];
  partner: Int32Array;
}

interface Outcome {
  status: EigenResult['status'];
  restarts: number;
  values: Complex[];
  estimates: number[];
  vectors?: ComplexVector[];
  basisOrthogonality: number;
  kRaised: boolean;
  locked: number;
  warnings: string[];
}

/** A request from the iteration: set y = A·x. */
export interface MatvecRequest {
  x: F64Buffer;
  y: F64Buffer;
}

function validate(where: string, op: LinearOperator, options: KrylovOptions & { which?: Which }, symmetric: boolean): KrylovParams {
  if (op === null || typeof op !== 'object' || typeof op.multiply !== 'function') {
    throw new TypeError(`${where}: operator must be a LinearOperator (nRows, nCols, multiply(x, y))`);
  }
  if (op.nRows !== op.nCols) throw new RangeError(`${where}: operator must be square (got ${op.nRows}×${op.nCols})`);
  const n = requireInt(where, 'operator size n', op.nRows, 1);
  // ARPACK needs k ≤ n − 2 (nonsymmetric, a conjugate pair may need k + 1 Ritz values plus one more) and k < n (symmetric).
  const kMax = symmetric ? n - 1 : n - 2;
  const method = symmetric ? 'Lanczos' : 'Arnoldi';
  if (kMax < 1) {
    throw new RangeError(`${where}: the operator has n = ${n}, too small for ${method} (needs n ≥ ${symmetric ? 2 : 3}); use eigDense for all eigenvalues of a small matrix`);
  }
  const k = options.k ?? Math.min(6, kMax);
  if (!(Number.isInteger(k) && k >= 1 && k <= kMax)) {
    throw new RangeError(
      `${where}: k must be an integer in [1, ${kMax}] (n ${symmetric ? '− 1' : '− 2'} for ${method}; ` +
        `got ${String(k)}); use eigDense for all eigenvalues of a small matrix`,
    );
  }
  const ncvMin = symmetric ? k + 1 : k + 2;
  const m = requireInt(where, 'ncv', options.ncv ?? Math.max(defaultNcv(n, k), ncvMin), ncvMin, n);
  const which = requireOneOf(where, 'which', options.which ?? 'LM', symmetric ? SYMMETRIC_WHICH : NONSYMMETRIC_WHICH);
  const tolGiven = requireFinite(where, 'tol', options.tol ?? 1e-10, 0);
  const maxRestarts = requireInt(where, 'maxRestarts', options.maxRestarts ?? Math.max(1000, n));
  for (const name of ['vectors', 'condition'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'boolean') {
      throw new TypeError(`${where}: ${name} must be a boolean (got ${typeof options[name]})`);
    }
  }
  return {
    n, k, m, which, tol: tolGiven === 0 ? EPS : tolGiven, maxRestarts, seed: options.seed ?? 0,
    vectors: options.vectors ?? false, symmetric, condition: options.condition ?? true,
  };
}

/** How wanted θ is under `which` (larger is more wanted): 1-Lipschitz in θ, so θ moving by r changes it by ≤ r. */
function wantedScore(which: Which, re: number, im: number): number {
  switch (which) {
    case 'LM': return Math.hypot(re, im);
    case 'LR': case 'LA': return re;
    case 'SR': case 'SA': return -re;
    case 'LI': return Math.abs(im);
    case 'SI': return -Math.abs(im); // SI and BE: not used for the boundary test (see run())
    case 'BE': return Math.abs(re);
  }
}

/** Indices by descending score; a conjugate pair stays adjacent, positive imaginary part first. */
function rankByScore(ritz: Ritz, score: (i: number) => number): number[] {
  const index = Array.from(ritz.re, (_, i) => i);
  const keys = index.map(score);
  return index.sort((a, b) => keys[b] - keys[a] || ritz.im[b] - ritz.im[a]);
}

class KrylovSchur {
  readonly #rt: Runtime;
  readonly #p: KrylovParams;
  /** Basis rows v_0 … v_m, each of length n. */
  readonly #basis: F64Buffer;
  readonly #x: F64Buffer;
  readonly #w: F64Buffer;
  readonly #h: F64Buffer;
  readonly #refine: F64Buffer;
  readonly #scratch: F64Buffer;
  readonly #rng: Rng;
  /** (m + 1)×m projected matrix, row-major. */
  readonly #hm: Float64Array;
  /** Couplings dropped when the leading columns were locked (one per locked column). */
  readonly #dropped: Float64Array;
  #locked = 0;

  constructor(rt: Runtime, p: KrylovParams) {
    this.#rt = rt;
    this.#p = p;
    this.#rng = rt.rng(p.seed);
    this.#basis = rt.f64((p.m + 1) * p.n);
    this.#x = rt.f64(p.n);
    this.#w = rt.f64(p.n);
    this.#h = rt.f64(p.m + 1);
    this.#refine = rt.f64(p.m + 1);
    this.#scratch = rt.f64(p.m + 1);
    this.#hm = new Float64Array((p.m + 1) * p.m);
    this.#dropped = new Float64Array(p.m);
  }

  dispose(): void {
    for (const b of [this.#basis, this.#x, this.#w, this.#h, this.#refine, this.#scratch, this.#rng]) b.dispose();
  }

  #rowPtr(i: number): number {
    return this.#basis.ptr + i * this.#p.n * 8;
  }

  /** v_row ← w/‖w‖ (norm given). */
  #storeRow(row: number, norm: number): void {
    const { n } = this.#p;
    this.#basis.view().set(this.#w.view(), row * n);
    this.#rt.core.blas1_scal_f64(1 / norm, this.#rowPtr(row), n);
  }

  /**
   * w ← (I − Q Qᵀ)w for the `count` rows of Q (length len) at qPtr, by the DGKS kernel, with one more
   * round under heavy cancellation (ARPACK dnaitr step 5); coefficients Qᵀw_original into `into`.
   * Returns ‖w‖, or 0 when w lay in span(Q).
   */
  #orthogonalizeAgainst(qPtr: number, len: number, count: number, wPtr: number, into: Float64Array | null): number {
    const { core } = this.#rt;
    const normBefore = core.blas1_nrm2_f64(wPtr, len);
    let beta = core.arnoldi_orthogonalize_f64(qPtr, len, count, wPtr, this.#h.ptr, this.#scratch.ptr);
    const coefficients = into ? this.#h.view().slice(0, count) : null;
    if (beta < REFINE_BELOW * normBefore) {
      const previous = beta;
      beta = core.arnoldi_orthogonalize_f64(qPtr, len, count, wPtr, this.#refine.ptr, this.#scratch.ptr);
      if (coefficients) {
        const more = this.#refine.view();
        for (let i = 0; i < count; i++) coefficients[i] += more[i];
      }
      if (beta < DGKS_ETA * previous) beta = 0;
    }
    if (into && coefficients) into.set(coefficients);
    return beta;
  }

  /** w ← (I − V_count V_countᵀ)w; H column gets the coefficients when given. Returns ‖w‖. */
  #orthogonalize(count: number, column: number | null): number {
    const { m } = this.#p;
    const coefficients = column === null ? null : new Float64Array(count);
    const beta = this.#orthogonalizeAgainst(this.#basis.ptr, this.#p.n, count, this.#w.ptr, coefficients);
    if (coefficients && column !== null) for (let i = 0; i < count; i++) this.#hm[i * m + column] = coefficients[i];
    return beta;
  }

  /** A fresh random unit vector orthogonal to v_0 … v_{row−1} into row `row`; false if none was found. */
  #randomRow(row: number): boolean {
    for (let attempt = 0; attempt < RANDOM_RESTART_ATTEMPTS; attempt++) {
      this.#rng.normalInto(this.#w);
      const beta = row === 0 ? this.#rt.core.blas1_nrm2_f64(this.#w.ptr, this.#p.n) : this.#orthogonalize(row, null);
      if (beta > 0) {
        this.#storeRow(row, beta);
        return true;
      }
    }
    return false;
  }

  /** v_0 from the given start vector, else random. */
  #firstRow(): boolean {
    const { start, n } = this.#p;
    if (start) {
      this.#w.view().set(start);
      const norm = this.#rt.core.blas1_nrm2_f64(this.#w.ptr, n);
      if (norm > 0 && Number.isFinite(norm)) {
        this.#storeRow(0, norm);
        return true;
      }
    }
    return this.#randomRow(0);
  }

  /** Eigenpairs of the projected m×m matrix, or null if its QR did not converge. */
  #ritz(): Ritz | null {
    const { m, symmetric } = this.#p;
    const hm = this.#hm.slice(0, m * m);
    const sweeps = 30 * Math.max(m, 10);
    if (symmetric) {
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < i; j++) hm[i * m + j] = hm[j * m + i] = (hm[i * m + j] + hm[j * m + i]) / 2;
      }
      const s = symmetricEigen(this.#rt, hm, m, true, sweeps);
      if (s.unconverged > 0 || !s.vectors) return null;
      const z = s.vectors;
      const y = Array.from({ length: m }, (_, i) => ({ re: z.slice(i * m, i * m + m), im: new Float64Array(m) }));
      return { re: s.d, im: new Float64Array(m), y, partner: new Int32Array(m).fill(-1) };
    }
    const s = schurEigen(this.#rt, hm, m, true, sweeps);
    if (s.unconverged > 0 || !s.vectors) return null;
    const indices = Array.from({ length: m }, (_, i) => i);
    const partner = Int32Array.from(indices, (i) => (s.wi[i] > 0 ? i + 1 : s.wi[i] < 0 ? i - 1 : -1));
    return { re: s.wr, im: s.wi, y: schurEigenvectors(s.vectors, m, s.wi, indices), partner };
  }

  /**
   * Restart: Y = [converged wanted Ritz vectors, further Ritz vectors in wanted order], orthonormalised,
   * until max(kEff, L + ⌈(m − L)/2⌉) columns. The prefix of converged ones whose coupling
   * |β·Y_{m−1,c}| + Σ_j d_j·|Y_jc| passes the convergence test is locked: its couplings are dropped
   * (d_c keeps their size). Locked values that left the wanted set are purged (not kept). Returns
   * the new basis size p.
   */
  #restart(ritz: Ritz, order: number[], kEff: number, converged: (i: number) => boolean, beta: number): number {
    const { n, m, tol } = this.#p;
    const { core } = this.#rt;
    const oldLocked = this.#locked;
    const oldDropped = this.#dropped.slice(0, oldLocked);
    return this.#rt.scope(() => {
      const rows = this.#rt.f64(m * m);
      const w = this.#rt.f64(m);
      const rowsView = () => rows.view();
      let count = 0;
      const taken = new Set<number>();
      /** Adds the columns of Ritz value i; returns how many were independent. */
      const add = (i: number): number => {
        taken.add(i).add(ritz.partner[i]);
        let added = 0;
        for (const part of ritz.partner[i] >= 0 ? [ritz.y[i].re, ritz.y[i].im] : [ritz.y[i].re]) {
          w.view().set(part);
          const before = core.blas1_nrm2_f64(w.ptr, m);
          const norm = count === 0 ? before : this.#orthogonalizeAgainst(rows.ptr, m, count, w.ptr, null);
          if (norm > REFINE_BELOW * before) {
            core.blas1_scal_f64(1 / norm, w.ptr, m);
            rowsView().set(w.view(), count * m);
            count++;
            added++;
          }
        }
        return added;
      };
      /** Size of the residual term column c carries: its coupling plus the couplings dropped before. */
      const couplingOf = (c: number) => {
        const y = rowsView().subarray(c * m, c * m + m);
        let r = Math.abs(beta * y[m - 1]);
        for (let j = 0; j < oldLocked; j++) r += oldDropped[j] * Math.abs(y[j]);
        return r;
      };
      // Converged wanted values first: candidates for locking, in wanted order. A dropped coupling
      // stays in every later residual estimate (Σ_j d_j·|Y_jc|), so a value is locked only when its
      // coupling is below half the smallest wanted value's accuracy target: locking at its own
      // target let a larger locked value keep a smaller wanted one from ever passing its test
      // (an erf Jacobian, n = 60, LR: −0.1254 was never accepted after −0.3606 was locked).
      const lockBelow = LOCK_FRACTION * Math.min(...order.slice(0, kEff).map((i) => accuracyTarget(tol, { re: ritz.re[i], im: ritz.im[i] })));
      let locked = 0;
      let locking = true;
      for (const i of order.slice(0, kEff)) {
        if (taken.has(i) || !converged(i)) continue;
        const from = count;
        add(i);
        let coupling = 0;
        for (let c = from; c < count; c++) coupling = Math.hypot(coupling, couplingOf(c));
        locking &&= from === locked && coupling <= lockBelow;
        if (locking) locked = count;
      }
      const target = Math.min(m - 1, Math.max(kEff, locked + Math.ceil((m - locked) / 2)));
      for (const i of order) {
        if (count >= target) break;
        if (taken.has(i)) continue;
        if (ritz.partner[i] >= 0 && count + 2 > m - 1) break; // never split a pair
        add(i);
      }
      const p = count;
      const y = Array.from({ length: p }, (_, c) => rowsView().slice(c * m, c * m + m));
      for (let c = 0; c < locked; c++) this.#dropped[c] = couplingOf(c);
      // H_p = Yᵀ·H_m·Y (zero below the locked block: it is exactly invariant), and the coupling row β·e_mᵀY.
      const hy = y.map((col) => Float64Array.from({ length: m }, (_, i) => col.reduce((s, cj, j) => s + this.#hm[i * m + j] * cj, 0)));
      const next = new Float64Array((m + 1) * m);
      for (let r = 0; r < p; r++) {
        for (let c = 0; c < p; c++) next[r * m + c] = r >= locked && c < locked ? 0 : y[r].reduce((s, yi, i) => s + yi * hy[c][i], 0);
      }
      for (let c = locked; c < p; c++) next[p * m + c] = beta * y[c][m - 1];
      this.#hm.set(next);
      this.#locked = locked;
      // V_p = V_m·Y (rows), then v_p = v_m.
      const yRowMajor = this.#rt.f64(m * p);
      const view = yRowMajor.view();
      for (let i = 0; i < m; i++) for (let c = 0; c < p; c++) view[i * p + c] = y[c][i];
      const out = this.#rt.f64(p * n);
      core.arnoldi_combine_f64(this.#basis.ptr, n, m, yRowMajor.ptr, p, out.ptr);
      const basis = this.#basis.view();
      basis.set(out.view(), 0);
      basis.copyWithin(p * n, m * n, (m + 1) * n);
      return p;
    });
  }

  /** max |(VᵀV − I)_ij| over the m basis vectors. */
  #orthogonality(): number {
    const { n, m } = this.#p;
    let worst = 0;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j <= i; j++) {
        const d = this.#rt.core.blas1_dot_f64(this.#rowPtr(i), this.#rowPtr(j), n) - (i === j ? 1 : 0);
        worst = Math.max(worst, Math.abs(d));
      }
    }
    return worst;
  }

  /** Ritz vectors V_m·y for the selected pairs, unit-normalised. */
  #ritzVectors(ritz: Ritz, selected: number[]): ComplexVector[] {
    const { n, m } = this.#p;
    return this.#rt.scope(() => {
      const count = 2 * selected.length;
      const yRowMajor = this.#rt.f64(m * count);
      const view = yRowMajor.view();
      selected.forEach((s, c) => {
        for (let i = 0; i < m; i++) {
          view[i * count + 2 * c] = ritz.y[s].re[i];
          view[i * count + 2 * c + 1] = ritz.y[s].im[i];
        }
      });
      const out = this.#rt.f64(count * n);
      this.#rt.core.arnoldi_combine_f64(this.#basis.ptr, n, m, yRowMajor.ptr, count, out.ptr);
      const rows = out.toArray();
      return selected.map((_, c) => normalised({ re: rows.slice(2 * c * n, (2 * c + 1) * n), im: rows.slice((2 * c + 1) * n, (2 * c + 2) * n) }));
    });
  }

  #outcome(status: Outcome['status'], restarts: number, ritz: Ritz | null, selected: number[], estimates: Float64Array,
    kRaised = false, warnings: string[] = []): Outcome {
    const values = ritz ? selected.map((i) => ({ re: ritz.re[i], im: ritz.im[i] })) : [];
    return {
      status, restarts, values, kRaised, warnings, locked: this.#locked,
      estimates: selected.map((i) => estimates[i]),
      vectors: (this.#p.vectors || (this.#p.condition && !this.#p.symmetric)) && ritz ? this.#ritzVectors(ritz, selected) : undefined,
      basisOrthogonality: this.#orthogonality(),
    };
  }

  /** The iteration: yields matvec requests, returns the outcome. */
  *run(): Generator<MatvecRequest, Outcome, void> {
    const { n, m, k, tol, maxRestarts, which, symmetric } = this.#p;
    const { core } = this.#rt;
    const noRitz = new Float64Array(0);
    if (!this.#firstRow()) return this.#outcome('breakdown', 0, null, [], noRitz);
    let start = 0;
    for (let restarts = 0; ; restarts++) {
      for (let j = start; j < m; j++) {
        this.#x.view().set(this.#basis.view().subarray(j * n, (j + 1) * n));
        yield { x: this.#x, y: this.#w };
        const normAv = core.blas1_nrm2_f64(this.#w.ptr, n);
        if (!Number.isFinite(normAv)) {
          throw new RangeError(`${symmetric ? 'eigsh' : 'eigs'}: the operator returned non-finite values (NaN or ±∞)`);
        }
        const beta = this.#orthogonalize(j + 1, j);
        this.#hm[(j + 1) * m + j] = beta;
        if (beta > 0) this.#storeRow(j + 1, beta);
        else if (j + 1 < n && !this.#randomRow(j + 1)) return this.#outcome('breakdown', restarts, null, [], noRitz);
        else if (j + 1 >= n) this.#basis.view().fill(0, (j + 1) * n, (j + 2) * n);
      }
      const ritz = this.#ritz();
      if (!ritz) return this.#outcome('breakdown', restarts, null, [], noRitz);
      const beta = this.#hm[m * m + m - 1];
      const locked = this.#locked;
      const estimates = Float64Array.from(ritz.y, (y) => {
        let r = Math.abs(beta) * Math.hypot(y.re[m - 1], y.im[m - 1]);
        for (let j = 0; j < locked; j++) r += this.#dropped[j] * Math.hypot(y.re[j], y.im[j]);
        return r;
      });
      // SI wants small |Im|, which lies inside the field of values: spurious Ritz values with large
      // residuals (near-real ones between eigenvalues) would hold a wanted place forever, so SI ranks
      // by the pessimistic key |Im θ| + residual, which converged values keep and spurious ones lose.
      // The extremal orders keep the plain key: demoting unconverged values at a clustered edge (LM)
      // let converged lesser ones be accepted (bench: a missed 3rd pair at n = 10⁴).
      const order = which === 'SI'
        ? rankByScore(ritz, (i) => wantedScore(which, ritz.re[i], ritz.im[i]) - estimates[i])
        : wantedOrder(ritz.re, ritz.im, which);
      const converged = (i: number) => estimates[i] <= accuracyTarget(tol, { re: ritz.re[i], im: ritz.im[i] });
      // Never split a conjugate pair: take its partner too (k + 1 values).
      const kRaised = ritz.partner[order[k - 1]] === order[k];
      const kEff = kRaised ? k + 1 : k;
      const wanted = order.slice(0, kEff);
      const done = wanted.filter(converged);
      // A nearly converged Ritz value beyond the wanted ones (residual ≤ √tol·|θ|: approaching an
      // eigenvalue, not wandering) could still overtake the k-th: key + residual ≥ k-th key. Spurious
      // values with O(1) residuals are not rivals (they would block every stop on interior sets).
      const score = (i: number) => wantedScore(which, ritz.re[i], ritz.im[i]);
      const nearlyConverged = (i: number) => !converged(i) && estimates[i] <= Math.sqrt(tol) * Math.max(1, Math.hypot(ritz.re[i], ritz.im[i]));
      const rival = which === 'BE' ? undefined : order.slice(kEff).find(nearlyConverged);
      const overtaken = rival !== undefined && score(rival) + estimates[rival] >= score(wanted[kEff - 1]);
      const final = (status: Outcome['status']) => {
        const selected = which === 'BE' ? [...done].sort((a, b) => ritz.re[a] - ritz.re[b]) : done;
        const warnings: string[] = [];
        if (kRaised) warnings.push(`k raised from ${k} to ${kEff} to return the complex-conjugate pair at the k-th place whole`);
        if (status === 'converged' && overtaken && rival !== undefined) {
          warnings.push(
            `the ${kEff}-th wanted value (key ${score(wanted[kEff - 1]).toPrecision(8)}) is within the residual ` +
              `${estimates[rival].toExponential(1)} of an unconverged Ritz value (key ${score(rival).toPrecision(8)}): a wanted ` +
              'eigenvalue may be missing; raise ncv or maxRestarts',
          );
        }
        return this.#outcome(status, restarts, ritz, selected, estimates, kRaised, warnings);
      };
      if (done.length === kEff && !overtaken) return final('converged');
      if (restarts >= maxRestarts) return final(done.length === kEff ? 'converged' : 'maxIter');
      start = this.#restart(ritz, order, kEff, converged, beta);
    }
  }
}

/** Runs one Krylov–Schur iteration against op; returns the outcome and the products used. */
function iterate(rt: Runtime, op: LinearOperator, params: KrylovParams): { outcome: Outcome; matvecs: number } {
  const solver = new KrylovSchur(rt, params);
  let matvecs = 0;
  try {
    const iteration = solver.run();
    let step = iteration.next();
    while (!step.done) {
      op.multiply(step.value.x, step.value.y);
      matvecs++;
      step = iteration.next();
    }
    return { outcome: step.value, matvecs };
  } finally {
    solver.dispose();
  }
}

function isTransposable(op: LinearOperator): op is TransposableOperator {
  return typeof (op as Partial<TransposableOperator>).multiplyTransposed === 'function';
}

/**
 * Randomised symmetry check of op (two products): rejects when
 * |yᵀAx − xᵀAy| > SYMMETRY_TOL·(‖Ax‖‖y‖ + ‖Ay‖‖x‖) for seeded Gaussian x, y.
 */
function requireSymmetric(rt: Runtime, op: LinearOperator, seed: Seed): void {
  rt.scope(() => {
    const { core } = rt;
    const n = op.nRows;
    const rng = rt.rng(`${String(seed)}-symmetry`);
    const x = rng.normal(n);
    const y = rng.normal(n);
    const ax = op.multiply(x, rt.f64(n));
    const ay = op.multiply(y, rt.f64(n));
    const asymmetry = Math.abs(core.blas1_dot_f64(y.ptr, ax.ptr, n) - core.blas1_dot_f64(x.ptr, ay.ptr, n));
    const scale = core.blas1_nrm2_f64(ax.ptr, n) * core.blas1_nrm2_f64(y.ptr, n) + core.blas1_nrm2_f64(ay.ptr, n) * core.blas1_nrm2_f64(x.ptr, n);
    const relative = scale === 0 ? 0 : asymmetry / scale;
    if (!(relative <= SYMMETRY_TOL)) {
      throw new RangeError(
        `eigsh: the operator is not symmetric (|yᵀAx − xᵀAy| / (‖Ax‖‖y‖ + ‖Ay‖‖x‖) = ${relative.toExponential(2)} for random x, y; ` +
          `rounding gives < ${SYMMETRY_TOL.toExponential(1)}): use eigs, or symmetricPartOperator for (A + Aᵀ)/2`,
      );
    }
  });
}

/** The operator x ↦ Aᵀx. */
function transposed(op: TransposableOperator): LinearOperator {
  return { nRows: op.nCols, nCols: op.nRows, multiply: (x, y) => op.multiplyTransposed(x, y) };
}

/**
 * κ_i = 1/|z_jᵀx_i| for unit right vectors x_i and the left solve's unit vectors z_j (right
 * eigenvectors of Aᵀ, i.e. conjugated left eigenvectors of A, so yᴴx = zᵀx), paired with the
 * nearest unused left value. First order, two approximations of one eigenvalue lie within
 * κ·(r + r′) of each other, so κ_i is raised to |θ_i − θ′_j|/(r_i + r′_j) when that is larger:
 * values the transposed solve does not reproduce are the ill-conditioned ones (κ = ∞ when it
 * returned no value left to pair with).
 */
function conditionsFromLeft(
  values: Complex[], vectors: ComplexVector[], residuals: number[], left: { values: Complex[]; vectors: ComplexVector[]; residuals: number[] },
): number[] {
  const used = new Set<number>();
  return values.map((theta, i) => {
    let match = -1;
    let distance = Infinity;
    left.values.forEach((mirror, j) => {
      const d = Math.hypot(mirror.re - theta.re, mirror.im - theta.im);
      if (!used.has(j) && d < distance) {
        match = j;
        distance = d;
      }
    });
    // The transposed solve did not reproduce this value at all: its sensitivity is unbounded as far
    // as the solver can tell (the Grcar and Jordan cases), so its accuracy is not vouched for.
    if (match < 0) return Infinity;
    used.add(match);
    const x = vectors[i];
    const z = left.vectors[match];
    let re = 0;
    let im = 0;
    for (let t = 0; t < x.re.length; t++) {
      re += z.re[t] * x.re[t] - z.im[t] * x.im[t];
      im += z.re[t] * x.im[t] + z.im[t] * x.re[t];
    }
    const kappa = 1 / Math.hypot(re, im);
    const spread = residuals[i] + left.residuals[match];
    return Math.max(kappa, distance === 0 ? 1 : spread > 0 ? distance / spread : Infinity);
  });
}

/** Explicit residuals ‖Av − θv‖ and their products. */
function residualsOf(rt: Runtime, op: LinearOperator, values: Complex[], vectors: ComplexVector[]) {
  const multiply = (x: Float64Array) => rt.scope(() => op.multiply(rt.f64From(x)).toArray());
  return explicitResiduals(multiply, values, vectors);
}

/** Right solve with explicit residuals when vectors were computed. */
function rightSolve(rt: Runtime, op: LinearOperator, params: KrylovParams) {
  const { outcome, matvecs } = iterate(rt, op, params);
  if (!outcome.vectors) return { outcome, residuals: outcome.estimates, matvecs };
  const explicit = residualsOf(rt, op, outcome.values, outcome.vectors);
  return { outcome, residuals: explicit.residuals, matvecs: matvecs + explicit.products };
}

/** Σ_i (Re x_i + Im x_i): a start vector inside the span of the given vectors. */
function startFrom(vectors: ComplexVector[], n: number): Float64Array {
  const start = new Float64Array(n);
  for (const v of vectors) for (let t = 0; t < n; t++) start[t] += v.re[t] + v.im[t];
  return start;
}

function solve(rt: Runtime, op: LinearOperator, params: KrylovParams): KrylovResult {
  let matvecs = 0;
  if (params.symmetric) {
    requireSymmetric(rt, op, params.seed);
    matvecs += 2;
  }
  let right = rightSolve(rt, op, params);
  matvecs += right.matvecs;
  let restarts = right.outcome.restarts;
  const warnings = [...right.outcome.warnings];
  let conditions: number[];
  const targets = () => right.outcome.values.map((e) => accuracyTarget(params.tol, e));
  if (params.symmetric) {
    conditions = right.outcome.values.map(() => 1); // orthogonal eigenvectors: Bauer–Fike with κ = 1
  } else if (params.condition && isTransposable(op) && right.outcome.vectors && right.outcome.values.length > 0) {
    // Left eigenvectors: the same solve with Aᵀ, started from the right vectors (the answer when A is normal).
    const kLeft = Math.min(params.n - 2, right.outcome.values.length + 2);
    const leftOp = transposed(op);
    const leftRun = iterate(rt, leftOp, {
      ...params, k: kLeft, m: Math.min(params.n, Math.max(params.m, kLeft + 2)), seed: `${String(params.seed)}-left`,
      vectors: true, start: startFrom(right.outcome.vectors, params.n),
    });
    const leftVectors = leftRun.outcome.vectors ?? [];
    const leftResiduals = residualsOf(rt, leftOp, leftRun.outcome.values, leftVectors);
    matvecs += leftRun.matvecs + leftResiduals.products;
    const left = { values: leftRun.outcome.values, vectors: leftVectors, residuals: leftResiduals.residuals };
    conditions = conditionsFromLeft(right.outcome.values, right.outcome.vectors, right.residuals, left);
    // Mildly non-normal A (κ of a few, as at a random bulk's edge): κ·r may exceed the target although
    // the accuracy is attainable (κ·u·max|θ| below it). Tighten the residual once, by max κ, from the
    // current vectors (a few products), instead of flagging values that more iterations make accurate.
    const scale = Math.max(...right.outcome.values.map((e) => Math.hypot(e.re, e.im)));
    const t = targets();
    const fixable = conditions.filter((kappa, i) => kappa * right.residuals[i] > t[i] && kappa * EPS * scale * 10 <= t[i]);
    if (fixable.length > 0) {
      const refined = rightSolve(rt, op, {
        ...params, tol: Math.max(EPS, params.tol / (2 * Math.max(...fixable))), start: startFrom(right.outcome.vectors, params.n),
      });
      matvecs += refined.matvecs;
      restarts += refined.outcome.restarts;
      if (refined.outcome.status === 'converged' && refined.outcome.vectors && refined.outcome.values.length === right.outcome.values.length) {
        right = refined;
        conditions = conditionsFromLeft(right.outcome.values, refined.outcome.vectors, right.residuals, left);
      }
    }
  } else {
    conditions = right.outcome.values.map(() => Number.NaN);
    const why = !params.condition ? 'condition: false' : !isTransposable(op) ? 'the operator has no multiplyTransposed' : null;
    if (why && right.outcome.values.length > 0) warnings.push(`condition numbers not estimated (${why}): accuracy is unknown beyond the residuals`);
  }
  const { outcome, residuals } = right;
  const accuracy = accuracyReport(outcome.values, conditions, residuals, targets(), `tol·max(u^{2/3}, |λ|) with tol = ${params.tol.toExponential(0)}`);
  if (outcome.status !== 'converged') {
    warnings.unshift(`${outcome.status}: ${outcome.values.length} of ${params.k} wanted eigenvalues converged after ${outcome.restarts} restarts`);
  }
  return {
    status: outcome.status,
    eigenvalues: outcome.values,
    residuals,
    iterations: restarts,
    matvecs,
    ...(params.vectors && outcome.vectors ? { vectors: outcome.vectors } : {}),
    conditions,
    errorBounds: accuracy.errorBounds,
    illConditioned: accuracy.illConditioned,
    warnings: [...warnings, ...accuracy.warnings],
    nConverged: outcome.values.length,
    ncv: params.m,
    basisOrthogonality: outcome.basisOrthogonality,
    kRaised: outcome.kRaised,
    locked: outcome.locked,
  };
}

/**
 * k eigenvalues of a real square operator (nonsymmetric) by restarted Arnoldi with full
 * reorthogonalisation (Krylov–Schur restart with locking). Complex eigenvalues come as {re, im};
 * conjugate pairs are adjacent (positive imaginary part first) and never split (k + 1 values then,
 * kRaised). Each value has its residual, condition number (left vectors from a solve with Aᵀ, when
 * the operator has multiplyTransposed), accuracy bound κ·r and an illConditioned flag.
 * Needs k ≤ n − 2 and k + 2 ≤ ncv ≤ n.
 */
export function eigs(rt: Runtime, op: LinearOperator, options: EigsOptions = {}): KrylovResult {
  return solve(rt, op, validate('eigs', op, options, false));
}

/**
 * k eigenvalues of a symmetric operator by thick-restart Lanczos with full reorthogonalisation.
 * The operator must be symmetric (e.g. symmetricPartOperator): a randomised test (two products)
 * rejects a nonsymmetric one with a RangeError. κ = 1 for every eigenvalue (Bauer–Fike).
 * Eigenvalues are ordered by `which` (BE: ascending). Needs k ≤ n − 1 and k + 1 ≤ ncv ≤ n.
 */
export function eigsh(rt: Runtime, op: LinearOperator, options: EigshOptions = {}): KrylovResult {
  return solve(rt, op, validate('eigsh', op, options, true));
}
