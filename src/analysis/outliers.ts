/**
 * Eigenvalue outliers of a connectivity matrix: the eigenvalues λ with |λ| > bulkRadius·(1 + margin).
 * For a random J with i.i.d.-like entries of variance g²/K (or g²/N) the bulk fills the disc of
 * radius g (circular law; Rajan & Abbott 2006 for sparse and structured variants), so trained
 * structure shows up as eigenvalues outside it (Sussillo & Abbott 2009; Rivkind & Barak 2017).
 * The margin absorbs the finite-n edge: for Ginibre matrices the spectral radius exceeds the bulk
 * radius by about √(γ_n/(4n)), γ_n = ln(n/2π) − 2 ln ln n (Rider 2003), ≈ 1.7 % at n = 1000, with
 * fluctuations of the same order; the default margin of 5 % is about three times that.
 * Two solvers: all eigenvalues by dense QR (O(n³)), or the largest ones by restarted Arnoldi on the
 * dense matrix (O(n²) per product), asking for more until one lies inside the threshold.
 */
import { eigDense } from '../linalg/eigen/dense.js';
import { eigs } from '../linalg/eigen/krylov.js';
import type { Complex } from '../linalg/eigen/types.js';
import type { Runtime } from '../runtime.js';
import { requireFinite, requireFiniteArray, requireInt, requirePositive } from '../validate.js';

/** A (possibly complex) eigenvalue. */
export type Eigenvalue = Complex;

/**
 * A solver for the eigenvalues of a dense n×n row-major matrix: all of them, or (given `wanted`) at
 * least every one with |λ| > wanted.above, the largest |λ|, and one with |λ| ≤ wanted.above unless none exists.
 */
export type EigenvalueSolver = (rt: Runtime, matrix: { n: number; values: Float64Array }, wanted?: { above: number }) => Eigenvalue[];

export interface OutlierOptions {
  /** Radius of the bulk (e.g. the gain g of the untrained network). */
  bulkRadius: number;
  /** Relative margin: outliers have |λ| > bulkRadius·(1 + margin) (default 0.05). */
  margin?: number;
  /** The eigenvalue solver (default denseEigenvalues; krylovEigenvalues for large n). */
  solver?: EigenvalueSolver;
}

export interface EigenvalueOutliers {
  bulkRadius: number;
  /** bulkRadius·(1 + margin). */
  threshold: number;
  count: number;
  /** Outliers by decreasing modulus; conjugate pairs adjacent, positive imaginary part first. */
  values: Eigenvalue[];
  /** Largest |λ| of the whole spectrum. */
  spectralRadius: number;
}

/**
 * All eigenvalues by the dense Hessenberg–QR solver (eigDense; O(n³), seconds at n = 1000). Throws
 * if the QR sweeps do not converge, since a partial spectrum could miss outliers.
 */
export const denseEigenvalues: EigenvalueSolver = (rt, matrix) => {
  const result = eigDense(rt, matrix);
  if (result.status !== 'converged') {
    throw new Error(`eigenvalueOutliers: the dense eigensolver stopped with status '${result.status}' after ${result.iterations} sweeps`);
  }
  return result.eigenvalues;
};

/** Below this size (or when more than n/4 eigenvalues would be needed) krylovEigenvalues uses the dense solver. */
const KRYLOV_MIN_N = 64;

/**
 * The eigenvalues of largest modulus by eigs (LM, tol 1e-10, no condition numbers), k = 16, 32, …
 * until the smallest converged one has |λ| ≤ wanted.above; all eigenvalues (denseEigenvalues) for
 * small n, without `wanted`, or once 4k > n. Each product costs n² (seconds at n = 2000, where the
 * dense solver takes minutes). Throws if eigs stops before reaching the threshold.
 */
export const krylovEigenvalues: EigenvalueSolver = (rt, matrix, wanted) => {
  const { n } = matrix;
  if (wanted === undefined || n < KRYLOV_MIN_N) return denseEigenvalues(rt, matrix);
  using operator = rt.dense(n, n, matrix.values);
  for (let k = 16; 4 * k <= n; k *= 2) {
    const result = eigs(rt, operator, { k, which: 'LM', tol: 1e-10, condition: false });
    const moduli = result.eigenvalues.map((e) => Math.hypot(e.re, e.im));
    if (moduli.length > 0 && Math.min(...moduli) <= wanted.above) return result.eigenvalues;
    if (result.status !== 'converged') {
      throw new Error(`eigenvalueOutliers: eigs stopped with status '${result.status}' (${result.nConverged} of ${k} converged, ` +
        `all above ${wanted.above}); use solver denseEigenvalues`);
    }
  }
  return denseEigenvalues(rt, matrix);
};

/** Outliers of a dense n×n row-major matrix beyond the stated bulk radius (see the file comment). */
export function eigenvalueOutliers(rt: Runtime, matrix: { n: number; values: Float64Array }, options: OutlierOptions): EigenvalueOutliers {
  const where = 'eigenvalueOutliers';
  const n = requireInt(where, 'matrix.n', matrix?.n, 1);
  requireFiniteArray(where, 'matrix.values', matrix.values);
  if (matrix.values.length !== n * n) {
    throw new RangeError(`${where}: matrix.values has ${matrix.values.length} entries, expected n² = ${n * n}`);
  }
  const bulkRadius = requirePositive(where, 'bulkRadius', options.bulkRadius);
  const margin = requireFinite(where, 'margin', options.margin ?? 0.05, 0);
  const solver = options.solver ?? denseEigenvalues;
  if (typeof solver !== 'function') throw new TypeError(`${where}: solver must be a function (rt, matrix) => {re, im}[]`);
  const threshold = bulkRadius * (1 + margin);
  const eigenvalues = solver(rt, matrix, { above: threshold });
  const modulus = (e: Eigenvalue) => Math.hypot(e.re, e.im);
  const values = eigenvalues
    .filter((e) => modulus(e) > threshold)
    .sort((a, b) => modulus(b) - modulus(a) || b.im - a.im);
  const spectralRadius = eigenvalues.reduce((r, e) => Math.max(r, modulus(e)), 0);
  return { bulkRadius, threshold, count: values.length, values, spectralRadius };
}
