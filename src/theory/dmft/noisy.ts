/**
 * Mean-field theory of the noisy rate network (van Meegen, Kühn & Helias, arXiv 2009.08889)
 *   dx_i = (−x_i + Σ_j J_ij φ(x_j)) dt + √(2D) dW_i,   J_ij ~ N(0, g²/N)   (τ = 1),
 * i.e. the library's rate network with noise amplitude σ = √(2D). Each x_i is a Gaussian process
 * with (1 + ∂_t)x = η + ξ, ⟨ηη⟩ = g² C_φ, ⟨ξξ⟩ = 2D δ, so for τ > 0
 *   Δ'' = Δ − g² F(Δ; Δ0),   Δ'(0⁺) = −D   (the white noise puts a kink at τ = 0),
 * the SCS particle (scs.ts) started with velocity −D. Energy conservation down to Δ∞ = 0 (odd φ)
 * fixes the variance:  D²/2 = Δ0²/2 − g² Var_z Φ(√Δ0 z)   (D = 0: the SCS condition; g = 0: Δ0 = D).
 * The recurrent input plus noise, Jφ(x) + ξ, has the spectrum
 *   S(ω) = g² Ĉ_φ(ω) + 2D,   C_φ(τ) = F(Δ(τ); Δ0),
 * which for a recording sampled every dt is the sampled (aliased) spectrum
 *   S_dt(ω) = dt Σ_j C_φ(j·dt) e^{−iωj·dt}·g² + 2D   (Poisson summation; exact for the samples).
 * With a time constant τ ≠ 1, dx = (−x + Jφ)dt/τ + √(2D) dW is the τ = 1 network in time t/τ with
 * noise intensity D·τ, so C_φ(t) is the τ = 1 correlation at lag t/τ of the network with D·τ.
 * A forward-Euler recording needs exactly this: x_{n+1} = (1 − dt)x_n + dt·η_n is the exact
 * solution over one step, with η held, of dx/dt = (−x + η)/τ_E, τ_E = dt/(−ln(1 − dt)) ≈ 1 − dt/2,
 * which removes the O(dt) bias of comparing Euler data with the continuous-time theory.
 * A periodogram of L samples has the expectation of the lag sum with the triangular weight
 * (1 − j/L) (Bartlett; the debiased Whittle likelihood of Sykulski et al., Biometrika 106, 2019):
 * option `segmentSamples` = L returns that instead of S, which removes the leakage bias near the
 * sharp low-frequency peak of chaotic networks.
 * Odd φ only (then ⟨φ⟩ = 0 and Δ∞ = 0); other φ are refused.
 */
import { requireFinite, requireInt, requirePositive } from '../../validate.js';
import { bisect, classSeries, oddImbalance, potentialTrajectory, SINGLE_CLASS } from './mean-field.js';
import { meanFieldPhi, type PhiSpec } from './phi.js';

/** The stationary variance Δ0 of the noisy network (odd φ), by bisection to relative 1e-13. */
export function noisyVariance(g: number, d: number, phiSpec: PhiSpec = 'tanh'): number {
  const where = 'noisyVariance';
  requireFinite(where, 'g', g, 0);
  requireFinite(where, 'D', d, 0);
  const phi = meanFieldPhi(where, phiSpec);
  if (!phi.odd) throw new RangeError(`${where}: phi must be odd (tanh, erf, linear); got ${phi.name}`);
  if (d === 0) throw new RangeError(`${where}: D must be > 0 (D = 0 is the noiseless SCS network: scsVariance)`);
  const balance = (delta0: number) => oddImbalance(g, SINGLE_CLASS, phi, delta0) - (d * d) / 2;
  let hi = Math.max(d, 1);
  for (; balance(hi) < 0; hi *= 2) {
    if (hi > 1e12) throw new RangeError(`${where}: no finite variance at g = ${g}, D = ${d} (φ = ${phi.name} grows too fast)`);
  }
  return bisect(balance, 0, hi);
}

export interface NoisySpectrum {
  g: number;
  D: number;
  delta0: number;
  /** Δ at lags j·dt, j = 0 … (until Δ < 1e-4·Δ0, then 0). */
  delta: Float64Array;
  /** S(ω_k) = g² Ĉ_φ(ω_k) + 2D at the requested angular frequencies (units of 1/τ). */
  spectrum: Float64Array;
}

/** τ_E = dt/(−ln(1 − dt)): the time constant whose exact one-step solution is the Euler step (dt < 1). */
export const eulerTimeConstant = (dt: number): number => dt / -Math.log1p(-dt);

/**
 * The sampled innovation spectrum S_dt(ω) at angular frequencies `omega` for samples every dt of
 * the network with time constant `tau` (default 1; eulerTimeConstant(dt) for Euler recordings).
 * The lag sum runs until Δ has decayed to 1e-4 of Δ0 (potentialTrajectory's stop), at most tauMax.
 */
export function noisySpectrum(
  g: number, d: number, omega: ArrayLike<number>, dt: number,
  options: { phi?: PhiSpec; tauMax?: number; tau?: number; segmentSamples?: number } = {},
): NoisySpectrum {
  const where = 'noisySpectrum';
  requirePositive(where, 'dt', dt);
  const tau = requirePositive(where, 'tau', options.tau ?? 1);
  const phi = meanFieldPhi(where, options.phi);
  const delta0 = noisyVariance(g, d * tau, phi);
  const tauMax = requirePositive(where, 'tauMax', options.tauMax ?? 200);
  const series = classSeries(phi, SINGLE_CLASS, delta0);
  const trajectory = potentialTrajectory(g, SINGLE_CLASS, series, { delta0, deltaInf: 0, velocity0: -d * tau }, tauMax / tau, dt / tau);
  let lags = trajectory.delta.length;
  while (lags > 1 && trajectory.delta[lags - 1] === 0) lags--;
  const segment = options.segmentSamples === undefined ? Number.POSITIVE_INFINITY : requireInt(where, 'segmentSamples', options.segmentSamples, 1);
  lags = Math.min(lags, segment);
  const cPhi = Float64Array.from(trajectory.delta.subarray(0, lags), (x, j) => series[0].correlation(x) * (1 - j / segment));
  const spectrum = Float64Array.from(omega, (w) => {
    let sum = cPhi[0];
    for (let j = 1; j < lags; j++) sum += 2 * cPhi[j] * Math.cos(w * j * dt);
    return g * g * dt * sum + 2 * d;
  });
  return { g, D: d, delta0, delta: trajectory.delta.subarray(0, lags), spectrum };
}
