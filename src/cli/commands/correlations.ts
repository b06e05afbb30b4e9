/**
 * `rnnkit correlations`: population activity m(t) = mean_i φ(x_i) (or x_i), its autocovariance
 * N·Cov(m(t), m(t + τ)) and the pairwise cross-covariances (mean exact, distribution from sampled
 * pairs; analysis/population-correlations.ts), beside the lowest-order prediction
 * C^φ/|1 − J0 S^φ|² for Gaussian networks with mean coupling J0 (theory/population.ts) and the
 * distance J0⟨φ′⟩ to the magnetic transition. One network realisation: N·Var(m) is not
 * self-averaging (its spread over realisations is O(1)), so compare with --replicates > 1.
 */
import { type Command, Option } from 'commander';
import { ACTIVITY_VARIABLES, type ActivityVariable, type PopulationCorrelations, populationCorrelations } from '../../analysis/population-correlations.js';
import { NONLINEARITIES, type NonlinearityName } from '../../dynamics/nonlinearity.js';
import { load } from '../../load.js';
import { deriveSeed } from '../../random/seed.js';
import { DIMENSION_THEORY_PHIS } from '../../theory/dimension.js';
import { type PopulationPrediction, populationPrediction } from '../../theory/population.js';
import { action, emit, intArg, numberArg, progressBar, seedOf, warn, withCommonOptions } from '../common.js';
import { type NetworkCliOptions, networkFromOptions, withNetworkOptions } from '../network-options.js';

interface CorrelationCliOptions extends NetworkCliOptions {
  phi: NonlinearityName;
  variable: ActivityVariable;
  t: number;
  transient: number;
  dt: number;
  sampleDt: number;
  maxPairs: number;
  replicates: number;
}

const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
/** Mean and standard error over replicates (null with one). */
function meanAndError(values: number[]) {
  const m = mean(values);
  const se = values.length > 1 ? Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / (values.length - 1) / values.length) : null;
  return { mean: m, stdErr: se };
}

/** The prediction on the simulation's lags (nearest grid point of the theory's dτ). */
function theoryAt(prediction: PopulationPrediction, lags: Float64Array, series: Float64Array): number[] {
  const h = prediction.tau[1] - prediction.tau[0];
  return Array.from(lags, (t) => series[Math.round(t / h)] ?? 0);
}

export function registerCorrelations(program: Command): void {
  const command = program.command('correlations')
    .description('population activity autocovariance N·Cov(m(t), m(t+τ)) and pairwise cross-covariances (streaming), against C^φ/|1 − J0 S^φ|²')
    .addOption(new Option('--phi <name>', 'nonlinearity φ').choices(NONLINEARITIES).default('tanh'))
    .addOption(new Option('--variable <a>', 'activity: phi = φ(x) or x').choices(ACTIVITY_VARIABLES).default('phi'))
    .option('--t <T>', 'total time (τ), transient included', numberArg('--t', 0), 650)
    .option('--transient <T0>', 'transient (τ)', numberArg('--transient', 0), 50)
    .option('--dt <dt>', 'RK4 step (τ)', numberArg('--dt', 0), 0.2)
    .option('--sample-dt <s>', 'sampling interval (τ)', numberArg('--sample-dt', 0), 0.5)
    .option('--max-pairs <P>', 'pairs sampled for the distribution (all when fewer exist)', intArg('--max-pairs', 1), 20_000)
    .option('--replicates <R>', 'independent networks and runs averaged (seeds derived from --seed)', intArg('--replicates', 1, 1000), 4);
  withCommonOptions(withNetworkOptions(command)).action(
    action('correlations', async (o: CorrelationCliOptions) => {
      const rt = await load();
      const seed = seedOf(o);
      const g = (o.g as number | undefined) ?? 2;
      const j0 = (o.j0 as number | undefined) ?? (o.model === undefined || o.model === 'gaussian' ? 1 : undefined);
      const runs: PopulationCorrelations[] = [];
      let model = 'gaussian';
      let n = 0;
      let params: Record<string, unknown> = {};
      const bar = progressBar(o, 'correlations', o.replicates);
      for (let r = 0; r < o.replicates; r++) {
        const runSeed = o.replicates === 1 ? seed : deriveSeed(seed, 'replicate', r);
        using net = await networkFromOptions(rt, { ...o, g, j0, n: o.n ?? 400 } as NetworkCliOptions, runSeed, 'gaussian');
        ({ model, n } = net);
        params = { ...net.params };
        runs.push(await populationCorrelations(rt, net, {
          phi: o.phi, variable: o.variable, t: o.t, transient: o.transient, dt: o.dt, sampleDt: o.sampleDt, maxPairs: o.maxPairs, seed: runSeed,
        }));
        bar.update(r + 1);
      }
      bar.stop();
      const warnings = [...new Set(runs.flatMap((run, r) => run.warnings.map((w) => (o.replicates > 1 ? `replicate ${r}: ${w}` : w))))];
      warn(warnings);
      const first = runs[0];
      const applies = model === 'gaussian' && Number(params.eta ?? 0) === 0 && o.variable === 'phi' && (DIMENSION_THEORY_PHIS as readonly string[]).includes(o.phi);
      const prediction = applies ? populationPrediction(Number(params.g), Number(params.j0 ?? 0), { phi: o.phi as 'tanh' | 'erf' }) : null;
      const averaged = first.population.map((_, k) => mean(runs.map((run) => run.population[k])));
      const paramagnetic = prediction?.status === 'paramagnetic';
      const result = {
        network: { model, n, params }, seed, phi: o.phi, variable: o.variable, replicates: o.replicates, samples: first.samples, sampleDt: first.sampleDt,
        populationVariance: meanAndError(runs.map((run) => run.population[0])),
        scaledMeanCrossCovariance: meanAndError(runs.map((run) => run.scaledMeanCrossCovariance)),
        unitVariance: meanAndError(runs.map((run) => run.unitVariance)),
        populationMean: meanAndError(runs.map((run) => run.populationMean)),
        pairs: { ...first.pairs, histogram: { edges: Array.from(first.pairs.histogram.edges), counts: Array.from(first.pairs.histogram.counts) } },
        scaledMeanSquare: meanAndError(runs.map((run) => run.pairs.scaledMeanSquare)),
        lags: Array.from(first.lags), population: Array.from(averaged),
        theory: prediction && {
          status: prediction.status, loopGain: prediction.loopGain, meanSlope: prediction.meanSlope, zeroFrequencyGain: prediction.zeroFrequencyGain,
          populationTimescale: prediction.populationTimescale,
          populationVariance: paramagnetic ? prediction.population[0] : null,
          scaledMeanCrossCovariance: paramagnetic ? prediction.crossCovariance[0] : null,
          unitVariance: paramagnetic ? prediction.cPhi[0] : null,
          population: paramagnetic ? theoryAt(prediction, first.lags, prediction.population) : null,
        },
        notes: applies ? [] : ['no prediction: the theory covers Gaussian J (η = 0) with odd saturating φ (tanh, erf) and --variable phi'],
        warnings,
      };
      emit(o, result, formatCorrelations);
    }),
  );
}

const f = (x: number | null | undefined, digits = 4) => (x === null || x === undefined || !Number.isFinite(x) ? '–' : Number(x.toPrecision(digits)).toString());
const pm = (v: { mean: number; stdErr: number | null }) => `${f(v.mean)}${v.stdErr === null ? '' : ` ± ${f(v.stdErr, 2)}`}`;

function formatCorrelations(r: {
  network: { model: string; n: number; params: Record<string, unknown> }; phi: string; variable: string; replicates: number; samples: number;
  populationVariance: ReturnType<typeof meanAndError>; scaledMeanCrossCovariance: ReturnType<typeof meanAndError>;
  unitVariance: ReturnType<typeof meanAndError>; populationMean: ReturnType<typeof meanAndError>; scaledMeanSquare: ReturnType<typeof meanAndError>;
  pairs: PopulationCorrelations['pairs'] | { count: number; exhaustive: boolean; quantiles: { p: number; value: number }[]; dkwBound: number };
  lags: number[]; population: number[];
  theory: { status: string; loopGain: number; populationVariance: number | null; scaledMeanCrossCovariance: number | null; unitVariance: number | null; population: number[] | null; populationTimescale: number } | null;
  notes: string[];
}): string {
  const t = r.theory;
  const lines = [
    `rnnkit correlations: ${r.network.model}, n = ${r.network.n}, g = ${r.network.params.g}, J0 = ${r.network.params.j0 ?? 0}, φ = ${r.phi}, activity ${r.variable}; ${r.replicates} replicate(s) of ${r.samples} samples`,
  ];
  if (t) lines.push(`  J0⟨φ′⟩ = ${f(t.loopGain)} (${t.status}${t.status === 'paramagnetic' ? `; transition at 1, slow mode τ = ${f(t.populationTimescale, 3)}` : ''})`);
  const theory = (x: number | null | undefined) => (t ? `   theory ${f(x)}` : '');
  lines.push(`  N·Var(m):        ${pm(r.populationVariance)}${theory(t?.populationVariance)}`);
  lines.push(`  N·mean C_ij:     ${pm(r.scaledMeanCrossCovariance)}${theory(t?.scaledMeanCrossCovariance)}   (all pairs, exact identity)`);
  lines.push(`  ⟨Var a_i⟩:       ${pm(r.unitVariance)}${theory(t?.unitVariance)}`);
  lines.push(`  ⟨m⟩:             ${pm(r.populationMean)}`);
  lines.push(`  N·mean C_ij² (cross-block): ${pm(r.scaledMeanSquare)}`);
  const q = r.pairs.quantiles.map((x) => `p${Math.round(100 * x.p)} ${f(x.value, 3)}`).join(', ');
  lines.push(`  C_ij over ${r.pairs.count} ${r.pairs.exhaustive ? 'pairs (all)' : `sampled pairs (DKW 95% bound ${f(r.pairs.dkwBound, 2)})`}: ${q}`);
  const shown = [0, 2, 5, 10, 20].filter((x) => x < r.lags.length);
  lines.push(`  N·Cov(m(t), m(t+τ)) at τ = ${shown.map((k) => f(r.lags[k], 3)).join(', ')}: ${shown.map((k) => f(r.population[k], 3)).join(', ')}` +
    (t?.population ? `   (theory ${shown.map((k) => f(t.population?.[k], 3)).join(', ')})` : ''));
  for (const note of r.notes) lines.push(`  note: ${note}`);
  return lines.join('\n');
}
