/**
 * Mean-field theory of rates, spike autocorrelations and intrinsic timescales of block-structured
 * sparse networks of Poisson-GLM neurons (after van Meegen & van Albada, arXiv 1909.01908; the
 * neuron is SpikingNetwork's type 2, src/dynamics/spiking-params.ts). Time in ms, potentials in mV.
 *
 * Neuron i of block a: u_i(t) = μ_a + Σ_j J_{a b(j)} (κ ∗ s_j)(t), with the membrane/synaptic kernel
 * of τ_s İ = −I (a spike adds J to I), τ_m v̇ = −v + μ + I:
 *   κ(t) = τ_s/(τ_s − τ_m)·(e^{−t/τ_s} − e^{−t/τ_m}),  ∫κ = τ_s,
 * and spikes at the rate ν(u) = ν_max Φ((u − θ)/σ_ν). Input of i from block b: K_i,ab ~ Poisson(K_ab)
 * presynaptic neurons (sparse Erdős–Rényi blocks), each of weight J_ab.
 * Mean-field split of u_i into a static part and Gaussian dynamic fluctuations:
 *   static  m_i ~ N(M_a, V_a),  M_a = μ_a + τ_s Σ_b K_ab J_ab ν̄_b,  V_a = τ_s² Σ_b K_ab J_ab² ⟨ν_b²⟩
 *           (V_a: the spread from random in-degrees and presynaptic rates, Var Σ_{k≤K} x_k = K⟨x²⟩ for
 *           Poisson K);
 *   dynamic δu_a Gaussian, autocovariance Δ_a(τ) = Σ_b K_ab J_ab² [ν̄_b A(τ) + (A ∗ C̄_b)(τ)] (× (1 + K_ab/N_b)
 *           with populationSizes: multapses of inputs drawn with replacement), i.e. the
 *           spectrum Σ_b K_ab J_ab² |κ̂(ω)|² c̄_b(ω) with c̄_b(ω) = ν̄_b + Ĉ_b(ω), A = κ ⋆ κ (closed form).
 * The erf rate function has closed-form Gaussian expectations (s² = σ_ν² + Δ_a(0)):
 *   ν_i = ⟨ν(m_i + δu)⟩ = ν_max Φ(x_i),  x_i = (m_i − θ)/s,
 *   C_i(τ) = Cov(ν(u(t)), ν(u(t+τ))) = ν_max² [Φ₂(x_i, x_i; ρ) − Φ(x_i)²],  ρ = Δ_a(τ)/s²,
 *   Φ₂(x, x; ρ) − Φ(x)² = (1/2π) ∫₀^{asin ρ} exp(−x²/(1 + sin t)) dt   (Gauss–Legendre),
 * and over the static spread ν̄_a = ν_max Φ((M_a − θ)/√(s² + V_a)),
 * ⟨ν_a²⟩ = ν_max² Φ₂(y, y; V_a/(s² + V_a)), y = (M_a − θ)/√(s² + V_a). The spike autocorrelation of
 * neuron i is ν_i δ(τ) + C_i(τ); C̄_a is C_i averaged over m_i (Gauss–Hermite). Its timescale is
 * τ_int,i = ∫₀^L (C_i(τ)/C_i(0))² dτ (the analysis' τ_int of the continuous part).
 * The iteration over (ν̄, ⟨ν²⟩, C̄) is damped and stops at a relative change below `tol`.
 *
 * Per neuron (checked against simulation in analysis/spiking-timescales.ts): C_i depends on the
 * neuron only through x_i, i.e. through its rate ν_i = ν_max Φ(x_i) (glmNeuronAutocorrelation).
 * By the Hermite expansion Φ₂(x, x; ρ) − Φ(x)² = φ(x)² Σ_{n≥1} He_{n−1}(x)² ρⁿ/n!, the amplitude
 * follows the squared gain φ(x_i)² while the shape is ρ_a(τ) up to the ρ², ρ³ terms, which grow
 * with |x_i|: τ_int is nearly constant across neurons and slightly shorter at the rate extremes
 * (default network: 8.5–9.9 ms over the 5–95% rate quantiles). THEORY.md §7's "per-neuron timescales"
 * thus vary little; what varies per neuron is the amplitude. Against simulation (with
 * populationSizes) group amplitudes agree within −10 … +12% and timescales within ±8%; the
 * remaining scatter follows each network's own mean rate (±15% from the mean field at N = 1000);
 * input cross-covariances and the in-degree spread of the dynamic input stay neglected.
 */
import { erf } from '../dynamics/nonlinearity.js';
import { requireFinite, requireInt, requirePositive } from '../validate.js';
import { gaussHermiteRule, gaussLegendreRule } from './quadrature.js';

/** The Poisson-GLM neuron shared by every block (SpikingNetwork's `glm` parameters). */
export interface GlmNeuron {
  tauMs: number;
  tauSynMs: number;
  thetaMv: number;
  rateWidthMv: number;
  rateMaxHz: number;
}

export interface GlmBlockTheoryParams {
  neuron: GlmNeuron;
  /** Constant drive μ_a per block (mV). */
  muMv: ArrayLike<number>;
  /** inDegree[a][b] = K_ab: mean number of inputs a neuron of block a gets from block b. */
  inDegree: ArrayLike<ArrayLike<number>>;
  /** weightMv[a][b] = J_ab: jump of I (mV) per spike from block b into block a. */
  weightMv: ArrayLike<ArrayLike<number>>;
  /**
   * N_b, neurons per block, when the K_ab inputs are drawn with replacement from a finite block
   * (as glmBlockComparison does): neuron j then sends m_j ~ Poisson(K_ab/N_b) synapses, which add up
   * coherently, so the dynamic input carries E[m²]/E[m] = 1 + K_ab/N_b times the independent-input
   * variance (the static spread, Var Σ m_j ν_j = K⟨ν²⟩, is unchanged). Default: N_b → ∞.
   */
  populationSizes?: ArrayLike<number>;
  /** Lag grid step (ms, default 0.5) and extent (ms, default 150). */
  lagStepMs?: number;
  maxLagMs?: number;
  maxIter?: number;
  /** Relative change at which the iteration stops (default 1e-9). */
  tol?: number;
  /** Weight of the new iterate (default 0.5). */
  damping?: number;
}

export interface GlmBlockResult {
  rate: { meanHz: number; sdHz: number; quantilesHz: { p: number; hz: number }[] };
  /** Static input mean M_a and spread √V_a (mV), and the dynamic variance Δ_a(0) (mV²). */
  input: { meanMv: number; staticSdMv: number; dynamicVarianceMv2: number };
  /** Population-mean continuous part of the spike autocorrelation C̄_a(τ_k) (Hz², τ_k = k·lagStepMs). */
  autocorrelationHz2: Float64Array;
  /**
   * The correlation of the Gaussian input behind the rate function, ρ_a(τ_k) = Δ_a(τ_k)/(σ_ν² + Δ_a(0)),
   * shared by all neurons of the block: with it a neuron's autocorrelation follows from its rate
   * alone (glmNeuronAutocorrelation).
   */
  inputCorrelation: Float64Array;
  /** Rate and τ_int of neurons at the static-input quantiles p (Hz, ms), and the median τ_int. */
  timescales: { p: number; rateHz: number; tauMs: number }[];
  medianTimescaleMs: number;
}

export interface GlmBlockTheory {
  status: 'converged' | 'maxIter' | 'diverged';
  iterations: number;
  /** The neuron the theory was solved for (defaults resolved: none, all fields given). */
  neuron: GlmNeuron;
  lagStepMs: number;
  blocks: GlmBlockResult[];
  warnings: string[];
}

const INV_SQRT2 = Math.SQRT1_2;
const normalCdf = (x: number): number => 0.5 * (1 + erf(x * INV_SQRT2));

const LEGENDRE = gaussLegendreRule(16);

/** Φ₂(x, x; ρ) − Φ(x)² = (1/2π)∫₀^{asin ρ} e^{−x²/(1+sin t)} dt for |ρ| ≤ 1 (Gauss–Legendre, 16 nodes). */
export function bivariateNormalExcess(x: number, rho: number): number {
  const top = Math.asin(Math.max(-1, Math.min(1, rho)));
  let sum = 0;
  for (let k = 0; k < LEGENDRE.nodes.length; k++) {
    const t = 0.5 * top * (LEGENDRE.nodes[k] + 1);
    sum += LEGENDRE.weights[k] * Math.exp(-(x * x) / (1 + Math.sin(t)));
  }
  return (0.5 * top * sum) / (2 * Math.PI);
}

/** A(τ) = ∫ κ(t) κ(t + |τ|) dt for κ = c(e^{−t/τ_s} − e^{−t/τ_m}) (τ_s = τ_m: the limit t e^{−t/τ}/τ·τ). */
export function kernelAutocorrelation(tauMs: number, tauSynMs: number, lagMs: number): number {
  const t = Math.abs(lagMs);
  const a = tauSynMs;
  const b = tauMs;
  if (Math.abs(a - b) < 1e-9 * b) return (Math.exp(-t / b) * (b + t)) / 4; // κ = (t/τ) e^{−t/τ}
  const c = a / (a - b);
  const cross = (a * b) / (a + b);
  return c * c * (Math.exp(-t / a) * (a / 2 - cross) + Math.exp(-t / b) * (b / 2 - cross));
}

/** Inverse normal cdf by bisection on Φ (60 halvings of [−12, 12]: below 1e-16 in z). */
function normalQuantile(p: number): number {
  let lo = -12;
  let hi = 12;
  for (let k = 0; k < 60; k++) {
    const mid = (lo + hi) / 2;
    if (normalCdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

const QUANTILES = [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95];
const HERMITE = gaussHermiteRule(32);

function matrix(where: string, name: string, m: ArrayLike<ArrayLike<number>>, nBlocks: number, min: number): number[][] {
  if (m === null || typeof m !== 'object' || m.length !== nBlocks) throw new RangeError(`${where}: ${name} must be ${nBlocks}×${nBlocks}`);
  return Array.from({ length: nBlocks }, (_, a) => {
    const row = m[a];
    if (row === null || typeof row !== 'object' || row.length !== nBlocks) throw new RangeError(`${where}: ${name}[${a}] must have ${nBlocks} entries`);
    return Array.from({ length: nBlocks }, (_, b) => requireFinite(where, `${name}[${a}][${b}]`, row[b], min));
  });
}

/** The self-consistent rates, autocorrelations and timescales of a block network of Poisson-GLM neurons. */
export function glmBlockTheory(params: GlmBlockTheoryParams): GlmBlockTheory {
  const where = 'glmBlockTheory';
  if (params === null || typeof params !== 'object') throw new TypeError(`${where}: params must be an object`);
  const nr = params.neuron;
  if (nr === null || typeof nr !== 'object') throw new TypeError(`${where}: neuron must be {tauMs, tauSynMs, thetaMv, rateWidthMv, rateMaxHz}`);
  const tauMs = requirePositive(where, 'neuron.tauMs', nr.tauMs);
  const tauSynMs = requirePositive(where, 'neuron.tauSynMs', nr.tauSynMs);
  const theta = requireFinite(where, 'neuron.thetaMv', nr.thetaMv);
  const width = requirePositive(where, 'neuron.rateWidthMv', nr.rateWidthMv);
  const nuMax = requirePositive(where, 'neuron.rateMaxHz', nr.rateMaxHz) / 1000; // per ms
  const nBlocks = params.muMv?.length ?? 0;
  if (nBlocks < 1) throw new RangeError(`${where}: muMv must give one drive per block (at least one block)`);
  const mu = Array.from({ length: nBlocks }, (_, a) => requireFinite(where, `muMv[${a}]`, params.muMv[a]));
  const K = matrix(where, 'inDegree', params.inDegree, nBlocks, 0);
  const J = matrix(where, 'weightMv', params.weightMv, nBlocks, -Infinity);
  const sizes = params.populationSizes;
  if (sizes !== undefined && sizes?.length !== nBlocks) throw new RangeError(`${where}: populationSizes must give one size per block (${nBlocks})`);
  /** E[m²]/E[m] of the multapse count from block b into block a (1 without populationSizes). */
  const multapse = K.map((row) => row.map((k, b) => (sizes === undefined ? 1 : 1 + k / requirePositive(where, `populationSizes[${b}]`, sizes[b]))));
  const h = requirePositive(where, 'lagStepMs', params.lagStepMs ?? 0.5);
  const L = Math.round(requirePositive(where, 'maxLagMs', params.maxLagMs ?? 150) / h) + 1;
  if (L < 8) throw new RangeError(`${where}: maxLagMs must span at least 8 lag steps`);
  const maxIter = requireInt(where, 'maxIter', params.maxIter ?? 500, 1);
  const tol = requirePositive(where, 'tol', params.tol ?? 1e-9);
  const damping = requireFinite(where, 'damping', params.damping ?? 0.5, 1e-3, 1);

  // A(τ) on all differences of the grid: index |k − j| up to 2L.
  const A = Float64Array.from({ length: 2 * L }, (_, k) => kernelAutocorrelation(tauMs, tauSynMs, k * h));
  const rate = new Float64Array(nBlocks).fill(nuMax / 2);
  const second = Float64Array.from(rate, (r) => r * r);
  const cBar = Array.from({ length: nBlocks }, () => new Float64Array(L));
  const state = () => ({ M: new Float64Array(nBlocks), V: new Float64Array(nBlocks), delta: Array.from({ length: nBlocks }, () => new Float64Array(L)) });
  let inputs = state();

  const inputsOf = () => {
    const out = state();
    // (A ∗ C̄_b)(τ_k) = Σ_j h·A(|k − j|)·C̄_b(|j|), j over (−L, L), trapezoid ends.
    const conv = cBar.map((c) => Float64Array.from({ length: L }, (_, k) => {
      let s = 0;
      for (let j = -(L - 1); j <= L - 1; j++) {
        const w = Math.abs(j) === L - 1 ? 0.5 : 1;
        s += w * A[Math.abs(k - j)] * c[Math.abs(j)];
      }
      return s * h;
    }));
    for (let a = 0; a < nBlocks; a++) {
      out.M[a] = mu[a];
      for (let b = 0; b < nBlocks; b++) {
        out.M[a] += tauSynMs * K[a][b] * J[a][b] * rate[b];
        out.V[a] += tauSynMs ** 2 * K[a][b] * J[a][b] ** 2 * second[b];
        for (let k = 0; k < L; k++) out.delta[a][k] += multapse[a][b] * K[a][b] * J[a][b] ** 2 * (rate[b] * A[k] + conv[b][k]);
      }
    }
    return out;
  };

  /** s² = σ_ν² + Δ_a(0), the variance behind the rate function, and ρ_a(τ_k) = Δ_a(τ_k)/s². */
  const correlationOf = (a: number) => {
    const s2 = width ** 2 + inputs.delta[a][0];
    return { s2, rho: inputs.delta[a].map((d) => d / s2) };
  };

  let status: GlmBlockTheory['status'] = 'maxIter';
  let iterations = 0;
  for (; iterations < maxIter; ) {
    iterations++;
    inputs = inputsOf();
    let change = 0;
    for (let a = 0; a < nBlocks; a++) {
      const { s2, rho } = correlationOf(a);
      const total = s2 + inputs.V[a];
      const y = (inputs.M[a] - theta) / Math.sqrt(total);
      const newRate = nuMax * normalCdf(y);
      const newSecond = newRate ** 2 + nuMax ** 2 * bivariateNormalExcess(y, inputs.V[a] / total);
      // C̄_a = ⟨C_i⟩ over the static input m_i = M_a + √V_a z (per neuron, C_i/ν_max² = excessCurve(x_i, ρ_a)).
      const newC = new Float64Array(L);
      for (let q = 0; q < HERMITE.nodes.length; q++) {
        const c = excessCurve((inputs.M[a] + Math.sqrt(inputs.V[a]) * HERMITE.nodes[q] - theta) / Math.sqrt(s2), rho);
        for (let k = 0; k < L; k++) newC[k] += HERMITE.weights[q] * nuMax ** 2 * c[k];
      }
      change = Math.max(change, Math.abs(newRate - rate[a]) / nuMax, Math.abs(newC[0] - cBar[a][0]) / nuMax ** 2);
      rate[a] += damping * (newRate - rate[a]);
      second[a] += damping * (newSecond - second[a]);
      for (let k = 0; k < L; k++) cBar[a][k] += damping * (newC[k] - cBar[a][k]);
    }
    if (!rate.every(Number.isFinite)) {
      status = 'diverged';
      break;
    }
    if (change < tol) {
      status = 'converged';
      break;
    }
  }
  inputs = inputsOf();
  const warnings: string[] = [];
  if (status === 'maxIter') warnings.push(`${where}: not converged after ${maxIter} iterations (raise maxIter or lower damping)`);
  if (status === 'diverged') warnings.push(`${where}: diverged (non-finite rates): the network has no stable mean-field state`);

  const blocks = Array.from({ length: nBlocks }, (_, a): GlmBlockResult => {
    const { s2, rho } = correlationOf(a);
    const sdStatic = Math.sqrt(inputs.V[a]);
    const xAt = (z: number) => (inputs.M[a] + sdStatic * z - theta) / Math.sqrt(s2);
    const ratePerNeuronSd = Math.sqrt(Math.max(0, second[a] - rate[a] ** 2));
    const timescales = QUANTILES.map((p) => {
      const x = xAt(normalQuantile(p));
      return { p, rateHz: 1000 * nuMax * normalCdf(x), tauMs: integratedTimescale(excessCurve(x, rho), h) };
    });
    return {
      rate: { meanHz: rate[a] * 1000, sdHz: ratePerNeuronSd * 1000, quantilesHz: timescales.map(({ p, rateHz }) => ({ p, hz: rateHz })) },
      input: { meanMv: inputs.M[a], staticSdMv: sdStatic, dynamicVarianceMv2: inputs.delta[a][0] },
      autocorrelationHz2: cBar[a].map((c) => c * 1e6),
      inputCorrelation: rho,
      timescales,
      medianTimescaleMs: integratedTimescale(excessCurve(xAt(0), rho), h),
    };
  });
  return { status, iterations, neuron: { tauMs, tauSynMs, thetaMv: theta, rateWidthMv: width, rateMaxHz: nuMax * 1000 }, lagStepMs: h, blocks, warnings };
}

/** Φ₂(x, x; ρ_k) − Φ(x)² on a lag grid: a neuron's C(τ_k)/ν_max² at input offset x (see the module doc). */
function excessCurve(x: number, rho: ArrayLike<number>): Float64Array {
  return Float64Array.from(rho, (r) => bivariateNormalExcess(x, r));
}

/** τ_int = ∫₀^L (c(τ)/c(0))² dτ of a curve sampled every h (trapezoid); NaN when c(0) = 0. */
export function integratedTimescale(c: ArrayLike<number>, h: number): number {
  if (!(c[0] > 0)) return Number.NaN;
  let integral = 0;
  for (let k = 0; k < c.length; k++) integral += (k === 0 || k === c.length - 1 ? 0.5 : 1) * (c[k] / c[0]) ** 2;
  return integral * h;
}

function requireBlock(where: string, theory: GlmBlockTheory, block: number): GlmBlockResult {
  if (theory === null || typeof theory !== 'object' || !Array.isArray(theory.blocks)) throw new TypeError(`${where}: theory must be a glmBlockTheory result`);
  return theory.blocks[requireInt(where, 'block', block, 0, theory.blocks.length - 1)];
}

/**
 * The continuous part C_i(τ_k) of the spike autocorrelation (Hz², τ_k = k·lagStepMs) of a neuron of
 * `block` that fires at rateHz. In the theory a neuron's static input enters only through
 * x_i = Φ⁻¹(ν_i/ν_max), so its rate fixes it: C_i(τ) = ν_max² [Φ₂(x_i, x_i; ρ_a(τ)) − Φ(x_i)²].
 * Rates at or beyond 0 and ν_max (measurement noise) are clamped there (C_i = 0).
 */
export function glmNeuronAutocorrelation(theory: GlmBlockTheory, block: number, rateHz: number): Float64Array {
  const where = 'glmNeuronAutocorrelation';
  const b = requireBlock(where, theory, block);
  const rateMaxHz = theory.neuron.rateMaxHz;
  const fraction = Math.min(1, requireFinite(where, 'rateHz', rateHz, 0) / rateMaxHz);
  if (fraction === 0 || fraction === 1) return new Float64Array(b.inputCorrelation.length);
  return excessCurve(normalQuantile(fraction), b.inputCorrelation).map((c) => c * rateMaxHz ** 2);
}

/** τ_int (ms) of glmNeuronAutocorrelation(theory, block, rateHz): the theory's timescale–rate relation (NaN at rate 0 or ν_max). */
export function glmNeuronTimescale(theory: GlmBlockTheory, block: number, rateHz: number): number {
  return integratedTimescale(glmNeuronAutocorrelation(theory, block, rateHz), theory.lagStepMs);
}
