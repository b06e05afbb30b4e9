/**
 * `rnnkit simulate`, `rnnkit lyapunov` and `rnnkit sweep`: rate dynamics on any network the
 * shared network options describe (default model: gaussian).
 */
import Table from 'cli-table3';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { lyapunovExponents } from '../../analysis/lyapunov.js';
import { type ParticipationRatio, participationRatio } from '../../analysis/participation-ratio.js';
import { intrinsicTimescales } from '../../analysis/timescales.js';
import type { Network } from '../../connectivity/network.js';
import { networkInDegrees } from '../../connectivity/stats.js';
import { NONLINEARITIES, type NonlinearityName } from '../../dynamics/nonlinearity.js';
import { DEFAULT_STATE_LIMIT, INTEGRATORS, type Integrator } from '../../dynamics/rate.js';
import { simulateRate } from '../../dynamics/run.js';
import { writeRecordingFile } from '../../io/files.js';
import { load } from '../../load.js';
import type { Runtime } from '../../runtime.js';
import { pointTask } from '../../parallel/sweep.js';
import { action, emit, intArg, numberArg, type Progress, progressBar, seedOf, warn, withCommonOptions } from '../common.js';
import { NUMERIC_NETWORK_PARAMETERS, type NetworkCliOptions, networkFromOptions, withNetworkOptions } from '../network-options.js';
import { mergeShardFiles, type ParallelCliOptions, runPoints, shardPoints, shardResult, withParallelOptions } from '../parallel-options.js';
import { printSpikingSweep, type SpikingCliOptions, spikingSweep, withSpikingOptions } from './spiking.js';

export interface DynamicsCliOptions extends NetworkCliOptions {
  t: number;
  dt: number;
  integrator: Integrator;
  phi: NonlinearityName;
  transient: number;
  noise: number;
  recordEvery: number;
  exponents: number;
  stateLimit: number;
}

/** Adds the integration options shared by simulate, lyapunov and sweep (defaults: dt = 0.05 τ, RK4, tanh). */
export function withDynamicsOptions(command: Command, defaults: { t: number; transient: number }): Command {
  return command
    .option('--t <T>', 'total time in units of τ, transient included', numberArg('--t', 0), defaults.t)
    .option('--dt <dt>', 'time step in units of τ', numberArg('--dt', 0), 0.05)
    .addOption(new Option('--integrator <name>', 'integrator').choices(INTEGRATORS).default('rk4'))
    .addOption(new Option('--phi <name>', 'nonlinearity φ').choices(NONLINEARITIES).default('tanh'))
    .option('--transient <T0>', 'time discarded before measuring', numberArg('--transient', 0), defaults.transient)
    .option('--noise <sigma>', 'white-noise amplitude σ (dx = … dt + σ dW)', numberArg('--noise', 0), 0)
    .option('--record-every <k>', 'sample every k steps', intArg('--record-every', 1), 4)
    .option('--exponents <k>', 'number of Lyapunov exponents', intArg('--exponents', 1), 1)
    .option('--state-limit <x>', 'stop with an error once some |x_i| reaches this', numberArg('--state-limit', 0), DEFAULT_STATE_LIMIT);
}

const finiteOrNull = (x: number | undefined | null): number | null => (x !== undefined && x !== null && Number.isFinite(x) ? x : null);

/** The PR fields of simulate/sweep output: the cross-block estimate (when defined) and what qualifies it. */
export function participationFields(pr: ParticipationRatio) {
  return {
    pr: pr.pr,
    prOverN: pr.prOverN,
    prOverNStdErr: pr.prOverNStdErr,
    prStatus: pr.status,
    prEstimator: pr.estimator,
    prPlainOverN: pr.plainPr === null ? null : pr.plainPr / pr.nUnits,
    prEffectiveSamples: finiteOrNull(pr.effectiveSamples),
    prWarnings: pr.warnings,
  };
}

/** One human line for the PR: value ± standard error, or the status and why it is undefined. */
export function participationLine(r: ReturnType<typeof participationFields>): string {
  if (r.pr === null || r.prOverN === null) return `  participation ratio undefined (${r.prStatus})`;
  const err = r.prOverNStdErr === null ? '' : ` ± ${r.prOverNStdErr.toFixed(4)}`;
  const plain = r.prPlainOverN === null ? '' : `; plain estimate ${r.prPlainOverN.toFixed(4)}`;
  return `  participation ratio ${r.pr.toFixed(2)} (PR/N = ${r.prOverN.toFixed(4)}${err}, ${r.prEstimator}${plain})`;
}

async function measureActivity(rt: Runtime, net: Network, o: DynamicsCliOptions & { recordOut?: string }, seed: number | string, progress?: Progress) {
  const run = await simulateRate(rt, { connectivity: net, phi: o.phi, noise: o.noise }, {
    t: o.t, dt: o.dt, integrator: o.integrator, transient: o.transient, seed, stateLimit: o.stateLimit,
    record: { units: 'all', every: o.recordEvery }, onProgress: (done, total) => progress?.update(Math.round((100 * done) / total)),
  });
  const recording = run.recording;
  if (!recording) throw new Error('simulate: no recording');
  if (o.recordOut !== undefined) {
    const { params } = run;
    await writeRecordingFile(o.recordOut, {
      sampleDt: recording.sampleDt, integrator: params.integrator, every: params.every, tau: params.tau, noise: params.noise, n: params.n, phi: params.phi,
      seed: params.seed, units: Array.from(recording.units),
    }, recording.values, recording.times);
  }
  const pr = participationRatio(rt, recording);
  const degrees = networkInDegrees(net);
  const ts = intrinsicTimescales(rt, recording, { sampleDt: recording.sampleDt, ...(degrees ? { degrees } : {}) });
  const tau = ts.summary.tauIntegrated;
  warn(ts.warnings);
  return {
    q: run.summary.q,
    meanActivity: run.summary.meanActivity,
    ...participationFields(pr),
    timescales: {
      measure: 'integrated ∫ρ(τ)² dτ',
      median: finiteOrNull(tau.median), p10: finiteOrNull(tau.p10), p90: finiteOrNull(tau.p90),
      tailRatio: finiteOrNull(tau.tailRatio), degreeSpearman: finiteOrNull(ts.degreeSpearman),
      tau1eMedian: finiteOrNull(ts.summary.tau1e.median),
      defined: ts.defined, silentUnits: ts.silentUnits, warnings: ts.warnings,
    },
    samples: recording.nSamples,
    simulateMs: run.summary.wallMs,
  };
}

async function measureLyapunov(rt: Runtime, net: Network, o: DynamicsCliOptions, seed: number | string, progress?: Progress) {
  const result = await lyapunovExponents(rt, { connectivity: net, phi: o.phi, noise: o.noise }, {
    t: o.t, dt: o.dt, integrator: o.integrator, transient: o.transient, k: o.exponents, seed, stateLimit: o.stateLimit,
    onProgress: (done, total) => progress?.update(Math.round((100 * done) / total)),
  });
  return { lambdaMax: result.lambdaMax, lambdaStdErr: result.lambdaStdErr, exponents: result.exponents };
}

function describe(net: Network) {
  return { model: net.model, n: net.n, params: net.params, theory: net.theory };
}

export function registerSimulate(program: Command): void {
  const command = program.command('simulate')
    .description('integrate τ dx/dt = −x + J φ(x) and report q, mean activity, participation ratio and timescales')
    .option('--record-out <file>', 'write the recording of x (all units, after the transient) as CSV with a JSON metadata line (see io/recording.ts)');
  withCommonOptions(withDynamicsOptions(withNetworkOptions(command), { t: 250, transient: 50 })).action(
    action('simulate', async (o: DynamicsCliOptions & { recordOut?: string }) => {
      if (o.recordOut !== undefined && (o.integrator !== 'euler' || o.recordEvery !== 1)) {
        warn(['--record-out for rnnkit infer: use --integrator euler --record-every 1 (its innovation is exact only for every Euler step)']);
      }
      const rt = await load();
      const seed = seedOf(o);
      using net = await networkFromOptions(rt, o, seed, 'gaussian');
      const bar = progressBar(o, 'simulate %', 100);
      const measured = await measureActivity(rt, net, o, seed, bar);
      bar.stop();
      const result = { network: describe(net), seed, t: o.t, dt: o.dt, integrator: o.integrator, phi: o.phi, transient: o.transient, noise: o.noise, ...measured };
      emit(o, result, (r) => [
        `rnnkit simulate: ${r.network.model}, n = ${r.network.n}, t = ${r.t}, dt = ${r.dt} (${r.integrator}, φ = ${r.phi})`,
        `  q = ⟨x²⟩ = ${r.q.toFixed(4)}, mean activity ${r.meanActivity.toFixed(4)}`,
        participationLine(r),
        ...r.prWarnings.map((w) => `  warning: ${w}`),
        `  timescales τ_int: median ${r.timescales.median?.toFixed(3)}, p10 ${r.timescales.p10?.toFixed(3)}, p90 ${r.timescales.p90?.toFixed(3)}` +
          (r.timescales.degreeSpearman === null ? '' : `, Spearman with in-degree ${r.timescales.degreeSpearman.toFixed(3)}`),
      ].join('\n'));
    }),
  );
}

export function registerLyapunov(program: Command): void {
  const command = program.command('lyapunov').description('largest (or first k) Lyapunov exponents by tangent dynamics');
  withCommonOptions(withDynamicsOptions(withNetworkOptions(command), { t: 300, transient: 50 })).action(
    action('lyapunov', async (o: DynamicsCliOptions) => {
      const rt = await load();
      const seed = seedOf(o);
      using net = await networkFromOptions(rt, o, seed, 'gaussian');
      const bar = progressBar(o, 'lyapunov %', 100);
      const measured = await measureLyapunov(rt, net, o, seed, bar);
      bar.stop();
      const result = { network: describe(net), seed, t: o.t, dt: o.dt, transient: o.transient, ...measured };
      emit(o, result, (r) => `rnnkit lyapunov: ${r.network.model}, n = ${r.network.n}: λ_max = ${r.lambdaMax.toFixed(4)} ± ` +
        `${r.lambdaStdErr.toFixed(4)} per τ; exponents ${r.exponents.map((x) => x.toFixed(4)).join(', ')}`);
    }),
  );
}

const MEASURES = ['lyapunov', 'pr', 'q', 'timescale', 'spiking'] as const;
const DYNAMICS_PARAMETERS = ['noise', 'dt', 't', 'transient'];

/** `a:b:step` (inclusive, step > 0) or `v1,v2,…`. */
function valuesArg(raw: string): number[] {
  const range = raw.split(':');
  if (range.length === 3) {
    const [a, b, step] = range.map(Number);
    if (![a, b, step].every(Number.isFinite) || step <= 0 || b < a || (b - a) / step > 10_000) {
      throw new InvalidArgumentError('--values a:b:step needs finite a ≤ b, step > 0 and at most 10000 values.');
    }
    const count = Math.floor((b - a) / step + 1e-9) + 1;
    return Array.from({ length: count }, (_, i) => Number((a + i * step).toPrecision(12)));
  }
  const list = raw.split(',').map((v) => (v.trim() === '' ? Number.NaN : Number(v)));
  if (list.some((v) => !Number.isFinite(v))) throw new InvalidArgumentError('--values must be a:b:step or a comma-separated list of numbers.');
  return list;
}

type RateMeasure = Exclude<(typeof MEASURES)[number], 'spiking'>;
type SweepCliOptions = DynamicsCliOptions & ParallelCliOptions & { param?: string; values?: number[]; measure: (typeof MEASURES)[number] };

/** One point of a rate sweep: the CLI options with the swept parameter set, and the seed. */
interface RatePoint {
  options: DynamicsCliOptions;
  measure: RateMeasure;
  seed: number | string;
}

/** The measurement at one point of `rnnkit sweep` (a worker runs the same function, see parallel/sweep.ts). */
export const ratePoint = pointTask(import.meta.url, 'ratePoint', async (rt: Runtime, { options, measure, seed }: RatePoint) => {
  using net = await networkFromOptions(rt, options, seed, 'gaussian');
  return pick(measure, measure === 'lyapunov' ? await measureLyapunov(rt, net, options, seed) : await measureActivity(rt, net, options, seed));
});

export function registerSweep(program: Command): void {
  const command = program.command('sweep')
    .description('vary one network or dynamics parameter and measure lyapunov | pr | q | timescale at each value, or spiking (rates, CV, PR of a mixed LIF/QIF network)')
    .option('--param <name>', 'parameter to vary (camelCase API name, e.g. g, eta, cv, noise); required')
    .option('--values <spec>', 'a:b:step or v1,v2,…; required', valuesArg)
    .addOption(new Option('--measure <m>', 'what to measure').choices(MEASURES).default('lyapunov'))
    .option('--frac-qif-values <list>', 'spiking: the mixes p_QIF at each value (default 0,0.5,1)', valuesArg);
  withSpikingOptions(command, { networkAndRun: false });
  withParallelOptions(command);
  withCommonOptions(withDynamicsOptions(withNetworkOptions(command), { t: 200, transient: 50 })).action(
    action('sweep', async (o: SweepCliOptions) => {
      if (o.merge) {
        const { sweep, rows } = await mergeShardFiles<Record<string, unknown>>(o.merge);
        const { param, measure } = sweep as { param: string; measure: string };
        if (measure === 'spiking') printSpikingSweep(o, param, rows);
        else printSweep(o, param, measure, rows);
        return;
      }
      if (o.param === undefined) throw new RangeError("required option '--param <name>' not specified");
      if (o.values === undefined) throw new RangeError("required option '--values <spec>' not specified");
      const { param, values } = o;
      if (o.measure === 'spiking') {
        const given = (name: string) => command.getOptionValueSource(name) !== 'default';
        // --t, --dt and --integrator default to the rate network's values (τ units, rk4); a spiking sweep takes ms and Euler.
        const spiking = o as unknown as SpikingCliOptions & ParallelCliOptions & { param: string; values: number[]; fracQifValues?: number[] };
        await spikingSweep({
          ...spiking, n: (o.n as number | undefined) ?? 1000, p: (o.p as number | undefined) ?? 0.1,
          t: given('t') ? o.t : 1200, dt: given('dt') ? o.dt : 0.1, integrator: given('integrator') ? spiking.integrator : 'euler',
        });
        return;
      }
      const allowed = [...NUMERIC_NETWORK_PARAMETERS, ...DYNAMICS_PARAMETERS];
      if (!allowed.includes(param)) throw new RangeError(`--param must be one of ${allowed.join(', ')} (got ${JSON.stringify(param)})`);
      const rt = await load();
      const seed = seedOf(o);
      const measure = o.measure;
      // What determines every row: the options without the sweep's own and the output's (merge checks it).
      const { values: _v, workers: _w, shard: _s, merge: _m, json: _j, ...options } = o;
      const slice = shardPoints(values, o);
      const points = slice.points.map((value) => ({ options: { ...options, [param]: value } as DynamicsCliOptions, measure, seed }));
      const bar = progressBar(o, `sweep ${param}`, points.length);
      const measured = await runPoints(rt, ratePoint, points, o, bar, (p) => `${param} = ${p.options[param]}`);
      bar.stop();
      const rows = measured.map((m, i) => ({ [param]: slice.points[i], ...m }));
      if (o.shard) {
        process.stdout.write(`${JSON.stringify(shardResult({ ...o, shard: o.shard }, values.length, { param, measure, seed, values, options }, rows))}\n`);
        return;
      }
      printSweep(o, param, measure, rows);
    }),
  );
}

/** The rows of a sweep: the array itself with --json, else a table. */
function printSweep(o: { json?: boolean }, param: string, measure: string, rows: Record<string, unknown>[]): void {
  if (o.json) {
    process.stdout.write(`${JSON.stringify(rows)}\n`);
    return;
  }
  const keys = Object.keys(rows[0] ?? {});
  const table = new Table({ head: keys, style: { head: [], border: [] } });
  for (const row of rows) table.push(keys.map((k) => format(row[k])));
  process.stdout.write(`rnnkit sweep: ${measure} vs ${param}\n${table.toString()}\n`);
}

function pick(measure: RateMeasure, m: Record<string, unknown>): Record<string, unknown> {
  const activity = m as Awaited<ReturnType<typeof measureActivity>>;
  switch (measure) {
    case 'lyapunov': return { lambdaMax: m.lambdaMax, lambdaStdErr: m.lambdaStdErr };
    case 'pr': return { pr: activity.pr, prOverN: activity.prOverN, prOverNStdErr: activity.prOverNStdErr, prStatus: activity.prStatus };
    case 'q': return { q: activity.q, meanActivity: activity.meanActivity };
    case 'timescale': return { median: activity.timescales.median, p10: activity.timescales.p10, p90: activity.timescales.p90, degreeSpearman: activity.timescales.degreeSpearman };
  }
}

function format(v: unknown): string {
  return typeof v === 'number' ? String(Number(v.toPrecision(4))) : String(v);
}
