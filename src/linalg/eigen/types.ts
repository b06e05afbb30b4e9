/** Results and orderings shared by the dense and Krylov eigensolvers. */

/** How a solver stopped: all wanted eigenvalues converged, the iteration cap was hit, or it could not go on. */
export type SolverStatus = 'converged' | 'maxIter' | 'breakdown';

/** A (possibly complex) eigenvalue re + i·im; real eigenvalues have im = 0. */
export interface Complex {
  re: number;
  im: number;
}

/** A (possibly complex) vector re + i·im, unit 2-norm; real vectors have im all zero. */
export interface ComplexVector {
  re: Float64Array;
  im: Float64Array;
}

export interface EigenResult {
  status: SolverStatus;
  /** Eigenvalues, in the order the solver's `which` asks for; on early stop only those that converged. */
  eigenvalues: Complex[];
  /**
   * ‖A·v − λ·v‖₂ for unit v, one per eigenvalue: computed explicitly when eigenvectors were asked
   * for; otherwise the Krylov solvers give Arnoldi's estimate |β_m|·|e_mᵀy| and the dense solvers none.
   */
  residuals: number[];
  /** QR sweeps (dense) or restarts (Krylov). */
  iterations: number;
  /** Products y = A·x with the operator. */
  matvecs: number;
  /** Eigenvectors, one per eigenvalue, when asked for. */
  vectors?: ComplexVector[];
  /**
   * Condition number κ_i = ‖x‖‖y‖/|yᴴx| of each eigenvalue from its right (x) and left (y)
   * eigenvectors (Wilkinson; LAPACK's dtrsna gives 1/κ as S); ∞ when yᴴx vanished, NaN when it
   * could not be estimated (an operator without multiplyTransposed, or `condition: false`).
   */
  conditions: number[];
  /**
   * First-order accuracy bound |λ̂_i − λ_i| ≲ κ_i·r_i, with r_i the residual (Krylov) or the backward
   * error u·‖A‖_F of the QR algorithm (dense); NaN when κ_i is unknown.
   */
  errorBounds: number[];
  /**
   * True where the bound exceeds the requested accuracy (Krylov: tol·max(u^{2/3}, |λ̂_i|), the
   * convergence test's; dense: tol·max(|λ̂_i|, ‖A‖_F), tol = 1e-10 unless given): the value may lie
   * anywhere in the pseudospectrum and its digits are not to be trusted.
   */
  illConditioned: boolean[];
  /** Human-readable warnings about the result (ill-conditioned values, an uncertain k-th value, raised k, …). */
  warnings: string[];
}

/** ARPACK's floor for relative tests, u^{2/3} (from ε = 2u as ARPACK's dlamch('E')). */
export const EPS23 = Number.EPSILON ** (2 / 3);

/** tol·max(u^{2/3}, |λ|): the accuracy asked of a Krylov eigenvalue λ (ARPACK's relative test). */
export function accuracyTarget(tol: number, lambda: Complex): number {
  return tol * Math.max(EPS23, Math.hypot(lambda.re, lambda.im));
}

/**
 * Error bounds κ_i·perturbation_i, the illConditioned flags (bound > target_i) and one warning
 * naming the flagged values; `what` says what the targets are (for the message).
 */
export function accuracyReport(
  eigenvalues: Complex[], conditions: number[], perturbations: number[], targets: number[], what: string,
): { errorBounds: number[]; illConditioned: boolean[]; warnings: string[] } {
  const errorBounds = eigenvalues.map((_, i) => conditions[i] * perturbations[i]);
  const illConditioned = eigenvalues.map((_, i) => errorBounds[i] > targets[i]);
  const flagged = illConditioned.flatMap((bad, i) => (bad ? [i] : []));
  const warnings = flagged.length === 0 ? [] : [
    `ill-conditioned: eigenvalue${flagged.length > 1 ? 's' : ''} #${flagged.map((i) => i + 1).join(', #')} ` +
      `(κ up to ${Math.max(...flagged.map((i) => conditions[i])).toExponential(1)}) have accuracy bounds κ·r above ${what}: ` +
      'they may lie anywhere in the pseudospectrum, far from the true eigenvalues',
  ];
  return { errorBounds, illConditioned, warnings };
}

/** Orders for nonsymmetric problems: largest magnitude, largest/smallest real part, largest/smallest |imaginary part|. */
export const NONSYMMETRIC_WHICH = ['LM', 'LR', 'SR', 'LI', 'SI'] as const;
export type NonsymmetricWhich = (typeof NONSYMMETRIC_WHICH)[number];
/** Orders for symmetric problems: largest/smallest algebraic, largest magnitude, both ends. */
export const SYMMETRIC_WHICH = ['LA', 'SA', 'LM', 'BE'] as const;
export type SymmetricWhich = (typeof SYMMETRIC_WHICH)[number];
export type Which = NonsymmetricWhich | SymmetricWhich;

/**
 * Indices of (re, im) from most to least wanted under `which`. Ties (conjugate pairs) put the
 * positive imaginary part first, so pairs stay adjacent. BE alternates largest, smallest, second
 * largest, … (ARPACK takes the extra one from the top when k is odd).
 */
export function wantedOrder(re: ArrayLike<number>, im: ArrayLike<number>, which: Which): number[] {
  const n = re.length;
  const index = Array.from({ length: n }, (_, i) => i);
  if (which === 'BE') {
    index.sort((a, b) => re[a] - re[b]);
    const out: number[] = [];
    for (let lo = 0, hi = n - 1; lo <= hi; hi--, lo++) {
      out.push(index[hi]);
      if (lo < hi) out.push(index[lo]);
    }
    return out;
  }
  const key = (i: number): number => {
    switch (which) {
      case 'LM': return -Math.hypot(re[i], im[i]);
      case 'LR': case 'LA': return -re[i];
      case 'SR': case 'SA': return re[i];
      case 'LI': return -Math.abs(im[i]);
      case 'SI': return Math.abs(im[i]);
    }
  };
  const keys = index.map(key);
  return index.sort((a, b) => keys[a] - keys[b] || im[b] - im[a]);
}
