/**
 * Timescales of a mean-field correlation function, defined as the simulation-side estimators
 * (analysis/timescales.ts) define them, so that theory and simulation are compared like with like.
 * On the normalised connected part ρ(τ) = (f(τ) − f∞)/(f(0) − f∞):
 *   τ½    where ρ first falls below 1/2,   τ_1/e where it first falls below 1/e
 *         (linear interpolation between grid points; NaN when it does not within the grid),
 *   τ_int = ∫₀^L ρ(τ)² dτ (trapezoid rule over the grid).
 */

export interface CorrelationTimescales {
  tauHalf: number;
  tau1e: number;
  tauIntegrated: number;
}

/** The first τ where ρ crosses `level` from above, by linear interpolation; NaN if it never does. */
export function crossingTime(tau: ArrayLike<number>, rho: ArrayLike<number>, level: number): number {
  for (let k = 1; k < rho.length; k++) {
    if (rho[k] < level) {
      const prev = rho[k - 1];
      return tau[k - 1] + ((prev - level) / (prev - rho[k])) * (tau[k] - tau[k - 1]);
    }
  }
  return Number.NaN;
}

/** τ½, τ_1/e and τ_int of f on the grid tau (uniform or not), relative to the asymptote f∞. */
export function correlationTimescales(tau: ArrayLike<number>, values: ArrayLike<number>, asymptote = 0): CorrelationTimescales {
  const span = values[0] - asymptote;
  if (!(span > 0)) return { tauHalf: Number.NaN, tau1e: Number.NaN, tauIntegrated: Number.NaN };
  const rho = Float64Array.from({ length: values.length }, (_, k) => (values[k] - asymptote) / span);
  let integral = 0;
  for (let k = 1; k < rho.length; k++) integral += ((rho[k - 1] ** 2 + rho[k] ** 2) / 2) * (tau[k] - tau[k - 1]);
  return { tauHalf: crossingTime(tau, rho, 0.5), tau1e: crossingTime(tau, rho, Math.exp(-1)), tauIntegrated: integral };
}
