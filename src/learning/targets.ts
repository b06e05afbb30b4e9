/**
 * Training targets for FORCE learning, sampled on the integration grid: m outputs (readouts, or
 * trained neurons' recurrent inputs) × nSamples steps of size dt. A periodic target holds one period
 * and repeats; an aperiodic one must cover the whole run. Targets are plain data.
 */
import type { Seed } from '../random/seed.js';
import type { Runtime } from '../runtime.js';
import { requireFinite, requireFiniteArray, requireInt, requireOneOf, requireOptions, requirePositive } from '../validate.js';

export const TARGET_KINDS = ['sines', 'sequence', 'ou', 'array', 'function'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

export interface Target {
  kind: TargetKind;
  /** Number of outputs. */
  m: number;
  /** Sample spacing (units of τ): must equal the training step. */
  dt: number;
  /** Period (units of τ): the repeat length of a periodic target and the window of the error measures. */
  period: number;
  /** Whether the samples are one period that repeats. */
  periodic: boolean;
  /** Samples × outputs, row-major: value of output a at time s·dt is values[s·m + a]. */
  values: Float64Array;
  nSamples: number;
  /** How it was made (plain data). */
  params: Record<string, unknown>;
}

/** Samples per period, round(period/dt) ≥ 2. */
function samplesPerPeriod(where: string, period: number, dt: number): number {
  const steps = Math.round(period / dt);
  if (steps < 2) throw new RangeError(`${where}: period must span at least 2 steps of dt (got period = ${period}, dt = ${dt})`);
  return steps;
}

/** Grid, output count and period shared by the generated targets. */
function grid(where: string, options: { m?: number; dt?: number; period?: number }, defaultPeriod?: number) {
  const m = requireInt(where, 'm', options.m ?? 1, 1);
  const dt = requirePositive(where, 'dt', options.dt ?? 0.1);
  const period = requirePositive(where, 'period', options.period ?? defaultPeriod);
  return { m, dt, period, steps: samplesPerPeriod(where, period, dt) };
}

export interface SinesOptions {
  m?: number;
  /** Step (default 0.1 τ). */
  dt?: number;
  /** Period P of the fundamental (default 120 τ). */
  period?: number;
  /** Amplitudes of harmonics 1, 2, … (default [1, 1/2, 1/6, 1/3]). */
  amplitudes?: number[];
  /** Overall factor (default 1.3/1.5). */
  scale?: number;
}

/**
 * The four-harmonic target of Sussillo & Abbott (2009, Fig. 2; their code's `ft`):
 *   f(t) = (1.3/1.5)·[sin(2πt/P) + ½ sin(4πt/P) + ⅙ sin(6πt/P) + ⅓ sin(8πt/P)],  P = 120 τ.
 * Output a is shifted by a·P/m: f_a(t) = f(t + a·P/m).
 */
export function sinesTarget(options: SinesOptions = {}): Target {
  const where = 'sinesTarget';
  requireOptions(where, options, ['m', 'dt', 'period', 'amplitudes', 'scale']);
  const { m, dt, period, steps } = grid(where, options, 120);
  const amplitudes = Array.from(requireFiniteArray(where, 'amplitudes', options.amplitudes ?? [1, 1 / 2, 1 / 6, 1 / 3]));
  if (amplitudes.length === 0) throw new RangeError(`${where}: amplitudes must not be empty`);
  const scale = requireFinite(where, 'scale', options.scale ?? 1.3 / 1.5);
  const values = new Float64Array(steps * m);
  for (let s = 0; s < steps; s++) {
    for (let a = 0; a < m; a++) {
      const phase = (2 * Math.PI * (s * dt + (a * period) / m)) / period;
      let f = 0;
      for (let h = 0; h < amplitudes.length; h++) f += amplitudes[h] * Math.sin((h + 1) * phase);
      values[s * m + a] = scale * f;
    }
  }
  return { kind: 'sines', m, dt, period, periodic: true, values, nSamples: steps, params: { m, dt, period, amplitudes, scale } };
}

export interface SequenceOptions {
  m?: number;
  dt?: number;
  /** Period (default 120 τ). */
  period?: number;
  /** Standard deviation of each bump (default period/20). */
  width?: number;
  /** Bump height (default 1). */
  amplitude?: number;
  /** Value away from the bumps (default 0). */
  baseline?: number;
}

/**
 * A sequence: output a is a Gaussian bump centred at c_a = a·P/m, tiling the period,
 *   f_a(t) = baseline + amplitude·exp(−d(t, c_a)²/(2 width²)),
 * with d the distance on the circle of circumference P (so the sequence repeats smoothly).
 */
export function sequenceTarget(options: SequenceOptions = {}): Target {
  const where = 'sequenceTarget';
  requireOptions(where, options, ['m', 'dt', 'period', 'width', 'amplitude', 'baseline']);
  const { m, dt, period, steps } = grid(where, options, 120);
  const width = requirePositive(where, 'width', options.width ?? period / 20);
  const amplitude = requireFinite(where, 'amplitude', options.amplitude ?? 1);
  const baseline = requireFinite(where, 'baseline', options.baseline ?? 0);
  const values = new Float64Array(steps * m);
  for (let s = 0; s < steps; s++) {
    for (let a = 0; a < m; a++) {
      const d = Math.abs(s * dt - (a * period) / m) % period;
      const circular = Math.min(d, period - d);
      values[s * m + a] = baseline + amplitude * Math.exp(-(circular * circular) / (2 * width * width));
    }
  }
  return {
    kind: 'sequence', m, dt, period, periodic: true, values, nSamples: steps,
    params: { m, dt, period, width, amplitude, baseline },
  };
}

export interface OuOptions {
  m?: number;
  dt?: number;
  /** Correlation time τ_c of the process (default 10 τ). */
  tauCorr?: number;
  /** Period / error window (default 120 τ). */
  period?: number;
  /** Make one period that repeats (default true); otherwise `periods` periods of one sample path. */
  periodic?: boolean;
  /** Periods generated when aperiodic (default 1). */
  periods?: number;
  /** Std of a circular Gaussian low-pass kernel in τ (default 0: none). */
  smoothing?: number;
  /** Std of each output after processing (default 1). */
  amplitude?: number;
  seed?: Seed;
}

/**
 * Ornstein–Uhlenbeck samples: each output is an exact AR(1) discretisation of
 * dy = −y/τ_c dt + √(2/τ_c) dW (unit stationary variance), y_{s+1} = ρ y_s + √(1 − ρ²) ξ_s,
 * ρ = e^{−dt/τ_c}, ξ ~ N(0, 1) from rt.rng(seed), y_0 ~ N(0, 1).
 * Periodic: the path over one period is closed by subtracting the ramp (y_S − y_0)·s/S, so that
 * continuing past the end equals starting again (a Brownian-bridge-style closure).
 * Then, optionally, circular Gaussian smoothing (std `smoothing`), and each output is centred and
 * scaled to std `amplitude`.
 */
export function ouTarget(rt: Runtime, options: OuOptions = {}): Target {
  const where = 'ouTarget';
  requireOptions(where, options, ['m', 'dt', 'tauCorr', 'period', 'periodic', 'periods', 'smoothing', 'amplitude', 'seed']);
  const { m, dt, period, steps } = grid(where, options, 120);
  const tauCorr = requirePositive(where, 'tauCorr', options.tauCorr ?? 10);
  const periodic = options.periodic ?? true;
  if (typeof periodic !== 'boolean') throw new TypeError(`${where}: periodic must be true or false (got ${typeof periodic})`);
  const periods = periodic ? 1 : requireInt(where, 'periods', options.periods ?? 1, 1);
  const smoothing = requireFinite(where, 'smoothing', options.smoothing ?? 0, 0);
  const amplitude = requirePositive(where, 'amplitude', options.amplitude ?? 1);
  const seed = options.seed ?? 0;
  const nSamples = steps * periods;
  const rho = Math.exp(-dt / tauCorr);
  const kick = Math.sqrt(1 - rho * rho);
  // One extra sample per output: y_S closes the periodic path.
  const draws = rt.scope(() => rt.rng(seed).normal(m * (nSamples + 1)).toArray());
  const values = new Float64Array(nSamples * m);
  const path = new Float64Array(nSamples + 1);
  for (let a = 0; a < m; a++) {
    const base = a * (nSamples + 1);
    path[0] = draws[base];
    for (let s = 1; s <= nSamples; s++) path[s] = rho * path[s - 1] + kick * draws[base + s];
    if (periodic) {
      const jump = path[nSamples] - path[0];
      for (let s = 0; s < nSamples; s++) path[s] -= (jump * s) / nSamples;
    }
    const smooth = smoothing > 0 ? gaussianSmooth(path.subarray(0, nSamples), smoothing / dt, periodic) : path;
    standardise(smooth, nSamples, amplitude);
    for (let s = 0; s < nSamples; s++) values[s * m + a] = smooth[s];
  }
  return {
    kind: 'ou', m, dt, period, periodic, values, nSamples,
    params: { m, dt, period, tauCorr, periodic, periods, smoothing, amplitude, seed },
  };
}

/** Convolution with a normalised Gaussian of std `sigmaSteps` (circular when periodic, else truncated at the ends). */
function gaussianSmooth(y: Float64Array, sigmaSteps: number, circular: boolean): Float64Array {
  const n = y.length;
  const half = Math.min(Math.ceil(4 * sigmaSteps), circular ? Math.floor((n - 1) / 2) : n - 1);
  const kernel = Float64Array.from({ length: 2 * half + 1 }, (_, i) => Math.exp(-((i - half) ** 2) / (2 * sigmaSteps ** 2)));
  const out = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    let sum = 0;
    let weight = 0;
    for (let d = -half; d <= half; d++) {
      let at = s + d;
      if (circular) at = (at + n) % n;
      else if (at < 0 || at >= n) continue;
      sum += kernel[d + half] * y[at];
      weight += kernel[d + half];
    }
    out[s] = sum / weight;
  }
  return out;
}

/** Centres the first n entries and scales them to std `amplitude` (a constant path is left at 0). */
function standardise(y: Float64Array, n: number, amplitude: number): void {
  let mean = 0;
  for (let s = 0; s < n; s++) mean += y[s] / n;
  let variance = 0;
  for (let s = 0; s < n; s++) variance += (y[s] - mean) ** 2 / n;
  const scale = variance > 0 ? amplitude / Math.sqrt(variance) : 0;
  for (let s = 0; s < n; s++) y[s] = (y[s] - mean) * scale;
}

export interface ArrayTargetOptions {
  m: number;
  dt: number;
  period: number;
  /** Default true: `values` hold exactly one period. */
  periodic?: boolean;
}

/** A target from user samples: values[s·m + a] is output a at time s·dt (finite; length a multiple of m). */
export function arrayTarget(values: ArrayLike<number>, options: ArrayTargetOptions): Target {
  const where = 'arrayTarget';
  requireOptions(where, options, ['m', 'dt', 'period', 'periodic']);
  const { m, dt, period, steps } = grid(where, options);
  const periodic = options.periodic ?? true;
  requireFiniteArray(where, 'values', values);
  if (values.length % m !== 0) {
    throw new RangeError(`${where}: values has length ${values.length}, not a multiple of m = ${m} (target length mismatch)`);
  }
  const nSamples = values.length / m;
  if (periodic && nSamples !== steps) {
    throw new RangeError(`${where}: a periodic target needs period/dt = ${steps} samples per output, got ${nSamples} (target length mismatch)`);
  }
  if (!periodic && nSamples < steps) {
    throw new RangeError(`${where}: values cover ${nSamples} samples, less than one period (${steps}) (target length mismatch)`);
  }
  return { kind: 'array', m, dt, period, periodic, values: Float64Array.from(values), nSamples, params: { m, dt, period, periodic } };
}

export interface FunctionTargetOptions extends ArrayTargetOptions {
  /** Duration to sample when aperiodic (default one period). */
  duration?: number;
}

/** A target from a function of time returning the m outputs (a number when m = 1), sampled at s·dt. */
export function functionTarget(fn: (t: number) => number | ArrayLike<number>, options: FunctionTargetOptions): Target {
  const where = 'functionTarget';
  if (typeof fn !== 'function') throw new TypeError(`${where}: fn must be a function of time`);
  requireOptions(where, options, ['m', 'dt', 'period', 'periodic', 'duration']);
  const { m, dt, period, steps } = grid(where, options);
  const periodic = options.periodic ?? true;
  const nSamples = periodic ? steps : Math.round(requirePositive(where, 'duration', options.duration ?? period) / dt);
  const values = new Float64Array(nSamples * m);
  for (let s = 0; s < nSamples; s++) {
    const v = fn(s * dt);
    const row = typeof v === 'number' ? [v] : v;
    if (row === null || typeof row !== 'object' || row.length !== m) {
      throw new RangeError(`${where}: fn(${s * dt}) must give m = ${m} values (target length mismatch)`);
    }
    for (let a = 0; a < m; a++) values[s * m + a] = row[a];
  }
  const target = arrayTarget(values, { m, dt, period, periodic });
  return { ...target, kind: 'function', params: { ...target.params, ...(periodic ? {} : { duration: nSamples * dt }) } };
}

/** A generated target by name: the options of sinesTarget, sequenceTarget or ouTarget plus `kind`. */
export type TargetSpec =
  | ({ kind: 'sines' } & SinesOptions)
  | ({ kind: 'sequence' } & SequenceOptions)
  | ({ kind: 'ou' } & OuOptions);

export const GENERATED_TARGETS = ['sines', 'sequence', 'ou'] as const;

/** Builds the named target (`kind` is one of GENERATED_TARGETS). */
export function forceTarget(rt: Runtime, spec: TargetSpec): Target {
  const { kind, ...options } = (spec ?? {}) as TargetSpec;
  switch (requireOneOf('forceTarget', 'kind', kind, GENERATED_TARGETS)) {
    case 'sines': return sinesTarget(options as SinesOptions);
    case 'sequence': return sequenceTarget(options as SequenceOptions);
    case 'ou': return ouTarget(rt, options as OuOptions);
  }
}
