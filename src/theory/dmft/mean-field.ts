/**
 * Dynamical mean-field theory (η = 0) on degree classes; the Gaussian (SCS) network is one class.
 *
 * A class c holds a fraction w_c of the neurons, with in-degree scale κ_in,c (its input variance is
 * g²κ_in Q) and mean out-degree scale m_c = E[κ_out | c] (Σ w m = 1: presynaptic partners are
 * drawn ∝ out-degree). Every neuron's autocovariance is Δ_i(τ) = κ_in,i·D(τ) with (THEORY.md §2)
 *
 *   D'' = D − g² Q(D),        Q(D) = Σ_c w_c m_c F(κ_c D; κ_c D0)
 *       = −∂V/∂D,             V(D) = −D²/2 + g² Σ_c w_c (m_c/κ_c) P(κ_c D; κ_c D0),
 *
 * F(c; q) = E[φ(x)φ(y)], P = E[Φ(x)Φ(y)] (pair-series.ts; dP/dc = F by Price's theorem). A chaotic
 * solution leaves D0 at rest and creeps, at rest, into the static part D∞, a maximum of V:
 *   V′(D∞) = 0  ⇔  D∞ = g² Q(D∞),        V(D0) = V(D∞)          (energy condition).
 * For odd φ, D∞ = 0 and the energy condition needs only single integrals:
 *   D0²/2 = g² Σ_c w_c (m_c/κ_c) Var_z Φ(√(κ_c D0) z).
 * States: 'quiescent' (x = 0 stable), 'static' (a stable fixed point with q_s = D0 = D∞ > 0, as
 * for sigmoid φ at moderate g), 'chaotic', 'diverged' (homogeneous φ such as relu or linear above threshold:
 * no finite solution, activity grows without bound) and 'maxIter' (an iteration did not settle).
 */
import { gaussianExpectation, midpointGaussianExpectation } from '../quadrature.js';
import { requireFinite, requireFiniteArray } from '../../validate.js';
import { type PairCorrelation, pairCorrelation } from './pair-series.js';
import type { MeanFieldPhi } from './phi.js';

export interface DegreeClasses {
  /** Fraction of neurons in each class (Σ = 1). */
  weight: Float64Array;
  /** κ_in = k_in/K: the class's input variance is g²·κ_in·Q. */
  kappaIn: Float64Array;
  /** m = E[κ_out | class], normalised so that Σ weight·kappaOut = 1. */
  kappaOut: Float64Array;
}

/** The Gaussian network: one class with κ_in = κ_out = 1. */
export const SINGLE_CLASS: DegreeClasses = {
  weight: Float64Array.of(1), kappaIn: Float64Array.of(1), kappaOut: Float64Array.of(1),
};

/** Checks the shape and ranges of degree classes (weights ≥ 0 summing to 1, κ ≥ 0, Σ w m = 1). */
export function requireDegreeClasses(where: string, classes: DegreeClasses): DegreeClasses {
  const { weight, kappaIn, kappaOut } = classes;
  for (const [name, values] of [['weight', weight], ['kappaIn', kappaIn], ['kappaOut', kappaOut]] as const) {
    requireFiniteArray(where, `classes.${name}`, values);
    if (values.length !== weight.length || values.length === 0) {
      throw new RangeError(`${where}: classes.${name} must have the (non-zero) length of classes.weight (${weight.length})`);
    }
    for (let i = 0; i < values.length; i++) {
      if (values[i] < 0) throw new RangeError(`${where}: classes.${name}[${i}] must be ≥ 0 (got ${values[i]})`);
    }
  }
  const total = weight.reduce((s, w) => s + w, 0);
  const outMean = weight.reduce((s, w, c) => s + w * kappaOut[c], 0);
  if (Math.abs(total - 1) > 1e-9) throw new RangeError(`${where}: classes.weight must sum to 1 (got ${total})`);
  if (Math.abs(outMean - 1) > 1e-9) throw new RangeError(`${where}: Σ weight·kappaOut must be 1 (got ${outMean})`);
  return classes;
}

export type MeanFieldStatus = 'quiescent' | 'static' | 'chaotic' | 'diverged' | 'maxIter';

export interface MeanFieldVariance {
  status: MeanFieldStatus;
  /** D0 = D(0) (the variance of a κ_in = 1 neuron); NaN when diverged. */
  delta0: number;
  /** The static part D∞ = lim D(τ) (0 for odd φ; D0 in a static state). */
  deltaInf: number;
  /** The fixed-point solution q_s = g² Σ w m E[φ(√(κ q_s) z)²] and its stability
   *  s = g² Σ w m κ E[φ′(√(κ q_s) z)²] (the squared bulk radius of the Jacobian; chaos needs s > 1). */
  staticVariance: number;
  staticStability: number;
  /** What went wrong, when something did. */
  message?: string;
}

/** States beyond this variance count as divergent (|x| ~ 10⁶). */
const DIVERGENCE_BOUND = 1e12;

/** E[φ′(x)²] as q → 0⁺: φ′(0)² for smooth φ, the mean of the one-sided squares at a kink (relu: 1/2). */
function slopeSquaredAtRest(phi: MeanFieldPhi): number {
  const right = phi.derivative(1e-150);
  const left = phi.derivative(-1e-150);
  return (right * right + left * left) / 2;
}

/** q ↦ g² Σ w m E[φ(√(κq) z)²]: the fixed-point map of the static solution. */
function staticMap(g: number, classes: DegreeClasses, phi: MeanFieldPhi, q: number): number {
  let sum = 0;
  for (let c = 0; c < classes.weight.length; c++) {
    const s = Math.sqrt(classes.kappaIn[c] * q);
    sum += classes.weight[c] * classes.kappaOut[c] * gaussianExpectation((z) => phi.phi(s * z) ** 2);
  }
  return g * g * sum;
}

/** The smallest fixed point of the static map, by iteration from 0 with Aitken's Δ² every third step. */
function staticSolution(g: number, classes: DegreeClasses, phi: MeanFieldPhi): { q: number; converged: boolean } {
  let q = 0;
  for (let iter = 0; iter < 2000; iter++) {
    const q1 = staticMap(g, classes, phi, q);
    if (!(q1 < DIVERGENCE_BOUND)) return { q: Number.POSITIVE_INFINITY, converged: true };
    if (Math.abs(q1 - q) <= 1e-14 * q1) return { q: q1, converged: true };
    const q2 = staticMap(g, classes, phi, q1);
    const curvature = q2 - 2 * q1 + q;
    const accelerated = curvature !== 0 ? q2 - (q2 - q1) ** 2 / curvature : q2;
    q = accelerated > 0 && Number.isFinite(accelerated) ? accelerated : q2;
    if (q === 0) return { q: 0, converged: true };
  }
  return { q, converged: false };
}

/** g² Σ w m κ E[φ′(√(κq) z)²] (midpoint rule: φ′ may jump at 0). */
function staticStability(g: number, classes: DegreeClasses, phi: MeanFieldPhi, q: number): number {
  const atRest = slopeSquaredAtRest(phi);
  let sum = 0;
  for (let c = 0; c < classes.weight.length; c++) {
    const kappa = classes.kappaIn[c];
    const s = Math.sqrt(kappa * q);
    const slope2 = s === 0 ? atRest : midpointGaussianExpectation((z) => phi.derivative(s * z) ** 2);
    sum += classes.weight[c] * classes.kappaOut[c] * kappa * slope2;
  }
  return g * g * sum;
}

/** The odd-φ energy balance D0²/2 − g² Σ w (m/κ) Var Φ(√(κ D0) z) (negative below the root). */
export function oddImbalance(g: number, classes: DegreeClasses, phi: MeanFieldPhi, delta0: number): number {
  let sum = 0;
  for (let c = 0; c < classes.weight.length; c++) {
    const kappa = classes.kappaIn[c];
    if (kappa === 0) continue; // x ≡ 0 on a class without inputs: Var Φ = 0
    const s = Math.sqrt(kappa * delta0);
    const m1 = gaussianExpectation((z) => phi.primitive(s * z));
    const m2 = gaussianExpectation((z) => phi.primitive(s * z) ** 2);
    sum += classes.weight[c] * (classes.kappaOut[c] / kappa) * (m2 - m1 * m1);
  }
  return (delta0 * delta0) / 2 - g * g * sum;
}

/** The series of every class at the common D0 (class variance κ·D0). */
export function classSeries(phi: MeanFieldPhi, classes: DegreeClasses, delta0: number): PairCorrelation[] {
  return Array.from(classes.kappaIn, (kappa) => pairCorrelation(phi, kappa * delta0));
}

/** Q(D) = Σ w m F(κD; κD0) and its derivative Σ w m κ C_φ′(κD; κD0). */
export function presynapticCorrelation(classes: DegreeClasses, series: PairCorrelation[], d: number): number {
  let sum = 0;
  for (let c = 0; c < series.length; c++) sum += classes.weight[c] * classes.kappaOut[c] * series[c].correlation(classes.kappaIn[c] * d);
  return sum;
}

function presynapticSlope(classes: DegreeClasses, series: PairCorrelation[], d: number): number {
  let sum = 0;
  for (let c = 0; c < series.length; c++) {
    const kappa = classes.kappaIn[c];
    sum += classes.weight[c] * classes.kappaOut[c] * kappa * series[c].slopeCorrelation(kappa * d);
  }
  return sum;
}

/**
 * V(D) up to a constant: −D²/2 + g² Σ w (m/κ)[P(κD) − ⟨Φ⟩²]; a class with κ = 0 (x ≡ 0) adds its
 * limit g²·m·φ(0)²·D.
 */
export function meanFieldPotential(g: number, classes: DegreeClasses, series: PairCorrelation[], d: number): number {
  let sum = 0;
  for (let c = 0; c < series.length; c++) {
    const kappa = classes.kappaIn[c];
    const m = classes.weight[c] * classes.kappaOut[c];
    sum += kappa > 0 ? (m / kappa) * series[c].primitiveIncrement(kappa * d) : m * series[c].coefficients[0] * d;
  }
  return -(d * d) / 2 + g * g * sum;
}

/**
 * The static part at a given D0: the smallest root of D − g²Q(D) on [0, D0], by Newton's method
 * from 0 (D − g²Q is concave, because F is convex in c, so the iterates rise monotonically).
 */
function staticPart(g: number, classes: DegreeClasses, series: PairCorrelation[], delta0: number): number {
  let d = 0;
  for (let iter = 0; iter < 200; iter++) {
    const h = d - g * g * presynapticCorrelation(classes, series, d);
    const slope = 1 - g * g * presynapticSlope(classes, series, d);
    if (!(slope > 0)) return delta0; // no root below D0 on this side of the maximum
    const step = -h / slope;
    d += step;
    if (d >= delta0) return delta0;
    if (Math.abs(step) <= 1e-15 * Math.max(delta0, 1e-300)) break;
  }
  return d;
}

/** V(D∞) − V(D0) at a trial D0 (with D∞(D0)), for non-odd φ. */
function generalImbalance(g: number, classes: DegreeClasses, phi: MeanFieldPhi, delta0: number): { imbalance: number; deltaInf: number } {
  const series = classSeries(phi, classes, delta0);
  const deltaInf = staticPart(g, classes, series, delta0);
  if (deltaInf >= delta0) return { imbalance: -1, deltaInf }; // no rest point below D0: count as below the root
  return {
    imbalance: meanFieldPotential(g, classes, series, deltaInf) - meanFieldPotential(g, classes, series, delta0),
    deltaInf,
  };
}

/** Bisection for the root of f between lo (f < 0) and hi (f ≥ 0) to relative precision 1e-13. */
export function bisect(f: (d: number) => number, lo: number, hi: number): number {
  for (let i = 0; i < 200 && Math.abs(hi - lo) > 1e-13 * Math.max(Math.abs(hi), Math.abs(lo)); i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) < 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * The root of the energy balance above a rest state at 0: f(lo) < 0 (≈ (1 − s)·D²/2 near 0), hi
 * found by doubling; null when f stays negative up to the divergence bound or is not negative
 * just above 0 (no finite solution: homogeneous φ).
 */
function rootAboveRest(f: (d: number) => number, lo: number, hi: number): number | null {
  if (!(f(lo) < 0)) return null;
  while (f(hi) < 0) {
    hi *= 2;
    if (hi > DIVERGENCE_BOUND) return null;
  }
  return bisect(f, lo, hi);
}

/**
 * The root of the energy balance below an unstable static solution q_s > 0 (non-odd φ): just
 * below q_s the balance V(D∞) − V(D0) is positive; lower D0 (halving the distance to 0) until it
 * is negative or D∞ no longer exists (the particle would not come to rest), then bisect.
 */
function rootBelowStatic(f: (d: number) => number, staticVariance: number): number | null {
  const hi = staticVariance * (1 - 1e-9);
  if (!(f(hi) >= 0)) return null;
  for (let k = 1; k <= 60; k++) {
    const lo = staticVariance * (1 - 2 ** -k);
    if (f(lo) < 0) return bisect(f, lo, hi);
  }
  return null;
}

/** The stationary state of the degree-class mean-field equations at gain g. */
export function meanFieldVariance(g: number, classes: DegreeClasses, phi: MeanFieldPhi): MeanFieldVariance {
  requireFinite('meanFieldVariance', 'g', g, 0);
  const fixed = staticSolution(g, classes, phi);
  if (!Number.isFinite(fixed.q)) {
    return { status: 'diverged', delta0: Number.NaN, deltaInf: Number.NaN, staticVariance: Number.NaN, staticStability: Number.NaN,
      message: 'the fixed-point variance grows without bound' };
  }
  const stability = staticStability(g, classes, phi, fixed.q);
  const base = { staticVariance: fixed.q, staticStability: stability };
  if (!fixed.converged) {
    return { status: 'maxIter', delta0: fixed.q, deltaInf: fixed.q, ...base, message: 'the fixed-point iteration did not converge in 2000 steps' };
  }
  if (stability <= 1) return { status: fixed.q === 0 ? 'quiescent' : 'static', delta0: fixed.q, deltaInf: fixed.q, ...base };
  const noRoot = (why: string): MeanFieldVariance => ({
    status: 'diverged', delta0: Number.NaN, deltaInf: Number.NaN, ...base, message: `no finite chaotic state: ${why}`,
  });
  if (phi.odd) {
    const root = rootAboveRest((d) => oddImbalance(g, classes, phi, d), 1e-9, 1);
    return root === null
      ? noRoot(`the energy balance has no root below ${DIVERGENCE_BOUND} (φ grows too fast, e.g. linear)`)
      : { status: 'chaotic', delta0: root, deltaInf: 0, ...base };
  }
  const imbalance = (d: number) => generalImbalance(g, classes, phi, d).imbalance;
  const root = fixed.q > 0 ? rootBelowStatic(imbalance, fixed.q) : rootAboveRest(imbalance, 1e-9, 1);
  if (root === null) return noRoot('the energy balance has no root (homogeneous φ such as relu grow without bound)');
  return { status: 'chaotic', delta0: root, deltaInf: generalImbalance(g, classes, phi, root).deltaInf, ...base };
}

export interface MeanFieldTrajectory {
  tau: Float64Array;
  /** D(τ) (Δ_i = κ_in,i·D). */
  delta: Float64Array;
  /** dD/dτ. */
  velocity: Float64Array;
}

/**
 * D(τ) by RK4 on D'' = D − g²Q(D) from (D0, v0) (v0 = state.velocity0, default 0; white input noise
 * of intensity 2D gives the kink v0 = −D). The solution creeps into the hyperbolic point D∞;
 * rounding eventually pushes it off, so integration stops once D − D∞ falls below 1e-4·(D0 − D∞)
 * or D turns back up, and the rest of the grid is D∞.
 */
export function potentialTrajectory(
  g: number, classes: DegreeClasses, series: PairCorrelation[], state: { delta0: number; deltaInf: number; velocity0?: number }, tauMax: number,
  dtau: number,
): MeanFieldTrajectory {
  const steps = Math.round(tauMax / dtau);
  const tau = Float64Array.from({ length: steps + 1 }, (_, i) => i * dtau);
  const { delta0, deltaInf } = state;
  const delta = new Float64Array(steps + 1).fill(deltaInf);
  const velocity = new Float64Array(steps + 1);
  delta[0] = delta0;
  velocity[0] = state.velocity0 ?? 0;
  if (!(delta0 > deltaInf)) return { tau, delta, velocity };
  const acceleration = (d: number) => d - g * g * presynapticCorrelation(classes, series, d);
  const floor = deltaInf + 1e-4 * (delta0 - deltaInf);
  let d = delta0;
  let v = velocity[0];
  for (let i = 1; i <= steps; i++) {
    const k1d = v, k1v = acceleration(d);
    const k2d = v + (dtau / 2) * k1v, k2v = acceleration(d + (dtau / 2) * k1d);
    const k3d = v + (dtau / 2) * k2v, k3v = acceleration(d + (dtau / 2) * k2d);
    const k4d = v + dtau * k3v, k4v = acceleration(d + dtau * k3d);
    d += (dtau / 6) * (k1d + 2 * k2d + 2 * k3d + k4d);
    v += (dtau / 6) * (k1v + 2 * k2v + 2 * k3v + k4v);
    if (d < floor || v > 0) break;
    delta[i] = d;
    velocity[i] = v;
  }
  return { tau, delta, velocity };
}

export type FourierStatus = 'converged' | 'maxIter' | 'diverged';

export interface FourierSolution extends MeanFieldTrajectory {
  status: FourierStatus;
  iterations: number;
  /** max_τ |T[D] − D| / D(0) at the last iterate. */
  residual: number;
}

/**
 * D(τ) on [0, L] by the positivity-preserving Fourier iteration D̂ ← g²Q̂[D]/(1 + ω²) on the even,
 * 2L-periodic extension (a cosine transform, DCT-I; ω_k = πk/L), with D0 = D(0) of the iterate
 * itself, so that no energy condition enters. The exact symbol 1 + ω² (rather than the
 * finite-difference 1 + (2/dτ²)(1 − cos ω dτ) of THEORY.md) makes the discretisation spectrally
 * accurate: the finite-difference symbol alone shifts D0 by O(dτ²) ≈ 1e-4 at dτ = 0.05.
 * The fixed-point map contracts slowly (rate ≈ 0.92 per step at g = 2), so the damped update
 * D ← D + β(T[D] − D) is accelerated by Anderson mixing over the last `history` iterates
 * (Walker & Ni, SIAM J. Numer. Anal. 49, 2011).
 */
export function fourierTrajectory(
  g: number, classes: DegreeClasses, phi: MeanFieldPhi,
  options: { tauMax: number; dtau: number; maxIter: number; tolerance: number; damping: number; history: number; initial: number },
): FourierSolution {
  const m = Math.round(options.tauMax / options.dtau);
  const L = m * options.dtau;
  const tau = Float64Array.from({ length: m + 1 }, (_, i) => i * options.dtau);
  // cos(πkj/m) for the DCT-I, whose inverse is f_j = (2/m) Σ_k' F_k cos(πkj/m) (end terms halved).
  const cosine = new Float64Array((m + 1) * (m + 1));
  for (let k = 0; k <= m; k++) for (let j = 0; j <= m; j++) cosine[k * (m + 1) + j] = Math.cos((Math.PI * ((k * j) % (2 * m))) / m);
  const endWeight = (i: number) => (i === 0 || i === m ? 0.5 : 1);
  const symbol = Float64Array.from({ length: m + 1 }, (_, k) => g * g / (1 + (Math.PI * k / L) ** 2));
  /** Σ_j' f_j cos(πkj/m) (end terms halved): the DCT-I, its own inverse up to 2/m. */
  const cosineTransform = (values: Float64Array): Float64Array => {
    const out = new Float64Array(m + 1);
    for (let k = 0; k <= m; k++) {
      let s = 0;
      const row = k * (m + 1);
      for (let j = 0; j <= m; j++) s += endWeight(j) * values[j] * cosine[row + j];
      out[k] = s;
    }
    return out;
  };
  const transform = (d: Float64Array): Float64Array => {
    const series = classSeries(phi, classes, d[0]);
    const spectrum = cosineTransform(Float64Array.from(d, (v) => presynapticCorrelation(classes, series, v)));
    for (let k = 0; k <= m; k++) spectrum[k] *= symbol[k] * (2 / m);
    return cosineTransform(spectrum);
  };
  /** A covariance of a stationary process has a non-negative spectrum (Bochner). */
  const isCovariance = (d: Float64Array): boolean => {
    const spectrum = cosineTransform(d);
    const scale = spectrum.reduce((s, v) => Math.max(s, Math.abs(v)), 0);
    return spectrum.every((v) => v >= -1e-9 * scale);
  };
  let d: Float64Array = Float64Array.from(tau, (t) => options.initial * Math.exp(-(t * t) / 4));
  const xs: Float64Array[] = [];
  const fs: Float64Array[] = [];
  let residual = Number.POSITIVE_INFINITY;
  let previousResidual = Number.POSITIVE_INFINITY;
  let iterations = 0;
  let status: FourierStatus = 'maxIter';
  for (; iterations < options.maxIter; iterations++) {
    const t = transform(d);
    const f = Float64Array.from(t, (v, j) => v - d[j]);
    residual = f.reduce((s, v) => Math.max(s, Math.abs(v)), 0) / Math.max(d[0], 1e-300);
    if (!Number.isFinite(residual) || d[0] > DIVERGENCE_BOUND) {
      status = 'diverged';
      break;
    }
    if (residual < options.tolerance) {
      d = t;
      status = 'converged';
      break;
    }
    // Anderson mixing with a restart whenever the residual grows (the extrapolation left the
    // region where the map is nearly linear): the plain damped step then takes over.
    if (residual > previousResidual) {
      xs.length = 0;
      fs.length = 0;
    }
    previousResidual = residual;
    xs.push(d);
    fs.push(f);
    if (xs.length > options.history + 1) {
      xs.shift();
      fs.shift();
    }
    const accelerated = andersonStep(xs, fs, options.damping);
    // Keep the iterate a covariance (non-negative spectrum); otherwise take the damped step, which
    // mixes two covariances and so stays one.
    d = isCovariance(accelerated) ? accelerated : Float64Array.from(d, (v, j) => v + options.damping * f[j]);
  }
  const velocity = new Float64Array(m + 1);
  for (let j = 1; j < m; j++) velocity[j] = (d[j + 1] - d[j - 1]) / (2 * options.dtau);
  return { status, iterations, residual, tau, delta: d, velocity };
}

/**
 * One Anderson step: with the differences ΔX, ΔF of the stored iterates x_i and residuals f_i,
 * γ = argmin ‖f − ΔF γ‖ (normal equations, a few unknowns) and x ← x + βf − (ΔX + βΔF)γ.
 */
function andersonStep(xs: Float64Array[], fs: Float64Array[], beta: number): Float64Array {
  const last = xs.length - 1;
  const x = xs[last];
  const f = fs[last];
  const k = last;
  const next = Float64Array.from(x, (v, j) => v + beta * f[j]);
  if (k === 0) return next;
  const dF = Array.from({ length: k }, (_, i) => Float64Array.from(f, (_, j) => fs[i + 1][j] - fs[i][j]));
  const dX = Array.from({ length: k }, (_, i) => Float64Array.from(x, (_, j) => xs[i + 1][j] - xs[i][j]));
  const a = Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, l) => dot(dF[i], dF[l])));
  const b = Array.from({ length: k }, (_, i) => dot(dF[i], f));
  const gamma = solveSmall(a, b);
  if (gamma === null) return next;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < next.length; j++) next[j] -= (dX[i][j] + beta * dF[i][j]) * gamma[i];
  }
  return next;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Gaussian elimination with partial pivoting for a small system (with a relative ridge 1e-12); null if singular. */
function solveSmall(a: number[][], b: number[]): number[] | null {
  const n = b.length;
  const trace = a.reduce((s, row, i) => s + row[i], 0);
  const m = a.map((row, i) => [...row.map((v, j) => v + (i === j ? 1e-12 * trace : 0)), b[i]]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    if (!(Math.abs(m[pivot][col]) > 0)) return null;
    [m[col], m[pivot]] = [m[pivot], m[col]];
    for (let r = col + 1; r < n; r++) {
      const factor = m[r][col] / m[col][col];
      for (let c = col; c <= n; c++) m[r][c] -= factor * m[col][c];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r][n];
    for (let c = r + 1; c < n; c++) s -= m[r][c] * x[c];
    x[r] = s / m[r][r];
  }
  return x;
}
