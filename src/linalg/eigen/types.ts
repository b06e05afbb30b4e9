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
