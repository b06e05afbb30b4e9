/**
 * FORCE training of spiking networks (Nicola & Clopath, Nat. Commun. 8, 2208 (2017), ModelDB
 * 190565), readout variant: a static random network Ω plus a learned rank-m feedback loop E Φᵀ.
 * Time in ms, rates in Hz, voltages in mV.
 *
 * Network (neurons 0 … nLif−1 are LIF, the last round(fracQif·n) are theta/QIF neurons):
 *   current  I_i = bias_i + s_i + (E z)_i,   s = Ω r filtered as below (event-driven),
 *   LIF      τ_m dv/dt = −v + I, spike at v ≥ v_peak = −40, reset −65, refractory 2 ms (their LIF);
 *   theta    dθ/dt = (1 − cos θ) + π²(1 + cos θ) I (t in s; our reading of the paper, not checked
 *            against their code; f = √I Hz for constant I), integrated as the QIF it is after
 *            V = tan(θ/2), U = V/π:  (1000/π ms)·dU/dt = U² + I, spike at U = thetaPeak, reset −thetaPeak
 *            (Euler on U; the default ±1000 loses 2/(π·1000) s ≈ 0.6 ms per cycle against ±∞);
 *            the theta bias (default 0, at the saddle-node) is ours: the network's input drives them;
 *   synapses double-exponential, forward Euler as in their code (kernel spiking_filter_f64):
 *            r ← (1 − dt/τ_r) r + dt·h_r,  h_r ← (1 − dt/τ_d) h_r + 1000/(τ_r τ_d)·[spike]   (Hz),
 *            and the same filter for s with the jumps Ω_{·j};
 *   readout  z = Φᵀ r (Φ = Wᵀ of the RLS learner, m outputs), feedback E = Q_i (2·U(0,1) − 1).
 * Static weights Ω_ij = G_i·N(0,1)·[U < p]/(√n p), each row's nonzeros shifted to zero mean; G_i and
 * Q_i are those of neuron i's type (LIF G = 0.04, Q = 10; theta G = 10, Q = 10⁴).
 *
 * Each step (index k, t = k·dt): (1) the neurons advance with the current from the previous step
 * (spiking_run_f64 with no synapses of its own: its I stays 0 and μ carries I_i); (2) the spikes are
 * filtered into s and r; (3) z = W r, e = z − f(t); every learnEvery steps of the training window one
 * RLS update (a priori error, as in their code), P(0) = I/α; (4) μ ← bias + s + E z for the next step.
 * Warm-up (no learning, z = 0 feedback as long as W = 0), training, then a test with frozen W. Errors
 * are rate FORCE's normalised RMSEs (windowError) and the same LEARNED_NRMSE verdict.
 */
import { BlowUpError, drive } from '../dynamics/driver.js';
import { resolveTypeParams, spikingTable } from '../dynamics/spiking-params.js';
import { type CsrArrays, denseOfCsrArrays } from '../linalg/csr.js';
import { deriveSeed, type Seed } from '../random/seed.js';
import type { Runtime } from '../runtime.js';
import { SPIKING_INTEGRATORS } from '../wasm/abi.js';
import { disposeAll } from '../wasm/arena.js';
import { requireBoolean, requireFinite, requireInt, requireOneOf, requireOptions, requirePositive } from '../validate.js';
import { ForceDivergenceError, type ForceTraces, type ForceVerdict, learningVerdict, requireTarget, windowError } from './force.js';
import { RecursiveLeastSquares } from './rls.js';
import type { Target } from './targets.js';

export const SPIKING_FORCE_NEURONS = ['lif', 'qif', 'mixed'] as const;
export type SpikingForceNeuron = (typeof SPIKING_FORCE_NEURONS)[number];

/** Nicola & Clopath's gains by neuron type: static weights G and feedback Q. */
export const SPIKING_FORCE_PRESETS = {
  lif: { G: 0.04, Q: 10 },
  qif: { G: 10, Q: 1e4 },
} as const;

/** Default free run, training and test durations in target periods (1 s, 5 s, 2 s of a 5 Hz target). */
export const SPIKING_FORCE_PERIODS = { warmUp: 5, train: 25, test: 10 } as const;

export interface SpikingForceOptions {
  /** What the readouts learn, sampled with dt = dtMs (time in ms), e.g. sinesTarget({ dt: 0.05, period: 200, amplitudes: [1], scale: 1 }). */
  target: Target;
  /** 'lif' (default), 'qif' (theta) or 'mixed' (a fraction fracQif of theta neurons). */
  neuron?: SpikingForceNeuron;
  /** Fraction of theta/QIF neurons for 'mixed' (default 0.5). */
  fracQif?: number;
  /** Network size (default 2000). */
  n?: number;
  /** Connection probability of Ω (default 0.1). */
  p?: number;
  /** Static gain G for every neuron (default: its type's preset). */
  G?: number;
  /** Feedback gain Q for every neuron (default: its type's preset). */
  Q?: number;
  /** Constant current of LIF neurons (mV, default −40 = v_peak, their BIAS). */
  biasLif?: number;
  /** Constant current of theta neurons (default 0: at the saddle-node, driven by the network). */
  biasQif?: number;
  /** Step (ms, default 0.05). */
  dtMs?: number;
  /** Synaptic rise and decay times (ms, defaults 2 and 20). */
  tauRiseMs?: number;
  tauDecayMs?: number;
  /** LIF membrane time constant and refractory period (ms, defaults 10 and 2). */
  tauMs?: number;
  refractoryMs?: number;
  /** Theta neurons' spike/reset level ±U_peak of U = tan(θ/2)/π (default 1000). */
  thetaPeak?: number;
  /** RLS regularisation, P(0) = I/α (default 10⁴/dtMs: their P(0) = 0.1·dt·I with dt in s). */
  alpha?: number;
  /** Time between RLS updates (ms, a whole number of steps; default 2.5). */
  learnEveryMs?: number;
  /** Free run before training, training and frozen test, in target periods (defaults SPIKING_FORCE_PERIODS: 5, 25, 10). */
  warmUpPeriods?: number;
  trainPeriods?: number;
  testPeriods?: number;
  /** Seeds Ω, E and v(0) (default 42). */
  seed?: Seed;
  /** Outputs whose traces are recorded, the first k (default min(m, 8)). */
  recordOutputs?: number;
  /** Return Ω, Ω + EΦᵀ and EΦᵀ as dense n×n arrays for analyseForceConnectivity (default false: 3·8n² bytes). */
  keepConnectivity?: boolean;
  /** Keep every spike (neuron, step) of the run (default false). */
  keepSpikes?: boolean;
  /** Steps between progress reports, cancellation and divergence checks (default 2000 = 100 ms). */
  chunkSteps?: number;
  onProgress?: (stepsDone: number, stepsTotal: number) => void;
  signal?: AbortSignal;
}

/** The static weights Ω as CSR arrays (row = postsynaptic). */
export type OmegaArrays = CsrArrays & { rowPtr: Int32Array; colIdx: Int32Array; values: Float64Array };

export interface SpikingForceResult extends ForceVerdict {
  params: Record<string, unknown> & { seed: Seed };
  /** Per-neuron type (0 = LIF, 1 = theta/QIF). */
  types: Int32Array;
  /** Mean firing rate (Hz) in each phase. */
  meanRateHz: { warmUp: number; train: number; test: number };
  /** Φ (decoders, m×n row-major: z = Φᵀ r), E (encoders, n×m) and the static Ω (CSR, row = postsynaptic). */
  weights: { decoder: Float64Array; encoder: Float64Array; omega: OmegaArrays };
  /** Dense n×n row-major J0 = Ω, J = Ω + EΦᵀ (the trained effective connectivity) and ΔJ = EΦᵀ; null unless kept. */
  connectivity: { n: number; J0: Float64Array; J: Float64Array; dJ: Float64Array } | null;
  /**
   * Radius of Ω's eigenvalue bulk, √(mean_i G_i²/p): Ω has independent entries of variance G_i²/(n p) in
   * row i, so the bulk radius² is the Perron root Σ_i G_i²/(n p) of that (rank-one) variance profile.
   */
  bulkRadius: number;
  traces: ForceTraces;
  spikes: { neuron: Int32Array; step: Int32Array } | null;
  timing: { trainMs: number; testMs: number; msPerSimulatedSecond: number };
}

const KEYS = [
  'target', 'neuron', 'fracQif', 'n', 'p', 'G', 'Q', 'biasLif', 'biasQif', 'dtMs', 'tauRiseMs', 'tauDecayMs', 'tauMs',
  'refractoryMs', 'thetaPeak', 'alpha', 'learnEveryMs', 'warmUpPeriods', 'trainPeriods', 'testPeriods', 'seed',
  'recordOutputs', 'keepConnectivity', 'keepSpikes', 'chunkSteps', 'onProgress', 'signal',
];

/** Validated settings with the presets filled in. */
function resolve(where: string, options: SpikingForceOptions) {
  requireOptions(where, options, KEYS);
  const dtMs = requirePositive(where, 'dtMs', options.dtMs ?? 0.05);
  const target = requireTarget(where, options.target, dtMs, 'dtMs');
  const neuron = requireOneOf(where, 'neuron', options.neuron ?? 'lif', SPIKING_FORCE_NEURONS);
  if (options.fracQif !== undefined && neuron !== 'mixed') throw new RangeError(`${where}: fracQif needs neuron 'mixed' (got '${neuron}')`);
  const fracQif = neuron === 'lif' ? 0 : neuron === 'qif' ? 1 : requireFinite(where, 'fracQif', options.fracQif ?? 0.5, 0, 1);
  const n = requireInt(where, 'n', options.n ?? 2000, 2);
  const p = requireFinite(where, 'p', options.p ?? 0.1, 0, 1);
  if (!(p > 0)) throw new RangeError(`${where}: p must be in (0, 1] (got ${p})`);
  const G = options.G === undefined ? undefined : requireFinite(where, 'G', options.G);
  const Q = options.Q === undefined ? undefined : requireFinite(where, 'Q', options.Q);
  const learnEveryMs = requirePositive(where, 'learnEveryMs', options.learnEveryMs ?? 2.5);
  const learnEvery = Math.round(learnEveryMs / dtMs);
  if (learnEvery < 1 || Math.abs(learnEvery * dtMs - learnEveryMs) > 1e-9 * learnEveryMs) {
    throw new RangeError(`${where}: learnEveryMs must be a whole number of steps dtMs = ${dtMs} (got ${learnEveryMs})`);
  }
  const periodSteps = Math.round(target.period / dtMs);
  const warmUpPeriods = requireInt(where, 'warmUpPeriods', options.warmUpPeriods ?? SPIKING_FORCE_PERIODS.warmUp, 0);
  const trainPeriods = requireInt(where, 'trainPeriods', options.trainPeriods ?? SPIKING_FORCE_PERIODS.train, 1);
  const testPeriods = requireInt(where, 'testPeriods', options.testPeriods ?? SPIKING_FORCE_PERIODS.test, 1);
  const steps = { warmUp: warmUpPeriods * periodSteps, train: trainPeriods * periodSteps, test: testPeriods * periodSteps };
  const total = steps.warmUp + steps.train + steps.test;
  if (!target.periodic && target.nSamples < total) {
    throw new RangeError(`${where}: the aperiodic target has ${target.nSamples} samples but warm-up, training and test need ${total} (target length mismatch)`);
  }
  if (total > 2 ** 31 - 1) throw new RangeError(`${where}: the run needs ${total} steps, more than 2³¹ − 1 (shorten it or raise dtMs)`);
  return {
    target, neuron, fracQif, n, p, G, Q, dtMs, learnEveryMs, learnEvery, periodSteps, steps, total,
    warmUpPeriods, trainPeriods, testPeriods,
    biasLif: requireFinite(where, 'biasLif', options.biasLif ?? -40),
    biasQif: requireFinite(where, 'biasQif', options.biasQif ?? 0),
    tauRiseMs: requirePositive(where, 'tauRiseMs', options.tauRiseMs ?? 2),
    tauDecayMs: requirePositive(where, 'tauDecayMs', options.tauDecayMs ?? 20),
    tauMs: requirePositive(where, 'tauMs', options.tauMs ?? 10),
    refractoryMs: requireFinite(where, 'refractoryMs', options.refractoryMs ?? 2, 0),
    thetaPeak: requirePositive(where, 'thetaPeak', options.thetaPeak ?? 1000),
    alpha: requirePositive(where, 'alpha', options.alpha ?? 1e4 / dtMs),
    seed: options.seed ?? 42,
    recordOutputs: requireInt(where, 'recordOutputs', options.recordOutputs ?? Math.min(target.m, 8), 0, target.m),
    keepConnectivity: requireBoolean(where, 'keepConnectivity', options.keepConnectivity ?? false),
    keepSpikes: requireBoolean(where, 'keepSpikes', options.keepSpikes ?? false),
    chunkSteps: requireInt(where, 'chunkSteps', options.chunkSteps ?? 2000, 1),
  };
}

/** The seed of one random part (Ω's mask and values, E, v(0)) of a run. */
export function spikingForceSeedOf(seed: Seed, part: 'omega' | 'encoder' | 'v0'): string {
  return deriveSeed(seed, 'spiking-force', part);
}

/** Ω as CSR arrays: G_i·N(0,1)·[U < p]/(√n p), each row's nonzeros shifted to zero mean. */
function staticWeights(rt: Runtime, n: number, p: number, gain: Float64Array, seed: Seed): OmegaArrays {
  using rng = rt.rng(spikingForceSeedOf(seed, 'omega'));
  const rowPtr = new Int32Array(n + 1);
  const colIdx: number[] = [];
  const values: number[] = [];
  const scale = 1 / (Math.sqrt(n) * p);
  for (let i = 0; i < n; i++) {
    const [mask, normal] = rt.scope(() => [rng.uniform(n).toArray(), rng.normal(n).toArray()]);
    const start = values.length;
    for (let j = 0; j < n; j++) {
      if (mask[j] < p) {
        colIdx.push(j);
        values.push(gain[i] * normal[j] * scale);
      }
    }
    const count = values.length - start;
    let mean = 0;
    for (let k = start; k < values.length; k++) mean += values[k] / count;
    for (let k = start; k < values.length; k++) values[k] -= mean;
    rowPtr[i + 1] = values.length;
  }
  return { nRows: n, nCols: n, rowPtr, colIdx: Int32Array.from(colIdx), values: Float64Array.from(values) };
}

/** Dense J0 = Ω, ΔJ = E Φᵀ (ΔJ_ij = Σ_a E_ia Φ_ja) and J = J0 + ΔJ. */
function trainedConnectivity(omega: OmegaArrays, encoder: Float64Array, decoder: Float64Array, m: number) {
  const n = omega.nRows;
  const J0 = denseOfCsrArrays(omega);
  const dJ = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < m; a++) {
      const e = encoder[i * m + a];
      for (let j = 0; j < n; j++) dJ[i * n + j] += e * decoder[a * n + j];
    }
  }
  return { n, J0, J: J0.map((v, k) => v + dJ[k]), dJ };
}

/**
 * Trains the readouts of a spiking network with FORCE (see the file comment); defaults are Nicola &
 * Clopath's LIF preset (n = 2000, p = 0.1, G = 0.04, Q = 10, dt = 0.05 ms, RLS every 2.5 ms).
 * Throws ForceDivergenceError or BlowUpError if training diverges, an AbortError when `signal` aborts.
 * @example
 *   const target = sinesTarget({ dt: 0.05, period: 200, amplitudes: [1], scale: 1 }); // 5 Hz
 *   const result = await trainSpikingForce(rt, { target, n: 1000 });
 *   result.testError; result.learned;
 */
export async function trainSpikingForce(rt: Runtime, options: SpikingForceOptions): Promise<SpikingForceResult> {
  const where = 'trainSpikingForce';
  if (options === null || typeof options !== 'object') throw new TypeError(`${where}: options must be an object`);
  const S = resolve(where, options);
  const { target, n, dtMs, steps, total, learnEvery, recordOutputs, seed } = S;
  const m = target.m;
  const nQif = Math.round(S.fracQif * n);
  const nLif = n - nQif;
  const types = Int32Array.from({ length: n }, (_, i) => (i < nLif ? 0 : 1));
  const gainOf = (t: number, key: 'G' | 'Q') => S[key] ?? SPIKING_FORCE_PRESETS[t ? 'qif' : 'lif'][key];
  const omega = staticWeights(rt, n, S.p, Float64Array.from(types, (t) => gainOf(t, 'G')), seed);
  const encoderDraws = rt.scope(() => rt.rng(spikingForceSeedOf(seed, 'encoder')).uniform(n * m).toArray());
  const encoderValues = encoderDraws.map((u, k) => gainOf(types[Math.floor(k / m)], 'Q') * (2 * u - 1));
  // LIF: v(0) ~ U(v_reset, 30) as in their code (most start above v_peak: the first spikes start the activity); theta: θ(0) ~ U(−π, π), U = tan(θ/2)/π clipped to the peak.
  const v0Draws = rt.scope(() => rt.rng(spikingForceSeedOf(seed, 'v0')).uniform(n).toArray());
  const v0 = v0Draws.map((u, i) => (types[i] === 0
    ? -65 + 95 * u
    : Math.max(-S.thetaPeak, Math.min(S.thetaPeak, Math.tan(Math.PI * (u - 0.5)) / Math.PI))));
  const bias = Float64Array.from(types, (t) => (t ? S.biasQif : S.biasLif));
  const table = spikingTable(where, {
    lif: resolveTypeParams(where, 'lif', { tauMs: S.tauMs, thetaMv: -40, vResetMv: -65, refractoryMs: S.refractoryMs }),
    qif: resolveTypeParams(where, 'qif', { tauMs: 1000 / Math.PI, vTMv: 0, deltaVMv: 1, thetaMv: S.thetaPeak, vResetMv: -S.thetaPeak }),
  }, dtMs);

  using rls = new RecursiveLeastSquares(rt, { n, m, alpha: S.alpha });
  const buffers = rt.scope(() => {
    const csr = { rowPtr: rt.i32From(omega.rowPtr), colIdx: rt.i32From(omega.colIdx), values: rt.f64From(omega.values) };
    const b = {
      perm: rt.i32From(Int32Array.from({ length: n }, (_, i) => i)),
      table: rt.f64From(table), mu: rt.f64From(bias), bias: rt.f64From(bias), v: rt.f64From(v0),
      cur: rt.f64(n), refr: rt.i32(n), preRowPtr: rt.i32(n + 1), postIdx: rt.i32(omega.values.length),
      weights: rt.f64(omega.values.length), spikes: rt.i32(2 * n), status: rt.i32(1), scratch: rt.i32(n),
      s: rt.f64(n), h: rt.f64(n), r: rt.f64(n), hr: rt.f64(n), fb: rt.f64(n), z: rt.f64(m), e: rt.f64(m),
      encoder: rt.f64From(encoderValues), target: rt.f64From(target.values), none: rt.i32(1),
    };
    rt.core.spiking_presynaptic_csr(n, n, csr.rowPtr.ptr, csr.colIdx.ptr, csr.values.ptr, b.perm.ptr, b.preRowPtr.ptr,
      rt.i32(n).ptr, b.postIdx.ptr, b.weights.ptr, 0);
    return b;
  });
  try {
    const { core } = rt;
    const b = buffers;
    const w = rls.weights;
    const sse = new Float64Array(total);
    const output = new Float64Array(total * recordOutputs);
    const recordedTarget = new Float64Array(total * recordOutputs);
    const trainEnd = steps.warmUp + steps.train;
    const phaseOf = (k: number) => (k < steps.warmUp ? 'warm-up' : k < trainEnd ? 'training' : 'test');
    const spikeCounts = { warmUp: 0, train: 0, test: 0 };
    const kept: { neuron: number[]; step: number[] } = { neuron: [], step: [] };
    const timing = { trainMs: 0, testMs: 0 };
    const rise = 1 - dtMs / S.tauRiseMs;
    const decay = 1 - dtMs / S.tauDecayMs;
    const jump = 1000 / (S.tauRiseMs * S.tauDecayMs);
    const euler = SPIKING_INTEGRATORS.euler;
    const { wallMs } = await drive(where, total, {
      advance: (from, to) => {
        const started = performance.now();
        for (let k = from; k < to; k++) {
          core.spiking_run_f64(n, nLif, b.perm.ptr, b.mu.ptr, b.table.ptr, euler, b.v.ptr, b.cur.ptr, b.refr.ptr, 0,
            b.preRowPtr.ptr, b.postIdx.ptr, b.weights.ptr, 0, 0, b.none.ptr, b.none.ptr, b.none.ptr, 0, 0, k, 1,
            b.spikes.ptr, n, b.status.ptr, b.scratch.ptr);
          const count = b.status.view()[0];
          if (count > 0) {
            spikeCounts[k < steps.warmUp ? 'warmUp' : k < trainEnd ? 'train' : 'test'] += count;
            if (S.keepSpikes) {
              const pairs = b.spikes.view();
              for (let q = 0; q < count; q++) {
                kept.neuron.push(pairs[2 * q]);
                kept.step.push(k);
              }
            }
          }
          core.spiking_filter_f64(n, count, b.spikes.ptr, b.preRowPtr.ptr, b.postIdx.ptr, b.weights.ptr, rise, decay, dtMs, jump,
            b.s.ptr, b.h.ptr, b.r.ptr, b.hr.ptr);
          const row = k % target.nSamples;
          core.gemv_f64(w.ptr, m, n, b.r.ptr, b.z.ptr);
          core.vec_sub_f64(m, b.z.ptr, b.target.ptr + row * m * 8, b.e.ptr); // e = z − f
          sse[k] = core.blas1_dot_f64(b.e.ptr, b.e.ptr, m) / m;
          if (!Number.isFinite(sse[k])) throw new ForceDivergenceError(k * dtMs, k, phaseOf(k), 'the output error z − f is not finite');
          if (k >= steps.warmUp && k < trainEnd && (k - steps.warmUp) % learnEvery === 0) {
            const c = rls.updateRaw(b.r.ptr, b.e.ptr);
            if (!(c > 0 && Number.isFinite(c))) {
              throw new ForceDivergenceError(k * dtMs, k, 'training', `c = 1/(1 + rᵀPr) = ${c}, so P is no longer positive definite`);
            }
          }
          // μ = bias + s + E z for the next step.
          core.gemv_f64(b.encoder.ptr, n, m, b.z.ptr, b.fb.ptr);
          core.vec_copy_f64(n, b.bias.ptr, b.mu.ptr);
          core.blas1_axpy_f64(1, b.s.ptr, b.mu.ptr, n);
          core.blas1_axpy_f64(1, b.fb.ptr, b.mu.ptr, n);
          if (recordOutputs > 0) {
            output.set(b.z.view().subarray(0, recordOutputs), k * recordOutputs);
            recordedTarget.set(target.values.subarray(row * m, row * m + recordOutputs), k * recordOutputs);
          }
        }
        const elapsed = performance.now() - started;
        if (to <= trainEnd) timing.trainMs += elapsed;
        else timing.testMs += elapsed;
      },
      check: (end) => {
        for (const [name, buffer] of [['v', b.v], ['r', b.r], ['s', b.s]] as const) {
          const bad = core.vec_first_beyond_f64(n, buffer.ptr, Infinity);
          if (bad >= 0) {
            throw new BlowUpError('spiking FORCE network', end * dtMs, bad, buffer.view()[bad],
              `${name}[${bad}] = ${buffer.view()[bad]} (lower dtMs, G or Q, or raise alpha)`);
          }
        }
        const bad = rls.firstNonFinite();
        if (bad) throw new ForceDivergenceError(end * dtMs, end, phaseOf(end - 1), `${bad.matrix}[${bad.index}] is not finite`);
      },
    }, {
      chunkSteps: S.chunkSteps, breaks: [trainEnd], onProgress: options.onProgress, signal: options.signal,
      describe: (done) => `t = ${(done * dtMs).toFixed(1)} ms (step ${done})`,
    });
    const { periodSteps } = S;
    const testError = windowError(target, sse, trainEnd, total);
    const verdict = learningVerdict(where, testError);
    const rateOf = (count: number, nSteps: number) => (nSteps > 0 ? (count / n) / (nSteps * dtMs / 1000) : 0);
    const meanRateHz = {
      warmUp: rateOf(spikeCounts.warmUp, steps.warmUp), train: rateOf(spikeCounts.train, steps.train), test: rateOf(spikeCounts.test, steps.test),
    };
    if (spikeCounts.train + spikeCounts.test === 0) {
      verdict.warnings.push(`${where}: the network was silent during training and test (raise the bias or G)`);
    }
    const { neuron, fracQif, p, learnEveryMs, warmUpPeriods, trainPeriods, testPeriods } = S;
    const decoder = w.toArray();
    return {
      params: {
        neuron, fracQif, n, p, G: { lif: gainOf(0, 'G'), qif: gainOf(1, 'G') }, Q: { lif: gainOf(0, 'Q'), qif: gainOf(1, 'Q') }, biasLif: S.biasLif, biasQif: S.biasQif, dtMs,
        tauRiseMs: S.tauRiseMs, tauDecayMs: S.tauDecayMs, tauMs: S.tauMs, refractoryMs: S.refractoryMs, thetaPeak: S.thetaPeak,
        alpha: S.alpha, learnEveryMs, warmUpPeriods, trainPeriods, testPeriods,
        target: { kind: target.kind, ...target.params }, seed,
      },
      types,
      trainError: windowError(target, sse, trainEnd - periodSteps, trainEnd),
      testError,
      testErrorFirstPeriod: windowError(target, sse, trainEnd, trainEnd + periodSteps),
      ...verdict,
      updates: rls.updates,
      meanRateHz,
      weights: { decoder, encoder: encoderValues, omega },
      connectivity: S.keepConnectivity ? trainedConnectivity(omega, encoderValues, decoder, m) : null,
      bulkRadius: Math.sqrt(types.reduce((sum, t) => sum + gainOf(t, 'G') ** 2, 0) / n / p),
      traces: {
        dt: dtMs, warmUpSteps: steps.warmUp, trainSteps: steps.train, testSteps: steps.test, nRecorded: recordOutputs,
        output, target: recordedTarget, meanSquaredError: sse,
      },
      spikes: S.keepSpikes ? { neuron: Int32Array.from(kept.neuron), step: Int32Array.from(kept.step) } : null,
      timing: { ...timing, msPerSimulatedSecond: wallMs / ((total * dtMs) / 1000) },
    };
  } finally {
    disposeAll(Object.values(buffers));
  }
}
