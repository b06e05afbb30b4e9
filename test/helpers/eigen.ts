/** Test matrices with known spectra, built in plain JS from seeded draws (independent of the WASM generator). */
import seedrandom from 'seedrandom';
import { type Complex, eigDense, type NonsymmetricWhich, type Runtime } from '../../src/index.js';

/** n×n row-major with i.i.d. N(0, std²) entries (Box–Muller on seedrandom). */
export function gaussianMatrix(seed: string, n: number, std = 1): Float64Array {
  const rng = seedrandom(seed);
  return Float64Array.from({ length: n * n }, () => std * Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng()));
}

export function matmul(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) for (let j = 0; j < n; j++) c[i * n + j] += a[i * n + k] * b[k * n + j];
  return c;
}

export function transpose(a: Float64Array, n: number): Float64Array {
  return Float64Array.from(a, (_, idx) => a[(idx % n) * n + Math.floor(idx / n)]);
}

export function frobenius(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return Math.sqrt(s);
}

/** A Haar-like random orthogonal matrix (its first `rows` rows): Gram–Schmidt (twice) on the rows of a Gaussian matrix. */
export function randomOrthogonal(seed: string, n: number, rows = n): Float64Array {
  const q = gaussianMatrix(seed, n).subarray(0, rows * n);
  for (let i = 0; i < rows; i++) {
    for (let pass = 0; pass < 2; pass++) {
      for (let j = 0; j < i; j++) {
        let d = 0;
        for (let t = 0; t < n; t++) d += q[i * n + t] * q[j * n + t];
        for (let t = 0; t < n; t++) q[i * n + t] -= d * q[j * n + t];
      }
    }
    let s = 0;
    for (let t = 0; t < n; t++) s += q[i * n + t] ** 2;
    for (let t = 0; t < n; t++) q[i * n + t] /= Math.sqrt(s);
  }
  return q;
}

/**
 * Q·Λ·Qᵀ with Q random orthogonal and Λ block diagonal: real eigenvalues on the diagonal, a pair
 * a ± ib as the normal block [[a, b], [−b, a]] (list the pair once, with b > 0). A is normal, so
 * every eigenvalue has condition number 1.
 */
export function fromSpectrum(seed: string, spectrum: Complex[]): { n: number; values: Float64Array; eigenvalues: Complex[] } {
  const n = spectrum.reduce((s, { im }) => s + (im === 0 ? 1 : 2), 0);
  const lambda = new Float64Array(n * n);
  const eigenvalues: Complex[] = [];
  let i = 0;
  for (const { re, im } of spectrum) {
    lambda[i * n + i] = re;
    if (im === 0) {
      eigenvalues.push({ re, im: 0 });
      i++;
      continue;
    }
    lambda[i * n + i + 1] = im;
    lambda[(i + 1) * n + i] = -im;
    lambda[(i + 1) * n + i + 1] = re;
    eigenvalues.push({ re, im }, { re, im: -im });
    i += 2;
  }
  const q = randomOrthogonal(seed, n);
  return { n, values: matmul(matmul(q, lambda, n), transpose(q, n), n), eigenvalues };
}

/** Monic polynomial coefficients c_0 … c_{n−1} (x^n + c_{n−1}x^{n−1} + … + c_0) with the given roots (pairs listed once). */
export function monicFromRoots(roots: Complex[]): number[] {
  let poly = [1]; // highest degree first
  const times = (p: number[], q: number[]) => {
    const r = new Array<number>(p.length + q.length - 1).fill(0);
    p.forEach((pi, i) => {
      q.forEach((qj, j) => {
        r[i + j] += pi * qj;
      });
    });
    return r;
  };
  for (const { re, im } of roots) poly = times(poly, im === 0 ? [1, -re] : [1, -2 * re, re * re + im * im]);
  return poly.slice(1).reverse();
}

/** Companion matrix of x^n + c_{n−1}x^{n−1} + … + c_0: ones on the subdiagonal, −c in the last column. */
export function companion(c: number[]): { n: number; values: Float64Array } {
  const n = c.length;
  const values = new Float64Array(n * n);
  for (let i = 1; i < n; i++) values[i * n + i - 1] = 1;
  for (let i = 0; i < n; i++) values[i * n + n - 1] = -c[i];
  return { n, values };
}

/** Largest distance from a wanted eigenvalue to its nearest (greedily matched, unused) computed one. */
export function spectrumDistance(got: Complex[], want: Complex[]): number {
  const used = new Set<number>();
  let worst = 0;
  for (const w of want) {
    let best = -1;
    let bestD = Infinity;
    got.forEach((g, i) => {
      const d = Math.hypot(g.re - w.re, g.im - w.im);
      if (!used.has(i) && d < bestD) {
        best = i;
        bestD = d;
      }
    });
    used.add(best);
    worst = Math.max(worst, bestD);
  }
  return worst;
}

/** ‖VᵀV − I‖_max for vectors given as rows. */
export function orthogonalityError(rows: Float64Array[]): number {
  let worst = 0;
  for (const [i, a] of rows.entries()) {
    for (const [j, b] of rows.entries()) {
      let d = 0;
      for (let t = 0; t < a.length; t++) d += a[t] * b[t];
      worst = Math.max(worst, Math.abs(d - (i === j ? 1 : 0)));
    }
  }
  return worst;
}

/**
 * Dense eigenvalues of A in `which` order with their residuals and condition numbers
 * κ_i = ‖x‖‖y‖/|yᴴx| (unit x, y): y is the left eigenvector, the conjugate of Aᵀ's eigenvector z
 * for the same λ, so yᴴx = zᵀx (Wilkinson; Golub & Van Loan §7.2.2). First order, a Ritz value θ
 * with residual r lies within κ·r of λ.
 */
export function conditionedSpectrum(rt: Runtime, values: Float64Array, n: number, which: NonsymmetricWhich) {
  const right = eigDense(rt, { n, values }, { which, vectors: true });
  const left = eigDense(rt, { n, values: transpose(values, n) }, { which, vectors: true });
  const used = new Set<number>();
  const kappa = right.eigenvalues.map((lambda, i) => {
    // Pair with the nearest unused eigenvalue of Aᵀ (ties in `which` may order the two lists differently).
    let match = -1;
    left.eigenvalues.forEach((mirror, j) => {
      const d = Math.hypot(mirror.re - lambda.re, mirror.im - lambda.im);
      if (!used.has(j) && (match < 0 || d < Math.hypot(left.eigenvalues[match].re - lambda.re, left.eigenvalues[match].im - lambda.im))) match = j;
    });
    used.add(match);
    const x = right.vectors![i];
    const z = left.vectors![match];
    let re = 0;
    let im = 0;
    for (let t = 0; t < n; t++) {
      re += z.re[t] * x.re[t] - z.im[t] * x.im[t];
      im += z.re[t] * x.im[t] + z.im[t] * x.re[t];
    }
    return 1 / Math.hypot(re, im);
  });
  return { eigenvalues: right.eigenvalues, residuals: right.residuals, kappa };
}

/**
 * For each Ritz value θ_i (residual r_i): the nearest dense eigenvalue λ_j must lie within
 * 2·κ_j·(r_i + r_j) — first-order perturbation for both, ×2 for the rest. Nearest, not same rank:
 * Krylov methods may converge to a less-wanted eigenvalue before an interior wanted one.
 */
export function ritzWithinConditionBound(
  ritz: Complex[], residuals: number[], dense: ReturnType<typeof conditionedSpectrum>,
): { worstRatio: number } {
  let worstRatio = 0;
  ritz.forEach((theta, i) => {
    let best = 0;
    dense.eigenvalues.forEach((lambda, j) => {
      const b = dense.eigenvalues[best];
      if (Math.hypot(theta.re - lambda.re, theta.im - lambda.im) < Math.hypot(theta.re - b.re, theta.im - b.im)) best = j;
    });
    const lambda = dense.eigenvalues[best];
    const gap = Math.hypot(theta.re - lambda.re, theta.im - lambda.im);
    worstRatio = Math.max(worstRatio, gap / (2 * dense.kappa[best] * (residuals[i] + dense.residuals[best])));
  });
  return { worstRatio };
}

/**
 * Q·T·Qᵀ with T upper triangular: the prescribed eigenvalues `diagonal` (real) on T's diagonal and
 * strictly upper entries N(0, (offScale)²/n). Any real spectrum, with non-normality set by offScale
 * (0: normal); Q random orthogonal (the Schur form of S·diag·S⁻¹ without forming S⁻¹).
 */
export function prescribedSchur(seed: string, diagonal: number[], offScale: number): Float64Array {
  const n = diagonal.length;
  const t = gaussianMatrix(`${seed}-upper`, n, offScale / Math.sqrt(n));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) t[i * n + j] = 0;
    t[i * n + i] = diagonal[i];
  }
  const q = randomOrthogonal(seed, n);
  return matmul(matmul(q, t, n), transpose(q, n), n);
}

/** The classical non-normal test matrices (row-major): nilpotent upward shift, Jordan block J_n(λ), Grcar(n, 3). */
export function nonNormal(name: 'shift' | 'jordan' | 'grcar', n: number, lambda = 0.5): Float64Array {
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    if (name === 'jordan') a[i * n + i] = lambda;
    if (name !== 'grcar' && i + 1 < n) a[i * n + i + 1] = 1;
    if (name === 'grcar') {
      if (i > 0) a[i * n + i - 1] = -1;
      for (let j = i; j <= Math.min(n - 1, i + 3); j++) a[i * n + j] = 1;
    }
  }
  return a;
}
