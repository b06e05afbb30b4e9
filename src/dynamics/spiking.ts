/**
 * SpikingNetwork: a recurrent network of mixed LIF/QIF/Poisson-GLM neurons with exponential current synapses
 * (model, defaults and integrators in spiking-params.ts and assembly/kernels/spiking.ts), in
 * NEST's split: Params (validated user input) → Derived (the per-type table for dt) → State
 * (v, I, refractory counters) and Buffers (synapses, delay ring, spike buffer) in WASM memory.
 *
 * A run advances through the shared driver in chunks; each chunk is one or a few calls of the
 * multi-step kernel, which returns early when its bounded spike buffer is nearly full. Monitors:
 * spikes (kept in memory and/or handed to `onSpikes` chunk by chunk, e.g. to stream a CSV file),
 * v and I of chosen neurons, and the population rate. A runaway rate stops the run with a
 * BlowUpError saying when and where.
 */
import type { AnyCsrMatrix, Network } from '../connectivity/network.js';
import { csrArraysOfDense, CsrMatrix } from '../linalg/csr.js';
import { DenseMatrix } from '../linalg/dense.js';
import { CsrMatrixF32, DenseMatrixF32 } from '../linalg/f32.js';
import { deriveSeed, type Seed } from '../random/seed.js';
import type { Runtime } from '../runtime.js';
import { SPIKING_INTEGRATORS } from '../wasm/abi.js';
import { disposeAll, type F64Buffer, type I32Buffer } from '../wasm/arena.js';
import {
  isNumberArrayLike, requireFinite, requireFiniteArray, requireInt, requireIntArray, requireOneOf, requirePositive,
} from '../validate.js';
import { BlowUpError, drive } from './driver.js';
import {
  NEURON_KINDS, type NeuronTypeParams, requireGlmStep, type ResolvedTypeParams, resolveTypeParams, SPIKING_INTEGRATOR_NAMES, type SpikingIntegrator,
  spikingTable, toInternal, toUser, type TypeLayout, typeLayout,
} from './spiking-params.js';

export const WEIGHT_PRECISIONS = ['f64', 'f32'] as const;
export type WeightPrecision = (typeof WEIGHT_PRECISIONS)[number];

export interface SpikingNetworkParams {
  /**
   * Weights w_ij, row i = postsynaptic: a CSR or dense matrix with f64 or f32 values, or a Network
   * holding one. f32 values are read as stored (no f64 copy of the weights is made).
   */
  weights: CsrMatrix | DenseMatrix | CsrMatrixF32 | DenseMatrixF32 | Network;
  /** Per-neuron type, 0 = LIF, 1 = QIF and 2 = GLM; otherwise `fracQif` of them are QIF (the rest LIF), placed by a seeded permutation. */
  types?: ArrayLike<number>;
  /** Fraction of QIF neurons when `types` is not given (default 0.5). */
  fracQif?: number;
  lif?: NeuronTypeParams;
  qif?: NeuronTypeParams;
  /** Poisson-GLM neurons (type 2): ν(v) = ν_max Φ((v − θ)/σ_ν); see spiking-params.ts. */
  glm?: NeuronTypeParams;
  /** Constant drive μ per neuron (mV), instead of the types' muMv. */
  mu?: ArrayLike<number>;
  /** Step (ms, default 0.1). */
  dtMs?: number;
  /** 'euler' (default; Brian2 `method='euler'`, spike for spike) or 'exact'. */
  integrator?: SpikingIntegrator;
  /** Synaptic delay (ms, a whole number of steps; default 0: within the step, as Brian2 without delays). */
  delayMs?: number;
  /**
   * Storage of the simulator's (presynaptic) weights: 'f32' halves their memory and traffic for
   * large networks (each weight widened to f64 before it is added to I). Default: the matrix's
   * own dtype (f32 for an f32 network, else f64).
   */
  weightPrecision?: WeightPrecision;
  /** v(0) per neuron (mV); default v_i(0) ~ U(0, 20) from the seed. I(0) = 0. */
  v0?: ArrayLike<number>;
  /** Seeds the type permutation, v(0) and the noise/Poisson drive (default 0). */
  seed?: Seed;
}

export interface SpikingRunOptions {
  /** Duration (ms) to advance; a network continues from where its last run stopped. */
  tMs: number;
  /** Keep every spike in the result (default true). */
  keepSpikes?: boolean;
  /** Receives the spikes chunk by chunk: neurons and their steps (views, valid during the call). */
  onSpikes?: (neurons: Int32Array, steps: Int32Array) => void;
  /** State monitor: v and I of these neurons every `every` steps (default 1), at t = step·dt before the step. */
  record?: { neurons: ArrayLike<number>; every?: number };
  /** Bin width (ms) of the population rate (default 1). */
  rateBinMs?: number;
  /** The run stops with a BlowUpError when the mean rate over a chunk exceeds this (Hz, default 1000). */
  maxRateHz?: number;
  /** Steps per chunk between checks, progress reports and yields (default 1000 = 100 ms at dt = 0.1). */
  chunkSteps?: number;
  onProgress?: (stepsDone: number, stepsTotal: number) => void;
  signal?: AbortSignal;
}

/** Spikes as two parallel arrays (neuron, step), ordered by step and, within a step, by neuron; t = step·dt. */
export interface SpikeTrains {
  n: number;
  dtMs: number;
  /** The steps [fromStep, toStep) the trains cover. */
  fromStep: number;
  toStep: number;
  neuron: Int32Array;
  step: Int32Array;
}

export interface StateRecording {
  neurons: Int32Array;
  /** Sample k is at t = timesMs[k]; v and I are samples × neurons, row-major. */
  timesMs: Float64Array;
  v: Float64Array;
  I: Float64Array;
  nSamples: number;
}

export interface SpikingRun {
  spikes: SpikeTrains | null;
  nSpikes: number;
  /** Population rate (Hz) per bin of binMs, from startMs. */
  populationRate: { binMs: number; startMs: number; rateHz: Float64Array };
  state: StateRecording | null;
  timing: { simMs: number; wallMs: number; msPerSimulatedSecond: number };
}

/** State and Buffers in WASM memory (internal order: LIF block, QIF block, GLM block). */
interface SpikingBuffers {
  perm: I32Buffer; mu: F64Buffer; table: F64Buffer; v: F64Buffer; cur: F64Buffer; refr: I32Buffer;
  preRowPtr: I32Buffer; postIdx: I32Buffer; weights: F64Buffer | I32Buffer; ring: I32Buffer; ringCounts: I32Buffer;
  spikes: I32Buffer; status: I32Buffer; scratch: I32Buffer;
}

const DEFAULT_FRAC_QIF = 0.5;
/** Largest step index the kernels' i32 step counter takes. */
const MAX_STEP = 2 ** 31 - 1;

/** Sub-seeds of one network, in one place: deriveSeed(seed, 'spiking', part). */
const SEED_PARTS = { types: 'types', v0: 'v0', drive: 'drive' } as const;

/** A network of LIF and QIF neurons with exponential synapses, stepped in WASM (Euler or exact propagators). */
export class SpikingNetwork implements Disposable {
  readonly n: number;
  readonly nnz: number;
  readonly dtMs: number;
  readonly integrator: SpikingIntegrator;
  readonly delaySteps: number;
  readonly weightPrecision: WeightPrecision;
  readonly seed: Seed;
  /** Per-neuron type (0 = LIF, 1 = QIF, 2 = GLM), the user's order. */
  readonly types: Int32Array;
  readonly typeParams: Readonly<{ lif: ResolvedTypeParams; qif: ResolvedTypeParams; glm: ResolvedTypeParams }>;
  /** Derived: the kernels' per-type table for dtMs. */
  readonly table: Float64Array;
  readonly #rt: Runtime;
  readonly #layout: TypeLayout;
  readonly #buffers: SpikingBuffers;
  readonly #drive: ReturnType<Runtime['rng']>;
  readonly #spikeCapacity: number;
  #step = 0;

  constructor(rt: Runtime, params: SpikingNetworkParams) {
    const where = 'SpikingNetwork';
    if (params === null || typeof params !== 'object') throw new TypeError(`${where}: params must be an object`);
    const { matrix, temporary } = weightMatrix(rt, where, params.weights);
    const n = matrix.nRows;
    this.n = n;
    this.dtMs = requirePositive(where, 'dtMs', params.dtMs ?? 0.1);
    this.integrator = requireOneOf(where, 'integrator', params.integrator ?? 'euler', SPIKING_INTEGRATOR_NAMES);
    this.weightPrecision = requireOneOf(where, 'weightPrecision', params.weightPrecision ?? matrix.dtype, WEIGHT_PRECISIONS);
    this.seed = params.seed ?? 0;
    const delayMs = requireFinite(where, 'delayMs', params.delayMs ?? 0, 0);
    this.delaySteps = Math.round(delayMs / this.dtMs);
    if (Math.abs(this.delaySteps * this.dtMs - delayMs) > 1e-9 * Math.max(1, delayMs)) {
      throw new RangeError(`${where}: delayMs must be a whole number of steps dtMs = ${this.dtMs} (got ${delayMs})`);
    }
    this.typeParams = {
      lif: resolveTypeParams(where, 'lif', params.lif), qif: resolveTypeParams(where, 'qif', params.qif),
      glm: resolveTypeParams(where, 'glm', params.glm),
    };
    this.table = spikingTable(where, this.typeParams, this.dtMs);
    this.types = neuronTypes(rt, where, params, n, this.seed);
    requireGlmStep(where, this.typeParams.glm, this.dtMs, this.types.includes(2));
    const mu = params.mu === undefined
      ? Float64Array.from(this.types, (t) => this.typeParams[NEURON_KINDS[t]].muMv)
      : perNeuron(where, 'mu', params.mu, n);
    const v0 = params.v0 === undefined
      ? rt.scope(() => rt.rng(deriveSeed(this.seed, 'spiking', SEED_PARTS.v0)).uniform(n).toArray().map((u) => 20 * u))
      : perNeuron(where, 'v0', params.v0, n);
    this.#rt = rt;
    this.#layout = typeLayout(this.types);
    this.nnz = matrix.nnz;
    this.#spikeCapacity = n + Math.max(65_536, 4 * n);
    const f32 = this.weightPrecision === 'f32';
    this.#buffers = rt.scope(() => {
      const internal = rt.i32From(this.#layout.internal);
      const b = {
        perm: rt.i32From(this.#layout.perm),
        mu: rt.f64From(toInternal(mu, this.#layout)),
        table: rt.f64From(this.table),
        v: rt.f64From(toInternal(v0, this.#layout)),
        cur: rt.f64(n),
        refr: rt.i32(n),
        preRowPtr: rt.i32(n + 1),
        postIdx: rt.i32(matrix.nnz),
        // f32 weights live in a 4-byte block (an I32Buffer used as raw storage).
        weights: f32 ? rt.i32(matrix.nnz) : rt.f64(matrix.nnz),
        ring: rt.i32(Math.max(1, this.delaySteps * n)),
        ringCounts: rt.i32(Math.max(1, this.delaySteps)),
        spikes: rt.i32(2 * this.#spikeCapacity),
        status: rt.i32(1),
        scratch: rt.i32(n),
      };
      rt.core.spiking_presynaptic_csr(
        n, n, matrix.rowPtr.ptr, matrix.colIdx.ptr, matrix.values.ptr, internal.ptr, b.preRowPtr.ptr, rt.i32(n).ptr,
        b.postIdx.ptr, b.weights.ptr, f32 ? 1 : 0, matrix.dtype === 'f32' ? 1 : 0,
      );
      return b;
    });
    if (temporary) matrix.dispose();
    this.#drive = rt.rng(deriveSeed(this.seed, 'spiking', SEED_PARTS.drive));
  }

  /** Steps done so far (the next spike is recorded at this step). */
  get stepsDone(): number {
    return this.#step;
  }

  get timeMs(): number {
    return this.#step * this.dtMs;
  }

  /** Copies of v and I (the user's order). */
  state(): { v: Float64Array; I: Float64Array } {
    const b = this.#live('SpikingNetwork.state');
    return { v: toUser(b.v.toArray(), this.#layout), I: toUser(b.cur.toArray(), this.#layout) };
  }

  /** Sets v and/or I (finite, one per neuron). */
  setState(state: { v?: ArrayLike<number>; I?: ArrayLike<number> }): void {
    const where = 'SpikingNetwork.setState';
    const b = this.#live(where);
    if (state.v !== undefined) b.v.set(toInternal(perNeuron(where, 'v', state.v, this.n), this.#layout));
    if (state.I !== undefined) b.cur.set(toInternal(perNeuron(where, 'I', state.I, this.n), this.#layout));
  }

  /**
   * Advances the network by options.tMs, recording what the options ask for. Throws a
   * BlowUpError when the mean rate over a chunk exceeds maxRateHz or the state is not finite,
   * and an AbortError when the signal aborts.
   */
  async run(options: SpikingRunOptions): Promise<SpikingRun> {
    const where = 'SpikingNetwork.run';
    const b = this.#live(where);
    if (options === null || typeof options !== 'object') throw new TypeError(`${where}: options must be an object`);
    const tMs = requirePositive(where, 'tMs', options.tMs);
    const totalSteps = Math.round(tMs / this.dtMs);
    if (totalSteps < 1) throw new RangeError(`${where}: tMs = ${tMs} is shorter than one step dtMs = ${this.dtMs}`);
    if (this.#step + totalSteps > MAX_STEP) {
      throw new RangeError(`${where}: the network would pass ${MAX_STEP} steps in total (run shorter, or raise dtMs)`);
    }
    const keepSpikes = options.keepSpikes ?? true;
    if (options.onSpikes !== undefined && typeof options.onSpikes !== 'function') throw new TypeError(`${where}: onSpikes must be a function`);
    const rateBinSteps = Math.round(requirePositive(where, 'rateBinMs', options.rateBinMs ?? 1) / this.dtMs);
    if (rateBinSteps < 1) throw new RangeError(`${where}: rateBinMs must be at least one step dtMs = ${this.dtMs}`);
    const maxRateHz = requirePositive(where, 'maxRateHz', options.maxRateHz ?? 1000);
    const chunkSteps = requireInt(where, 'chunkSteps', options.chunkSteps ?? 1000, 1);
    const recorder = stateRecorder(this.#rt, where, options.record, this.n, this.#layout, Math.min(chunkSteps, totalSteps), totalSteps);
    const startStep = this.#step;
    const binCounts = new Float64Array(Math.ceil(totalSteps / rateBinSteps));
    const kept = { neuron: [] as Int32Array[], step: [] as Int32Array[] };
    let nSpikes = 0;
    let chunkSpikes = 0;
    let lastPairs = new Int32Array(0);
    let lastCheck = 0;
    const { core } = this.#rt;
    const f32 = this.weightPrecision === 'f32' ? 1 : 0;
    const integrator = SPIKING_INTEGRATORS[this.integrator];
    const flush = (count: number) => {
      if (count === 0) return;
      const pairs = b.spikes.view().subarray(0, 2 * count);
      const neuron = new Int32Array(count);
      const step = new Int32Array(count);
      for (let k = 0; k < count; k++) {
        neuron[k] = pairs[2 * k];
        step[k] = pairs[2 * k + 1];
        binCounts[Math.floor((step[k] - startStep) / rateBinSteps)]++;
      }
      options.onSpikes?.(neuron, step);
      if (keepSpikes) {
        kept.neuron.push(neuron);
        kept.step.push(step);
      }
      lastPairs = neuron;
      nSpikes += count;
      chunkSpikes += count;
    };
    const system = {
      advance: (from: number, to: number) => {
        let s = from;
        while (s < to) {
          const done = core.spiking_run_f64(
            this.n, this.#layout.nLif, this.#layout.glmFrom, b.perm.ptr, b.mu.ptr, b.table.ptr, integrator, b.v.ptr, b.cur.ptr, b.refr.ptr,
            this.#drive.statePtr, b.preRowPtr.ptr, b.postIdx.ptr, b.weights.ptr, f32, this.delaySteps, b.ring.ptr,
            b.ringCounts.ptr, recorder.idxPtr, recorder.nRec, recorder.bufferPtr + 16 * recorder.nRec * (s - from),
            startStep + s, to - s, b.spikes.ptr, this.#spikeCapacity, b.status.ptr, b.scratch.ptr,
          );
          flush(b.status.view()[0]);
          s += done;
        }
        recorder.take(startStep, from, to, this.dtMs);
        this.#step = startStep + to;
      },
      check: (stepsDone: number) => {
        const chunkMs = (stepsDone - lastCheck) * this.dtMs;
        const rateHz = (chunkSpikes / this.n / chunkMs) * 1000;
        chunkSpikes = 0;
        lastCheck = stepsDone;
        if (rateHz > maxRateHz) {
          const busiest = mostFrequent(lastPairs);
          throw new BlowUpError('spiking network', this.timeMs, busiest, rateHz,
            `mean rate ${rateHz.toFixed(0)} Hz over the last ${chunkMs} ms exceeds maxRateHz = ${maxRateHz} ` +
            `(runaway excitation, e.g. neuron ${busiest}: lower the coupling or the drive, or raise maxRateHz)`);
        }
        for (const [name, buffer] of [['v', b.v], ['I', b.cur]] as const) {
          const bad = core.vec_first_beyond_f64(this.n, buffer.ptr, Infinity);
          if (bad >= 0) {
            const user = this.#layout.perm[bad];
            const value = buffer.view()[bad];
            throw new BlowUpError('spiking network', this.timeMs, user, value, `${name}[${user}] = ${value} (lower dtMs or the coupling)`);
          }
        }
      },
    };
    let wallMs: number;
    try {
      ({ wallMs } = await drive(where, totalSteps, system, {
        chunkSteps, onProgress: options.onProgress, signal: options.signal, describe: (done) => `t = ${((startStep + done) * this.dtMs).toFixed(1)} ms`,
      }));
    } finally {
      recorder.dispose();
    }
    const binMs = rateBinSteps * this.dtMs;
    return {
      spikes: keepSpikes
        ? { n: this.n, dtMs: this.dtMs, fromStep: startStep, toStep: startStep + totalSteps, neuron: concat(kept.neuron), step: concat(kept.step) }
        : null,
      nSpikes,
      populationRate: {
        binMs, startMs: startStep * this.dtMs,
        rateHz: binCounts.map((c, k) => (c / this.n) * (1000 / (Math.min(rateBinSteps, totalSteps - k * rateBinSteps) * this.dtMs))),
      },
      state: recorder.result(),
      timing: { simMs: totalSteps * this.dtMs, wallMs, msPerSimulatedSecond: wallMs / ((totalSteps * this.dtMs) / 1000) },
    };
  }

  get disposed(): boolean {
    return this.#buffers.v.disposed;
  }

  dispose(): void {
    disposeAll(Object.values(this.#buffers));
    this.#drive.dispose();
  }

  [Symbol.dispose](): void {
    this.dispose();
  }

  #live(where: string): SpikingBuffers {
    if (this.disposed) throw new Error(`${where}: SpikingNetwork used after dispose()`);
    return this.#buffers;
  }
}

/**
 * The CSR matrix behind `weights` (f64 or f32 values; a dense matrix is converted to a temporary
 * CSR of its own dtype); square, of this runtime.
 */
function weightMatrix(rt: Runtime, where: string, weights: unknown): { matrix: AnyCsrMatrix; temporary: boolean } {
  const isMatrix = (m: unknown): m is CsrMatrix | DenseMatrix | CsrMatrixF32 | DenseMatrixF32 =>
    m instanceof CsrMatrix || m instanceof DenseMatrix || m instanceof CsrMatrixF32 || m instanceof DenseMatrixF32;
  const m = isMatrix(weights) ? weights : (weights as Network | undefined)?.matrix;
  if (!isMatrix(m)) {
    throw new TypeError(`${where}: weights must be a CsrMatrix, a DenseMatrix or a Network with a materialised matrix (f64 or f32 values)`);
  }
  (m instanceof CsrMatrix || m instanceof CsrMatrixF32 ? m.values : m.data).requireOwner(rt.arena, where, 'weights');
  if (m.nRows !== m.nCols) throw new RangeError(`${where}: weights must be square (got ${m.nRows}×${m.nCols})`);
  if (m instanceof CsrMatrix || m instanceof CsrMatrixF32) return { matrix: m, temporary: false };
  const arrays = csrArraysOfDense(m.nRows, m.nCols, m.data.view());
  return { matrix: m instanceof DenseMatrixF32 ? rt.csrF32(arrays) : rt.csr(arrays), temporary: true };
}

/** Per-neuron types: given (0/1/2 each), or round(fracQif·n) QIF neurons at seeded random positions (the rest LIF). */
function neuronTypes(rt: Runtime, where: string, params: SpikingNetworkParams, n: number, seed: Seed): Int32Array {
  if (params.types !== undefined) {
    if (params.fracQif !== undefined) throw new RangeError(`${where}: give types or fracQif, not both`);
    if (!isNumberArrayLike(params.types) || params.types.length !== n) {
      throw new RangeError(`${where}: types must hold one 0 (LIF), 1 (QIF) or 2 (GLM) per neuron (n = ${n})`);
    }
    return Int32Array.from(requireIntArray(where, 'types', params.types, 0, 2));
  }
  const frac = requireFinite(where, 'fracQif', params.fracQif ?? DEFAULT_FRAC_QIF, 0, 1);
  const keys = rt.scope(() => rt.rng(deriveSeed(seed, 'spiking', SEED_PARTS.types)).uniform(n).toArray());
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => keys[a] - keys[b] || a - b);
  const types = new Int32Array(n);
  for (const i of order.slice(0, Math.round(frac * n))) types[i] = 1;
  return types;
}

function perNeuron(where: string, name: string, values: unknown, n: number): Float64Array {
  requireFiniteArray(where, name, values);
  const array = values as ArrayLike<number>;
  if (array.length !== n) throw new RangeError(`${where}: ${name} must have one value per neuron (n = ${n}, got ${array.length})`);
  return Float64Array.from(array);
}

function concat(parts: Int32Array[]): Int32Array {
  const out = new Int32Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The most frequent value of a non-empty list (the busiest neuron of the last spike batch); −1 if empty. */
function mostFrequent(values: Int32Array): number {
  const counts = new Map<number, number>();
  let best = -1;
  let bestCount = 0;
  for (const v of values) {
    const c = (counts.get(v) ?? 0) + 1;
    counts.set(v, c);
    if (c > bestCount) {
      best = v;
      bestCount = c;
    }
  }
  return best;
}

/** The state monitor: a WASM buffer the kernel writes (v, I) into for every step of a chunk, subsampled here. */
function stateRecorder(rt: Runtime, where: string, spec: SpikingRunOptions['record'], n: number, layout: TypeLayout,
                       chunkSteps: number, totalSteps: number) {
  if (spec === undefined) {
    return { idxPtr: 0, nRec: 0, bufferPtr: 0, take: () => {}, result: () => null, dispose: () => {} };
  }
  if (spec === null || typeof spec !== 'object') throw new TypeError(`${where}: record must be {neurons, every?}`);
  const neurons = Int32Array.from(requireIntArray(where, 'record.neurons', spec.neurons, 0, n - 1));
  if (neurons.length === 0) throw new RangeError(`${where}: record.neurons must list at least one neuron`);
  const every = requireInt(where, 'record.every', spec.every ?? 1, 1);
  const nRec = neurons.length;
  const nSamples = Math.ceil(totalSteps / every);
  const v = new Float64Array(nSamples * nRec);
  const I = new Float64Array(nSamples * nRec);
  const timesMs = new Float64Array(nSamples);
  const idx = rt.i32From(neurons.map((i) => layout.internal[i]));
  const buffer = rt.f64(2 * chunkSteps * nRec);
  return {
    idxPtr: idx.ptr,
    nRec,
    bufferPtr: buffer.ptr,
    /** Copies the samples of run steps [from, to) (every `every`-th from the run's start). */
    take(startStep: number, from: number, to: number, dtMs: number) {
      const rec = buffer.view();
      for (let s = Math.ceil(from / every) * every; s < to; s += every) {
        const sample = s / every;
        timesMs[sample] = (startStep + s) * dtMs;
        for (let r = 0; r < nRec; r++) {
          v[sample * nRec + r] = rec[2 * ((s - from) * nRec + r)];
          I[sample * nRec + r] = rec[2 * ((s - from) * nRec + r) + 1];
        }
      }
    },
    result: (): StateRecording => ({ neurons, timesMs, v, I, nSamples }),
    dispose: () => disposeAll([idx, buffer]),
  };
}
