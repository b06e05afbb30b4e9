/**
 * Gains of integrate-and-fire neurons and the linear-response prediction for the dimension of
 * spiking activity (THEORY.md §5: Pernice et al. 2011, Trousdale et al. 2012).
 *
 * A neuron τ_m dv/dt = F(v) + σ √τ_m ξ(t) (ξ white, time in ms, v in mV) that fires at θ, is
 * reset to V_r and held for τ_ref fires at the rate (stationary Fokker–Planck flux)
 *   1/ν = τ_ref + (2τ_m/σ²) ∫_{V_r}^{θ} B(u) du,   B(u) = ∫_{−∞}^{u} e^{(2/σ²)(G(v) − G(u))} dv,  G′ = F,
 * which for the LIF, F = μ − v, is Siegert's 1/ν = τ_ref + τ_m √π ∫_{(V_r−μ)/σ}^{(θ−μ)/σ} e^{x²}(1 + erf x) dx.
 * B obeys B′ = 1 − (2F/σ²) B, integrated here with the exponential integrator over a fine grid
 * (exact for F constant on a step), which neither overflows nor loses the exponentially small
 * rates below threshold. For the QIF of this library, F = v(v − V_T)/ΔV + μ, the same integral is
 * the numerical gain; for the LIF, synaptic filtering with time constant τ_s shifts θ and V_r by
 * σ (α/2) √(τ_s/τ_m), α = √2 |ζ(1/2)| (Fourcaud & Brunel 2002).
 *
 * A neuron's gain γ = dν/dμ at its operating point (μ_i, σ_i) turns the connectivity w into the
 * effective W_ij = γ_i τ_s w_ij (a spike of j adds w_ij to I_i, whose integral w_ij τ_s drives v),
 * so g_eff² = Σ_ij γ_i² τ_s² w_ij² / N and the long-window linear model gives PR/N ≈ (1 − g_eff²)².
 */
import { requireFinite, requireInt, requirePositive } from '../validate.js';

/** √2 |ζ(1/2)| (ζ(1/2) = −1.4603545088095868). */
export const FOURCAUD_BRUNEL_ALPHA = Math.SQRT2 * 1.4603545088095868;

export interface IfNeuron {
  kind: 'lif' | 'qif';
  tauMs: number;
  thetaMv: number;
  vResetMv: number;
  refractoryMs: number;
  /** QIF: V_T and ΔV of v(v − V_T)/ΔV. */
  vTMv?: number;
  deltaVMv?: number;
  /** Synaptic time constant for the LIF threshold shift (0: white noise, no shift). */
  tauSynMs?: number;
}

/** The drift F(v) at mean input μ. */
function drift(neuron: IfNeuron, mu: number): (v: number) => number {
  if (neuron.kind === 'lif') return (v) => mu - v;
  const vT = neuron.vTMv ?? 20;
  const dV = neuron.deltaVMv ?? 20;
  return (v) => (v * (v - vT)) / dV + mu;
}

/** The lowest voltage the quadrature needs: below the reset and the stable point by 10 σ (B ≈ σ²/2F there). */
function lowerLimit(neuron: IfNeuron, mu: number, sigma: number): number {
  let rest = mu;
  if (neuron.kind === 'qif') {
    const vT = neuron.vTMv ?? 20;
    const dV = neuron.deltaVMv ?? 20;
    const disc = vT * vT / 4 - mu * dV; // F = 0 at v = V_T/2 ± √(V_T²/4 − μΔV)
    rest = disc > 0 ? vT / 2 - Math.sqrt(disc) : vT / 2;
  }
  return Math.min(neuron.vResetMv, rest) - 10 * sigma - 1;
}

/** Steps of the B-integration between the lower limit and θ. */
const GRID = 20_000;

function firingRateOnGrid(neuron: IfNeuron, mu: number, sigma: number, lo: number, theta: number, reset: number): number {
  const f = drift(neuron, mu);
  const h = (theta - lo) / GRID;
  const s2 = sigma * sigma;
  let b = s2 / (2 * Math.max(f(lo), 1e-300));
  let outer = 0;
  for (let k = 0; k < GRID; k++) {
    const v = lo + k * h;
    const rate = (2 * f(v + h / 2)) / s2; // B′ = 1 − rate·B, F at the step's midpoint
    const decay = Math.exp(-rate * h);
    const next = Math.abs(rate * h) < 1e-8 ? b + h * (1 - rate * b) : b * decay + (1 - decay) / rate;
    // ∫ B over the step (exact for the linear ODE with constant rate), only above the reset.
    if (v + h > reset) {
      const stepIntegral = Math.abs(rate * h) < 1e-8 ? h * (b + next) / 2 : (h - (next - b)) / rate;
      const frac = v >= reset ? 1 : (v + h - reset) / h; // the step that straddles V_r
      outer += frac * stepIntegral;
    }
    b = next;
    if (!Number.isFinite(b)) return 0; // the barrier makes the rate smaller than 1/Number.MAX_VALUE
  }
  const period = neuron.refractoryMs + (2 * neuron.tauMs * outer) / s2;
  return period > 0 && Number.isFinite(period) ? 1 / period : 0;
}

function requireNeuron(where: string, neuron: IfNeuron): void {
  if (neuron.kind !== 'lif' && neuron.kind !== 'qif') throw new RangeError(`${where}: neuron.kind must be 'lif' or 'qif'`);
  requirePositive(where, 'neuron.tauMs', neuron.tauMs);
  requireFinite(where, 'neuron.thetaMv', neuron.thetaMv);
  requireFinite(where, 'neuron.vResetMv', neuron.vResetMv, -Infinity, neuron.thetaMv);
  requireFinite(where, 'neuron.refractoryMs', neuron.refractoryMs, 0);
  requireFinite(where, 'neuron.tauSynMs', neuron.tauSynMs ?? 0, 0);
}

/** θ and V_r after the synaptic-filter shift (LIF with τ_s > 0), else unchanged. */
function thresholds(neuron: IfNeuron, sigma: number): { theta: number; reset: number } {
  const shift = neuron.kind === 'lif' ? sigma * (FOURCAUD_BRUNEL_ALPHA / 2) * Math.sqrt((neuron.tauSynMs ?? 0) / neuron.tauMs) : 0;
  return { theta: neuron.thetaMv + shift, reset: neuron.vResetMv + shift };
}

/** Checks a neuron and its operating point (μ finite, σ > 0) and returns its effective thresholds. */
function operatingPoint(where: string, neuron: IfNeuron, mu: number, sigma: number): { theta: number; reset: number } {
  requireNeuron(where, neuron);
  requireFinite(where, 'mu', mu);
  requirePositive(where, 'sigma', sigma);
  return thresholds(neuron, sigma);
}

/** Stationary firing rate (kHz = spikes per ms) at mean input μ and noise σ > 0 (mV). */
export function firingRate(neuron: IfNeuron, mu: number, sigma: number): number {
  const where = 'firingRate';
  const { theta, reset } = operatingPoint(where, neuron, mu, sigma);
  return firingRateOnGrid(neuron, mu, sigma, lowerLimit(neuron, mu, sigma), theta, reset);
}

/**
 * γ = dν/dμ (kHz/mV) by a central difference with step δμ = max(10⁻³σ, 10⁻⁴) on one grid (the
 * quadrature error is then smooth in μ and cancels).
 */
export function neuronGain(neuron: IfNeuron, mu: number, sigma: number): number {
  const where = 'neuronGain';
  const { theta, reset } = operatingPoint(where, neuron, mu, sigma);
  const d = Math.max(1e-3 * sigma, 1e-4);
  const lo = lowerLimit(neuron, mu, sigma) - d;
  return (firingRateOnGrid(neuron, mu + d, sigma, lo, theta, reset) - firingRateOnGrid(neuron, mu - d, sigma, lo, theta, reset)) / (2 * d);
}

export interface OperatingPoint {
  /** μ_i = μ_ext,i + τ_s Σ_j w_ij ν_j and σ_i = τ_s √(Σ_j w_ij² ν_j / τ_m) (diffusion approximation; ν in kHz). */
  mu: Float64Array;
  sigma: Float64Array;
}

/**
 * Each neuron's mean input and noise from the rates ν_j (kHz) of its inputs: w as CSR rows
 * (postsynaptic i, presynaptic colIdx), drive μ_ext,i, τ_s and τ_m,i.
 */
export function operatingPoints(
  csr: { rowPtr: ArrayLike<number>; colIdx: ArrayLike<number>; values: ArrayLike<number> }, ratesKhz: ArrayLike<number>,
  muExt: ArrayLike<number>, tauSynMs: number, tauMs: ArrayLike<number>,
): OperatingPoint {
  const where = 'operatingPoints';
  const n = requireInt(where, 'ratesKhz.length', ratesKhz.length, 1);
  if (csr.rowPtr.length !== n + 1 || muExt.length !== n || tauMs.length !== n) {
    throw new RangeError(`${where}: rowPtr (n + 1), muExt and tauMs (n) must match the ${n} rates`);
  }
  requirePositive(where, 'tauSynMs', tauSynMs);
  const mu = new Float64Array(n);
  const sigma = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let mean = 0;
    let square = 0;
    for (let k = csr.rowPtr[i]; k < csr.rowPtr[i + 1]; k++) {
      const w = csr.values[k];
      const nu = ratesKhz[csr.colIdx[k]];
      mean += w * nu;
      square += w * w * nu;
    }
    mu[i] = muExt[i] + tauSynMs * mean;
    sigma[i] = tauSynMs * Math.sqrt(square / tauMs[i]);
  }
  return { mu, sigma };
}

/** g_eff² = τ_s² Σ_ij γ_i² w_ij² / N and the linear model's PR/N = (1 − g_eff²)² (null when g_eff ≥ 1: unstable). */
export function gainRescaledDimension(
  csr: { rowPtr: ArrayLike<number>; values: ArrayLike<number> }, gains: ArrayLike<number>, tauSynMs: number,
): { gEffSquared: number; prOverN: number | null } {
  const n = gains.length;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    let row = 0;
    for (let k = csr.rowPtr[i]; k < csr.rowPtr[i + 1]; k++) row += csr.values[k] ** 2;
    sum += gains[i] ** 2 * row;
  }
  const gEffSquared = (tauSynMs * tauSynMs * sum) / n;
  return { gEffSquared, prOverN: gEffSquared < 1 ? (1 - gEffSquared) ** 2 : null };
}
