/**
 * Dimension of activity: the participation ratio PR = (tr C)²/tr C² of the equal-time
 * covariance, as a fraction of N, for N → ∞.
 *
 * Nonlinear (SCS) networks, dx/dt = −x + J φ(x), J_ij ~ N(0, g²/N) — Clark, Abbott &
 * Litwin-Kumar, PRL 131, 118401 (2023), two-site cavity:
 *   PR^a/N = C^a(0)² / (C^a(0)² + ψ^a(0, 0)),   ψ^a(0, 0) = ∫∫ dω1 dω2/(2π)² ψ^a(ω1, ω2),
 *   S^x = 1/(1 + iω), S^φ = ⟨φ′⟩ S^x, C^x(ω) = g² C^φ(ω)|S^x|², C^{xφ} = ⟨φ′⟩ C^x,
 *   ψ^φ = [M(1 + ε g⁴|S^φ(ω1) S^φ(ω2)|²) − 1] C^φ(ω1) C^φ(ω2),   M = 1/|1 − g² S^φ(ω1) S^φ(ω2)|²,
 *   ψ^x = (1 + ε)|U|² C^φ(ω1) C^φ(ω2) + 2 Re U · C^{xφ}(ω1) C^{xφ}(ω2),   U = g² S^x S^x/(1 − g² S^φ S^φ),
 * with ε = N tr[(JJᵀ)²]/(tr JJᵀ)² − 2 for random-mode connectivity (0 for i.i.d. J; THEORY.md §4,
 * derived there for zero input/output-mode overlap and extensive effective rank).
 * C^φ(ω) is the Fourier transform of C_φ(τ) = E[φ(x(t))φ(x(t+τ))] on the mean-field Δ(τ).
 *
 * The double integral: M is a ridge along ω1 = −ω2 of width ~1 − (g⟨φ′⟩)² across and
 * √(1 − (g⟨φ′⟩)²) along, which sharpens at the onset of chaos. Each axis is mapped by
 * ω = c·sinh(u) (c a quarter of that width) and summed by the trapezoid rule in u, whose relative
 * node spacing du resolves the ridge at every |ω| and converges exponentially for these analytic
 * integrands. It stays in plain TS: ≤ ~4·10⁶ integrand evaluations from g ≈ 1.2 up, no more work
 * than the mean-field Δ(τ) it is built on, so a WASM kernel would not change the total much.
 *
 * Linear networks (Hu & Sompolinsky, PLoS CB 18, e1010327, 2022): the long-window covariance
 * C = (1 − J)⁻¹(1 − J)⁻ᵀ has PR/N = (1 − g²)² for i.i.d. J and a closed form with reciprocal
 * correlation κ = corr(J_ij, J_ji); the equal-time covariance of dx = (J − 1)x dt + σ dW solves the
 * Lyapunov equation (J − 1)C + C(J − 1)ᵀ + σ² = 0.
 */
import { NONLINEARITY_TABLE, type NonlinearityName } from '../dynamics/nonlinearity.js';
import { requireFinite, requireInt, requireOneOf } from '../validate.js';
import { scsMeanField, scsVariance } from './dmft/scs.js';
import { gaussianExpectation } from './quadrature.js';

/** The φ the two-site cavity result covers: odd and saturating, so Δ∞ = 0 and the chaos is bounded. */
export const DIMENSION_THEORY_PHIS = ['tanh', 'erf'] as const satisfies readonly NonlinearityName[];

export interface ScsDimension {
  g: number;
  phi: NonlinearityName;
  epsilon: number;
  /** 'chaotic': PRs below; 'quiescent': g⟨φ′(0)⟩ ≤ 1, activity decays to the fixed point and PR is undefined. */
  status: 'chaotic' | 'quiescent';
  /** Δ0 = ⟨x²⟩, ⟨φ′⟩ and C_φ(0) = ⟨φ²⟩ under x ~ N(0, Δ0). */
  delta0: number;
  meanSlope: number;
  phiVariance: number;
  /** 1 − (g⟨φ′⟩)²: the width of the ridge in ψ, → 0 at the onset of chaos. */
  onsetGap: number;
  prXOverN: number | null;
  prPhiOverN: number | null;
  /** ψ^x(0,0) and ψ^φ(0,0). */
  psiX: number;
  psiPhi: number;
  /**
   * Largest relative error of the two sum rules the grid must satisfy, ∫C^x dω/2π = Δ0 and
   * ∫C^φ dω/2π = C_φ(0): a measure of the frequency quadrature (and of Δ(τ)'s accuracy).
   */
  sumRuleError: number;
  gridPoints: number;
}

/** Trapezoid weights of a uniform grid with n points and step h. */
const trapezoid = (k: number, n: number, h: number) => (k === 0 || k === n - 1 ? h / 2 : h);

/**
 * C^φ(ω) = 2∫₀^∞ C_φ(τ) cos ωτ dτ for the tabulated C_φ on [0, τ_K] plus its exponential tail
 * A e^{−λ(τ − τ_K)} beyond (exactly integrated): A (λ cos ωτ_K − ω sin ωτ_K)/(λ² + ω²).
 */
function cosineTransform(values: Float64Array, h: number, tailRate: number, omegas: Float64Array): Float64Array {
  const n = values.length;
  const end = (n - 1) * h;
  const tail = values[n - 1];
  return omegas.map((w) => {
    let sum = 0;
    for (let k = 0; k < n; k++) sum += trapezoid(k, n, h) * values[k] * Math.cos(w * k * h);
    sum += (tail * (tailRate * Math.cos(w * end) - w * Math.sin(w * end))) / (tailRate * tailRate + w * w);
    return 2 * sum;
  });
}

/**
 * The mean-field correlations the dimension needs, computed once per (g, φ): Δ0, ⟨φ′⟩, ⟨φ²⟩ and
 * C_φ(τ) = F(Δ(τ); Δ0) on τ_k = k·dτ up to where Δ(τ) has fallen to 1e-4·Δ0, beyond which
 * Δ ≈ Δ(τ_K) e^{−λ(τ−τ_K)} with λ = √(1 − (g⟨φ′⟩)²) (Δ'' = (1 − g²⟨φ′⟩²)Δ for small Δ).
 * null for g⟨φ′(0)⟩ ≤ 1 (no chaos).
 */
export interface ScsCorrelations {
  g: number;
  phi: NonlinearityName;
  delta0: number;
  meanSlope: number;
  phiVariance: number;
  onsetGap: number;
  tailRate: number;
  dtau: number;
  cPhi: Float64Array;
}

/** The SCS mean-field correlations Δ(τ) and C_φ(τ) at gain g that the dimension theory integrates (null without a chaotic state). */
export function scsCorrelations(g: number, options: { phi?: NonlinearityName } = {}): ScsCorrelations | null {
  const where = 'scsCorrelations';
  requireFinite(where, 'g', g, 0);
  const phi = requireOneOf(where, 'phi', options.phi ?? 'tanh', Object.keys(NONLINEARITY_TABLE) as NonlinearityName[]);
  if (!(DIMENSION_THEORY_PHIS as readonly string[]).includes(phi)) {
    throw new RangeError(
      `${where}: phi = '${phi}' has no dimension theory: the two-site cavity result is for odd, saturating φ ` +
        `(${DIMENSION_THEORY_PHIS.join(', ')}); sigmoid's static part Δ∞ is not covered, relu has no bounded chaos ` +
        `(for 'linear' use linearLongWindowPrOverN / linearEqualTimeCovariance)`,
    );
  }
  const table = NONLINEARITY_TABLE[phi];
  const delta0 = scsVariance(g, { phi });
  if (delta0 === 0) return null;
  const s0 = Math.sqrt(delta0);
  const meanSlope = gaussianExpectation((z) => table.derivative(s0 * z));
  const onsetGap = 1 - (g * meanSlope) ** 2;
  const tailRate = Math.sqrt(onsetGap);
  // RK4 with dτ = 0.05 changes the PRs by < 1e-7 relative against dτ = 0.02 (g = 1.2 … 3);
  // the solver stops at Δ = 1e-4·Δ0 (the rest is 0); tauMax allows 12 decay times.
  const dtau = 0.05;
  const field = scsMeanField(g, { phi, dtau, tauMax: Math.max(40, 12 / tailRate) });
  if (field.status !== 'chaotic') return null;
  let last = field.delta.length - 1;
  while (last > 0 && field.delta[last] === 0) last--;
  const cPhi = field.cPhi.slice(0, last + 1);
  return { g, phi, delta0, meanSlope, phiVariance: cPhi[0], onsetGap, tailRate, dtau, cPhi };
}

/**
 * PR^x/N and PR^φ/N of the SCS network with gain g and nonlinearity φ as N → ∞ (Clark et al.
 * 2023), for i.i.d. J (ε = 0) or random-mode J with the given ε (≥ −1, the orthogonal limit).
 * For g⟨φ′(0)⟩ ≤ 1 the activity decays and the status is 'quiescent' (PR undefined). Pass
 * `correlations` (from scsCorrelations with the same g and φ) to evaluate several ε or grids at
 * the cost of one mean-field solution.
 */
export function scsDimension(
  g: number, options: { phi?: NonlinearityName; epsilon?: number; resolution?: number; correlations?: ScsCorrelations | null } = {},
): ScsDimension {
  const where = 'scsDimension';
  requireFinite(where, 'g', g, 0);
  const phi = requireOneOf(where, 'phi', options.phi ?? 'tanh', Object.keys(NONLINEARITY_TABLE) as NonlinearityName[]);
  const epsilon = requireFinite(where, 'epsilon', options.epsilon ?? 0, -1);
  // Node density multiplier of the frequency grid (default 1; 2 halves du and c, for convergence checks).
  const resolution = requireFinite(where, 'resolution', options.resolution ?? 1, 1, 8);
  const given = options.correlations;
  if (given && (given.g !== g || given.phi !== phi)) {
    throw new RangeError(`${where}: correlations are for g = ${given.g}, φ = ${given.phi}, not g = ${g}, φ = ${phi}`);
  }
  const corr = given === undefined ? scsCorrelations(g, { phi }) : given;
  if (corr === null) {
    const slope = NONLINEARITY_TABLE[phi].slopeAtZero;
    return {
      g, phi, epsilon, status: 'quiescent', delta0: 0, meanSlope: slope, phiVariance: 0, onsetGap: 1 - (g * slope) ** 2,
      prXOverN: null, prPhiOverN: null, psiX: 0, psiPhi: 0, sumRuleError: 0, gridPoints: 0,
    };
  }
  const { delta0, meanSlope, phiVariance, onsetGap, tailRate, dtau: h, cPhi } = corr;
  const a = g * meanSlope;

  // ω = c sinh(u) on u ∈ [−U, U]: c resolves the ridge's width at ω ≈ 0, du its width relative to |ω|.
  const c = onsetGap / (4 * resolution);
  const du = Math.min(0.05, Math.sqrt(onsetGap) / 8) / resolution;
  // Up to 0.8 of the τ grid's Nyquist frequency π/h (≈ 50), where C^φ is below 1e-9 of its peak.
  const half = Math.ceil(Math.asinh((0.8 * Math.PI) / h / c) / du);
  const size = 2 * half + 1;
  const omega = Float64Array.from({ length: size }, (_, k) => c * Math.sinh((k - half) * du));
  const weight = Float64Array.from({ length: size }, (_, k) => (c * Math.cosh((k - half) * du) * du) / (2 * Math.PI));
  const spectrumPhi = cosineTransform(cPhi, h, tailRate, omega);
  const m = omega.map((w) => 1 / (1 + w * w)); // |S^x|²
  const zr = m; // S^x = (1 − iω)/(1 + ω²)
  const zi = omega.map((w, k) => -w * m[k]);
  const spectrumX = spectrumPhi.map((v, k) => g * g * v * m[k]);
  const crossXPhi = spectrumX.map((v) => meanSlope * v);

  let sumX = 0;
  let sumPhi = 0;
  for (let k = 0; k < size; k++) {
    sumX += weight[k] * spectrumX[k];
    sumPhi += weight[k] * spectrumPhi[k];
  }
  const sumRuleError = Math.max(Math.abs(sumX / delta0 - 1), Math.abs(sumPhi / phiVariance - 1));

  const g2 = g * g;
  const g4 = g2 * g2;
  const slope4 = meanSlope ** 4;
  let psiPhi = 0;
  let psiX = 0;
  for (let i = 0; i < size; i++) {
    const wi = weight[i] * spectrumPhi[i];
    const xi = weight[i] * crossXPhi[i];
    let rowPhi = 0;
    let rowX = 0;
    for (let j = 0; j < size; j++) {
      // S^x(ω1)S^x(ω2) = zz, g²S^φS^φ = a²·zz; M = 1/|1 − a² zz|².
      const zzr = zr[i] * zr[j] - zi[i] * zi[j];
      const zzi = zr[i] * zi[j] + zi[i] * zr[j];
      const dr = 1 - a * a * zzr;
      const di = -a * a * zzi;
      const den = dr * dr + di * di;
      const mm = m[i] * m[j];
      const cc = spectrumPhi[j] * weight[j];
      rowPhi += ((1 + epsilon * g4 * slope4 * mm) / den - 1) * cc;
      // Re U = g² Re[zz·conj(1 − a² zz)]/den.
      const reU = (g2 * (zzr * dr + zzi * di)) / den;
      rowX += ((1 + epsilon) * g4 * mm / den) * cc * wi + 2 * reU * crossXPhi[j] * weight[j] * xi;
    }
    psiPhi += wi * rowPhi;
    psiX += rowX;
  }
  return {
    g, phi, epsilon, status: 'chaotic', delta0, meanSlope, phiVariance, onsetGap,
    prXOverN: (delta0 * delta0) / (delta0 * delta0 + psiX),
    prPhiOverN: (phiVariance * phiVariance) / (phiVariance * phiVariance + psiPhi),
    psiX, psiPhi, sumRuleError, gridPoints: size * size,
  };
}

/** ε = N tr[(JJᵀ)²]/(tr JJᵀ)² − 2 from tr JJᵀ and tr[(JJᵀ)²]; the effective rank (tr JJᵀ)²/tr[(JJᵀ)²] beside it. */
export function modeEpsilon(n: number, traceJJt: number, traceJJt2: number): { epsilon: number; effectiveRank: number } {
  const where = 'modeEpsilon';
  requireInt(where, 'n', n, 1);
  requireFinite(where, 'traceJJt', traceJJt, 0);
  requireFinite(where, 'traceJJt2', traceJJt2, 0);
  if (!(traceJJt > 0 && traceJJt2 > 0)) throw new RangeError(`${where}: J must be nonzero (got tr JJᵀ = ${traceJJt})`);
  const effectiveRank = (traceJJt * traceJJt) / traceJJt2;
  return { epsilon: n / effectiveRank - 2, effectiveRank };
}

/**
 * PR/N of the long-window covariance (1 − J)⁻¹(1 − J)⁻ᵀ of a linear network with J_ij ~ N(0, g²/N)
 * and corr(J_ij, J_ji) = κ, N → ∞ (Hu & Sompolinsky 2022): θ = g²(1 + κ),
 * μ = [2θ − 1 + √(1 + 4(g² − θ))]/[2(g² − θ²)],
 * PR/N = [μ(2g²μ + 1) − 2θμ(θμ + 1)]/[(θμ + 1)²(g²μ + 1)]; κ = 0 gives (1 − g²)².
 * Needs a stable network: g(1 + κ) < 1 (the elliptic law's rightmost eigenvalue below 1).
 */
export function linearLongWindowPrOverN(g: number, kappa = 0): number {
  const where = 'linearLongWindowPrOverN';
  requireFinite(where, 'g', g, 0);
  requireFinite(where, 'kappa', kappa, -1, 1);
  if (!(g * (1 + kappa) < 1)) {
    throw new RangeError(`${where}: the linear network is unstable for g(1 + κ) = ${g * (1 + kappa)} ≥ 1, so it has no stationary covariance`);
  }
  if (kappa === 0) return (1 - g * g) ** 2;
  const g2 = g * g;
  const theta = g2 * (1 + kappa);
  const mu = (2 * theta - 1 + Math.sqrt(1 + 4 * (g2 - theta))) / (2 * (g2 - theta * theta));
  return (mu * (2 * g2 * mu + 1) - 2 * theta * mu * (theta * mu + 1)) / ((theta * mu + 1) ** 2 * (g2 * mu + 1));
}

/** PR = (tr C)²/tr C² of a symmetric n×n matrix (row-major, full). */
export function matrixParticipationRatio(c: Float64Array, n: number): number {
  let trace = 0;
  let squares = 0;
  for (let i = 0; i < n; i++) trace += c[i * n + i];
  for (let k = 0; k < n * n; k++) squares += c[k] * c[k];
  return (trace * trace) / squares;
}

/** C = A·B for n×n row-major matrices (i-k-j order, contiguous inner loop). */
function multiply(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const row = i * n;
    for (let k = 0; k < n; k++) {
      const aik = a[row + k];
      if (aik === 0) continue;
      const bk = k * n;
      for (let j = 0; j < n; j++) c[row + j] += aik * b[bk + j];
    }
  }
  return c;
}

const transpose = (a: Float64Array, n: number) => Float64Array.from({ length: n * n }, (_, k) => a[(k % n) * n + Math.floor(k / n)]);

/** (s·I − J)⁻¹ by Gauss–Jordan elimination with partial pivoting; throws if singular. */
function shiftedInverse(where: string, j: Float64Array, n: number, s: number): Float64Array {
  const a = j.map((v, k) => (Math.floor(k / n) === k % n ? s - v : -v));
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) inv[i * n + i] = 1;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r * n + col]) > Math.abs(a[pivot * n + col])) pivot = r;
    const p = a[pivot * n + col];
    if (!(Math.abs(p) > 1e-300)) throw new RangeError(`${where}: ${s}·I − J is singular`);
    if (pivot !== col) {
      for (let k = 0; k < n; k++) {
        [a[col * n + k], a[pivot * n + k]] = [a[pivot * n + k], a[col * n + k]];
        [inv[col * n + k], inv[pivot * n + k]] = [inv[pivot * n + k], inv[col * n + k]];
      }
    }
    for (let k = 0; k < n; k++) {
      a[col * n + k] /= p;
      inv[col * n + k] /= p;
    }
    for (let r = 0; r < n; r++) {
      const f = a[r * n + col];
      if (r === col || f === 0) continue;
      for (let k = 0; k < n; k++) {
        a[r * n + k] -= f * a[col * n + k];
        inv[r * n + k] -= f * inv[col * n + k];
      }
    }
  }
  return inv;
}

function requireSquare(where: string, j: Float64Array, n: number): void {
  requireInt(where, 'n', n, 1);
  if (!(j instanceof Float64Array) || j.length !== n * n) throw new RangeError(`${where}: J must be a Float64Array of n² = ${n * n} entries`);
  for (let k = 0; k < j.length; k++) requireFinite(where, `J[${k}]`, j[k]);
}

/**
 * The long-window covariance (1 − J)⁻¹ D (1 − J)⁻ᵀ of a finite linear network (row-major n×n J)
 * driven by independent noise of variances D (default all 1): for spiking networks in linear
 * response, J = W (gains times couplings) and D the neurons' own count variances.
 */
export function linearLongWindowCovariance(j: Float64Array, n: number, noiseVariances?: ArrayLike<number>): Float64Array {
  const where = 'linearLongWindowCovariance';
  requireSquare(where, j, n);
  const b = shiftedInverse(where, j, n, 1);
  const bt = transpose(b, n);
  if (noiseVariances !== undefined) {
    if (noiseVariances.length !== n) throw new RangeError(`${where}: noiseVariances must have n = ${n} entries (got ${noiseVariances.length})`);
    for (let k = 0; k < n; k++) requireFinite(where, `noiseVariances[${k}]`, noiseVariances[k], 0);
    for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) bt[r * n + c] *= noiseVariances[r];
  }
  return multiply(b, bt, n);
}

export interface LyapunovSolution {
  covariance: Float64Array;
  /** Doubling steps taken and the relative residual ‖AC + CAᵀ + σ²I‖_F/‖σ²I‖_F with A = J − 1. */
  steps: number;
  residual: number;
}

/**
 * The equal-time covariance of dx = (J − 1)x dt + σ dW (σ = 1: PR does not depend on σ): the
 * solution C of the Lyapunov equation A C + C Aᵀ + I = 0, A = J − 1, by Smith's doubling on the
 * Cayley transform U = (A − I)⁻¹(A + I): C = Σ_k U^k W Uᵀ^k with W = 2(A − I)⁻¹(A − I)⁻ᵀ, summed
 * as C ← C + U C Uᵀ, U ← U² until U is negligible. Needs every eigenvalue of J to have real part
 * < 1; O(n³) per step, ~log2(1/(1 − ρ(U))) + 6 steps.
 */
export function linearEqualTimeCovariance(j: Float64Array, n: number): LyapunovSolution {
  const where = 'linearEqualTimeCovariance';
  requireSquare(where, j, n);
  // (A − I)⁻¹ = (J − 2I)⁻¹ = −(2I − J)⁻¹, so U = I + 2(A − I)⁻¹ = I − 2(2I − J)⁻¹.
  const inv = shiftedInverse(where, j, n, 2);
  let u: Float64Array = inv.map((v, k) => (Math.floor(k / n) === k % n ? 1 : 0) - 2 * v);
  const c = multiply(inv, transpose(inv, n), n).map((v) => 2 * v);
  let steps = 0;
  for (; steps < 60; steps++) {
    const ucu = multiply(multiply(u, c, n), transpose(u, n), n);
    let added = 0;
    let total = 0;
    for (let k = 0; k < n * n; k++) {
      c[k] += ucu[k];
      added += Math.abs(ucu[k]);
      total += Math.abs(c[k]);
    }
    if (!Number.isFinite(total)) break;
    if (added <= 1e-15 * total) break;
    u = multiply(u, u, n);
  }
  const a = j.map((v, k) => (Math.floor(k / n) === k % n ? v - 1 : v));
  const ac = multiply(a, c, n);
  let residual = 0;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const r = ac[i * n + k] + ac[k * n + i] + (i === k ? 1 : 0);
      residual += r * r;
    }
  }
  residual = Math.sqrt(residual / n);
  if (!(residual < 1e-6)) {
    throw new RangeError(`${where}: no stationary covariance (relative residual ${residual.toExponential(2)} after ${steps} doubling steps): ` +
      'some eigenvalue of J has real part ≥ 1');
  }
  return { covariance: c, steps, residual };
}
