/**
 * Dynamical mean-field theory of the Sompolinsky–Crisanti–Sommers network
 *   dx_i/dt = −x_i + Σ_j J_ij tanh(x_j),  J_ij ~ N(0, g²/N)   (τ = 1).
 * For N → ∞ each x_i is a Gaussian process with autocovariance Δ(τ) obeying
 *   Δ'' = Δ − g² ⟨tanh(x(t)) tanh(x(t+τ))⟩,
 * a particle in the potential V(Δ) = −Δ²/2 + g² ∫Dz [∫Dy Φ(√(Δ0−|Δ|) y + √|Δ| z)]², Φ = ln cosh.
 * The chaotic solution decays from Δ0 = Δ(0) to 0 with zero velocity at both ends, so energy
 * conservation V(Δ0) = V(0) fixes the variance (Sompolinsky, Crisanti & Sommers, PRL 61, 259, 1988):
 *   Δ0²/2 = g² ( ⟨Φ(√Δ0 z)²⟩ − ⟨Φ(√Δ0 z)⟩² ),  z ~ N(0, 1);  Δ0 = 0 for g ≤ 1.
 */
import { requireFinite } from '../validate.js';

/**
 * ⟨f(z)⟩ for z ~ N(0, 1) by the trapezoid rule on [−12, 12] with 481 nodes: for integrands
 * analytic in a strip and bounded by a polynomial the error falls exponentially with the node
 * count (Trefethen & Weideman, SIAM Rev. 56, 2014) and the truncated tail is below e^{−72}.
 */
export function gaussianExpectation(f: (z: number) => number): number {
  const half = 240;
  const h = 12 / half;
  let sum = 0;
  for (let k = -half; k <= half; k++) {
    const z = k * h;
    sum += f(z) * Math.exp(-z * z / 2);
  }
  return (sum * h) / Math.sqrt(2 * Math.PI);
}

/** ln cosh u without overflow: |u| + ln(1 + e^{−2|u|}) − ln 2. */
const logCosh = (u: number): number => Math.abs(u) + Math.log1p(Math.exp(-2 * Math.abs(u))) - Math.LN2;

/** Energy balance V(Δ0) − V(0) up to sign: Δ0²/2 − g²·Var[Φ(√Δ0 z)]. */
function energyImbalance(delta0: number, g: number): number {
  const s = Math.sqrt(delta0);
  const m1 = gaussianExpectation((z) => logCosh(s * z));
  const m2 = gaussianExpectation((z) => logCosh(s * z) ** 2);
  return (delta0 * delta0) / 2 - g * g * (m2 - m1 * m1);
}

/**
 * The stationary variance q = Δ0 = ⟨x_i²⟩ of the SCS network with gain g in the N → ∞ limit
 * (0 for g ≤ 1). Solved by bisection to relative precision 1e-13.
 */
export function scsVariance(g: number): number {
  requireFinite('scsVariance', 'g', g, 0);
  if (g <= 1) return 0;
  let lo = 1e-9;
  let hi = 1;
  while (energyImbalance(hi, g) < 0) hi *= 2;
  // Below the root the imbalance is negative (≈ (1 − g²)Δ²/2 near 0), above it positive.
  for (let i = 0; i < 200 && hi - lo > 1e-13 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (energyImbalance(mid, g) < 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
