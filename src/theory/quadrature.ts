/** Gaussian expectations ⟨f(z)⟩, z ~ N(0, 1), shared by every mean-field solver. */

/**
 * ⟨f(z)⟩ for z ~ N(0, 1) by the trapezoid rule on [−L, L] with 2·half + 1 nodes: for integrands
 * analytic in a strip and bounded by a polynomial the error falls exponentially with the node
 * density (Trefethen & Weideman, SIAM Rev. 56, 2014) and the truncated tail is e^{−L²/2}.
 * The default (481 nodes on [−12, 12]) is for single integrals; nested integrals use 81 nodes on
 * [−8, 8] (step 0.2, tail e^{−32}), accurate to ~1e-13 for the smooth integrands here.
 */
export function gaussianExpectation(f: (z: number) => number, half = 240, limit = 12): number {
  const h = limit / half;
  let sum = 0;
  for (let k = -half; k <= half; k++) {
    const z = k * h;
    sum += f(z) * Math.exp(-z * z / 2);
  }
  return (sum * h) / Math.sqrt(2 * Math.PI);
}

/** The nested-integral rule: 81 nodes on [−8, 8]. */
export const nestedGaussianExpectation = (f: (z: number) => number): number => gaussianExpectation(f, 40, 8);

/**
 * ⟨f(x)·h(y)⟩ for a centred Gaussian pair with Var x = Var y = q and Cov(x, y) = c, |c| ≤ q:
 * writing x = a·y₁ + √|c|·z, y = a·y₂ + sign(c)·√|c|·z with a = √(q − |c|) and y₁, y₂, z i.i.d.
 * N(0, 1), it is ∫Dz ⟨f(a·y₁ + √|c| z)⟩_{y₁} ⟨h(a·y₂ + sign(c)√|c| z)⟩_{y₂} (nested rule). With
 * f = h = φ this is the mean-field correlation F(c; q) = E[φ(x)φ(y)] of THEORY.md.
 */
export function gaussianPairExpectation(f: (u: number) => number, h: (u: number) => number, c: number, q: number): number {
  const shared = Math.sqrt(Math.min(Math.abs(c), q));
  const own = Math.sqrt(Math.max(q - Math.abs(c), 0));
  const sign = c < 0 ? -1 : 1;
  return nestedGaussianExpectation((z) =>
    nestedGaussianExpectation((y) => f(own * y + shared * z)) * nestedGaussianExpectation((y) => h(own * y + sign * shared * z)));
}

/**
 * ⟨f(z)⟩ for z ~ N(0, 1) by the midpoint rule: `cells` cells of width h = 2L/cells on [−L, L],
 * nodes at the cell centres (none at z = 0 for even `cells`). For smooth f it is as accurate as
 * the trapezoid rule; for f with a jump at 0 (φ′ of relu) it is exact up to the tail, where the
 * trapezoid rule counts the node at the jump with its one-sided value (a 4% error for E[relu′(z)²]
 * at 481 nodes).
 */
export function midpointGaussianExpectation(f: (z: number) => number, cells = 480, limit = 12): number {
  const h = (2 * limit) / cells;
  let sum = 0;
  for (let k = 0; k < cells; k++) {
    const z = -limit + (k + 0.5) * h;
    sum += f(z) * Math.exp(-z * z / 2);
  }
  return (sum * h) / Math.sqrt(2 * Math.PI);
}

/**
 * Gauss–Hermite rule for ⟨f(z)⟩, z ~ N(0, 1): nodes z_k and weights w_k (Σ w_k = 1) with
 * Σ_k w_k f(z_k) exact for polynomials of degree < 2n. The physicists' nodes (roots of H_n) are
 * found by Newton's method on the orthonormal recurrence from the asymptotic initial guesses of
 * Numerical Recipes §4.6 (gauher); z = √2·x, w = w_phys/√π.
 */
export function gaussHermiteRule(n: number): { nodes: Float64Array; weights: Float64Array } {
  if (!Number.isInteger(n) || n < 1 || n > 200) throw new RangeError(`gaussHermiteRule: n must be an integer in [1, 200] (got ${n})`);
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  const pim4 = Math.PI ** -0.25;
  let z = 0;
  for (let i = 0; i < (n + 1) >> 1; i++) {
    if (i === 0) z = Math.sqrt(2 * n + 1) - 1.85575 * (2 * n + 1) ** -0.16667;
    else if (i === 1) z -= (1.14 * n ** 0.426) / z;
    else if (i === 2) z = 1.86 * z - 0.86 * x[0];
    else if (i === 3) z = 1.91 * z - 0.91 * x[1];
    else z = 2 * z - x[i - 2];
    let derivative = 0;
    for (let iter = 0; iter < 100; iter++) {
      let p1 = pim4;
      let p2 = 0;
      for (let j = 1; j <= n; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = z * Math.sqrt(2 / j) * p2 - Math.sqrt((j - 1) / j) * p3;
      }
      derivative = Math.sqrt(2 * n) * p2;
      const step = p1 / derivative;
      z -= step;
      if (Math.abs(step) <= 1e-15 * Math.max(1, Math.abs(z))) break;
    }
    x[i] = z;
    x[n - 1 - i] = -z;
    w[i] = w[n - 1 - i] = 2 / (derivative * derivative);
  }
  const nodes = Float64Array.from(x, (v) => Math.SQRT2 * v).reverse();
  const weights = Float64Array.from(w, (v) => v / Math.sqrt(Math.PI)).reverse();
  return { nodes, weights };
}

/**
 * Gauss–Legendre rule on [−1, 1]: nodes x_k (roots of P_n) and weights w_k = 2/((1 − x_k²) P_n′(x_k)²)
 * with Σ_k w_k f(x_k) exact for polynomials of degree < 2n; Newton's method on the three-term
 * recurrence from the initial guesses cos(π(k + 3/4)/(n + 1/2)).
 */
export function gaussLegendreRule(n: number): { nodes: Float64Array; weights: Float64Array } {
  if (!Number.isInteger(n) || n < 1 || n > 200) throw new RangeError(`gaussLegendreRule: n must be an integer in [1, 200] (got ${n})`);
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let it = 0; it < 100; it++) {
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= n; k++) [p0, p1] = [p1, ((2 * k - 1) * x * p1 - (k - 1) * p0) / k];
      dp = (n * (x * p1 - p0)) / (x * x - 1);
      const dx = p1 / dp;
      x -= dx;
      if (Math.abs(dx) < 1e-16) break;
    }
    nodes[i] = x;
    weights[i] = 2 / ((1 - x * x) * dp * dp);
  }
  return { nodes, weights };
}
