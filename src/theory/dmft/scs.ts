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
import { NONLINEARITY_TABLE } from '../../dynamics/nonlinearity.js';
import { requireFinite } from '../../validate.js';
import { gaussianExpectation, nestedGaussianExpectation as nested } from '../quadrature.js';

const { primitive: logCosh, phi: tanh } = NONLINEARITY_TABLE.tanh;

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

/**
 * The potential of the SCS particle, V(Δ) = −Δ²/2 + g²·∫Dz [∫Dy Φ(√(Δ0 − Δ)·y + √Δ·z)]² with
 * Φ = ln cosh; dV/dΔ = −Δ + g²·C_φ(Δ) by Price's theorem, so v²/2 + V(Δ) is conserved along Δ(τ).
 */
export function scsPotential(g: number, delta: number, delta0: number): number {
  const shared = Math.sqrt(Math.max(delta, 0));
  const own = Math.sqrt(Math.max(delta0 - delta, 0));
  const inner = (z: number) => nested((y) => logCosh(own * y + shared * z));
  return -(delta * delta) / 2 + g * g * nested((z) => inner(z) ** 2);
}

/**
 * C_φ(Δ) = ⟨tanh(x(t)) tanh(x(t+τ))⟩ for a Gaussian process of variance Δ0 and covariance
 * Δ = Δ(τ) ∈ [0, Δ0]: ∫Dz [∫Dy tanh(√(Δ0 − Δ)·y + √Δ·z)]².
 */
function tanhCorrelation(delta: number, delta0: number): number {
  const shared = Math.sqrt(Math.max(delta, 0));
  const own = Math.sqrt(Math.max(delta0 - delta, 0));
  return nested((z) => nested((y) => tanh(own * y + shared * z)) ** 2);
}

export interface ScsAutocorrelation {
  g: number;
  delta0: number;
  /** Lags τ (units of the time constant) and Δ(τ) = ⟨x_i(t) x_i(t + τ)⟩. */
  tau: Float64Array;
  delta: Float64Array;
}

/**
 * The DMFT autocovariance Δ(τ) of the SCS network: Δ'' = Δ − g²·C_φ(Δ) from Δ(0) = Δ0, Δ'(0) = 0,
 * integrated by RK4 with step dτ up to tauMax. The solution creeps into the hyperbolic point
 * Δ = 0; rounding in Δ0 eventually pushes it off, so integration stops (and the rest stays 0)
 * once Δ falls below 1e-4·Δ0 or turns back up.
 */
export function scsAutocorrelation(g: number, options: { tauMax?: number; dtau?: number } = {}): ScsAutocorrelation {
  const where = 'scsAutocorrelation';
  requireFinite(where, 'g', g, 0);
  const tauMax = requireFinite(where, 'tauMax', options.tauMax ?? 20, 0);
  const dtau = requireFinite(where, 'dtau', options.dtau ?? 0.02, 1e-4, 1);
  const steps = Math.round(tauMax / dtau);
  if (steps > 1e6) throw new RangeError(`${where}: tauMax/dtau = ${steps} steps; at most 1e6 (raise dtau or lower tauMax)`);
  const tau = Float64Array.from({ length: steps + 1 }, (_, i) => i * dtau);
  const delta = new Float64Array(steps + 1);
  const delta0 = scsVariance(g);
  if (delta0 === 0) return { g, delta0, tau, delta };
  const acceleration = (d: number) => d - g * g * tanhCorrelation(d, delta0);
  let d = delta0;
  let v = 0;
  delta[0] = d;
  for (let i = 1; i <= steps; i++) {
    const k1d = v, k1v = acceleration(d);
    const k2d = v + (dtau / 2) * k1v, k2v = acceleration(d + (dtau / 2) * k1d);
    const k3d = v + (dtau / 2) * k2v, k3v = acceleration(d + (dtau / 2) * k2d);
    const k4d = v + dtau * k3v, k4v = acceleration(d + dtau * k3d);
    d += (dtau / 6) * (k1d + 2 * k2d + 2 * k3d + k4d);
    v += (dtau / 6) * (k1v + 2 * k2v + 2 * k3v + k4v);
    if (d < 1e-4 * delta0 || v > 0) break;
    delta[i] = d;
  }
  return { g, delta0, tau, delta };
}
