/**
 * The mean-field correlation of a Gaussian pair as a power series (Mehler's formula). For x, y
 * centred Gaussian with Var x = Var y = q and Cov(x, y) = c = ρq,
 *
 *   F(c; q) = E[φ(x)φ(y)] = Σ_n b_n ρⁿ,   b_n = a_n²,   a_n = E[φ(√q ξ) h_n(ξ)],
 *
 * h_n = He_n/√n! the orthonormal (probabilists') Hermite polynomials, ξ ~ N(0, 1) (Mehler 1866;
 * e.g. Poole et al., NeurIPS 2016). The series differentiates and integrates term by term in c:
 *
 *   C_φ′(c; q) = ∂F/∂c = E[φ′(x)φ′(y)] = Σ_n n·b_n ρ^{n−1}/q          (Price's theorem)
 *   P(c; q)   = E[Φ(x)Φ(y)] = ⟨Φ⟩² + q·Σ_n b_n ρ^{n+1}/(n+1),         Φ = ∫₀φ.
 *
 * One set of coefficients per variance q (481 φ evaluations and 481·terms flops) replaces the
 * 81² = 6561 evaluations of the nested rule per value of c, which is what makes degree-class
 * solvers (40 classes × hundreds of lags × many iterations) affordable. Accuracy: for tanh the
 * truncated tail Σ_{n ≥ 400} b_n is below 1e-14 at q = 2, 6e-13 at q = 5, 1e-9 at q = 10 and
 * 3e-7 at q = 20 (worst at ρ = 1; at ρ < 1 the tail is smaller by ρ^400). φ with a kink (relu)
 * converge only algebraically; their mean-field states are quiescent or divergent (homogeneous φ)
 * and never need the series near ρ = 1.
 */
import type { MeanFieldPhi } from './phi.js';

/** Coefficients are computed with the trapezoid rule on [−12, 12], step 0.05 (tail e^{−72}). */
const NODE_STEP = 0.05;
const NODE_LIMIT = 12;
export const DEFAULT_SERIES_TERMS = 400;

/** F, C_φ′ and P of one variance q as functions of the covariance c ∈ [−q, q]. */
export interface PairCorrelation {
  readonly q: number;
  /** b_n = a_n², n = 0 … until negligible, at most terms − 1 (b_0 = ⟨φ⟩²). */
  readonly coefficients: Float64Array;
  /** ⟨φ(x)⟩ and ⟨Φ(x)⟩ for x ~ N(0, q). */
  readonly meanPhi: number;
  readonly meanPrimitive: number;
  /** F(c; q). */
  correlation(c: number): number;
  /** ∂F/∂c = E[φ′(x)φ′(y)]. */
  slopeCorrelation(c: number): number;
  /** P(c; q) − ⟨Φ⟩² = q·Σ b_n ρ^{n+1}/(n+1): the c-dependent part of E[Φ(x)Φ(y)]. */
  primitiveIncrement(c: number): number;
}

/** Σ_n coefficients[n]·ρⁿ by Horner's rule. */
function horner(coefficients: Float64Array, rho: number): number {
  let s = 0;
  for (let n = coefficients.length - 1; n >= 0; n--) s = s * rho + coefficients[n];
  return s;
}

/** |Cov| ≤ Var: iterates of the solvers may overshoot slightly, and ρⁿ with |ρ| > 1 would explode. */
const clampRho = (rho: number): number => Math.max(-1, Math.min(1, rho));

/** The series of φ at variance q ≥ 0 (q = 0: the constants φ(0)², φ′(0)² and 0). */
export function pairCorrelation(phi: MeanFieldPhi, q: number, terms = DEFAULT_SERIES_TERMS): PairCorrelation {
  const b = new Float64Array(terms);
  if (q === 0) {
    const at0 = phi.phi(0);
    const slope0 = phi.derivative(0);
    b[0] = at0 * at0;
    return {
      q, coefficients: b, meanPhi: at0, meanPrimitive: 0,
      correlation: () => at0 * at0,
      slopeCorrelation: () => slope0 * slope0,
      primitiveIncrement: (c) => at0 * at0 * c,
    };
  }
  const half = Math.round(NODE_LIMIT / NODE_STEP);
  const count = 2 * half + 1;
  const xi = new Float64Array(count);
  const weighted = new Float64Array(count);
  let meanPrimitive = 0;
  const s = Math.sqrt(q);
  const norm = NODE_STEP / Math.sqrt(2 * Math.PI);
  for (let k = 0; k < count; k++) {
    const z = (k - half) * NODE_STEP;
    const w = Math.exp(-z * z / 2) * norm;
    xi[k] = z;
    weighted[k] = w * phi.phi(s * z);
    meanPrimitive += w * phi.primitive(s * z);
  }
  // a_n = Σ_k w_k φ(√q ξ_k) h_n(ξ_k) with h_{n+1} = (ξ h_n − √n h_{n−1})/√(n+1), h_0 = 1.
  const previous = new Float64Array(count);
  const current = new Float64Array(count).fill(1);
  // Stop early once 16 consecutive coefficients are below 1e-18 of the sum so far (well below
  // rounding of F; small variances need a few dozen terms, not 400).
  let used = terms;
  let total = 0;
  let small = 0;
  for (let n = 0; n < terms; n++) {
    let a = 0;
    for (let k = 0; k < count; k++) a += weighted[k] * current[k];
    b[n] = a * a;
    total += b[n];
    small = b[n] < 1e-18 * total ? small + 1 : 0;
    if (small === 16) {
      used = n + 1;
      break;
    }
    const up = 1 / Math.sqrt(n + 1);
    const down = Math.sqrt(n);
    for (let k = 0; k < count; k++) {
      const next = (xi[k] * current[k] - down * previous[k]) * up;
      previous[k] = current[k];
      current[k] = next;
    }
  }
  const meanPhi = weighted.reduce((sum, v) => sum + v, 0); // a_0 = ⟨φ⟩
  const coefficients = b.slice(0, used);
  const slope = Float64Array.from({ length: used - 1 }, (_, n) => ((n + 1) * coefficients[n + 1]) / q);
  const integral = Float64Array.from({ length: used }, (_, n) => coefficients[n] / (n + 1));
  return {
    q, coefficients, meanPhi, meanPrimitive,
    correlation: (c) => horner(coefficients, clampRho(c / q)),
    slopeCorrelation: (c) => horner(slope, clampRho(c / q)),
    primitiveIncrement: (c) => {
      const rho = clampRho(c / q);
      return q * rho * horner(integral, rho);
    },
  };
}
