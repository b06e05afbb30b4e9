/**
 * Full spectra of dense matrices: Hessenberg reduction + Francis double-shift QR (nonsymmetric),
 * Householder tridiagonalisation + implicit QL (symmetric), and the symmetric tridiagonal solver
 * alone. The O(n³) work runs in WASM (assembly/kernels/dense-eig.ts); this module validates,
 * copies, orders and normalises. Also the projected-problem solver of the Krylov methods.
 */
import type { Runtime } from '../../runtime.js';
import { requireFinite, requireFiniteArray, requireInt, requireOneOf } from '../../validate.js';
import { F64Buffer } from '../../wasm/arena.js';
import { DenseMatrix } from '../dense.js';
import type { LinearOperator } from '../operator.js';
import { denseFromOperator } from '../operators.js';
import {
  accuracyReport, type Complex, type ComplexVector, type EigenResult, NONSYMMETRIC_WHICH, type NonsymmetricWhich, wantedOrder,
} from './types.js';

/** QR/QL sweeps allowed per eigenvalue before a dense solver gives up (LAPACK's ITMAX is 30). */
const SWEEPS_PER_EIGENVALUE = 30;

/**
 * Panel width of the blocked Hessenberg reduction and the order from which it is used (LAPACK's
 * dgehrd defaults NB = 32, NX = 128: below that the level-3 updates do not pay for the panel work).
 */
const HESSENBERG_BLOCK = 32;
const HESSENBERG_BLOCKED_FROM = 128;
/** Order from which the multishift QR with aggressive early deflation replaces the double-shift QR (measured: 2–3× faster at n = 500, slower below ~300). */
const MULTISHIFT_QR_FROM = 400;

export interface SchurEigen {
  wr: Float64Array;
  wi: Float64Array;
  /** n×n row-major; row j is the eigenvector of j (pairs: real part in row j, imaginary in row j + 1). */
  vectors: Float64Array | null;
  /** dtrsna's S: s_j = |yⱼᴴxⱼ|/(‖xⱼ‖‖yⱼ‖) = 1/κ_j per eigenvalue, when asked for and converged. */
  reciprocalConditions: Float64Array | null;
  sweeps: number;
  /** Leading eigenvalues that did not converge: wr/wi[unconverged..n) are valid. */
  unconverged: number;
}

/**
 * Eigenvalues (and vectors, and reciprocal condition numbers) of the n×n row-major `a` (plain
 * values, or a WASM buffer copied inside WASM memory) through the WASM Hessenberg–QR kernels;
 * conditions need the full Schur form (QR job 2 without vectors).
 */
export function schurEigen(
  rt: Runtime, a: F64Buffer | ArrayLike<number>, n: number, wantVectors: boolean, maxSweeps: number, wantConditions = false,
): SchurEigen {
  return rt.scope(() => {
    const { core } = rt;
    const h = a instanceof F64Buffer ? copyOfBuffer(rt, a) : rt.f64From(a);
    const z = rt.f64(wantVectors ? n * n : 1);
    const work = rt.f64(2 * n);
    const wr = rt.f64(n);
    const wi = rt.f64(n);
    const info = rt.i32(2);
    const job = wantVectors ? 1 : wantConditions ? 2 : 0;
    if (n >= HESSENBERG_BLOCKED_FROM) {
      const panelWork = rt.f64(core.eig_hessenberg_blocked_work(n, HESSENBERG_BLOCK));
      core.eig_hessenberg_blocked_f64(h.ptr, n, z.ptr, wantVectors ? 1 : 0, panelWork.ptr, HESSENBERG_BLOCK);
      panelWork.dispose();
    } else {
      core.eig_hessenberg_f64(h.ptr, n, z.ptr, wantVectors ? 1 : 0, work.ptr);
    }
    if (n >= MULTISHIFT_QR_FROM) {
      const qrWork = rt.f64(core.eig_hqr_multishift_work(n));
      core.eig_hqr_multishift_f64(h.ptr, n, z.ptr, job, wr.ptr, wi.ptr, maxSweeps, info.ptr, qrWork.ptr);
      qrWork.dispose();
    } else {
      core.eig_hqr_f64(h.ptr, n, z.ptr, job, wr.ptr, wi.ptr, maxSweeps, info.ptr);
    }
    const [sweeps, unconverged] = info.toArray();
    let reciprocalConditions: Float64Array | null = null;
    if (wantConditions && unconverged === 0) {
      const s = rt.f64(n);
      core.eig_schur_condition_f64(h.ptr, n, wr.ptr, wi.ptr, rt.f64(2 * n * n + 2 * n).ptr, s.ptr);
      reciprocalConditions = s.toArray();
    }
    if (wantVectors && unconverged === 0) core.eig_schur_vectors_f64(h.ptr, n, z.ptr, wr.ptr, wi.ptr, rt.f64(core.eig_schur_vectors_work(n)).ptr);
    return {
      wr: wr.toArray(), wi: wi.toArray(), sweeps, unconverged, reciprocalConditions,
      vectors: wantVectors && unconverged === 0 ? z.toArray() : null,
    };
  });
}

/** A new buffer with a's contents, copied buffer to buffer (a's values are finite already). */
function copyOfBuffer(rt: Runtime, a: F64Buffer): F64Buffer {
  const copy = rt.f64(a.length);
  copy.view().set(a.view());
  return copy;
}

export interface SymmetricEigen {
  /** Ascending when converged. */
  d: Float64Array;
  /** n×n row-major; row i is the unit eigenvector of d[i]. */
  vectors: Float64Array | null;
  sweeps: number;
  /** Eigenvalues that did not converge: d[0..n − unconverged) are valid. */
  unconverged: number;
}

/** Symmetric eigenproblem of `a` (only the symmetric part is meaningful) through tred2 + tql2 in WASM. */
export function symmetricEigen(rt: Runtime, a: ArrayLike<number>, n: number, wantVectors: boolean, maxSweeps: number): SymmetricEigen {
  return rt.scope(() => {
    const q = rt.f64From(a);
    const d = rt.f64(n);
    const e = rt.f64(n);
    rt.core.eig_sym_tridiagonalize_f64(q.ptr, n, d.ptr, e.ptr);
    return tridiagonalQl(rt, d, e, n, wantVectors ? q : null, maxSweeps);
  });
}

/** Implicit QL on (d, e) in WASM buffers; z (rows transformed) is the identity or tred2's Q. */
function tridiagonalQl(rt: Runtime, d: F64Buffer, e: F64Buffer, n: number, z: F64Buffer | null, maxSweeps: number): SymmetricEigen {
  const info = rt.i32(2);
  rt.core.eig_sym_tridiagonal_ql_f64(d.ptr, e.ptr, n, z ? z.ptr : d.ptr, z ? 1 : 0, maxSweeps, info.ptr);
  const [sweeps, unconverged] = info.toArray();
  info.dispose();
  return { d: d.toArray(), vectors: z && unconverged === 0 ? z.toArray() : null, sweeps, unconverged };
}

export interface DenseEigOptions {
  /** Also return unit eigenvectors and explicit residuals ‖Av − λv‖ (default false). */
  vectors?: boolean;
  /**
   * With `vectors`: compute the explicit residuals ‖Av − λv‖ (default true; one n×n×n product, about
   * 7% of the time at n = 1000). false returns the vectors without them, as LAPACK's dgeev does:
   * `residuals` is then empty and the error bounds rest on the backward error ε·‖A‖_F alone.
   */
  residuals?: boolean;
  /** Use the symmetric solver (real eigenvalues, orthonormal vectors); A must be symmetric (default false). */
  symmetric?: boolean;
  /** Order of the returned eigenvalues (default 'LM'; symmetric results are ascending when omitted). */
  which?: NonsymmetricWhich;
  /** Cap on QR/QL sweeps in all (default 30·n). */
  maxSweeps?: number;
  /**
   * Estimate each eigenvalue's condition number from left and right eigenvectors of the Schur form
   * (LAPACK dtrsna; default true). Without vectors it needs the full Schur form: about 1.5× the
   * values-only time.
   */
  condition?: boolean;
  /**
   * Accuracy asked for (default 1e-10): eigenvalues whose bound κ·max(r, ε‖A‖_F) exceeds
   * tol·max(|λ|, ‖A‖_F) are flagged illConditioned.
   */
  tol?: number;
}

/** Default dense accuracy target (the Krylov solvers' default tol). */
const DEFAULT_DENSE_TOL = 1e-10;

/**
 * A square matrix for the dense solver: a DenseMatrix, n and n² row-major values, or any square
 * LinearOperator (a Network, a CsrMatrix, …), materialised column by column with n products.
 */
export type DenseInput = DenseMatrix | LinearOperator | { n: number; values: ArrayLike<number> };

function denseValues(rt: Runtime, where: string, input: DenseInput): { n: number; values: ArrayLike<number> } {
  if (input instanceof DenseMatrix) {
    if (input.nRows !== input.nCols) throw new RangeError(`${where}: matrix must be square (got ${input.nRows}×${input.nCols})`);
    return { n: input.nRows, values: input.data.view() };
  }
  if (input === null || typeof input !== 'object') {
    throw new TypeError(`${where}: matrix must be a DenseMatrix, a square LinearOperator or { n, values }`);
  }
  if ('multiply' in input && typeof input.multiply === 'function') return { n: input.nRows, values: denseFromOperator(rt, input) };
  if (!('values' in input)) throw new TypeError(`${where}: matrix must be a DenseMatrix, a square LinearOperator or { n, values }`);
  const n = requireInt(where, 'matrix.n', input.n, 1);
  requireFiniteArray(where, 'matrix.values', input.values);
  if (input.values.length !== n * n) {
    throw new RangeError(`${where}: matrix must be square: values has ${input.values.length} entries, expected n² = ${n * n}`);
  }
  return { n, values: input.values };
}

/**
 * Unit eigenvectors from the rows of `z` (pairs: real part in row j, imaginary in row j + 1), per
 * eigenvalue index. All parts are views on one allocation (2·k·n entries): thousands of separate
 * n-entry arrays cost more in allocation and garbage collection than filling them.
 */
export function schurEigenvectors(z: Float64Array, n: number, wi: Float64Array, indices: number[]): ComplexVector[] {
  const store = new Float64Array(2 * indices.length * n);
  return indices.map((j, k) => {
    const re = store.subarray(2 * k * n, 2 * k * n + n);
    const im = store.subarray(2 * k * n + n, 2 * k * n + 2 * n);
    if (wi[j] !== 0) {
      const [rc, ic, sign] = wi[j] > 0 ? [j, j + 1, 1] : [j - 1, j, -1];
      re.set(z.subarray(rc * n, rc * n + n));
      for (let i = 0; i < n; i++) im[i] = sign * z[ic * n + i];
    } else {
      re.set(z.subarray(j * n, j * n + n));
    }
    return normalised({ re, im });
  });
}

/** v / ‖v‖₂ (complex 2-norm), in place. */
export function normalised(v: ComplexVector): ComplexVector {
  let s = 0;
  for (let i = 0; i < v.re.length; i++) s += v.re[i] * v.re[i] + v.im[i] * v.im[i];
  const inv = s > 0 ? 1 / Math.sqrt(s) : 1;
  for (let i = 0; i < v.re.length; i++) {
    v.re[i] *= inv;
    v.im[i] *= inv;
  }
  return v;
}

/**
 * ‖A·v − λ·v‖₂² for v = a + ib and λ = α + iβ from the products Aa and Ab (null when β = 0 and b = 0):
 * the residual is (Aa − αa + βb) + i(Ab − αb − βa).
 */
function squaredResidual(alpha: number, beta: number, a: Float64Array, b: Float64Array | null, aa: Float64Array, ab: Float64Array | null): number {
  let s = 0;
  if (b === null || ab === null) {
    for (let i = 0; i < a.length; i++) {
      const r = aa[i] - alpha * a[i];
      s += r * r;
    }
    return s;
  }
  // A loop per case rather than per-entry null tests, which kept this pass slow in V8 (n² entries).
  for (let i = 0; i < a.length; i++) {
    const r = aa[i] - alpha * a[i] + beta * b[i];
    const q = ab[i] - alpha * b[i] - beta * a[i];
    s += r * r + q * q;
  }
  return s;
}

/**
 * ‖A·v − λ·v‖₂ for each (λ, v) with A given by `multiply` on plain arrays (see squaredResidual).
 * Returns the residuals and the number of products (one per real vector, two per complex one).
 */
export function explicitResiduals(
  multiply: (x: Float64Array) => Float64Array, values: Complex[], vectors: ComplexVector[],
): { residuals: number[]; products: number } {
  let products = 0;
  const residuals = values.map(({ re: alpha, im: beta }, k) => {
    const { re: a, im: b } = vectors[k];
    const aa = multiply(a);
    const ab = beta === 0 ? null : multiply(b);
    products += ab === null ? 1 : 2;
    return Math.sqrt(squaredResidual(alpha, beta, a, ab === null ? null : b, aa, ab));
  });
  return { residuals, products };
}

/**
 * Residuals ‖A·v − λ·v‖₂/‖v‖₂ of the eigenvectors stored in the rows of z (n×n; a pair with
 * wi[j] > 0 has its real part in row j and its imaginary part in row j + 1, and both eigenvalues
 * of the pair get the same residual), per row index. All n products A·z_j run in one WASM pass
 * (gemm_rows_f64: A streams once per 16 vectors, each product equal to gemv's bit for bit). A is
 * a WASM buffer (used in place) or plain values (copied in).
 */
export function denseRowResiduals(
  rt: Runtime, matrix: F64Buffer | ArrayLike<number>, n: number, z: Float64Array, wr: Float64Array, wi: Float64Array,
): Float64Array {
  const products = rt.scope(() => {
    const a = matrix instanceof F64Buffer ? matrix : rt.f64From(matrix);
    const x = rt.f64(n * n);
    x.view().set(z); // the solver's own output: finite, no validation pass
    const y = rt.f64(n * n);
    rt.core.gemm_rows_f64(a.ptr, n, n, x.ptr, n, y.ptr);
    return y.toArray();
  });
  const row = (m: Float64Array, j: number) => m.subarray(j * n, j * n + n);
  const squaredNorm = (v: Float64Array) => {
    let s = 0;
    for (let i = 0; i < v.length; i++) s += v[i] * v[i];
    return s;
  };
  const residuals = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    if (wi[j] > 0 && j + 1 < n) {
      const [a, b] = [row(z, j), row(z, j + 1)];
      const r = Math.sqrt(squaredResidual(wr[j], wi[j], a, b, row(products, j), row(products, j + 1)) / (squaredNorm(a) + squaredNorm(b)));
      residuals[j] = r;
      residuals[j + 1] = r;
      j++;
    } else {
      const a = row(z, j);
      residuals[j] = Math.sqrt(squaredResidual(wr[j], 0, a, null, row(products, j), null) / squaredNorm(a));
    }
  }
  return residuals;
}

/**
 * All eigenvalues (and optionally eigenvectors) of a dense square matrix, in WASM. Nonsymmetric:
 * Householder–Hessenberg (blocked from n = 128) then Francis double-shift QR (Golub & Van Loan
 * §7.4–7.5), or from n = 400 small-bulge multishift QR with aggressive early deflation (LAPACK's
 * dlaqr0 design); vectors by back-substitution and a blocked back-transformation, their residuals
 * from n products with A in one WASM pass (`matvecs` = n). Symmetric: tridiagonalisation then
 * implicit QL. Sweeps are capped; if the cap is hit the status is 'maxIter' and the eigenvalues
 * that converged are returned. Suitable up to a few thousand rows (O(n³)).
 */
export function eigDense(rt: Runtime, matrix: DenseInput, options: DenseEigOptions = {}): EigenResult {
  return rt.scope(() => eigDenseScoped(rt, matrix, options));
}

function eigDenseScoped(rt: Runtime, matrix: DenseInput, options: DenseEigOptions): EigenResult {
  const where = 'eigDense';
  const { n, values } = denseValues(rt, where, matrix);
  // A in WASM memory once (a DenseMatrix's own buffer, else one copy): ‖A‖_F (scaled, blas1 nrm2),
  // the nonsymmetric solver's input (copied buffer to buffer) and the residual products all read it.
  const aInWasm = matrix instanceof DenseMatrix ? matrix.data : rt.f64(n * n);
  if (!(matrix instanceof DenseMatrix)) aInWasm.view().set(values); // validated by denseValues
  const normA = rt.core.blas1_nrm2_f64(aInWasm.ptr, n * n);
  const wantVectors = options.vectors ?? false;
  const which = options.which === undefined ? undefined : requireOneOf(where, 'which', options.which, NONSYMMETRIC_WHICH);
  const maxSweeps = requireInt(where, 'maxSweeps', options.maxSweeps ?? SWEEPS_PER_EIGENVALUE * Math.max(n, 10), 0, 2 ** 31 - 1);
  const tol = requireFinite(where, 'tol', options.tol ?? DEFAULT_DENSE_TOL, 0);
  const wantConditions = options.condition ?? true;
  if (typeof wantConditions !== 'boolean') throw new TypeError(`${where}: condition must be a boolean (got ${typeof wantConditions})`);
  const wantResiduals = options.residuals ?? true;
  if (typeof wantResiduals !== 'boolean') throw new TypeError(`${where}: residuals must be a boolean (got ${typeof wantResiduals})`);
  let re: Float64Array;
  let im: Float64Array;
  let valid: number[];
  let vectorsOf: ((indices: number[]) => ComplexVector[]) | null = null;
  let rowResiduals: (() => Float64Array) | null = null;
  let sweeps: number;
  let unconverged: number;
  let kappa: (i: number) => number;
  if (options.symmetric) {
    const sym = symmetricEigen(rt, values, n, wantVectors, maxSweeps);
    ({ sweeps, unconverged } = sym);
    re = sym.d;
    im = new Float64Array(n);
    valid = Array.from({ length: n - unconverged }, (_, i) => i);
    const z = sym.vectors;
    if (z) {
      vectorsOf = (indices) => indices.map((i) => ({ re: z.slice(i * n, i * n + n), im: new Float64Array(n) }));
      rowResiduals = () => denseRowResiduals(rt, aInWasm, n, z, sym.d, im);
    }
    kappa = () => 1; // orthogonal eigenvectors
  } else {
    const schur = schurEigen(rt, aInWasm, n, wantVectors, maxSweeps, wantConditions);
    ({ sweeps, unconverged } = schur);
    re = schur.wr;
    im = schur.wi;
    valid = Array.from({ length: n - unconverged }, (_, i) => i + unconverged);
    const z = schur.vectors;
    if (z) {
      vectorsOf = (indices) => schurEigenvectors(z, n, schur.wi, indices);
      rowResiduals = () => denseRowResiduals(rt, aInWasm, n, z, schur.wr, schur.wi);
    }
    const s = schur.reciprocalConditions;
    kappa = (i) => (s ? 1 / s[i] : Number.NaN);
  }
  const order = which === undefined && options.symmetric ? valid : wantedOrder(valid.map((i) => re[i]), valid.map((i) => im[i]), which ?? 'LM').map((i) => valid[i]);
  const eigenvalues = order.map((i) => ({ re: re[i], im: im[i] }));
  const result: EigenResult = {
    status: unconverged === 0 ? 'converged' : 'maxIter',
    eigenvalues,
    residuals: [],
    iterations: sweeps,
    matvecs: 0,
    conditions: order.map(kappa),
    errorBounds: [],
    illConditioned: [],
    warnings: unconverged === 0 ? [] : [`maxIter: ${unconverged} of ${n} eigenvalues did not converge in ${sweeps} QR sweeps`],
  };
  if (vectorsOf && rowResiduals) {
    result.vectors = vectorsOf(order);
    if (wantResiduals) {
      const byRow = rowResiduals();
      Object.assign(result, { residuals: order.map((i) => byRow[i]), matvecs: n });
    }
  }
  // Backward error of Householder + QR: ε·‖A‖_F (LAPACK's EERRBD = ε·‖A‖/RCONDE); an explicit residual when larger.
  const perturbations = eigenvalues.map((_, i) => Math.max(result.residuals[i] ?? 0, Number.EPSILON * normA));
  const targets = eigenvalues.map((e) => tol * Math.max(Math.hypot(e.re, e.im), normA));
  const accuracy = accuracyReport(eigenvalues, result.conditions, perturbations, targets, `tol·max(|λ|, ‖A‖_F) with tol = ${tol.toExponential(0)}`);
  Object.assign(result, { errorBounds: accuracy.errorBounds, illConditioned: accuracy.illConditioned });
  result.warnings.push(...(wantConditions || options.symmetric ? accuracy.warnings
    : ['condition numbers not estimated (condition: false): accuracy is unknown beyond the backward error']));
  return result;
}

export interface TridiagonalOptions {
  vectors?: boolean;
  maxSweeps?: number;
}

/**
 * Eigenvalues (ascending) and optionally unit eigenvectors of the symmetric tridiagonal matrix with
 * the given diagonal (length n) and off-diagonal (length n − 1), by implicit QL with Wilkinson
 * shifts in WASM.
 */
export function eigSymTridiagonal(
  rt: Runtime, diagonal: ArrayLike<number>, offDiagonal: ArrayLike<number>, options: TridiagonalOptions = {},
): EigenResult {
  const where = 'eigSymTridiagonal';
  requireFiniteArray(where, 'diagonal', diagonal);
  requireFiniteArray(where, 'offDiagonal', offDiagonal);
  const n = diagonal.length;
  if (n < 1) throw new RangeError(`${where}: diagonal must have at least one entry`);
  if (offDiagonal.length !== n - 1) {
    throw new RangeError(`${where}: offDiagonal has length ${offDiagonal.length}, expected diagonal.length − 1 = ${n - 1}`);
  }
  const maxSweeps = requireInt(where, 'maxSweeps', options.maxSweeps ?? SWEEPS_PER_EIGENVALUE * Math.max(n, 10), 0, 2 ** 31 - 1);
  const wantVectors = options.vectors ?? false;
  const sym = rt.scope(() => {
    const d = rt.f64From(diagonal);
    const e = rt.f64(n);
    e.set(offDiagonal, 1);
    const z = wantVectors ? rt.f64(n * n) : null;
    if (z) {
      const view = z.view();
      for (let i = 0; i < n; i++) view[i * n + i] = 1;
    }
    return tridiagonalQl(rt, d, e, n, z, maxSweeps);
  });
  const count = n - sym.unconverged;
  const eigenvalues = Array.from(sym.d.subarray(0, count), (re) => ({ re, im: 0 }));
  const result: EigenResult = {
    status: sym.unconverged === 0 ? 'converged' : 'maxIter', eigenvalues, residuals: [], iterations: sym.sweeps, matvecs: 0,
    conditions: eigenvalues.map(() => 1), errorBounds: [], illConditioned: [], warnings: [],
  };
  const z = sym.vectors;
  if (z) {
    const vectors = eigenvalues.map((_, i) => ({ re: z.slice(i * n, i * n + n), im: new Float64Array(n) }));
    const multiply = (x: Float64Array): Float64Array =>
      Float64Array.from(x, (xi, i) => diagonal[i] * xi + (i > 0 ? offDiagonal[i - 1] * x[i - 1] : 0) + (i < n - 1 ? offDiagonal[i] * x[i + 1] : 0));
    const { residuals, products } = explicitResiduals(multiply, eigenvalues, vectors);
    Object.assign(result, { vectors, residuals, matvecs: products });
  }
  // Symmetric: κ = 1, so the bound is the backward error ε·‖T‖_F (or the explicit residual).
  let normT = 0;
  for (let i = 0; i < n; i++) normT = Math.hypot(normT, diagonal[i], i + 1 < n ? Math.SQRT2 * offDiagonal[i] : 0);
  const perturbations = eigenvalues.map((_, i) => Math.max(result.residuals[i] ?? 0, Number.EPSILON * normT));
  const targets = eigenvalues.map((e) => DEFAULT_DENSE_TOL * Math.max(Math.abs(e.re), normT));
  const accuracy = accuracyReport(eigenvalues, result.conditions, perturbations, targets, 'tol·max(|λ|, ‖T‖_F) with tol = 1e-10');
  return Object.assign(result, { errorBounds: accuracy.errorBounds, illConditioned: accuracy.illConditioned, warnings: accuracy.warnings });
}

/** Largest |λ| among eigenvalues (0 for none). */
export function spectralRadiusOf(eigenvalues: Complex[]): number {
  return eigenvalues.reduce((m, { re, im }) => Math.max(m, Math.hypot(re, im)), 0);
}

