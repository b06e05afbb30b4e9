/**
 * The static shell of fixed points of dx/dt = −x + J φ(x), J_ij ~ N(0, g²/N) (THEORY.md §7; a
 * hypothesis after Stubenrauch, Keup, Kühn, Layer & Helias, arXiv 2210.07877, to test against
 * found fixed points). At a fixed point x* = J φ(x*); for i.i.d. (η = 0) J the cavity argument
 * makes each x*_i Gaussian with variance
 *   q_fp = g² E_z φ(√q_fp z)²          (no Onsager reaction term without reciprocal correlations),
 * and the Jacobian −1 + J·diag φ′(x*) then has a circular bulk centred at −1 of radius
 *   ρ = g √E_z φ′(√q_fp z)²            (circular law of J·D with D independent of J).
 * x* = 0 always solves it; the nonzero shell exists when g φ′(0) > 1 for bounded φ. The chaotic
 * attractor's radius Δ0 (scs.ts) is a different solution: its energy condition
 * Δ0²/2 = g² Var Φ(√Δ0 z) includes the dynamic fluctuations.
 */
import { NONLINEARITIES, type NonlinearityName, nonlinearity } from '../dynamics/nonlinearity.js';
import { requireFinite, requireOneOf } from '../validate.js';
import { gaussianExpectation } from './quadrature.js';

export interface StaticShell {
  g: number;
  phi: NonlinearityName;
  /** 'shell': q_fp > 0 found; 'origin': only x* = 0 (g φ′(0) ≤ 1); 'unbounded': φ grows too fast (relu, linear above threshold). */
  status: 'shell' | 'origin' | 'unbounded';
  /** q_fp = |x*|²/N on the shell (0 for 'origin', NaN for 'unbounded'). */
  q: number;
  /** ρ = g √E φ′(√q z)²: the predicted bulk radius of the Jacobian on the shell. */
  bulkRadius: number;
}

/** The nonzero solution of q = g² E φ(√q z)² (bisection to 1e-14 relative) and its bulk radius. */
export function staticShell(g: number, phiName: NonlinearityName = 'tanh'): StaticShell {
  const where = 'staticShell';
  requireFinite(where, 'g', g, 0);
  const phi = nonlinearity(requireOneOf(where, 'phi', phiName, NONLINEARITIES));
  const radiusAt = (q: number) => g * Math.sqrt(gaussianExpectation((z) => phi.derivative(Math.sqrt(q) * z) ** 2));
  // f(q) = g² E φ² − q: f′(0⁺) = g² E[φ′(0)²]·… − 1 > 0 exactly when g φ′(0) > 1 (φ(0) = 0), so the shell
  // is the sign change above 0; φ(0) ≠ 0 (sigmoid) makes f(0) > 0 and the root is still the first one.
  const f = (q: number) => g * g * gaussianExpectation((z) => phi.phi(Math.sqrt(q) * z) ** 2) - q;
  const small = 1e-10;
  if (!(f(small) > 0)) return { g, phi: phi.name, status: 'origin', q: 0, bulkRadius: radiusAt(0) };
  let lo = small;
  let hi = 1;
  while (f(hi) > 0) {
    lo = hi;
    hi *= 2;
    if (hi > 1e12) return { g, phi: phi.name, status: 'unbounded', q: Number.NaN, bulkRadius: Number.NaN };
  }
  for (let i = 0; i < 200 && hi - lo > 1e-14 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) > 0) lo = mid;
    else hi = mid;
  }
  const q = (lo + hi) / 2;
  return { g, phi: phi.name, status: 'shell', q, bulkRadius: radiusAt(q) };
}

/**
 * The radius r(t) within which a fraction t of the eigenvalues of J·diag(d) lie, J_ij i.i.d. with
 * variance g²/N and d independent of J, as N → ∞. J·D is R-diagonal, and the Haagerup–Larsen
 * theorem (J. Funct. Anal. 176, 2000) gives μ(|z| ≤ r) = t at r = 1/√S_{T*T}(t − 1); with
 * S_{J*J}(w) = 1/(g²(1 + w)) (Marchenko–Pastur) and multiplicativity of S for free D² and J*J,
 *   r(t)² = g²(1 − t)/u,   u > 0 solving ⟨d² u/(1 + d² u)⟩ = 1 − t.
 * Constant d gives the uniform disc r = g d √t; t → 1 gives the edge g√⟨d²⟩ (the bulk radius);
 * a fraction p of zero gains puts an atom at 0 (r = 0 for t ≤ p).
 */
export function productRadius(g: number, gains: ArrayLike<number>, t: number): number {
  const where = 'productRadius';
  requireFinite(where, 'g', g, 0);
  requireFinite(where, 't', t, 0, 1);
  const d2 = Float64Array.from(gains, (d) => d * d);
  const n = d2.length;
  if (n === 0) throw new RangeError(`${where}: gains must not be empty`);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += d2[i] / n;
  if (t === 1) return g * Math.sqrt(mean);
  const share = (u: number) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += (d2[i] * u) / (1 + d2[i] * u);
    return s / n;
  };
  if (share(1e300) < 1 - t) return 0; // inside the atom of zero gains
  // share(u) rises from 0 to the fraction of nonzero gains: bisection on ln u.
  let lo = -700;
  let hi = 700;
  for (let i = 0; i < 200 && hi - lo > 1e-13; i++) {
    const mid = (lo + hi) / 2;
    if (share(Math.exp(mid)) < 1 - t) lo = mid;
    else hi = mid;
  }
  return g * Math.sqrt((1 - t) / Math.exp((lo + hi) / 2));
}
