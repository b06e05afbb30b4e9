/**
 * The largest Lyapunov exponent of the SCS network from DMFT (Crisanti & Sompolinsky, PRE 98,
 * 062120, 2018). Two replicas separated by δx obey τ dδx/dt = −δx + J φ′(x) δx; in mean-field
 * theory their overlap Q(t, s) = ⟨δx(t)δx(s)⟩ satisfies (∂_t + 1)(∂_s + 1)Q = g² C_φ′(t − s) Q with
 * C_φ′(τ) = E[φ′(x(t))φ′(x(t + τ))] on the DMFT Δ(τ). With Q = e^{2λT}ψ(τ) (T = (t + s)/2,
 * τ = t − s) this is the Schrödinger problem
 *
 *   H ψ = [−d²/dτ² − g² C_φ′(τ)] ψ = E ψ,    λ = −1 + √(−E0),
 *
 * E0 the ground-state energy. Differentiating Δ'' = Δ − g²F(Δ) gives H Δ′ = −Δ′: the odd Δ′(τ) is
 * an excited state with E = −1 (λ = 0, time-translation), a check of the solver.
 *
 * Discretisation: second differences on the symmetric grid τ_i = i·dτ, |i| < M, with ψ = 0 at
 * ±M·dτ (the bound states decay like e^{−√(−E − g²⟨φ′⟩²)|τ|}); the two lowest eigenvalues by
 * Sturm-sequence bisection (exact counting for symmetric tridiagonal matrices, Wilkinson 1965),
 * the second eigenvector by inverse iteration. Error O(dτ²).
 */
import { requireFinite } from '../../validate.js';
import { gaussianPairExpectation } from '../quadrature.js';
import { classSeries, meanFieldVariance, potentialTrajectory, SINGLE_CLASS } from './mean-field.js';
import { meanFieldPhi, type PhiSpec } from './phi.js';
import { lagGrid } from './scs.js';
import type { MeanFieldStatus } from './mean-field.js';

export interface DmftLyapunov {
  g: number;
  phi: string;
  status: MeanFieldStatus;
  /** λ_max = −1 + √(−E0) when chaotic, else null (not defined by this theory). */
  lambdaMax: number | null;
  /** Ground and first excited energies of H. */
  groundEnergy: number;
  excitedEnergy: number;
  /** ⟨Δ′, HΔ′⟩/⟨Δ′, Δ′⟩ (should be −1) and |cos| between Δ′ and the first excited eigenvector (should be 1). */
  derivativeEnergy: number;
  derivativeOverlap: number;
  /** The grid τ ≥ 0 and the potential g²C_φ′(τ). */
  tau: Float64Array;
  potential: Float64Array;
}

/** Number of eigenvalues of the symmetric tridiagonal (diag, off) below x (Sturm count). */
function countBelow(diag: Float64Array, off: number, x: number): number {
  let count = 0;
  let d = 1;
  for (let i = 0; i < diag.length; i++) {
    d = diag[i] - x - (i === 0 ? 0 : (off * off) / d);
    if (d === 0) d = -1e-300;
    if (d < 0) count++;
  }
  return count;
}

/** The k-th smallest eigenvalue (k = 0, 1, …) by bisection on the Sturm count. */
function eigenvalue(diag: Float64Array, off: number, k: number): number {
  let lo = Math.min(...diag) - 2 * Math.abs(off);
  let hi = Math.max(...diag) + 2 * Math.abs(off);
  for (let i = 0; i < 200 && hi - lo > 1e-14 * Math.max(1, Math.abs(lo)); i++) {
    const mid = (lo + hi) / 2;
    if (countBelow(diag, off, mid) > k) hi = mid;
    else lo = mid;
  }
  return (lo + hi) / 2;
}

/** Inverse iteration: the eigenvector of (diag, off) nearest the shift (Thomas algorithm, 4 sweeps). */
function eigenvector(diag: Float64Array, off: number, shift: number): Float64Array {
  const n = diag.length;
  let v = Float64Array.from({ length: n }, (_, i) => 1 + 0.1 * Math.sin(i)); // generic start with both parities
  for (let sweep = 0; sweep < 4; sweep++) {
    const c = new Float64Array(n);
    const d = new Float64Array(n);
    let denominator = diag[0] - shift;
    c[0] = off / denominator;
    d[0] = v[0] / denominator;
    for (let i = 1; i < n; i++) {
      denominator = diag[i] - shift - off * c[i - 1];
      c[i] = off / denominator;
      d[i] = (v[i] - off * d[i - 1]) / denominator;
    }
    const x = new Float64Array(n);
    x[n - 1] = d[n - 1];
    for (let i = n - 2; i >= 0; i--) x[i] = d[i] - c[i] * x[i + 1];
    const norm = Math.hypot(...x);
    v = x.map((value) => value / norm);
  }
  return v;
}

/** λ_max of the SCS network from the DMFT Schrödinger problem, with the Δ′ eigenfunction check. */
export function scsLyapunov(g: number, options: { phi?: PhiSpec; tauMax?: number; dtau?: number } = {}): DmftLyapunov {
  const where = 'scsLyapunov';
  requireFinite(where, 'g', g, 0);
  const { tauMax, dtau } = lagGrid(where, { dtau: 0.05, ...options }, 400);
  const phi = meanFieldPhi(where, options.phi);
  const state = meanFieldVariance(g, SINGLE_CLASS, phi);
  if (state.status !== 'chaotic') {
    return { g, phi: phi.name, status: state.status, lambdaMax: null, groundEnergy: Number.NaN, excitedEnergy: Number.NaN,
      derivativeEnergy: Number.NaN, derivativeOverlap: Number.NaN, tau: new Float64Array(0), potential: new Float64Array(0) };
  }
  const series = classSeries(phi, SINGLE_CLASS, state.delta0);
  const trajectory = potentialTrajectory(g, SINGLE_CLASS, series, state, tauMax, dtau);
  // Δ(τ) has reached Δ∞ after `settled` steps; without a given tauMax the box is 3× that (≥ 20 τ),
  // enough for the bound states, which decay no slower than Δ − Δ∞ itself.
  let settled = trajectory.delta.length - 1;
  while (settled > 0 && trajectory.delta[settled] === state.deltaInf) settled--;
  const m = options.tauMax !== undefined ? trajectory.delta.length - 1
    : Math.min(trajectory.delta.length - 1, Math.max(Math.round(20 / dtau), 3 * settled));
  const tau = trajectory.tau.slice(0, m + 1);
  const delta = trajectory.delta.subarray(0, m + 1);
  const velocity = trajectory.velocity.subarray(0, m + 1);
  // C_φ′ by its series where it converges geometrically (ρ = Δ/Δ0 ≤ 0.9: tail < 0.9⁴⁰⁰), by the
  // nested rule nearer ρ = 1 (the series of ∂F/∂c converges slowly there); constant once Δ = Δ∞.
  const slope = (d: number) => g * g * (d <= 0.9 * state.delta0 ? series[0].slopeCorrelation(d)
    : gaussianPairExpectation(phi.derivative, phi.derivative, d, state.delta0));
  const tail = slope(state.deltaInf);
  const potential = Float64Array.from(delta, (d, j) => (j > settled ? tail : slope(d)));
  const n = 2 * m - 1; // τ_i for i = −(m−1) … m−1
  const off = -1 / (dtau * dtau);
  const diag = Float64Array.from({ length: n }, (_, i) => 2 / (dtau * dtau) - potential[Math.abs(i - (m - 1))]);
  const groundEnergy = eigenvalue(diag, off, 0);
  const excitedEnergy = eigenvalue(diag, off, 1);
  // Δ′ on the symmetric grid (odd) and H Δ′.
  const derivative = Float64Array.from({ length: n }, (_, i) => Math.sign(i - (m - 1)) * velocity[Math.abs(i - (m - 1))]);
  let numerator = 0;
  let norm2 = 0;
  for (let i = 0; i < n; i++) {
    const left = i > 0 ? derivative[i - 1] : 0;
    const right = i < n - 1 ? derivative[i + 1] : 0;
    numerator += derivative[i] * (diag[i] * derivative[i] + off * (left + right));
    norm2 += derivative[i] ** 2;
  }
  const excited = eigenvector(diag, off, excitedEnergy + 1e-9 * Math.abs(excitedEnergy));
  let overlap = 0;
  for (let i = 0; i < n; i++) overlap += excited[i] * derivative[i];
  return {
    g, phi: phi.name, status: state.status,
    lambdaMax: groundEnergy < 0 ? -1 + Math.sqrt(-groundEnergy) : null,
    groundEnergy, excitedEnergy,
    derivativeEnergy: numerator / norm2,
    derivativeOverlap: Math.abs(overlap) / Math.sqrt(norm2),
    tau, potential,
  };
}
