/**
 * Dynamical mean-field theory of the Sompolinsky–Crisanti–Sommers network
 *   dx_i/dt = −x_i + Σ_j J_ij φ(x_j),  J_ij ~ N(0, g²/N)   (τ = 1),
 * for any φ of the table (default tanh). For N → ∞ each x_i is a Gaussian process with
 * autocovariance Δ(τ) obeying Δ'' = Δ − g² F(Δ; Δ0), F = E[φ(x(t))φ(x(t+τ))]: a particle in the
 * potential V(Δ) = −Δ²/2 + g² E[Φ(x(t))Φ(x(t+τ))], Φ = ∫₀φ (ln cosh for tanh). The chaotic
 * solution leaves Δ0 at rest and reaches the static part Δ∞ at rest (Sompolinsky, Crisanti &
 * Sommers, PRL 61, 259, 1988):
 *   V′(Δ∞) = 0,  V(Δ0) = V(Δ∞);   odd φ: Δ∞ = 0 and Δ0²/2 = g² Var_z Φ(√Δ0 z).
 * It is the one-class case of the degree-class theory (mean-field.ts). Non-odd φ: sigmoid settles
 * on a stable fixed point (status 'static', Δ0 = Δ∞ = q_s) until its Jacobian bulk g²E[φ′²] reaches
 * 1 near g ≈ 10.1, and is chaotic above with a large static part; relu and linear φ are
 * homogeneous, so activity either decays ('quiescent') or grows without bound ('diverged', relu
 * for g > √2).
 */
import { requireFinite } from '../../validate.js';
import { gaussianPairExpectation } from '../quadrature.js';
import { classSeries, type MeanFieldStatus, meanFieldVariance, potentialTrajectory, SINGLE_CLASS } from './mean-field.js';
import { meanFieldPhi, type PhiSpec } from './phi.js';
import { type CorrelationTimescales, correlationTimescales } from './timescales.js';

export interface ScsOptions {
  /** φ: a table name (default 'tanh') or a custom {name, phi, derivative, primitive, odd}. */
  phi?: PhiSpec;
}

/**
 * The stationary variance q = Δ0 = ⟨x_i²⟩ of the SCS network with gain g in the N → ∞ limit
 * (0 for tanh at g ≤ 1). Solved by bisection to relative precision 1e-13. Throws when no finite
 * state exists (relu above threshold); scsMeanField reports that as a status instead.
 */
export function scsVariance(g: number, options: ScsOptions = {}): number {
  requireFinite('scsVariance', 'g', g, 0);
  const state = meanFieldVariance(g, SINGLE_CLASS, meanFieldPhi('scsVariance', options.phi));
  if (state.status === 'diverged' || state.status === 'maxIter') throw new RangeError(`scsVariance: ${state.status} at g = ${g}: ${state.message}`);
  return state.delta0;
}

/**
 * The potential of the SCS particle, V(Δ) = −Δ²/2 + g²·E[Φ(x)Φ(y)] (x, y of variance Δ0 and
 * covariance Δ; nested Gaussian rule, independent of the series that drives scsAutocorrelation);
 * dV/dΔ = −Δ + g²·F(Δ) by Price's theorem, so v²/2 + V(Δ) is conserved along Δ(τ).
 */
export function scsPotential(g: number, delta: number, delta0: number, options: ScsOptions = {}): number {
  const { primitive } = meanFieldPhi('scsPotential', options.phi);
  return -(delta * delta) / 2 + g * g * gaussianPairExpectation(primitive, primitive, Math.max(delta, 0), delta0);
}

export interface ScsAutocorrelation {
  g: number;
  delta0: number;
  /** Lags τ (units of the time constant) and Δ(τ) = ⟨x_i(t) x_i(t + τ)⟩. */
  tau: Float64Array;
  delta: Float64Array;
  /** φ's name, the state and its static part Δ∞ = lim Δ(τ). */
  phi: string;
  status: MeanFieldStatus;
  deltaInf: number;
}

/** Validated (tauMax, dtau) of a lag grid, at most 1e6 steps. */
export function lagGrid(where: string, options: { tauMax?: number; dtau?: number }, tauMaxDefault = 20): { tauMax: number; dtau: number } {
  const tauMax = requireFinite(where, 'tauMax', options.tauMax ?? tauMaxDefault, 0);
  const dtau = requireFinite(where, 'dtau', options.dtau ?? 0.02, 1e-4, 1);
  const steps = Math.round(tauMax / dtau);
  if (steps > 1e6) throw new RangeError(`${where}: tauMax/dtau = ${steps} steps; at most 1e6 (raise dtau or lower tauMax)`);
  return { tauMax, dtau };
}

/**
 * The DMFT autocovariance Δ(τ) of the SCS network: Δ'' = Δ − g²·F(Δ; Δ0) from Δ(0) = Δ0, Δ'(0) = 0,
 * integrated by RK4 with step dτ up to tauMax (F by its Mehler series, pair-series.ts). The
 * solution creeps into the hyperbolic point Δ∞; integration stops (and the rest stays Δ∞) once
 * Δ − Δ∞ falls below 1e-4·(Δ0 − Δ∞) or Δ turns back up.
 */
export function scsAutocorrelation(g: number, options: { tauMax?: number; dtau?: number } & ScsOptions = {}): ScsAutocorrelation {
  const where = 'scsAutocorrelation';
  requireFinite(where, 'g', g, 0);
  const { tauMax, dtau } = lagGrid(where, options);
  const phi = meanFieldPhi(where, options.phi);
  const state = meanFieldVariance(g, SINGLE_CLASS, phi);
  if (state.status === 'diverged' || state.status === 'maxIter') throw new RangeError(`${where}: ${state.status} at g = ${g}: ${state.message}`);
  const series = classSeries(phi, SINGLE_CLASS, state.delta0);
  const { tau, delta } = potentialTrajectory(g, SINGLE_CLASS, series, state, tauMax, dtau);
  return { g, delta0: state.delta0, tau, delta, phi: phi.name, status: state.status, deltaInf: state.deltaInf };
}

export interface ScsMeanField extends ScsAutocorrelation {
  /** C_φ(τ) = F(Δ(τ); Δ0) = ⟨φ(x(t))φ(x(t+τ))⟩. */
  cPhi: Float64Array;
  /** Timescales of the connected, normalised Δ(τ) and C_φ(τ) (theory/dmft/timescales.ts). */
  timescales: { delta: CorrelationTimescales; cPhi: CorrelationTimescales };
  /** The fixed-point variance q_s and its bulk radius² g²E[φ′²] (chaos needs > 1). */
  staticVariance: number;
  staticStability: number;
  message?: string;
}

/** Everything the SCS theory predicts at gain g: state, Δ(τ), C_φ(τ) and their timescales. */
export function scsMeanField(g: number, options: { tauMax?: number; dtau?: number } & ScsOptions = {}): ScsMeanField {
  const where = 'scsMeanField';
  requireFinite(where, 'g', g, 0);
  const { tauMax, dtau } = lagGrid(where, options, 40);
  const phi = meanFieldPhi(where, options.phi);
  const state = meanFieldVariance(g, SINGLE_CLASS, phi);
  const steps = Math.round(tauMax / dtau);
  const tau = Float64Array.from({ length: steps + 1 }, (_, i) => i * dtau);
  const nan = { tauHalf: Number.NaN, tau1e: Number.NaN, tauIntegrated: Number.NaN };
  const base = { g, phi: phi.name, status: state.status, delta0: state.delta0, deltaInf: state.deltaInf,
    staticVariance: state.staticVariance, staticStability: state.staticStability };
  if (state.status === 'diverged' || state.status === 'maxIter') {
    return { ...base, tau, delta: new Float64Array(steps + 1).fill(Number.NaN), cPhi: new Float64Array(steps + 1).fill(Number.NaN),
      timescales: { delta: nan, cPhi: nan }, ...(state.message ? { message: state.message } : {}) };
  }
  const series = classSeries(phi, SINGLE_CLASS, state.delta0)[0];
  const { delta } = potentialTrajectory(g, SINGLE_CLASS, [series], state, tauMax, dtau);
  const cPhi = Float64Array.from(delta, (d) => series.correlation(d));
  return {
    ...base, tau, delta, cPhi,
    timescales: {
      delta: correlationTimescales(tau, delta, state.deltaInf),
      cPhi: correlationTimescales(tau, cPhi, series.correlation(state.deltaInf)),
    },
  };
}

