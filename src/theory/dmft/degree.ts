/**
 * Degree-class DMFT (η = 0) of sparse networks J_ij = A_ij w_ij, w ~ N(0, g²/K), for the
 * library's lognormal model or for the realised degrees of a built network (THEORY.md §2;
 * derived, and checked against simulation in test/science/degree-dmft.test.ts). With
 * P(A_ij = 1) ≈ k_in,i k_out,j/(NK), neuron i's input is Gaussian with covariance g²κ_in,i Q(τ),
 * Q = E_j[κ_out,j C_φ,j], so Δ_i(τ) = κ_in,i D(τ) (mean-field.ts), and
 *   g_c = 1/(φ′(0)·√E[κ_in κ_out]) = (1 + CV²)^(−ρ/2)/φ′(0)       (odd φ, φ(0) = 0; lognormal)
 * equals the bulk-radius law of spectral-laws.ts. Predictions: per-neuron variance ∝ κ_in, the
 * same normalised x-autocorrelation D(τ)/D0 in every class, chaos below g = 1 when ρ > 0.
 */
import { requireFinite, requireFiniteArray, requireInt } from '../../validate.js';
import { gaussHermiteRule } from '../quadrature.js';
import {
  classSeries, type DegreeClasses, type FourierStatus, fourierTrajectory, type MeanFieldStatus, meanFieldVariance,
  potentialTrajectory, requireDegreeClasses,
} from './mean-field.js';
import { meanFieldPhi, type PhiSpec } from './phi.js';
import { lagGrid } from './scs.js';
import { type CorrelationTimescales, correlationTimescales } from './timescales.js';

/**
 * Classes of the lognormal model: log κ_in ~ N(−σ²/2, σ²), σ² = ln(1 + CV²), at `nodes`
 * Gauss–Hermite points z (κ_in = e^{σz − σ²/2}), each with E[κ_out | z] = e^{ρσz − ρ²σ²/2} for
 * log-degrees correlated with ρ. CV = 0 gives `nodes` copies of the single class.
 */
export function lognormalDegreeClasses(options: { cv: number; degreeCorrelation?: number; nodes?: number }): DegreeClasses {
  const where = 'lognormalDegreeClasses';
  const cv = requireFinite(where, 'cv', options.cv, 0);
  const rho = requireFinite(where, 'degreeCorrelation', options.degreeCorrelation ?? 0, -1, 1);
  const nodes = requireInt(where, 'nodes', options.nodes ?? 40, 1, 200);
  const sigma = Math.sqrt(Math.log1p(cv * cv));
  const rule = gaussHermiteRule(nodes);
  const total = rule.weights.reduce((s, w) => s + w, 0);
  const weight = Float64Array.from(rule.weights, (w) => w / total);
  const kappaIn = Float64Array.from(rule.nodes, (z) => Math.exp(sigma * z - (sigma * sigma) / 2));
  const rawOut = Float64Array.from(rule.nodes, (z) => Math.exp(rho * sigma * z - (rho * rho * sigma * sigma) / 2));
  // Normalise Σ w m = 1 exactly (the rule integrates the exponential to ~1e-15).
  const outMean = weight.reduce((s, w, c) => s + w * rawOut[c], 0);
  return { weight, kappaIn, kappaOut: Float64Array.from(rawOut, (m) => m / outMean) };
}

/**
 * Classes of a built network: one per distinct in-degree, with its fraction of neurons,
 * κ_in = k_in/K (K: the weight scale of w ~ N(0, g²/K), default the mean in-degree) and the mean
 * out-degree of its neurons over the mean out-degree. The theory then predicts that network.
 */
export function networkDegreeClasses(options: { inDegrees: ArrayLike<number>; outDegrees: ArrayLike<number>; k?: number }): DegreeClasses {
  const where = 'networkDegreeClasses';
  const kIn = requireFiniteArray(where, 'inDegrees', options.inDegrees);
  const kOut = requireFiniteArray(where, 'outDegrees', options.outDegrees);
  if (kIn.length === 0 || kIn.length !== kOut.length) {
    throw new RangeError(`${where}: inDegrees and outDegrees must be non-empty and of equal length (got ${kIn.length} and ${kOut.length})`);
  }
  const n = kIn.length;
  let inSum = 0;
  let outSum = 0;
  for (let i = 0; i < n; i++) {
    if (kIn[i] < 0 || kOut[i] < 0) throw new RangeError(`${where}: degrees must be ≥ 0 (neuron ${i})`);
    inSum += kIn[i];
    outSum += kOut[i];
  }
  if (!(outSum > 0)) throw new RangeError(`${where}: the network has no edges`);
  const k = requireFinite(where, 'k', options.k ?? inSum / n, Number.MIN_VALUE);
  const groups = new Map<number, { count: number; out: number }>();
  for (let i = 0; i < n; i++) {
    const group = groups.get(kIn[i]) ?? { count: 0, out: 0 };
    group.count++;
    group.out += kOut[i];
    groups.set(kIn[i], group);
  }
  const degrees = [...groups.keys()].sort((a, b) => a - b);
  const outMean = outSum / n;
  return {
    weight: Float64Array.from(degrees, (d) => (groups.get(d) as { count: number }).count / n),
    kappaIn: Float64Array.from(degrees, (d) => d / k),
    kappaOut: Float64Array.from(degrees, (d) => {
      const group = groups.get(d) as { count: number; out: number };
      return group.out / group.count / outMean;
    }),
  };
}

/** E[κ_in κ_out] = Σ w κ_in m. */
function degreeProductMean(classes: DegreeClasses): number {
  return classes.weight.reduce((s, w, c) => s + w * classes.kappaIn[c] * classes.kappaOut[c], 0);
}

/**
 * The gain where x = 0 loses stability, g_c = 1/(φ′(0)√E[κ_in κ_out]) (for φ with φ(0) = 0; null
 * when φ(0) ≠ 0 or φ′(0) = 0, whose onset is not at x = 0).
 */
export function degreeCriticalGain(classes: DegreeClasses, phi: PhiSpec = 'tanh'): number | null {
  const f = meanFieldPhi('degreeCriticalGain', phi);
  requireDegreeClasses('degreeCriticalGain', classes);
  const slope = f.derivative(0);
  if (f.phi(0) !== 0 || slope === 0) return null;
  return 1 / (Math.abs(slope) * Math.sqrt(degreeProductMean(classes)));
}

export interface DegreeClassPrediction {
  kappaIn: number;
  kappaOut: number;
  weight: number;
  /** Temporal variance of x, κ_in(D0 − D∞), and of φ(x), C_φ(0) − C_φ(∞). */
  varX: number;
  varPhi: number;
  /** Timescales of the class's normalised x- and φ-autocorrelations. */
  tauHalf: number;
  tauHalfPhi: number;
  tauIntegrated: number;
}

export interface DegreeMeanField {
  g: number;
  phi: string;
  status: MeanFieldStatus;
  message?: string;
  /** D0 and D∞ from the energy condition (potential form). */
  delta0: number;
  deltaInf: number;
  /** g_c (null when the onset is not at x = 0) and E[κ_in κ_out]. */
  criticalG: number | null;
  degreeProduct: number;
  /** D(τ) by RK4 on the potential form. */
  tau: Float64Array;
  delta: Float64Array;
  /** Timescales of D(τ)/D0 (shared by all classes at η = 0). */
  timescales: CorrelationTimescales;
  classes: DegreeClassPrediction[];
  /** The Fourier iteration, when asked for: its D(0), status and iterations. */
  fourier?: { status: FourierStatus; delta0: number; iterations: number; residual: number; tau: Float64Array; delta: Float64Array };
}

export interface DegreeMeanFieldOptions {
  phi?: PhiSpec;
  tauMax?: number;
  dtau?: number;
  /** Also solve by the Fourier iteration (default false), on its own periodic grid (default L = 100, dτ = 0.2). */
  fourier?: boolean | { tauMax?: number; dtau?: number; maxIter?: number; tolerance?: number; damping?: number; history?: number };
}

/** The result of degreeMeanField with `fourier` asked for: the Fourier solution is there. */
export type DegreeMeanFieldWithFourier = DegreeMeanField & { fourier: NonNullable<DegreeMeanField['fourier']> };

/** The degree-class mean-field state at gain g: D0, D(τ), g_c and per-class variance and timescales. */
export function degreeMeanField(
  g: number, classes: DegreeClasses, options: DegreeMeanFieldOptions & { fourier: true | Exclude<DegreeMeanFieldOptions['fourier'], boolean | undefined> },
): DegreeMeanFieldWithFourier;
export function degreeMeanField(g: number, classes: DegreeClasses, options?: DegreeMeanFieldOptions): DegreeMeanField;
export function degreeMeanField(g: number, classes: DegreeClasses, options: DegreeMeanFieldOptions = {}): DegreeMeanField {
  const where = 'degreeMeanField';
  requireFinite(where, 'g', g, 0);
  requireDegreeClasses(where, classes);
  const phi = meanFieldPhi(where, options.phi);
  const { tauMax, dtau } = lagGrid(where, { dtau: 0.05, ...options }, 60);
  const state = meanFieldVariance(g, classes, phi);
  const steps = Math.round(tauMax / dtau);
  const tau = Float64Array.from({ length: steps + 1 }, (_, i) => i * dtau);
  const criticalG = degreeCriticalGain(classes, phi);
  const degreeProduct = degreeProductMean(classes);
  const base = {
    g, phi: phi.name, status: state.status, delta0: state.delta0, deltaInf: state.deltaInf, criticalG, degreeProduct,
    ...(state.message ? { message: state.message } : {}),
  };
  const nan = { tauHalf: Number.NaN, tau1e: Number.NaN, tauIntegrated: Number.NaN };
  if (state.status === 'diverged' || state.status === 'maxIter') {
    return { ...base, tau, delta: new Float64Array(steps + 1).fill(Number.NaN), timescales: nan, classes: [] };
  }
  const series = classSeries(phi, classes, state.delta0);
  const { delta } = potentialTrajectory(g, classes, series, state, tauMax, dtau);
  const timescales = correlationTimescales(tau, delta, state.deltaInf);
  const perClass = Array.from(classes.kappaIn, (kappa, c) => {
    const s = series[c];
    const cPhi = Float64Array.from(delta, (d) => s.correlation(kappa * d));
    const phiTimescales = correlationTimescales(tau, cPhi, s.correlation(kappa * state.deltaInf));
    return {
      kappaIn: kappa, kappaOut: classes.kappaOut[c], weight: classes.weight[c],
      varX: kappa * (state.delta0 - state.deltaInf), varPhi: cPhi[0] - s.correlation(kappa * state.deltaInf),
      tauHalf: timescales.tauHalf, tauHalfPhi: phiTimescales.tauHalf, tauIntegrated: timescales.tauIntegrated,
    };
  });
  const result: DegreeMeanField = { ...base, tau, delta, timescales, classes: perClass };
  if (options.fourier) {
    const f = options.fourier === true ? {} : options.fourier;
    // Its own grid: the periodic box must hold the decay of D(τ) (L = 40 leaves D0 off by 2e-8 at
    // g = 2, L = 80 by 1e-12), and spectral accuracy allows a coarse step (dτ = 0.2: 6e-13).
    const grid = lagGrid(`${where} (fourier)`, { tauMax: f.tauMax ?? 100, dtau: f.dtau ?? 0.2 });
    const solution = fourierTrajectory(g, classes, phi, {
      ...grid,
      maxIter: requireInt(where, 'fourier.maxIter', f.maxIter ?? 400, 1),
      tolerance: requireFinite(where, 'fourier.tolerance', f.tolerance ?? 1e-11, 0),
      damping: requireFinite(where, 'fourier.damping', f.damping ?? 0.5, 1e-3, 1),
      history: requireInt(where, 'fourier.history', f.history ?? 6, 0, 20),
      initial: Math.max(state.staticVariance, 1),
    });
    result.fourier = {
      status: solution.status, delta0: solution.delta[0], iterations: solution.iterations, residual: solution.residual,
      tau: solution.tau, delta: solution.delta,
    };
  }
  return result;
}
