/**
 * Population activity of a chaotic network with mean coupling, J_ij ~ N(J0/N, g²/N), to lowest
 * order in 1/N (Dick, van Meegen & Helias, arXiv 2309.14973; THEORY.md §7). The population
 * activity m(t) = (1/N) Σ_i φ(x_i(t)) feeds back through the mean input J0·m(t); each unit answers
 * with the susceptibility S^φ(ω) = ⟨φ′⟩/(1 + iω) on top of its intrinsic chaotic fluctuations,
 * whose spectrum is C^φ(ω) of the J0 = 0 mean field. Summing the loop,
 *   N·C_m(ω) = C^φ(ω)/|1 − J0 S^φ(ω)|² = C^φ(ω)·(1 + ω²)/((1 − a)² + ω²),   a = J0⟨φ′⟩,
 * which diverges at ω = 0 as a → 1: the magnetic (ferromagnetic) transition J0⟨φ′⟩ = 1. In time,
 * with b = 1 − a and (2a − a²)/(b² + ω²) the transform of ((2a − a²)/2b)·e^{−b|τ|},
 *   N·C_m(τ) = C_φ(τ) + ((2a − a²)/2b) ∫ C_φ(|s|) e^{−b|τ − s|} ds,
 * so the population correlation gains a slow mode of rate b. Because
 * N²·C_m = Σ_i C_ii + Σ_{i≠j} C_ij, the mean pairwise cross-covariance follows as
 * N·c̄(τ) = N·C_m(τ) − C_φ(τ) (to O(1/N)). Needs chaos (g⟨φ′(0)⟩ > 1) and odd, saturating φ
 * (tanh, erf): then ⟨φ⟩ = 0 and m fluctuates around 0 for a < 1.
 */
import type { NonlinearityName } from '../dynamics/nonlinearity.js';
import { requireFinite, requireOneOf } from '../validate.js';
import { DIMENSION_THEORY_PHIS, scsCorrelations } from './dimension.js';

export interface PopulationPrediction {
  g: number;
  j0: number;
  phi: NonlinearityName;
  /** 'paramagnetic': a < 1, the prediction below; 'ordered': a ≥ 1 (beyond the transition, no prediction); 'quiescent': no chaos. */
  status: 'paramagnetic' | 'ordered' | 'quiescent';
  /** ⟨φ′⟩ under the J0 = 0 mean field, and the loop gain a = J0⟨φ′⟩. */
  meanSlope: number;
  loopGain: number;
  /** 1/(1 − a)²: the zero-frequency enhancement; 1/(1 − a): the slow mode's time constant. */
  zeroFrequencyGain: number;
  populationTimescale: number;
  /** Lags τ and, on them, N·C_m(τ), C_φ(τ) and N·c̄(τ) = N·C_m − C_φ (empty unless paramagnetic). */
  tau: Float64Array;
  population: Float64Array;
  cPhi: Float64Array;
  crossCovariance: Float64Array;
}

/** The lowest-order population autocovariance N·C_m(τ) and mean cross-covariance of the network (g, J0). */
export function populationPrediction(g: number, j0: number, options: { phi?: NonlinearityName; tauMax?: number } = {}): PopulationPrediction {
  const where = 'populationPrediction';
  requireFinite(where, 'g', g, 0);
  requireFinite(where, 'j0', j0);
  const phi = requireOneOf(where, 'phi', options.phi ?? 'tanh', DIMENSION_THEORY_PHIS);
  const correlations = scsCorrelations(g, { phi });
  const empty = new Float64Array(0);
  if (correlations === null) {
    return {
      g, j0, phi, status: 'quiescent', meanSlope: Number.NaN, loopGain: Number.NaN, zeroFrequencyGain: Number.NaN,
      populationTimescale: Number.NaN, tau: empty, population: empty, cPhi: empty, crossCovariance: empty,
    };
  }
  const a = j0 * correlations.meanSlope;
  const b = 1 - a;
  const base = { g, j0, phi, meanSlope: correlations.meanSlope, loopGain: a, zeroFrequencyGain: 1 / (b * b), populationTimescale: 1 / b };
  if (!(b > 0)) return { ...base, status: 'ordered', zeroFrequencyGain: Number.POSITIVE_INFINITY, populationTimescale: Number.POSITIVE_INFINITY, tau: empty, population: empty, cPhi: empty, crossCovariance: empty };
  const h = correlations.dtau;
  const c = correlations.cPhi; // C_φ(k·h), k = 0 … K (beyond: below 1e-4 of the peak, dropped)
  const tauMax = requireFinite(where, 'tauMax', options.tauMax ?? Math.max(40, 8 / b), 0);
  const steps = Math.round(tauMax / h);
  const tau = Float64Array.from({ length: steps + 1 }, (_, j) => j * h);
  const cPhi = Float64Array.from(tau, (_, j) => (j < c.length ? c[j] : 0));
  const weight = (2 * a - a * a) / (2 * b);
  const K = c.length - 1;
  const population = tau.map((t, j) => {
    // Trapezoid rule over s ∈ [−Kh, Kh] of C_φ(|s|)·e^{−b|τ − s|}.
    let sum = 0;
    for (let k = -K; k <= K; k++) {
      const w = k === -K || k === K ? h / 2 : h;
      sum += w * c[Math.abs(k)] * Math.exp(-b * Math.abs(t - k * h));
    }
    return cPhi[j] + weight * sum;
  });
  const crossCovariance = population.map((v, j) => v - cPhi[j]);
  return { ...base, status: 'paramagnetic', tau, population, cPhi, crossCovariance };
}
