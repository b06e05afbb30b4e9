/**
 * Krylov eigensolvers for operators y = A·x: restarted Arnoldi (eigs, real nonsymmetric) and
 * thick-restart Lanczos (eigsh, symmetric), both with full DGKS reorthogonalisation.
 *
 * Method (Stewart's Krylov–Schur, SIAM J. Matrix Anal. Appl. 23, 2001; for symmetric A it is the
 * thick restart of Wu & Simon, SIAM J. Matrix Anal. Appl. 22, 2000). After m = ncv steps,
 *   A·V_m = V_m·H_m + β·v_m·e_mᵀ,   V_mᵀV_m = I.
 * The Ritz pairs (θ, V_m·y) of H_m have residual ‖A·V_m·y − θ·V_m·y‖ = |β|·|e_mᵀy| (ARPACK's
 * estimate), accepted when ≤ tol·max(u^{2/3}, |θ|) as in ARPACK. To restart, an orthonormal basis
 * Y of the wanted Ritz vectors' span (real and imaginary parts of complex pairs; an invariant
 * subspace of H_m) gives V_p ← V_m·Y, H_p ← YᵀH_mY and the coupling row β·e_mᵀY, so that
 * A·V_p = V_p·H_p + β·v_m·(e_mᵀY) — a Krylov decomposition from which Arnoldi continues. Exact
 * shifts in ARPACK's implicit restart produce the same subspace; ordering the Schur form is
 * replaced by orthonormalising Y. The projected problem is solved by the dense kernels
 * (Hessenberg–QR, or tridiagonal QL for symmetric A).
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
import { schurEigenvectors, explicitResiduals, normalised, schurEigen, symmetricEigen } from './dense.js';
import {
  type ComplexVector, type EigenResult, NONSYMMETRIC_WHICH, type NonsymmetricWhich, SYMMETRIC_WHICH,
  type SymmetricWhich, type Which, wantedOrder,
} from './types.js';

const EPS = Number.EPSILON;
/** ARPACK's floor for the relative convergence test: u^{2/3}. */
const EPS23 = EPS ** (2 / 3);
/** DGKS: a second pass is needed when a pass keeps less than 1/√2 of the norm. */
const DGKS_ETA = Math.SQRT1_2;
/** Below this fraction of ‖A·v_j‖ the residual is refined once more before it is trusted. */
const REFINE_BELOW = 1e-8;
/** Random vectors tried when the Krylov space became invariant (ARPACK dgetv0 tries 3). */
const RANDOM_RESTART_ATTEMPTS = 3;

export interface KrylovOptions {
  /** Number of eigenvalues wanted (default 6). */
  k?: number;
  /** Relative tolerance on the residual: ‖Av − θv‖ ≤ tol·max(u^{2/3}, |θ|) (default 1e-10; 0 means u). */
  tol?: number;
  /** Krylov subspace size m (default min(n, max(2k + 1, 20))). */
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
  values: { re: number; im: number }[];
  estimates: number[];
  vectors?: ComplexVector[];
  basisOrthogonality: number;
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
  const k = options.k ?? Math.min(6, kMax);
  if (!(Number.isInteger(k) && k >= 1 && k <= kMax)) {
    throw new RangeError(
      `${where}: k must be an integer in [1, ${kMax}] (n ${symmetric ? '− 1' : '− 2'} for ${symmetric ? 'Lanczos' : 'Arnoldi'}; ` +
        `got ${String(k)}); use eigDense for all eigenvalues of a small matrix`,
    );
  }
  const ncvMin = symmetric ? k + 1 : k + 2;
  const m = requireInt(where, 'ncv', options.ncv ?? Math.min(n, Math.max(2 * k + 1, 20)), ncvMin, n);
  const which = requireOneOf(where, 'which', options.which ?? 'LM', symmetric ? SYMMETRIC_WHICH : NONSYMMETRIC_WHICH);
  const tolGiven = requireFinite(where, 'tol', options.tol ?? 1e-10, 0);
  const maxRestarts = requireInt(where, 'maxRestarts', options.maxRestarts ?? Math.max(1000, n));
  if (options.vectors !== undefined && typeof options.vectors !== 'boolean') {
    throw new TypeError(`${where}: vectors must be a boolean (got ${typeof options.vectors})`);
  }
  return {
    n, k, m, which, tol: tolGiven === 0 ? EPS : tolGiven, maxRestarts, seed: options.seed ?? 0,
    vectors: options.vectors ?? false, symmetric,
  };
}

/** Orthonormalises the columns in place by CGS twice, dropping numerically dependent ones. */
function orthonormalColumns(columns: Float64Array[]): Float64Array[] {
  const kept: Float64Array[] = [];
  for (const c of columns) {
    const before = Math.hypot(...c);
    for (let pass = 0; pass < 2; pass++) {
      const coefficients = kept.map((q) => q.reduce((s, qi, i) => s + qi * c[i], 0));
      kept.forEach((q, j) => { for (let i = 0; i < c.length; i++) c[i] -= coefficients[j] * q[i]; });
    }
    const after = Math.hypot(...c);
    if (after > 1e-8 * before) kept.push(c.map((ci) => ci / after));
  }
  return kept;
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

  /** w ← (I − V_count V_countᵀ)w; H column gets the coefficients when given. Returns ‖w‖. */
  #orthogonalize(count: number, column: number | null): number {
    const { core } = this.#rt;
    const { n, m } = this.#p;
    const normBefore = core.blas1_nrm2_f64(this.#w.ptr, n);
    let beta = core.arnoldi_orthogonalize_f64(this.#basis.ptr, n, count, this.#w.ptr, this.#h.ptr, this.#scratch.ptr);
    const coefficients = this.#h.toArray();
    if (beta < REFINE_BELOW * normBefore) {
      // Heavy cancellation: one more DGKS round decides whether w left the span (ARPACK dnaitr step 5).
      const previous = beta;
      beta = core.arnoldi_orthogonalize_f64(this.#basis.ptr, n, count, this.#w.ptr, this.#refine.ptr, this.#scratch.ptr);
      const more = this.#refine.view();
      for (let i = 0; i < count; i++) coefficients[i] += more[i];
      if (beta < DGKS_ETA * previous) beta = 0;
    }
    if (column !== null) for (let i = 0; i < count; i++) this.#hm[i * m + column] = coefficients[i];
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

  /** Number of Ritz vectors to keep: Spectra's k + min(nconv, (m − k)/2), never splitting a conjugate pair. */
  #keepCount(ritz: Ritz, order: number[], nConverged: number): number {
    const { k, m } = this.#p;
    const splits = (count: number) => ritz.partner[order[count - 1]] === order[count];
    const kEff = splits(k) ? k + 1 : k;
    let keep = Math.min(kEff + Math.min(nConverged, Math.floor((m - kEff) / 2)), m - 1);
    if (splits(keep)) keep = keep + 1 <= m - 1 ? keep + 1 : keep - 1;
    return keep;
  }

  /** Restart on the span of the `keep` most wanted Ritz vectors; returns the new basis size p. */
  #restart(ritz: Ritz, order: number[], keep: number, beta: number): number {
    const { n, m } = this.#p;
    const columns: Float64Array[] = [];
    const taken = new Set<number>();
    for (const i of order.slice(0, keep)) {
      if (taken.has(i)) continue;
      taken.add(i).add(ritz.partner[i]);
      columns.push(ritz.y[i].re.slice());
      if (ritz.partner[i] >= 0) columns.push(ritz.y[i].im.slice());
    }
    const y = orthonormalColumns(columns);
    const p = y.length;
    // H_p = Yᵀ·H_m·Y and the coupling row β·e_mᵀY.
    const hy = y.map((c) => Float64Array.from({ length: m }, (_, i) => c.reduce((s, cj, j) => s + this.#hm[i * m + j] * cj, 0)));
    const next = new Float64Array((m + 1) * m);
    for (let r = 0; r < p; r++) for (let c = 0; c < p; c++) next[r * m + c] = y[r].reduce((s, yi, i) => s + yi * hy[c][i], 0);
    for (let c = 0; c < p; c++) next[p * m + c] = beta * y[c][m - 1];
    this.#hm.set(next);
    // V_p = V_m·Y (rows), then v_p = v_m.
    this.#rt.scope(() => {
      const yRowMajor = this.#rt.f64(m * p);
      const view = yRowMajor.view();
      for (let i = 0; i < m; i++) for (let c = 0; c < p; c++) view[i * p + c] = y[c][i];
      const out = this.#rt.f64(p * n);
      this.#rt.core.arnoldi_combine_f64(this.#basis.ptr, n, m, yRowMajor.ptr, p, out.ptr);
      const basis = this.#basis.view();
      basis.set(out.view(), 0);
      basis.copyWithin(p * n, m * n, (m + 1) * n);
    });
    return p;
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

  #outcome(status: Outcome['status'], restarts: number, ritz: Ritz | null, selected: number[], estimates: Float64Array): Outcome {
    const values = ritz ? selected.map((i) => ({ re: ritz.re[i], im: ritz.im[i] })) : [];
    return {
      status, restarts, values,
      estimates: selected.map((i) => estimates[i]),
      vectors: this.#p.vectors && ritz ? this.#ritzVectors(ritz, selected) : undefined,
      basisOrthogonality: this.#orthogonality(),
    };
  }

  /** The iteration: yields matvec requests, returns the outcome. */
  *run(): Generator<MatvecRequest, Outcome, void> {
    const { n, m, k, tol, maxRestarts, which, symmetric } = this.#p;
    const { core } = this.#rt;
    const noRitz = new Float64Array(0);
    if (!this.#randomRow(0)) return this.#outcome('breakdown', 0, null, [], noRitz);
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
      const estimates = Float64Array.from(ritz.y, (y) => Math.abs(beta) * Math.hypot(y.re[m - 1], y.im[m - 1]));
      const order = wantedOrder(ritz.re, ritz.im, which);
      const converged = (i: number) => estimates[i] <= tol * Math.max(EPS23, Math.hypot(ritz.re[i], ritz.im[i]));
      const wanted = order.slice(0, k);
      const done = wanted.filter(converged);
      const final = (status: Outcome['status']) => {
        const selected = which === 'BE' ? [...done].sort((a, b) => ritz.re[a] - ritz.re[b]) : done;
        return this.#outcome(status, restarts, ritz, selected, estimates);
      };
      if (done.length === k) return final('converged');
      if (restarts >= maxRestarts) return final('maxIter');
      start = this.#restart(ritz, order, this.#keepCount(ritz, order, done.length), beta);
    }
  }
}

function solve(rt: Runtime, op: LinearOperator, params: KrylovParams): KrylovResult {
  const solver = new KrylovSchur(rt, params);
  let matvecs = 0;
  let outcome: Outcome;
  try {
    const iteration = solver.run();
    let step = iteration.next();
    while (!step.done) {
      op.multiply(step.value.x, step.value.y);
      matvecs++;
      step = iteration.next();
    }
    outcome = step.value;
  } finally {
    solver.dispose();
  }
  let residuals = outcome.estimates;
  if (outcome.vectors) {
    const multiply = (x: Float64Array) => rt.scope(() => op.multiply(rt.f64From(x)).toArray());
    const explicit = explicitResiduals(multiply, outcome.values, outcome.vectors);
    residuals = explicit.residuals;
    matvecs += explicit.products;
  }
  return {
    status: outcome.status,
    eigenvalues: outcome.values,
    residuals,
    iterations: outcome.restarts,
    matvecs,
    ...(outcome.vectors ? { vectors: outcome.vectors } : {}),
    nConverged: outcome.values.length,
    ncv: params.m,
    basisOrthogonality: outcome.basisOrthogonality,
  };
}

/**
 * k eigenvalues of a real square operator (nonsymmetric) by restarted Arnoldi with full
 * reorthogonalisation (Krylov–Schur restart). Complex eigenvalues come as {re, im}; conjugate
 * pairs are adjacent (positive imaginary part first). Needs k ≤ n − 2 and k + 2 ≤ ncv ≤ n.
 */
export function eigs(rt: Runtime, op: LinearOperator, options: EigsOptions = {}): KrylovResult {
  return solve(rt, op, validate('eigs', op, options, false));
}

/**
 * k eigenvalues of a symmetric operator by thick-restart Lanczos with full reorthogonalisation.
 * The operator must be symmetric (e.g. symmetricPartOperator): the projected matrix is symmetrised,
 * so for a nonsymmetric operator the results mean nothing (use eigs).
 * Eigenvalues are ordered by `which` (BE: ascending). Needs k ≤ n − 1 and k + 1 ≤ ncv ≤ n.
 */
export function eigsh(rt: Runtime, op: LinearOperator, options: EigshOptions = {}): KrylovResult {
  return solve(rt, op, validate('eigsh', op, options, true));
}
