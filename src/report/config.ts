/**
 * The experiment a report runs, as plain JSON: the default one (what `npm start` shows) or a
 * user's file (`rnnkit report --config FILE.json`), validated with zod so that a bad file gets
 * an error naming the path of the offending entry.
 */
import { z } from 'zod';
import { MODELS } from '../connectivity/network.js';
import { NONLINEARITIES } from '../dynamics/nonlinearity.js';
import { INTEGRATORS } from '../dynamics/rate.js';
import { SpikingSectionSchema } from './spiking.js';
import { MeanFieldSectionSchema } from './mean-field.js';
import { SpikingGainSectionSchema } from './spiking-gain.js';
import { CorrelationSectionSchema } from './correlations.js';
import { SpikingTimescalesSectionSchema } from './spiking-timescales.js';
import { FixedPointSectionSchema } from './fixed-points.js';
import { KernelSectionSchema } from './kernels.js';
import { InferenceSectionSchema } from './inference.js';
import { SpikingForceSectionSchema } from './spiking-force.js';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const positive = finite.refine((v) => v > 0, 'must be > 0');

/** A network: a label and the options of `network(rt, {model, …})` (checked by the model itself). */
const NetworkSpec = z.looseObject({ label: z.string().min(1), model: z.enum(MODELS) });

/** Integration settings (defaults: dt = 0.05 τ, RK4, tanh). */
const Dynamics = z.strictObject({
  t: positive,
  transient: finite.refine((v) => v >= 0, 'must be ≥ 0').default(0),
  dt: positive.default(0.05),
  integrator: z.enum(INTEGRATORS).default('rk4'),
  phi: z.enum(NONLINEARITIES).default('tanh'),
  noise: finite.refine((v) => v >= 0, 'must be ≥ 0').default(0),
  recordEvery: z.int().min(1).default(4),
});

/** One parameter of the networks varied over values (e.g. g from 0.5 to 2.5). */
const Sweep = z.strictObject({ param: z.string().min(1), values: z.array(finite).min(1).max(200) });

export const ExperimentSchema = z.strictObject({
  title: z.string().default('rnnkit report'),
  seed: z.union([finite, z.string()]).default(1),
  /** Full spectra of each network (dense eigensolver) with the model's law drawn over them. */
  spectra: z.strictObject({ networks: z.array(NetworkSpec).min(1) }).optional(),
  /** λ_max against the swept parameter for each network, with the critical coupling marked. */
  lyapunov: z.strictObject({ networks: z.array(NetworkSpec).min(1), sweep: Sweep, dynamics: Dynamics }).optional(),
  /** Activity of the lowest- and highest-in-degree neurons of one network. */
  traces: z.strictObject({ network: NetworkSpec, dynamics: Dynamics, perGroup: z.int().min(1).max(10).default(3) }).optional(),
  /**
   * Distribution of intrinsic timescales and timescale against in-degree for each network, over
   * `replicates` independent networks and runs (their spread is the standard error of the median).
   */
  timescales: z.strictObject({
    networks: z.array(NetworkSpec).min(1), dynamics: Dynamics, replicates: z.int().min(2).max(50).default(5),
  }).optional(),
  /** Participation ratio of activity against the swept parameter. */
  participation: z.strictObject({ networks: z.array(NetworkSpec).min(1), sweep: Sweep, dynamics: Dynamics }).optional(),
  /**
   * PR/N of random-mode networks (Gaussian modes, flat spectrum of `ranks` modes, and J = gO when
   * `orthogonal`) against their effective rank, with the mean-field prediction through ε.
   */
  effectiveRank: z.strictObject({
    n: z.int().min(10), g: positive, ranks: z.array(z.int().min(1)).min(1).max(50), orthogonal: z.boolean().default(true), dynamics: Dynamics,
  }).optional(),
  /** Mixed LIF/QIF spiking networks: raster, and rate/CV/PR against coupling for several mixes. */
  spiking: SpikingSectionSchema.optional(),
  /** Mean-field theory beside simulation: Δ(τ), variance and τ½ against degree, the memory term. */
  meanField: MeanFieldSectionSchema.optional(),
  /** Spiking PR/N against the gain-rescaled linear model (1 − g_eff²)² for several LIF/QIF mixes. */
  spikingGain: SpikingGainSectionSchema.optional(),
  /** Fixed points of a chaotic Gaussian network: radii against Δ0 and the static shell, bulk edges, search bias (presets only: ~1 min). */
  fixedPoints: FixedPointSectionSchema.optional(),
  /** N·Var(m) and N·c̄ against C^φ/|1 − J0 S^φ|² over J0, averaged over networks (presets only: ~2 min). */
  correlations: CorrelationSectionSchema.optional(),
  /** Kernels of wide deep vs recurrent networks: recursion beside weight draws, spread against n. */
  kernels: KernelSectionSchema.optional(),
  /** (g, D) of noisy rate networks estimated back from their recordings (Whittle divergence). */
  inference: InferenceSectionSchema.optional(),
  /** Poisson-GLM E/I block network: mean-field rates and spike autocovariance beside simulation (presets only: ~1 min). */
  spikingTimescales: SpikingTimescalesSectionSchema.optional(),
  /** Spiking FORCE (Nicola & Clopath): trained outputs against the target, test NRMSE and status; ΔJ strength and motif z-scores against the QIF fraction. */
  spikingForce: SpikingForceSectionSchema.optional(),
});

export type Experiment = z.output<typeof ExperimentSchema>;
export type NetworkSpecOf = z.output<typeof NetworkSpec>;
export type DynamicsOf = z.output<typeof Dynamics>;

/** Parses and validates an experiment; errors name the path, e.g. `lyapunov.sweep.values[2]: must be a finite number`. */
export function parseExperiment(input: unknown, source = 'config'): Experiment {
  const result = ExperimentSchema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => {
    const path = issue.path.reduce<string>(
      (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '');
    return `${path || '(top level)'}: ${issue.message}`;
  });
  throw new RangeError(`${source}: ${issues.join('; ')}`);
}

/**
 * The default experiment (about two minutes on two cores): how degree heterogeneity and partial
 * symmetry shape spectra, chaos and timescales.
 */
export function defaultExperiment(quick = false): Experiment {
  const n = quick ? 300 : 1000;
  const k = quick ? 30 : 100;
  // Timescale runs record t − 50 τ: at least MIN_SPAN_TIMESCALES (20) median τ_int (≈ 3 τ) even when quick.
  const t = quick ? 120 : 300;
  const gs = quick ? [0.6, 1, 1.6, 2.4] : [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.5, 3];
  const lognormal = (label: string, cv: number, extra: Record<string, unknown> = {}) =>
    ({ label, model: 'lognormal' as const, n, k, cv, degreeCorrelation: 1, g: 1, ...extra });
  return parseExperiment({
    title: 'rnnkit: degree heterogeneity and partial symmetry in random rate networks',
    seed: 1,
    spectra: {
      networks: [
        { label: 'Gaussian, η = 0', model: 'gaussian', n: quick ? 300 : 800, g: 1 },
        { label: 'Gaussian, η = 0.5', model: 'gaussian', n: quick ? 300 : 800, g: 1, eta: 0.5 },
        lognormal('lognormal degrees, CV = 0', 0),
        lognormal('lognormal degrees, CV = 1 (in/out correlated)', 1),
      ],
    },
    lyapunov: {
      networks: [lognormal('CV = 0', 0), lognormal('CV = 1', 1)],
      sweep: { param: 'g', values: gs },
      dynamics: { t: quick ? 60 : 200, transient: quick ? 20 : 50 },
    },
    traces: { network: lognormal('CV = 1, g = 2', 1, { g: 2 }), dynamics: { t: 100, transient: 50, recordEvery: 2 } },
    timescales: {
      networks: [lognormal('η = 0', 1, { g: 2, eta: 0 }), lognormal('η = 0.5', 1, { g: 2, eta: 0.5 })],
      dynamics: { t, transient: 50 },
    },
    participation: {
      networks: [{ label: 'Gaussian', model: 'gaussian', n: quick ? 200 : 500 }],
      sweep: { param: 'g', values: gs },
      dynamics: { t: quick ? 80 : 200, transient: 50 },
    },
    effectiveRank: {
      n: quick ? 200 : 500, g: 2, ranks: quick ? [25, 100] : [30, 60, 125, 250, 500],
      dynamics: { t: quick ? 80 : 200, transient: 50 },
    },
    spiking: quick
      ? { n: 300, couplings: [1, 5, 10], tMs: 700, raster: { perType: 30, tMs: 300 } }
      : { n: 1000, couplings: [1, 2, 5, 10, 15, 20], tMs: 1200 },
    meanField: quick
      ? { n: 500, k: 50, t: 120, transient: 30, memory: { n: 400, k: 30, paths: 30, classes: 2, iterations: 4 } }
      : { memory: {} },
    spikingGain: quick ? { n: 300, couplings: [1, 10, 20], tMs: 2000 } : { n: 500, couplings: [1, 5, 10, 20], tMs: 5000 },
    // ~20 CPU s at full size (N = 1000 readout, 2 s of training; N = 300 sweep); `rnnkit reproduce spiking-force` is the N = 2000 version.
    spikingForce: quick
      ? { readout: { n: 300, warmUpPeriods: 1, trainPeriods: 5, testPeriods: 2 }, sweep: { n: 150, fracQif: [0.5, 1], seeds: 2, warmUpPeriods: 1, trainPeriods: 5, testPeriods: 1 } }
      : { readout: { n: 1000, warmUpPeriods: 2, trainPeriods: 10, testPeriods: 3 }, sweep: {} },
  }, 'defaultExperiment');
}
