/**
 * Parameter inference from activity (van Meegen, Kühn & Helias, arXiv 2009.08889): estimates the
 * gain g and noise intensity D of a noisy rate network dx = (−x + Jφ(x)) dt + √(2D) dW (the
 * library's noise amplitude σ = √(2D); τ = 1) from a recording of x, by minimising the Whittle
 * divergence between the recording's innovation spectrum and the mean-field spectrum
 * S(ω) = g² Ĉ_φ(ω) + 2D (theory/dmft/noisy.ts).
 *
 * The innovation of an Euler step, ε_n = (x_{n+1} − (1 − dt) x_n)/dt = Jφ(x_n) + √(2D/dt) ξ_n, is
 * exactly the recurrent input plus noise for data sampled every Euler step (for RK4 or thinned
 * samples it is only approximate: a warning says so). Its periodogram, averaged over the units
 * and over segments of L samples, P̄_k at ω_k = 2πk/(L·dt), k = 1 … L/2 − 1, is matched to S by
 *   minimise over (g, D):  W = Σ_k [P̄_k/S̄_k − 1 − ln(P̄_k/S̄_k)]/2
 * (Whittle's approximation of the Gaussian likelihood; it has the minimiser of Σ_k [P̄_k/S̄_k + ln S̄_k]),
 * with S̄ the periodogram's expectation under the theory (S seen through the segment's lag window,
 * the debiased Whittle likelihood of Sykulski et al. 2019) and, for Euler data, the theory at the
 * Euler time constant (theory/dmft/noisy.ts): each removes a bias of several percent in g.
 * Nelder–Mead in (ln g, ln D) from the best point of a coarse grid in g with D from the
 * high-frequency level.
 *
 * Uncertainty: periodogram ordinates at distinct Fourier frequencies are asymptotically
 * independent with variance S_k² (Brillinger, Time Series, Thm 5.2.6), so with M = units × segments
 * ordinates per frequency the curvature of the Whittle likelihood gives the Fisher information
 * I = M Σ_k ∇ln S_k ∇ln S_kᵀ. Units of one network are not exactly independent replicates, and
 * their spectra differ (quenched disorder), so the reported standard error is the sandwich
 * H⁻¹ (Σ_u s_u s_uᵀ) H⁻¹ over units (H = I, s_u the score of unit u): robust to heterogeneous
 * units and to misfit, and equal to the Fisher value when the model holds. Neither covers
 * correlations between units or the network-to-network variability of a finite N.
 */
import { requireSampleMatrix, type SampleMatrix } from '../dynamics/run.js';
import type { Runtime } from '../runtime.js';
import { eulerTimeConstant, noisySpectrum } from '../theory/dmft/noisy.js';
import type { PhiSpec } from '../theory/dmft/phi.js';
import { requireInt, requireOptions, requirePositive } from '../validate.js';
import { F64Buffer } from '../wasm/arena.js';

export interface InferenceInput extends SampleMatrix {
  /** Time between samples (units of τ): the Euler step dt of the run. */
  sampleDt: number;
}

export interface InferenceOptions {
  /** Segment length L in samples (a power of two ≥ 64; default the largest ≤ min(samples − 1, 100 τ/dt)). */
  segmentLength?: number;
  /** φ of the network (odd; default tanh). */
  phi?: PhiSpec;
  /** How the recording was made, when known: non-Euler or thinned samples make the innovation approximate. */
  integrator?: string;
  every?: number;
  tau?: number;
}

export type InferenceStatus = 'converged' | 'maxIter';

export interface InferenceResult {
  g: number;
  D: number;
  /** Sandwich standard errors over units (see the module comment) and the Fisher (curvature) ones. */
  stdErr: { g: number; D: number };
  fisherStdErr: { g: number; D: number };
  /** Correlation of the (g, D) estimates (sandwich). */
  correlation: number;
  /** Whittle divergence per frequency at the optimum (≈ 1/(2M)·(1 − …) when the model fits). */
  divergence: number;
  status: InferenceStatus;
  evaluations: number;
  nUnits: number;
  nSegments: number;
  segmentLength: number;
  /** ω_k, the unit- and segment-averaged innovation periodogram P̄_k and the fitted S(ω_k). */
  omega: Float64Array;
  periodogram: Float64Array;
  fitted: Float64Array;
  warnings: string[];
}

const KEYS = ['segmentLength', 'phi', 'integrator', 'every', 'tau'];

/** The innovation periodograms P_uk per unit (segment-averaged) at k = 1 … L/2 − 1. */
function innovationPeriodograms(rt: Runtime, m: InferenceInput, length: number): { perUnit: Float64Array; segments: number } {
  const { nSamples, nUnits, values, sampleDt: dt } = m;
  const segments = Math.floor((nSamples - 1) / length);
  const bins = length / 2 - 1;
  const perUnit = new Float64Array(nUnits * bins);
  using cos = new F64Buffer(rt.arena, length / 2, 'inferParameters');
  using sin = new F64Buffer(rt.arena, length / 2, 'inferParameters');
  using re = new F64Buffer(rt.arena, length, 'inferParameters');
  using im = new F64Buffer(rt.arena, length, 'inferParameters');
  rt.core.fft_twiddles_f64(length, cos.ptr, sin.ptr);
  const scale = dt / (length * segments);
  for (let u = 0; u < nUnits; u++) {
    for (let s = 0; s < segments; s++) {
      const r = re.view();
      const offset = s * length;
      for (let j = 0; j < length; j++) {
        const n = offset + j;
        r[j] = (values[(n + 1) * nUnits + u] - (1 - dt) * values[n * nUnits + u]) / dt;
      }
      im.fill(0);
      rt.core.fft_radix2_f64(length, re.ptr, im.ptr, cos.ptr, sin.ptr, -1);
      const rv = re.view();
      const iv = im.view();
      for (let k = 1; k <= bins; k++) perUnit[u * bins + k - 1] += scale * (rv[k] * rv[k] + iv[k] * iv[k]);
    }
  }
  return { perUnit, segments };
}

/** Nelder–Mead on a function of two variables (standard coefficients 1, 2, ½, ½). */
function nelderMead(f: (p: number[]) => number, start: number[], step: number, maxEvaluations: number, tolerance: number) {
  let simplex = [start, [start[0] + step, start[1]], [start[0], start[1] + step]].map((p) => ({ p, v: f(p) }));
  let evaluations = 3;
  const at = (a: number[], b: number[], t: number) => [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
  while (evaluations < maxEvaluations) {
    simplex.sort((a, b) => a.v - b.v);
    const [best, mid, worst] = simplex;
    const size = Math.max(Math.abs(mid.p[0] - best.p[0]), Math.abs(mid.p[1] - best.p[1]), Math.abs(worst.p[0] - best.p[0]), Math.abs(worst.p[1] - best.p[1]));
    if (size < tolerance) return { point: best.p, value: best.v, evaluations, converged: true };
    const centroid = at(best.p, mid.p, 0.5);
    const reflected = at(centroid, worst.p, -1);
    const vr = f(reflected);
    evaluations++;
    if (vr < best.v) {
      const expanded = at(centroid, worst.p, -2);
      const ve = f(expanded);
      evaluations++;
      simplex[2] = ve < vr ? { p: expanded, v: ve } : { p: reflected, v: vr };
    } else if (vr < mid.v) {
      simplex[2] = { p: reflected, v: vr };
    } else {
      const contracted = vr < worst.v ? at(centroid, reflected, 0.5) : at(centroid, worst.p, 0.5);
      const vc = f(contracted);
      evaluations++;
      if (vc < Math.min(vr, worst.v)) {
        simplex[2] = { p: contracted, v: vc };
      } else {
        simplex = [best, ...[mid, worst].map((s) => {
          const p = at(best.p, s.p, 0.5);
          return { p, v: f(p) };
        })];
        evaluations += 2;
      }
    }
  }
  simplex.sort((a, b) => a.v - b.v);
  return { point: simplex[0].p, value: simplex[0].v, evaluations, converged: false };
}

/** Largest power of two ≤ x. */
const powerOfTwoBelow = (x: number): number => 2 ** Math.floor(Math.log2(x));

/** Estimates (g, D) with standard errors from a recording of x (all samples, every Euler step). */
export function inferParameters(rt: Runtime, recording: InferenceInput, options: InferenceOptions = {}): InferenceResult {
  const where = 'inferParameters';
  requireOptions(where, options, KEYS);
  requireSampleMatrix(where, recording);
  const dt = requirePositive(where, 'sampleDt', recording.sampleDt);
  if (dt >= 1) throw new RangeError(`${where}: sampleDt must be < 1 τ (got ${dt}): the innovation needs samples every Euler step`);
  const defaultLength = powerOfTwoBelow(Math.min(recording.nSamples - 1, Math.round(100 / dt)));
  const length = requireInt(where, 'segmentLength', options.segmentLength ?? defaultLength, 64, recording.nSamples - 1);
  if (2 ** Math.round(Math.log2(length)) !== length) throw new RangeError(`${where}: segmentLength must be a power of two (got ${length})`);
  const warnings: string[] = [];
  if (options.integrator !== undefined && options.integrator !== 'euler') {
    warnings.push(`the recording was integrated with ${options.integrator}: the Euler innovation (x_{n+1} − (1 − dt)x_n)/dt is only approximately Jφ(x) + noise`);
  }
  if (options.every !== undefined && options.every !== 1) warnings.push(`samples every ${options.every} steps: the innovation is exact only for every step`);
  if (options.tau !== undefined && options.tau !== 1) throw new RangeError(`${where}: tau must be 1 (times in units of τ; got ${options.tau})`);
  if (length * 4 > recording.nSamples) warnings.push(`only ${Math.floor((recording.nSamples - 1) / length)} segments of ${length} samples: the standard errors are rough`);

  const { perUnit, segments } = innovationPeriodograms(rt, recording, length);
  const bins = length / 2 - 1;
  const units = recording.nUnits;
  const omega = Float64Array.from({ length: bins }, (_, k) => (2 * Math.PI * (k + 1)) / (length * dt));
  const periodogram = new Float64Array(bins);
  for (let u = 0; u < units; u++) for (let k = 0; k < bins; k++) periodogram[k] += perUnit[u * bins + k] / units;

  // Euler data (the default assumption) are compared with the theory at τ_E (noisy.ts); RK4 data with τ = 1.
  const tau = options.integrator === undefined || options.integrator === 'euler' ? eulerTimeConstant(dt) : 1;
  // The expected periodogram of L-sample segments (the lag window 1 − j/L), not S itself: debiased Whittle.
  const spectrumAt = (g: number, d: number) => noisySpectrum(g, d, omega, dt, { phi: options.phi, tau, segmentSamples: length }).spectrum;
  const divergenceOf = (s: Float64Array) => {
    let w = 0;
    for (let k = 0; k < bins; k++) {
      const r = periodogram[k] / s[k];
      w += (r - 1 - Math.log(r)) / 2;
    }
    return w;
  };
  const objective = ([lnG, lnD]: number[]) => {
    const s = spectrumAt(Math.exp(lnG), Math.exp(lnD));
    return divergenceOf(s);
  };
  // D from the upper half of the frequencies (where g²Ĉ_φ is small), then the best g on a grid.
  let high = 0;
  for (let k = bins >> 1; k < bins; k++) high += periodogram[k] / (bins - (bins >> 1));
  const dStart = Math.max(high / 2, 1e-12);
  let start = [0, Math.log(dStart)];
  let bestValue = Number.POSITIVE_INFINITY;
  for (const g of [0.3, 0.7, 1, 1.5, 2, 3, 4]) {
    const v = objective([Math.log(g), Math.log(dStart)]);
    if (v < bestValue) [bestValue, start] = [v, [Math.log(g), Math.log(dStart)]];
  }
  const fit = nelderMead(objective, start, 0.1, 400, 1e-7);
  const g = Math.exp(fit.point[0]);
  const d = Math.exp(fit.point[1]);
  const fitted = spectrumAt(g, d);

  // ∇ln S in (ln g, ln D) by central differences (step 1e-3: S is smooth; its lag cut-off adds ~1e-6 relative).
  const h = 1e-3;
  const grad = [0, 1].map((i) => {
    const up = [...fit.point];
    const down = [...fit.point];
    up[i] += h;
    down[i] -= h;
    const su = spectrumAt(Math.exp(up[0]), Math.exp(up[1]));
    const sd = spectrumAt(Math.exp(down[0]), Math.exp(down[1]));
    return Float64Array.from(su, (v, k) => (Math.log(v) - Math.log(sd[k])) / (2 * h));
  });
  const ordinates = units * segments;
  const info = [[0, 0], [0, 0]];
  for (let k = 0; k < bins; k++) for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) info[i][j] += ordinates * grad[i][k] * grad[j][k];
  const meat = [[0, 0], [0, 0]];
  for (let u = 0; u < units; u++) {
    const score = [0, 0];
    for (let k = 0; k < bins; k++) {
      const w = segments * (1 - perUnit[u * bins + k] / fitted[k]);
      score[0] += w * grad[0][k];
      score[1] += w * grad[1][k];
    }
    for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) meat[i][j] += score[i] * score[j];
  }
  const inverse = invert2(info);
  const sandwich = multiply2(multiply2(inverse, meat), inverse);
  // Standard errors of ln g, ln D; those of g, D follow by the delta method (× g, × D).
  const se = (c: number[][]) => ({ g: g * Math.sqrt(c[0][0]), D: d * Math.sqrt(c[1][1]) });
  if (!fit.converged) warnings.push(`Nelder–Mead stopped after ${fit.evaluations} evaluations without converging`);
  return {
    g, D: d, stdErr: se(sandwich), fisherStdErr: se(inverse), correlation: sandwich[0][1] / Math.sqrt(sandwich[0][0] * sandwich[1][1]),
    divergence: fit.value / bins, status: fit.converged ? 'converged' : 'maxIter', evaluations: fit.evaluations,
    nUnits: units, nSegments: segments, segmentLength: length, omega, periodogram, fitted, warnings,
  };
}

function invert2(m: number[][]): number[][] {
  const det = m[0][0] * m[1][1] - m[0][1] * m[1][0];
  return [[m[1][1] / det, -m[0][1] / det], [-m[1][0] / det, m[0][0] / det]];
}

function multiply2(a: number[][], b: number[][]): number[][] {
  return [0, 1].map((i) => [0, 1].map((j) => a[i][0] * b[0][j] + a[i][1] * b[1][j]));
}
