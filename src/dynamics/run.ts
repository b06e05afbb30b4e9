/**
 * Runs of any length with bounded WASM memory: steps are taken in chunks, between which the
 * driver samples the state, checks for blow-up, reports progress and honours cancellation.
 * A recording is plain data: typed arrays plus the parameters and seed that made it.
 */
import { deriveSeed, type Seed } from '../random/seed.js';
import type { Runtime } from '../runtime.js';
import { disposeAll, F64Buffer } from '../wasm/arena.js';
import { requireFiniteArray, requireInt, requireOneOf, requireOptions, requirePositive } from '../validate.js';
import { BlowUpError, drive, type TimeGrid, timeGrid } from './driver.js';
import {
  DEFAULT_STATE_LIMIT, INTEGRATORS, type Integrator, LockstepStepper, RateNetwork, type RateNetworkParams, requireStableStep,
} from './rate.js';

export const RECORDED_VARIABLES = ['x', 'phi'] as const;
export type RecordedVariable = (typeof RECORDED_VARIABLES)[number];

export interface RecordSpec {
  /** 'all', the first k units, or a list of unit indices (default: the first min(n, 100)). */
  units?: 'all' | number | ArrayLike<number>;
  /** Sample every k steps (default 1). */
  every?: number;
  /** 'x' (default) or 'phi' = φ(x). */
  variable?: RecordedVariable;
}

export interface RunOptions {
  /** Total duration, transient included (units of τ). */
  t: number;
  /** Step size, default 0.05 τ. */
  dt?: number;
  integrator?: Integrator;
  /** Initial period that is integrated but not recorded or averaged (default 0). */
  transient?: number;
  /** Seeds the initial state (x_i ~ N(0, 1)) and the noise; default 0. */
  seed?: Seed;
  /** Initial state instead of the random one. */
  x0?: ArrayLike<number>;
  /** What to record after the transient; false records nothing (summary statistics only). */
  record?: RecordSpec | false;
  /** Steps per chunk between progress reports and checks (default 256). */
  chunkSteps?: number;
  /** The run stops with a BlowUpError once some |x_i| reaches this (default 1e6). */
  stateLimit?: number;
  onProgress?: (stepsDone: number, stepsTotal: number) => void;
  signal?: AbortSignal;
}

/** Samples (rows) × units (columns), row-major. */
export interface SampleMatrix {
  values: Float64Array;
  nSamples: number;
  nUnits: number;
}

export interface RateRecording extends SampleMatrix {
  variable: RecordedVariable;
  units: Int32Array;
  /** Time between samples (dt·every) and of each sample. */
  sampleDt: number;
  times: Float64Array;
  /** Mean of the recorded variable over all n units, per sample. */
  populationMean: Float64Array;
}

export interface RateRunSummary {
  /** q = ⟨x_i²⟩ over units and samples after the transient (DMFT's Δ(0)). */
  q: number;
  /** ⟨φ(x_i)⟩ over units and samples after the transient. */
  meanActivity: number;
  steps: number;
  samples: number;
  wallMs: number;
}

export interface RateRun {
  recording: RateRecording | null;
  summary: RateRunSummary;
  /** The run's parameters (connectivity described by its size) and seed. */
  params: {
    n: number; phi: string; tau: number; noise: number; t: number; dt: number; integrator: Integrator;
    transient: number; seed: Seed; every: number;
  };
}

/** A run that recorded (any `record` but false): its recording is there. */
export interface RecordedRateRun extends RateRun {
  recording: RateRecording;
}

/** A run with `record: false`: summary statistics only. */
export interface UnrecordedRateRun extends RateRun {
  recording: null;
}

/** Run options that record (the default): `record` absent or a RecordSpec. */
export type RecordingRunOptions = RunOptions & { record?: RecordSpec | undefined };

/**
 * Builds a network, runs it (see runNetwork) and disposes it; the result's `recording` is typed
 * non-null unless `record: false`.
 *
 * @example
 * const run = await simulateRate(rt, { connectivity: J }, { t: 250, transient: 50, seed: 1 });
 * participationRatio(rt, run.recording).pr;
 */
export async function simulateRate(rt: Runtime, params: RateNetworkParams, options: RunOptions & { record: false }): Promise<UnrecordedRateRun>;
export async function simulateRate(rt: Runtime, params: RateNetworkParams, options: RecordingRunOptions): Promise<RecordedRateRun>;
export async function simulateRate(rt: Runtime, params: RateNetworkParams, options: RunOptions): Promise<RateRun>;
export async function simulateRate(rt: Runtime, params: RateNetworkParams, options: RunOptions): Promise<RateRun> {
  using network = new RateNetwork(rt, params);
  return await runNetwork(rt, network, options); // await: `using` must outlive the run
}

function unitList(where: string, spec: RecordSpec['units'], n: number): Int32Array {
  if (spec === undefined) return Int32Array.from({ length: Math.min(n, 100) }, (_, i) => i);
  if (spec === 'all') return Int32Array.from({ length: n }, (_, i) => i);
  if (typeof spec === 'number') return Int32Array.from({ length: requireInt(where, 'record.units', spec, 1, n) }, (_, i) => i);
  const units = Int32Array.from(spec);
  for (let i = 0; i < units.length; i++) {
    if (!Number.isInteger(spec[i]) || spec[i] < 0 || spec[i] >= n) {
      throw new RangeError(`${where}: record.units[${i}] must be an integer in [0, ${n - 1}] (got ${spec[i]})`);
    }
  }
  return units;
}

/** The settings every rate run shares (plain runs and Lyapunov exponents), validated once. */
export interface RateRunSettings extends TimeGrid {
  integrator: Integrator;
  seed: Seed;
  stateLimit: number;
  chunkSteps: number;
}

/**
 * Validates the options common to every rate run (t, dt, transient, integrator, stateLimit,
 * chunkSteps) and sets the network's initial state (x0, or x_i ~ N(0, 1) from the seed) and its
 * noise stream.
 */
export function prepareRateRun(
  where: string, network: RateNetwork,
  options: Pick<RunOptions, 't' | 'dt' | 'transient' | 'integrator' | 'seed' | 'x0' | 'stateLimit' | 'chunkSteps'>,
): RateRunSettings {
  const grid = timeGrid(where, { t: options.t, dt: options.dt ?? 0.05 * network.tau, transient: options.transient });
  const integrator = requireOneOf(where, 'integrator', options.integrator ?? 'rk4', INTEGRATORS);
  requireStableStep(where, grid.dt, network.tau);
  const stateLimit = requirePositive(where, 'stateLimit', options.stateLimit ?? DEFAULT_STATE_LIMIT);
  const chunkSteps = requireInt(where, 'chunkSteps', options.chunkSteps ?? 256, 1);
  const seed = options.seed ?? 0;
  if (options.x0 !== undefined) {
    requireFiniteArray(where, 'x0', options.x0);
    if (options.x0.length !== network.n) throw new RangeError(`${where}: x0 has length ${options.x0.length}, expected n = ${network.n}`);
    network.setState(options.x0);
  } else {
    network.randomizeState(deriveSeed(seed, 'x0'));
  }
  if (network.noise > 0) network.seedNoise(deriveSeed(seed, 'noise'));
  return { ...grid, integrator, seed, stateLimit, chunkSteps };
}

/** Checks that values holds nSamples × nUnits finite numbers (nSamples ≥ 2, nUnits ≥ 1). */
export function requireSampleMatrix(where: string, m: SampleMatrix): void {
  requireInt(where, 'nSamples', m.nSamples, 2);
  requireInt(where, 'nUnits', m.nUnits, 1);
  if (!(m.values instanceof Float64Array) || m.values.length !== m.nSamples * m.nUnits) {
    throw new RangeError(`${where}: values must be a Float64Array of nSamples·nUnits = ${m.nSamples * m.nUnits} entries`);
  }
  requireFiniteArray(where, 'values', m.values);
}

/** Keys of RunOptions: any other key is a typo that would otherwise be ignored silently. */
const RUN_OPTION_KEYS = ['t', 'dt', 'integrator', 'transient', 'seed', 'x0', 'record', 'chunkSteps', 'stateLimit', 'onProgress', 'signal'];

/**
 * Integrates `network` from its initial state for options.t, sampling every `record.every` steps
 * after the transient. Throws BlowUpError (when and where) if some |x_i| reaches options.stateLimit
 * or becomes non-finite, and an AbortError if options.signal aborts.
 */
export async function runNetwork(rt: Runtime, network: RateNetwork, options: RunOptions & { record: false }): Promise<UnrecordedRateRun>;
export async function runNetwork(rt: Runtime, network: RateNetwork, options: RecordingRunOptions): Promise<RecordedRateRun>;
export async function runNetwork(rt: Runtime, network: RateNetwork, options: RunOptions): Promise<RateRun>;
export async function runNetwork(rt: Runtime, network: RateNetwork, options: RunOptions): Promise<RateRun> {
  const where = 'simulateRate';
  requireOptions(where, options, RUN_OPTION_KEYS);
  const [run] = await runTogether(rt, where, [network], [options], (dt, integrator) => network.stepUnchecked(dt, integrator));
  return run;
}

export interface EnsembleOptions extends RunOptions {
  /** Number of trajectories m ≥ 1; trajectory a runs with seed deriveSeed(seed, 'trajectory', a). */
  trajectories: number;
}

export interface RateEnsemble {
  /** One run per trajectory; runs[a].params.seed is its sub-seed. */
  runs: RateRun[];
  /** Wall time of the whole ensemble (each run's summary.wallMs is this, as they ran together). */
  wallMs: number;
}

/**
 * m trajectories of one network (same connectivity, φ, τ, bias, input and noise amplitude) from
 * m sub-seeds (initial states and noise streams), integrated together: at each RK4 stage the m
 * recurrent inputs come from one pass over J (a dense J's gemm_rows), which at N = 1000 costs far
 * less than m separate products. Trajectory a equals, bit for bit, `simulateRate` with
 * options.seed = deriveSeed(seed, 'trajectory', a) (x0, when given, is shared by all trajectories,
 * so that only their noise differs). Seed sweeps and the cross-block estimators use it.
 */
export async function simulateRateEnsemble(rt: Runtime, params: RateNetworkParams, options: EnsembleOptions): Promise<RateEnsemble> {
  const where = 'simulateRateEnsemble';
  requireOptions(where, options, [...RUN_OPTION_KEYS, 'trajectories']);
  const m = requireInt(where, 'trajectories', options.trajectories, 1);
  const { trajectories: _, ...single } = options;
  const seed = options.seed ?? 0;
  const perTrajectory = Array.from({ length: m }, (_, a) => ({ ...single, seed: deriveSeed(seed, 'trajectory', a) }));
  const networks: RateNetwork[] = [];
  try {
    for (let a = 0; a < m; a++) networks.push(new RateNetwork(rt, params));
    using stepper = new LockstepStepper(rt, networks);
    const runs = await runTogether(rt, where, networks, perTrajectory, (dt, integrator) => stepper.step(dt, integrator));
    return { runs, wallMs: runs[0].summary.wallMs };
  } finally {
    disposeAll(networks);
  }
}

/**
 * Runs networks that advance together (`step` advances all of them by one dt), each with its own
 * options (the same time grid; seeds may differ): validates, sets the initial states, samples
 * each network every record.every steps after the transient and summarises it.
 */
async function runTogether(
  rt: Runtime, where: string, networks: readonly RateNetwork[], options: readonly RunOptions[],
  step: (dt: number, integrator: Integrator) => void,
): Promise<RateRun[]> {
  const first = options[0];
  if (first.record) requireOptions(`${where}: record`, first.record, ['units', 'every', 'variable']);
  const n = networks[0].n;
  const settings = networks.map((network, a) => prepareRateRun(where, network, options[a]));
  const { t, dt, transient, integrator, totalSteps, transientSteps } = settings[0];
  const record = first.record === false ? null : (first.record ?? {});
  const every = requireInt(where, 'record.every', record?.every ?? 1, 1);
  const variable = requireOneOf(where, 'record.variable', record?.variable ?? 'x', RECORDED_VARIABLES);
  const units = record ? unitList(where, record.units, n) : new Int32Array(0);
  const nSamples = Math.floor((totalSteps - transientSteps) / every);
  if (nSamples < 1) throw new RangeError(`${where}: no samples after the transient (t − transient < dt·every)`);

  using phiX = new F64Buffer(rt.arena, n, where);
  using ones = new F64Buffer(rt.arena, n, where).fill(1);
  const recorders = networks.map((network) => trajectoryRecorder(rt, network, record !== null, variable, units, nSamples, phiX, ones));
  let sample = 0;
  const { wallMs } = await drive(where, totalSteps, {
    advance: (from, to) => {
      for (let done = from; done < to; done++) {
        step(dt, integrator);
        const afterTransient = done + 1 - transientSteps;
        if (afterTransient > 0 && afterTransient % every === 0 && sample < nSamples) {
          for (const recorder of recorders) recorder.takeSample(sample);
          sample++;
        }
      }
    },
    check: () => {
      for (let a = 0; a < networks.length; a++) {
        try {
          networks[a].checkState(settings[a].stateLimit);
        } catch (e) {
          if (networks.length === 1 || !(e instanceof BlowUpError)) throw e;
          throw new BlowUpError(`${e.system} (trajectory ${a})`, e.time, e.unit, e.value, e.reason);
        }
      }
    },
  }, { ...first, chunkSteps: settings[0].chunkSteps, describe: () => `t = ${networks[0].time}` });
  const count = sample * n;
  return networks.map((network, a) => {
    const { values, times, populationMean, sumSquares, sumActivity } = recorders[a];
    return {
      recording: record
        ? { variable, units, values, nSamples, nUnits: units.length, sampleDt: dt * every, times, populationMean }
        : null,
      summary: { q: sumSquares() / count, meanActivity: sumActivity() / count, steps: totalSteps, samples: sample, wallMs },
      params: {
        n, phi: network.phi, tau: network.tau, noise: network.noise, t, dt, integrator, transient, seed: settings[a].seed, every,
      },
    };
  });
}

/** One trajectory's samples and running sums (phiX, ones: shared n-vectors of scratch and ones). */
function trajectoryRecorder(
  rt: Runtime, network: RateNetwork, recording: boolean, variable: RecordedVariable, units: Int32Array, nSamples: number,
  phiX: F64Buffer, ones: F64Buffer,
) {
  const { n } = network;
  const values = new Float64Array(recording ? nSamples * units.length : 0);
  const times = new Float64Array(recording ? nSamples : 0);
  const populationMean = new Float64Array(recording ? nSamples : 0);
  let sumSquares = 0;
  let sumActivity = 0;
  const x = network.stateBuffer;
  return {
    values, times, populationMean,
    sumSquares: () => sumSquares,
    sumActivity: () => sumActivity,
    takeSample(sample: number): void {
      const { core } = rt;
      network.nonlinearity.kernel(core, x.ptr, phiX.ptr, n);
      const sumPhi = core.blas1_dot_f64(phiX.ptr, ones.ptr, n);
      sumSquares += core.blas1_dot_f64(x.ptr, x.ptr, n);
      sumActivity += sumPhi;
      if (!recording) return;
      // A user input function that allocates may grow memory and detach views: take them per sample.
      const source = (variable === 'x' ? x : phiX).view();
      const row = sample * units.length;
      for (let u = 0; u < units.length; u++) values[row + u] = source[units[u]];
      times[sample] = network.time;
      populationMean[sample] = (variable === 'x' ? core.blas1_dot_f64(x.ptr, ones.ptr, n) : sumPhi) / n;
    },
  };
}
