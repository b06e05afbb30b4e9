/**
 * Kernels of infinitely wide deep and recurrent networks (Segadlo, Epping, van Meegen, Dahmen,
 * Krämer & Helias, arXiv 2112.05589; the deep recursion is Poole et al., NeurIPS 2016).
 *
 * Both architectures start from a pre-activation h⁰ whose width-n entries are i.i.d. Gaussian pairs
 * (h⁰(a), h⁰(b)) for two inputs a, b with covariance K⁰ (what an input layer U·x with Gaussian U
 * gives), and then
 *   deep:      h^{l+1} = W^l φ(h^l) + b^l,   W^l_ij ~ N(0, σ_w²/n), b^l_i ~ N(0, σ_b²), new draws per layer;
 *   recurrent: h^{t+1} = W φ(h^t) + b,       one W and one b reused at every step (input at t = 0 only).
 * As n → ∞ the kernel K_{ab} = (1/n) Σ_i h_i(a) h_i(b) concentrates on
 *   K^{l+1}_{ab} = σ_w² E[φ(u)φ(v)] + σ_b²,   (u, v) ~ N(0, [[K_aa, K_ab], [K_ab, K_bb]])
 * for both: the equal-time recurrent kernel follows the deep recursion with time ↔ layer.
 * They differ across times: weights shared in time correlate h^t and h^s, so the recurrent
 * two-time kernel obeys the same recursion on (t, s),
 *   K(t+1, s+1) = σ_w² E[φ(h^t)φ(h^s)] + σ_b²,   K(0, s) = 0 for s > 0 (h⁰ is independent of W, b),
 * while the deep network's cross-layer kernel vanishes (independent W^l, b^l). At finite n both
 * empirical kernels scatter around the limit with variance O(1/n) (analysis/kernels.ts).
 */
import { gaussianExpectation, gaussianPairExpectation } from './quadrature.js';
import { requireFinite, requireInt } from '../validate.js';
import type { MeanFieldPhi } from './dmft/phi.js';

/** Variances and covariance of a pair of inputs (a, b) at one layer or time. */
export interface KernelPair {
  /** K_aa, K_bb (≥ 0) and K_ab (|K_ab| ≤ √(K_aa·K_bb)). */
  qa: number;
  qb: number;
  c: number;
}

export interface KernelRecursionParams {
  phi: MeanFieldPhi;
  /** Weight scale σ_w (entries N(0, σ_w²/n)) and bias scale σ_b. */
  sigmaW: number;
  sigmaB: number;
  /** Layers (deep) or time steps (recurrent) after the input: the recursion runs steps times. */
  steps: number;
  /** The input kernel K⁰. */
  input: KernelPair;
}

/** Checks σ_w, σ_b ≥ 0, steps ≥ 1 and a valid (positive semi-definite) input kernel. */
export function requireKernelParams(where: string, p: KernelRecursionParams): void {
  requireFinite(where, 'sigmaW', p.sigmaW, 0);
  requireFinite(where, 'sigmaB', p.sigmaB, 0);
  requireInt(where, 'steps', p.steps, 1, 10_000);
  const qa = requireFinite(where, 'input.qa', p.input?.qa, 0);
  const qb = requireFinite(where, 'input.qb', p.input?.qb, 0);
  const c = requireFinite(where, 'input.c', p.input?.c);
  if (c * c > qa * qb * (1 + 1e-12)) throw new RangeError(`${where}: input.c must satisfy c² ≤ qa·qb (got c = ${c}, qa = ${qa}, qb = ${qb})`);
}

/**
 * E[φ(u)φ(v)] for (u, v) centred Gaussian with Var u = qa, Var v = qb, Cov = c: with u = √qa·u′,
 * v = √qb·v′ the standardised pair has correlation ρ = c/√(qa·qb), which the nested rule takes.
 */
export function pairMoment(phi: MeanFieldPhi, qa: number, qb: number, c: number): number {
  if (qa === 0 || qb === 0) {
    const at0 = phi.phi(0);
    if (qa === 0 && qb === 0) return at0 * at0;
    const q = qa === 0 ? qb : qa;
    return at0 * gaussianExpectation((z) => phi.phi(Math.sqrt(q) * z));
  }
  const rho = Math.max(-1, Math.min(1, c / Math.sqrt(qa * qb)));
  const sa = Math.sqrt(qa);
  const sb = Math.sqrt(qb);
  return gaussianPairExpectation((u) => phi.phi(sa * u), (v) => phi.phi(sb * v), rho, 1);
}

/** One step of the kernel map K ↦ σ_w² E[φφ] + σ_b² for a pair of inputs. */
function kernelStep(p: KernelRecursionParams, k: KernelPair): KernelPair {
  const w2 = p.sigmaW * p.sigmaW;
  const b2 = p.sigmaB * p.sigmaB;
  const self = (q: number) => w2 * gaussianExpectation((z) => phi2(p.phi, Math.sqrt(q) * z)) + b2;
  return { qa: self(k.qa), qb: self(k.qb), c: w2 * pairMoment(p.phi, k.qa, k.qb, k.c) + b2 };
}

const phi2 = (phi: MeanFieldPhi, u: number): number => phi.phi(u) ** 2;

/**
 * The equal-time (equal-layer) kernel K^l for l = 0 … steps: the deep recursion, which the
 * recurrent network's equal-time kernel follows too. Element 0 is the input kernel.
 */
export function equalTimeKernel(p: KernelRecursionParams): KernelPair[] {
  requireKernelParams('equalTimeKernel', p);
  const out: KernelPair[] = [{ ...p.input }];
  for (let l = 0; l < p.steps; l++) out.push(kernelStep(p, out[l]));
  return out;
}

/**
 * The recurrent network's two-time kernel K(t, s) = lim (1/n) Σ_i h_i^t h_i^s for input a
 * ((steps + 1)², row-major, symmetric): K(t, t) is the equal-time K_aa, K(0, s > 0) = 0, and
 * K(t+1, s+1) = σ_w² E[φ(h^t)φ(h^s)] + σ_b². The deep network's cross-layer kernel is 0.
 */
export function recurrentTwoTimeKernel(p: KernelRecursionParams): Float64Array {
  requireKernelParams('recurrentTwoTimeKernel', p);
  const m = p.steps + 1;
  const k = new Float64Array(m * m);
  const diagonal = equalTimeKernel(p).map((pair) => pair.qa);
  const w2 = p.sigmaW * p.sigmaW;
  const b2 = p.sigmaB * p.sigmaB;
  for (let t = 0; t < m; t++) k[t * m + t] = diagonal[t];
  for (let t = 1; t < m; t++) {
    for (let s = t + 1; s < m; s++) {
      const value = w2 * pairMoment(p.phi, diagonal[t - 1], diagonal[s - 1], k[(t - 1) * m + (s - 1)]) + b2;
      k[t * m + s] = value;
      k[s * m + t] = value;
    }
  }
  return k;
}
