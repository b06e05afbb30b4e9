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
