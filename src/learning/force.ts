/**
 * FORCE learning (Sussillo & Abbott 2009): recursive least squares (./rls.ts) trains a chaotic
 * rate network, dx/dt = −x + h, r = tanh(x) (units of τ, forward Euler with step dt as in the
 * paper's code), while it runs, so that the errors stay small from the first update on.
 *
 * Readout training: h = J r + W_fb z (W_fb f while driven in a warm-up) with m readouts z = W r (W m×N), feedback weights W_fb (N×m)
 * uniform in [−1, 1]; the a priori error e = z − f(t) drives W ← W − c e kᵀ every `learnEvery`
 * steps. The trained network is J + W_fb W, the effective connectivity.
 * Recurrent training: the rows of J of the trained neurons T change so that each recurrent input
 * h_i = Σ_j J_ij r_j follows its target f_i(t); only the inputs from the plastic set S are learned
 * (one P over S shared by all trained rows), J = J0 + ΔJ with ΔJ nonzero on T×S. During a warm-up
 * the trained neurons are driven by their targets (h_T = f) and nothing is learned.
 *
 * Each step (step index s, time t = s·dt from the start of the run):
 *   1. outputs y from the current r: readout y = z = W r; recurrent y = h_T = (J0 r)_T + ΔW r_S;
 *   2. e = y − f(t); if learning at this step, one RLS update with e (a priori, as in the paper);
 *   3. x ← x + dt·(−x + h) with h from step 1 (h_T = f(t) while driven); r = tanh(x).
 * After training, weights are frozen for a test window. Errors are normalised RMSEs, pooled over
 * outputs: √(Σ e²) / √(Σ (f − f̄)²) with f̄ each output's mean over the window.
 */
import { lognormalNetwork } from '../connectivity/lognormal.js';
import { BlowUpError, drive } from '../dynamics/driver.js';
import { nonlinearity } from '../dynamics/nonlinearity.js';
import { CsrMatrix, denseOfCsrArrays } from '../linalg/csr.js';
import { DenseMatrix } from '../linalg/dense.js';
import { deriveSeed, type Seed } from '../random/seed.js';
import type { Runtime } from '../runtime.js';
import { disposeAll, type F64Buffer, type I32Buffer } from '../wasm/arena.js';
import { requireBoolean, requireFinite, requireInt, requireOneOf, requireOptions, requirePositive } from '../validate.js';
import { RecursiveLeastSquares } from './rls.js';
import { TARGET_KINDS, type Target } from './targets.js';

export const FORCE_MODES = ['readout', 'recurrent'] as const;
export type ForceMode = (typeof FORCE_MODES)[number];

export interface ForceOptions {
  /** What the outputs learn (see sinesTarget, sequenceTarget, ouTarget, arrayTarget, functionTarget). */
  target: Target;
  /** J (square, not modified, not disposed); default: sparse J of size n, connection probability p, gain g. */
  connectivity?: CsrMatrix | DenseMatrix;
  /** Network size (default 1000). */
  n?: number;
  /** Connection probability: fixed in-degree K = p·n (default 0.1). */
  p?: number;
  /** Gain: weights N(0, g²/K) (default 1.5). */
  g?: number;
  /** RLS regularisation, P(0) = I/α (default 1). */
  alpha?: number;
  /** Euler step in units of τ (default 0.1); must equal target.dt. */
  dt?: number;
  /** Steps between RLS updates (default 2). */
  learnEvery?: number;
  /** Training duration in target periods (default 12). */
  trainPeriods?: number;
  /** Frozen-weight test duration in target periods (default 2). */
  testPeriods?: number;
  /** Target-driven warm-up before training, in periods (default 0 for readout, 1 for recurrent). */
  warmUpPeriods?: number;
  /** Initial state x_i ~ N(0, x0Std²) (default 0.5). */
  x0Std?: number;
  /** Seeds J (when generated), W_fb and x(0); default 42. */
  seed?: Seed;
  /** Outputs whose traces are recorded, the first k (default min(m, 8)). */
  recordOutputs?: number;
  /** Return J0, J and ΔJ as dense n×n arrays (default true). */
  keepConnectivity?: boolean;
  /** Steps between progress reports, cancellation and divergence checks (default 256). */
  chunkSteps?: number;
  onProgress?: (stepsDone: number, stepsTotal: number) => void;
  signal?: AbortSignal;
}

export interface ReadoutForceOptions extends ForceOptions {
  /** W_fb uniform in [−feedbackScale, feedbackScale] (default 1). */
  feedbackScale?: number;
}

export interface RecurrentForceOptions extends ForceOptions {
  /** Trained neurons: the first k, or a list; default the first target.m (one target per trained neuron). */
  trainedNeurons?: number | ArrayLike<number>;
  /** Plastic presynaptic neurons: the first k, or a list (default all n). */
  plasticInputs?: number | ArrayLike<number>;
}

export interface ForceTraces {
  dt: number;
  /** Steps of each phase, in run order: warm-up, training, test. */
  warmUpSteps: number;
  trainSteps: number;
  testSteps: number;
  /** Recorded outputs (the first `recordOutputs`). */
  nRecorded: number;
  /** y (readouts z or trained inputs h_T) per step × recorded output, row-major. */
  output: Float64Array;
  /** f(t) per step × recorded output. */
  target: Float64Array;
  /** Σ_a (y_a − f_a)² / m per step, over all outputs. */
  meanSquaredError: Float64Array;
}

/**
 * Test NRMSE at or below which a training counts as learned: the residual carries at most a quarter
 * of the target's variance (NRMSE² ≤ 0.25); NRMSE 1 is what the constant mean output scores.
 */
export const LEARNED_NRMSE = 0.5;

/** The `learned` verdict and its warning for a test error (shared with spiking FORCE). */
export function learningVerdict(where: string, testError: number): { learned: boolean; warnings: string[] } {
  const learned = testError <= LEARNED_NRMSE;
  return {
    learned,
    warnings: learned ? [] : [`${where}: not learned: test NRMSE ${testError.toPrecision(3)} > ${LEARNED_NRMSE} ` +
      '(train longer, use more neurons or outputs, or a target the network can follow)'],
  };
}

/** The errors and verdict every FORCE training reports (rate and spiking). */
export interface ForceVerdict {
  /** Normalised RMSE over the last training period. */
  trainError: number;
  /** Normalised RMSE over the whole test window. */
  testError: number;
  /** Normalised RMSE over the first test period. */
  testErrorFirstPeriod: number;
  /** Whether the test error is at most LEARNED_NRMSE; when false, `warnings` says so. */
  learned: boolean;
  warnings: string[];
  /** RLS updates made. */
  updates: number;
}

interface ForceResultBase extends ForceVerdict {
  mode: ForceMode;
  /** Resolved parameters (target described by its own params) and the seed. */
  params: Record<string, unknown> & { seed: Seed };
  /** Dense n×n row-major J0 (before), J (trained, effective) and ΔJ = J − J0; null if not kept. */
  connectivity: { n: number; J0: Float64Array; J: Float64Array; dJ: Float64Array } | null;
  traces: ForceTraces;
  timing: { trainMs: number; testMs: number };
}

export interface ReadoutForceResult extends ForceResultBase {
  mode: 'readout';
  /** W (m×n, z = W r) and W_fb (n×m). */
  weights: { output: Float64Array; feedback: Float64Array };
}

export interface RecurrentForceResult extends ForceResultBase {
  mode: 'recurrent';
  /** ΔW (m×|S|): ΔJ[trainedNeurons[a], plasticInputs[b]] = delta[a·|S| + b]. */
  weights: { delta: Float64Array; trainedNeurons: Int32Array; plasticInputs: Int32Array };
}

/** Thrown when RLS or the network state stops being finite (or P loses positive definiteness). */
export class ForceDivergenceError extends Error {
  constructor(readonly time: number, readonly step: number, readonly phase: string, detail: string) {
    super(`FORCE training diverged at t = ${time.toFixed(4)} (step ${step}, ${phase}): ${detail}; ` +
      'try a larger alpha, a smaller dt or a smaller gain');
    this.name = 'ForceDivergenceError';
  }
}

/** The buffers and schedule of one FORCE step's error and RLS update (shared with spiking FORCE). */
export interface ForceStepState {
  core: Runtime['core'];
  rls: RecursiveLeastSquares;
  /** Outputs y (m), error e (m), and the rates RLS learns from. */
  y: F64Buffer;
  e: F64Buffer;
  inputsPtr: number;
  m: number;
  steps: { warmUp: number };
  trainEnd: number;
  learnEvery: number;
  phaseOf: (step: number) => string;
}

/**
 * e = y − f at step `step` (time `time`), its mean square, and, on a learning step of the training
 * phase, the RLS update from e; throws ForceDivergenceError when e is not finite or c = 1/(1 + rᵀPr)
 * is not positive. Returns the mean square error.
 */
export function forceErrorStep(st: ForceStepState, fPtr: number, step: number, time: number): number {
  const { core, y, e, m } = st;
  core.vec_sub_f64(m, y.ptr, fPtr, e.ptr); // e = y − f
  const sse = core.blas1_dot_f64(e.ptr, e.ptr, m) / m;
  if (!Number.isFinite(sse)) throw new ForceDivergenceError(time, step, st.phaseOf(step), 'the output error y − f is not finite');
  if (step >= st.steps.warmUp && step < st.trainEnd && (step - st.steps.warmUp) % st.learnEvery === 0) {
    const c = st.rls.updateRaw(st.inputsPtr, e.ptr);
    if (!(c > 0 && Number.isFinite(c))) {
      throw new ForceDivergenceError(time, step, 'training', `c = 1/(1 + rᵀPr) = ${c}, so P is no longer positive definite`);
    }
  }
  return sse;
}

/** The seed of one random part of a run (J, W_fb, x(0)) derived from the run's seed. */
export function forceSeedOf(seed: Seed, part: 'J' | 'feedback' | 'x0'): string {
  return deriveSeed(seed, part);
}

const COMMON_KEYS = [
  'target', 'connectivity', 'n', 'p', 'g', 'alpha', 'dt', 'learnEvery', 'trainPeriods', 'testPeriods', 'warmUpPeriods',
  'x0Std', 'seed', 'recordOutputs', 'keepConnectivity', 'chunkSteps', 'onProgress', 'signal',
];

/** A valid Target sampled on the training grid of step dt (option `dtName`); shared with spiking FORCE. */
export function requireTarget(where: string, target: Target, dt: number, dtName: string): Target {
  if (target === null || typeof target !== 'object' || !(target.values instanceof Float64Array)) {
    throw new TypeError(`${where}: target must be a Target (sinesTarget, sequenceTarget, ouTarget, arrayTarget, functionTarget)`);
  }
  if (!(TARGET_KINDS as readonly string[]).includes(target.kind)) {
    throw new RangeError(`${where}: unknown target kind '${String(target.kind)}' (allowed: ${TARGET_KINDS.join(', ')})`);
  }
  if (target.values.length !== target.nSamples * target.m) {
    throw new RangeError(`${where}: target.values has length ${target.values.length}, expected nSamples·m = ${target.nSamples * target.m} (target length mismatch)`);
  }
  if (Math.abs(target.dt - dt) > 1e-12 * dt) {
    throw new RangeError(`${where}: target.dt = ${target.dt} differs from ${dtName} = ${dt} (sample the target on the training grid)`);
  }
  return target;
}

/** Validated settings shared by both modes. */
function resolveCommon(where: string, options: ForceOptions, defaultWarmUp: number) {
  const dt = requirePositive(where, 'dt', options.dt ?? 0.1);
  const target = requireTarget(where, options.target, dt, 'dt');
  const alpha = requirePositive(where, 'alpha', options.alpha ?? 1);
  const learnEvery = requireInt(where, 'learnEvery', options.learnEvery ?? 2, 1);
  const trainPeriods = requireInt(where, 'trainPeriods', options.trainPeriods ?? 12, 1);
  const testPeriods = requireInt(where, 'testPeriods', options.testPeriods ?? 2, 1);
  const warmUpPeriods = requireInt(where, 'warmUpPeriods', options.warmUpPeriods ?? defaultWarmUp, 0);
  const x0Std = requireFinite(where, 'x0Std', options.x0Std ?? 0.5, 0);
  const chunkSteps = requireInt(where, 'chunkSteps', options.chunkSteps ?? 256, 1);
  const keepConnectivity = requireBoolean(where, 'keepConnectivity', options.keepConnectivity ?? true);
  const periodSteps = Math.round(target.period / dt);
  const steps = { warmUp: warmUpPeriods * periodSteps, train: trainPeriods * periodSteps, test: testPeriods * periodSteps };
  const total = steps.warmUp + steps.train + steps.test;
  if (!target.periodic && target.nSamples < total) {
    throw new RangeError(`${where}: the aperiodic target has ${target.nSamples} samples but warm-up, training and test need ${total} (target length mismatch)`);
  }
  const seed = options.seed ?? 42;
  const recordOutputs = requireInt(where, 'recordOutputs', options.recordOutputs ?? Math.min(target.m, 8), 0, target.m);
  return {
    target, dt, alpha, learnEvery, trainPeriods, testPeriods, warmUpPeriods, x0Std, chunkSteps, keepConnectivity,
    periodSteps, steps, total, seed, recordOutputs,
  };
}

/** The given J (checked square) or the default sparse one; `owned` says whether to dispose it. */
function connectivityOf(rt: Runtime, where: string, options: ForceOptions, seed: Seed) {
  if (options.connectivity !== undefined) {
    const J = options.connectivity;
    if (!(J instanceof CsrMatrix || J instanceof DenseMatrix)) throw new TypeError(`${where}: connectivity must be a CsrMatrix or DenseMatrix`);
    if (J.nRows !== J.nCols) throw new RangeError(`${where}: connectivity must be square (got ${J.nRows}×${J.nCols})`);
    for (const key of ['n', 'p', 'g'] as const) {
      if (options[key] !== undefined) throw new RangeError(`${where}: give either connectivity or ${key}, not both`);
    }
    return { J, owned: false, params: { n: J.nRows, connectivity: 'given' } };
  }
  const n = requireInt(where, 'n', options.n ?? 1000, 2);
  const p = requireFinite(where, 'p', options.p ?? 0.1, 0, 1);
  const g = requireFinite(where, 'g', options.g ?? 1.5, 0);
  const k = p * n;
  if (!(k > 0 && k < n)) throw new RangeError(`${where}: p·n must lie in (0, n) (got p = ${p}, n = ${n})`);
  const net = lognormalNetwork(rt, { n, k, cv: 0, g, seed: forceSeedOf(seed, 'J') });
  return { J: net.matrix as CsrMatrix, owned: true, params: { n, p, g } };
}

/** The first k of 0…n−1 or a list of distinct indices in [0, n) (shared with spiking FORCE). */
export function indexSet(where: string, name: string, spec: number | ArrayLike<number> | undefined, n: number, fallback: number): Int32Array {
  if (spec === undefined || typeof spec === 'number') {
    const k = requireInt(where, name, spec ?? fallback, 1, n);
    return Int32Array.from({ length: k }, (_, i) => i);
  }
  const seen = new Uint8Array(n);
  const out = Int32Array.from(spec);
  if (out.length === 0) throw new RangeError(`${where}: ${name} must not be empty`);
  for (let a = 0; a < spec.length; a++) {
    const i = spec[a];
    if (!Number.isInteger(i) || i < 0 || i >= n || seen[i]) {
      throw new RangeError(`${where}: ${name}[${a}] must be a distinct integer in [0, ${n - 1}] (got ${i})`);
    }
    seen[i] = 1;
  }
  return out;
}

/** Normalised RMSE of a window [from, to) of steps (see the file comment); shared with spiking FORCE. */
export function windowError(target: Target, sse: Float64Array, from: number, to: number): number {
  const { m, values, nSamples } = target;
  const mean = new Float64Array(m);
  for (let s = from; s < to; s++) {
    const row = (s % nSamples) * m;
    for (let a = 0; a < m; a++) mean[a] += values[row + a] / (to - from);
  }
  let spread = 0;
  let errors = 0;
  for (let s = from; s < to; s++) {
    const row = (s % nSamples) * m;
    for (let a = 0; a < m; a++) spread += (values[row + a] - mean[a]) ** 2;
    errors += sse[s] * m;
  }
  return Math.sqrt(errors / spread);
}

/** J0 (dense copy of J), ΔJ as `fillDelta` writes it into zeros, and J = J0 + ΔJ. */
function trainedConnectivity(J: CsrMatrix | DenseMatrix, fillDelta: (dJ: Float64Array) => void): ForceResultBase['connectivity'] {
  const n = J.nRows;
  const J0 = J instanceof DenseMatrix ? J.toArray() : denseOfCsrArrays(J.toArrays());
  const dJ = new Float64Array(n * n);
  fillDelta(dJ);
  return { n, J0, J: J0.map((v, i) => v + dJ[i]), dJ };
}

/** How a mode turns the rates into outputs and inputs (steps 1 and 3 of the file comment). */
interface ModeWiring {
  m: number;
  /** Pointer to the rates RLS learns from (r, or r_S after outputs()). */
  inputsPtr: number;
  /** y ← outputs of the current r; h ← the recurrent input, complete unless the mode adds to it in input(). */
  outputs(): void;
  /** Completes h for the Euler step; `driven` (warm-up) replaces the outputs by the targets at fPtr. */
  input(fPtr: number, driven: boolean): void;
}

/** FORCE networks use φ = tanh (Sussillo & Abbott 2009). */
const TANH = nonlinearity('tanh');

/** The network state x, r = tanh(x), the input h, the outputs y and the learner, in WASM buffers. */
class ForceState implements Disposable {
  readonly x: F64Buffer;
  readonly r: F64Buffer;
  readonly h: F64Buffer;
  readonly y: F64Buffer;
  /** RLS over the learned inputs (r, or r_S) for the m outputs. */
  readonly rls: RecursiveLeastSquares;

  /** x(0) ~ N(0, x0Std²) from the seed, r = tanh(x(0)); P = I/α over nInputs, W = 0. */
  constructor(readonly rt: Runtime, readonly n: number, m: number, nInputs: number,
              settings: { alpha: number; x0Std: number; seed: Seed }) {
    this.rls = new RecursiveLeastSquares(rt, { n: nInputs, m, alpha: settings.alpha });
    this.x = rt.scope(() => rt.rng(forceSeedOf(settings.seed, 'x0')).normal(n, 0, settings.x0Std));
    this.r = rt.f64(n);
    this.h = rt.f64(n);
    this.y = rt.f64(m);
    TANH.kernel(rt.core, this.x.ptr, this.r.ptr, n);
  }

  [Symbol.dispose](): void {
    disposeAll([this.x, this.r, this.h, this.y, this.rls]);
  }
}

/** Runs warm-up, training and test; returns the errors, traces and timing. */
async function runForce(
  state: ForceState, wiring: ModeWiring, settings: ReturnType<typeof resolveCommon>, options: ForceOptions,
) {
  const { rt, n, x, r, h, y, rls } = state;
  const { core } = rt;
  const { target, dt, learnEvery, steps, total, chunkSteps, recordOutputs } = settings;
  const { m } = wiring;
  using targetBuffer = rt.f64From(target.values);
  using e = rt.f64(m);
  using slope = rt.f64(n);
  const sse = new Float64Array(total);
  const output = new Float64Array(total * recordOutputs);
  const recordedTarget = new Float64Array(total * recordOutputs);
  const trainEnd = steps.warmUp + steps.train;
  const timing = { trainMs: 0, testMs: 0 };
  const phaseOf = (s: number) => (s < steps.warmUp ? 'warm-up' : s < trainEnd ? 'training' : 'test');
  const stepState = { core, rls, y, e, inputsPtr: wiring.inputsPtr, m, steps, trainEnd, learnEvery, phaseOf };
  const targetBase = targetBuffer.ptr;
  let chunkStart = 0;
  await drive('FORCE', total, {
    advance: (from, to) => {
      const started = performance.now();
      chunkStart = from;
      for (let s = from; s < to; s++) {
        const row = s % target.nSamples;
        const fPtr = targetBase + row * m * 8;
        wiring.outputs();
        sse[s] = forceErrorStep(stepState, fPtr, s, s * dt);
        wiring.input(fPtr, s < steps.warmUp);
        core.rate_deriv_f64(n, x.ptr, h.ptr, 0, 1, slope.ptr);
        core.rate_stage_f64(n, x.ptr, slope.ptr, dt, x.ptr);
        TANH.kernel(core, x.ptr, r.ptr, n);
        if (recordOutputs > 0) {
          output.set(y.view().subarray(0, recordOutputs), s * recordOutputs);
          recordedTarget.set(target.values.subarray(row * m, row * m + recordOutputs), s * recordOutputs);
        }
      }
      const elapsed = performance.now() - started;
      if (to <= trainEnd) timing.trainMs += elapsed;
      else timing.testMs += elapsed;
    },
    check: (end) => {
      const bad = core.vec_first_beyond_f64(n, x.ptr, Infinity);
      if (bad >= 0) {
        throw new BlowUpError('FORCE network', end * dt, bad, x.view()[bad], `x[${bad}] = ${x.view()[bad]} (try a larger alpha, a smaller dt or a smaller gain)`);
      }
      const weightsOrP = rls.firstNonFinite();
      if (weightsOrP) {
        const [i, j] = [Math.floor(weightsOrP.index / rls.n), weightsOrP.index % rls.n];
        throw new ForceDivergenceError(end * dt, end, phaseOf(end - 1),
          `${weightsOrP.matrix}[${i}, ${j}] is not finite (it was finite at step ${chunkStart})`);
      }
    },
  }, {
    chunkSteps, breaks: [trainEnd], onProgress: options.onProgress, signal: options.signal,
    describe: (done) => `t = ${(done * dt).toFixed(4)} (step ${done})`,
  });
  const { periodSteps } = settings;
  return {
    trainError: windowError(target, sse, trainEnd - periodSteps, trainEnd),
    testError: windowError(target, sse, trainEnd, total),
    testErrorFirstPeriod: windowError(target, sse, trainEnd, trainEnd + periodSteps),
    traces: {
      dt, warmUpSteps: steps.warmUp, trainSteps: steps.train, testSteps: steps.test, nRecorded: recordOutputs,
      output, target: recordedTarget, meanSquaredError: sse,
    },
    timing,
  };
}

/**
 * Readout FORCE with feedback (Sussillo & Abbott 2009, architecture A): trains W so that the
 * readouts z = W r follow the target while z feeds back through W_fb. Defaults are the paper's:
 * n = 1000, sparse J with p = 0.1, g = 1.5, α = 1, dt = 0.1 τ, learning every 2 steps.
 * Throws ForceDivergenceError or BlowUpError (when and what) if training diverges, and an
 * AbortError when `signal` aborts.
 * @example
 *   const result = await trainReadoutForce(rt, { target: sinesTarget(), seed: 1 });
 *   result.testError; // normalised RMSE with frozen weights
 */
export async function trainReadoutForce(rt: Runtime, options: ReadoutForceOptions): Promise<ReadoutForceResult> {
  const where = 'trainReadoutForce';
  requireOptions(where, options, [...COMMON_KEYS, 'feedbackScale']);
  const settings = resolveCommon(where, options, 0);
  const feedbackScale = requireFinite(where, 'feedbackScale', options.feedbackScale ?? 1);
  const { seed, target } = settings;
  const m = target.m;
  const { J, owned, params: netParams } = connectivityOf(rt, where, options, seed);
  const n = J.nRows;
  try {
    using state = new ForceState(rt, n, m, n, settings);
    const { r, h, y, rls } = state;
    const uniform = rt.scope(() => rt.rng(forceSeedOf(seed, 'feedback')).uniform(n * m).toArray());
    using feedback = rt.f64From(uniform.map((u) => feedbackScale * (2 * u - 1)));
    using fb = rt.f64(n);
    const w = rls.weights;
    const { core } = rt;
    const wiring: ModeWiring = {
      m, inputsPtr: r.ptr,
      outputs() {
        core.gemv_f64(w.ptr, m, n, r.ptr, y.ptr);
        J.multiply(r, h);
      },
      input(fPtr, driven) {
        core.gemv_f64(feedback.ptr, n, m, driven ? fPtr : y.ptr, fb.ptr);
        core.blas1_axpy_f64(1, fb.ptr, h.ptr, n);
      },
    };
    const run = await runForce(state, wiring, settings, options);
    const output = w.toArray();
    const feedbackValues = feedback.toArray();
    const connectivity = settings.keepConnectivity ? trainedConnectivity(J, (dJ) => {
      for (let i = 0; i < n; i++) {
        for (let a = 0; a < m; a++) {
          const fia = feedbackValues[i * m + a];
          for (let j = 0; j < n; j++) dJ[i * n + j] += fia * output[a * n + j];
        }
      }
    }) : null;
    return {
      mode: 'readout',
      params: paramsOf(settings, netParams, { feedbackScale }),
      trainError: run.trainError, testError: run.testError, testErrorFirstPeriod: run.testErrorFirstPeriod,
      ...learningVerdict(where, run.testError),
      updates: rls.updates,
      weights: { output, feedback: feedbackValues },
      connectivity, traces: run.traces, timing: run.timing,
    };
  } finally {
    if (owned) J.dispose();
  }
}

function paramsOf(settings: ReturnType<typeof resolveCommon>, netParams: Record<string, unknown>, extra: Record<string, unknown>) {
  const { target, dt, alpha, learnEvery, trainPeriods, testPeriods, warmUpPeriods, x0Std, seed } = settings;
  return {
    ...netParams, alpha, dt, learnEvery, trainPeriods, testPeriods, warmUpPeriods, x0Std, ...extra,
    target: { kind: target.kind, ...target.params }, seed,
  };
}

/**
 * Recurrent FORCE: trains the rows of J of the trained neurons (over the plastic inputs) so that
 * each trained neuron's recurrent input h_i = Σ_j J_ij r_j follows its target f_i(t) (target.m
 * equals the number of trained neurons), after a warm-up in which those inputs are clamped to the
 * targets. Same defaults, errors and cancellation as trainReadoutForce.
 * @example
 *   const result = await trainRecurrentForce(rt, { n: 300, target: sequenceTarget({ m: 300, width: 4 }) });
 */
export async function trainRecurrentForce(rt: Runtime, options: RecurrentForceOptions): Promise<RecurrentForceResult> {
  const where = 'trainRecurrentForce';
  requireOptions(where, options, [...COMMON_KEYS, 'trainedNeurons', 'plasticInputs']);
  const settings = resolveCommon(where, options, 1);
  const { seed, target } = settings;
  const { J, owned, params: netParams } = connectivityOf(rt, where, options, seed);
  const n = J.nRows;
  try {
    const trained = indexSet(where, 'trainedNeurons', options.trainedNeurons, n, Math.min(target.m, n));
    if (trained.length !== target.m) {
      throw new RangeError(`${where}: target has m = ${target.m} outputs but ${trained.length} neurons are trained (target length mismatch)`);
    }
    const plastic = indexSet(where, 'plasticInputs', options.plasticInputs, n, n);
    const m = trained.length;
    const nS = plastic.length;
    using state = new ForceState(rt, n, m, nS, settings);
    const { r, h, y, rls } = state;
    using trainedIdx: I32Buffer = rt.i32From(trained);
    using plasticIdx: I32Buffer = rt.i32From(plastic);
    using rS = rt.f64(nS);
    using z = rt.f64(m);
    const w = rls.weights;
    const { core } = rt;
    const wiring: ModeWiring = {
      m, inputsPtr: rS.ptr,
      outputs() {
        J.multiply(r, h);
        core.vec_gather_f64(nS, plasticIdx.ptr, r.ptr, rS.ptr);
        core.gemv_f64(w.ptr, m, nS, rS.ptr, z.ptr);
        core.vec_scatter_f64(m, trainedIdx.ptr, z.ptr, h.ptr, 1);
        core.vec_gather_f64(m, trainedIdx.ptr, h.ptr, y.ptr);
      },
      input(fPtr, driven) {
        if (driven) core.vec_scatter_f64(m, trainedIdx.ptr, fPtr, h.ptr, 0);
      },
    };
    const run = await runForce(state, wiring, settings, options);
    const delta = w.toArray();
    const connectivity = settings.keepConnectivity ? trainedConnectivity(J, (dJ) => {
      for (let a = 0; a < m; a++) for (let b = 0; b < nS; b++) dJ[trained[a] * n + plastic[b]] = delta[a * nS + b];
    }) : null;
    return {
      mode: 'recurrent',
      params: paramsOf(settings, netParams, { trainedNeurons: m, plasticInputs: nS }),
      trainError: run.trainError, testError: run.testError, testErrorFirstPeriod: run.testErrorFirstPeriod,
      ...learningVerdict(where, run.testError),
      updates: rls.updates,
      weights: { delta, trainedNeurons: trained, plasticInputs: plastic },
      connectivity, traces: run.traces, timing: run.timing,
    };
  } finally {
    if (owned) J.dispose();
  }
}

/** Either training by name: `mode` 'readout' (trainReadoutForce) or 'recurrent' (trainRecurrentForce). */
export async function trainForce(
  rt: Runtime, options: ({ mode: 'readout' } & ReadoutForceOptions) | ({ mode: 'recurrent' } & RecurrentForceOptions),
): Promise<ReadoutForceResult | RecurrentForceResult> {
  const { mode, ...rest } = (options ?? {}) as { mode: ForceMode } & ForceOptions;
  return requireOneOf('trainForce', 'mode', mode, FORCE_MODES) === 'readout'
    ? await trainReadoutForce(rt, rest)
    : await trainRecurrentForce(rt, rest);
}
