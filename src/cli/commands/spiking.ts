/**
 * `rnnkit spiking`: a mixed LIF/QIF(/GLM, with --types) network (default: the founding study's N = 1000, p = 0.1,
 * w = J_c ξ/√(pN), half QIF) or a weight file, run for --t ms and summarised on --window;
 * `rnnkit sweep --measure spiking` (registered in dynamics.ts) calls spikingSweep here.
 */
import Table from 'cli-table3';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { spikeStatistics } from '../../analysis/spikes.js';
import { sparseGaussianNetwork } from '../../connectivity/sparse-gaussian.js';
import { type Network, type NetworkMatrix, requireDtype, requireF64Matrix } from '../../connectivity/network.js';
import { type CsrMatrixF32, type DenseMatrixF32, DTYPES, type Dtype } from '../../linalg/f32.js';
import { SpikingNetwork, type SpikingNetworkParams, WEIGHT_PRECISIONS, type WeightPrecision } from '../../dynamics/spiking.js';
import { SPIKING_INTEGRATOR_NAMES, type SpikingIntegrator } from '../../dynamics/spiking-params.js';
import { readNetworkFile } from '../../io/files.js';
import { readNumberColumn, spikeCsvWriter } from '../../io/spike-files.js';
import { load } from '../../load.js';
import type { Runtime } from '../../runtime.js';
import { pointTask } from '../../parallel/sweep.js';
import { action, emit, intArg, numberArg, progressBar, seedOf, warn, withCommonOptions } from '../common.js';
import { type ParallelCliOptions, runPoints, shardPoints, shardResult } from '../parallel-options.js';

export interface SpikingCliOptions {
  json?: boolean;
  seed: string;
  n: number;
  p: number;
  jc: number;
  matrix?: string;
  types?: string;
  fracQif?: number;
  v0?: string;
  t: number;
  dt: number;
  window?: [number, number];
  integrator: SpikingIntegrator;
  /** Storage of the simulator's weights (default: --dtype). */
  weights?: WeightPrecision;
  /** Value type of the network's matrix: f32 rounds the generated (or read) weights, which are then freed. */
  dtype?: Dtype;
  spikesOut?: string;
}

/** `a:b` in ms. */
function windowArg(raw: string): [number, number] {
  const parts = raw.split(':').map((s) => (s.trim() === '' ? NaN : Number(s)));
  if (parts.length !== 2 || parts.some((v) => !Number.isFinite(v)) || parts[1] <= parts[0]) {
    throw new InvalidArgumentError('--window must be t0:t1 in ms with t0 < t1.');
  }
  return [parts[0], parts[1]];
}

/**
 * Adds the spiking options. `sweep --measure spiking` takes only the model ones: its network and
 * run options (--n, --p, --matrix, --t, --dt, --integrator) come from the rate commands' set.
 */
export function withSpikingOptions(command: Command, { networkAndRun = true } = {}): Command {
  if (networkAndRun) {
    command
      .option('--n <n>', 'number of neurons', intArg('--n', 1), 1000)
      .option('--p <p>', 'connection probability', numberArg('--p', 0, 1), 0.1)
      .option('--matrix <file>', 'weights from a MatrixMarket (.mtx) or CSV (post,pre,weight) file instead')
      .option('--t <ms>', 'simulated time (ms)', numberArg('--t', 0), 1200)
      .option('--dt <ms>', 'time step (ms)', numberArg('--dt', 0), 0.1)
      .addOption(new Option('--integrator <name>', 'euler (Brian2 parity) or exact').choices(SPIKING_INTEGRATOR_NAMES).default('euler'))
      .addOption(new Option('--dtype <dtype>', 'network matrix values: f64, or f32 (rounded once; the simulator reads them as stored, half the memory)').choices(DTYPES).default('f64'));
  }
  return command
    .option('--jc <jc>', 'coupling J_c in w = J_c ξ/√(pN)', numberArg('--jc', 0), 10)
    .option('--types <file>', 'one 0 (LIF), 1 (QIF) or 2 (Poisson GLM, default parameters) per line, per neuron')
    .option('--frac-qif <f>', 'fraction of QIF neurons, placed by a seeded permutation (default 0.5)', numberArg('--frac-qif', 0, 1))
    .option('--v0 <file>', 'v(0) per neuron, one per line (default: seeded U(0, 20) mV)')
    .option('--window <t0:t1>', 'analysis window in ms (default: 200 ms to the end)', windowArg)
    .addOption(new Option('--weights <precision>', 'storage of the simulator\'s weights (default: the --dtype)').choices(WEIGHT_PRECISIONS))
    .option('--spikes-out <file.csv>', 'stream every spike to a CSV file (neuron,step; t = step·dt)');
}

/** The SpikingNetwork parameters the options describe; the caller disposes `weights` (a new network, or its f32 matrix with --dtype f32). */
export async function spikingParamsFromOptions(
  rt: Runtime, o: SpikingCliOptions, seed: number | string,
): Promise<SpikingNetworkParams & { weights: Network | CsrMatrixF32 | DenseMatrixF32 }> {
  if (o.types !== undefined && o.fracQif !== undefined) throw new RangeError('give only one of --types and --frac-qif');
  const types = o.types !== undefined ? await readNumberColumn(o.types, 'type') : undefined;
  const v0 = o.v0 !== undefined ? await readNumberColumn(o.v0, 'value') : undefined;
  const network = o.matrix !== undefined ? await readNetworkFile(rt, o.matrix) : sparseGaussianNetwork(rt, { n: o.n, p: o.p, g: o.jc, seed });
  let weights: Network | CsrMatrixF32 | DenseMatrixF32 = network;
  if (requireDtype('rnnkit spiking', o.dtype) === 'f32') {
    // Generators and files give f64 values: round them once and free the f64 network.
    weights = rt.toF32(requireF64Matrix('rnnkit spiking', network.matrix as NetworkMatrix));
    network.dispose();
  }
  return { weights, types, fracQif: o.fracQif, v0, dtMs: o.dt, integrator: o.integrator, weightPrecision: o.weights, seed };
}

/** One run and its summary: the `--json` object of `rnnkit spiking`. */
export async function spikingMeasure(rt: Runtime, o: SpikingCliOptions, seed: number | string, onProgress?: (fraction: number) => void) {
  let weights: Awaited<ReturnType<typeof spikingParamsFromOptions>>['weights'] | null = null;
  try {
    const params = await spikingParamsFromOptions(rt, o, seed);
    weights = params.weights;
    using net = new SpikingNetwork(rt, params);
    params.weights.dispose();
    const sink = o.spikesOut !== undefined ? spikeCsvWriter(o.spikesOut) : null;
    let run: Awaited<ReturnType<SpikingNetwork['run']>>;
    try {
      run = await net.run({ tMs: o.t, onSpikes: sink?.write, onProgress: (done, total) => onProgress?.(done / total) });
    } finally {
      await sink?.close();
    }
    const spikes = run.spikes as NonNullable<typeof run.spikes>;
    const window = o.window ? { t0Ms: o.window[0], t1Ms: o.window[1] } : {};
    const s = spikeStatistics(rt, spikes, { ...window, types: net.types });
    return {
      summary: {
        rate: s.rateHz, rateLif: s.rateByType.lif, rateQif: s.rateByType.qif, rateGlm: s.rateByType.glm, fracSilent: s.fracSilent, cv: s.cv,
        prBins: s.prBins, prFiltered: s.prFiltered, nSpikes: run.nSpikes,
        timing: { simMs: run.timing.simMs, msPerSimulatedSecond: run.timing.msPerSimulatedSecond },
        warnings: s.warnings,
      },
      statistics: s,
      network: { n: net.n, nnz: net.nnz, nQif: count(net.types, 1), nGlm: count(net.types, 2), weightPrecision: net.weightPrecision },
    };
  } finally {
    if (weights && !weights.disposed) weights.dispose();
  }
}

const count = (types: Int32Array, kind: number) => types.reduce((a, t) => a + (t === kind ? 1 : 0), 0);

const show = (v: number | null) => (v === null ? 'undefined' : String(Number(v.toPrecision(4))));

export function registerSpiking(program: Command): void {
  const command = program.command('spiking')
    .description('simulate a mixed LIF/QIF (or, with --types, Poisson-GLM) spiking network; rates, ISI CV and dimension (PR) of its activity');
  withCommonOptions(withSpikingOptions(command)).action(
    action('spiking', async (o: SpikingCliOptions) => {
      const rt = await load();
      const bar = progressBar(o, 'spiking', 100);
      const measured = await spikingMeasure(rt, o, seedOf(o), (f) => bar.update(Math.round(100 * f)));
      bar.stop();
      warn(measured.summary.warnings);
      emit(o, measured.summary, (r) => {
        const table = new Table({ style: { head: [], border: [] } });
        const { n, nnz, nQif, nGlm, weightPrecision } = measured.network;
        table.push(
          ['neurons (QIF, GLM)', `${n} (${nQif}, ${nGlm})`], ['synapses (weights)', `${nnz} (${weightPrecision})`], ['spikes', String(r.nSpikes)],
          ['rate (Hz)', show(r.rate)], ['rate LIF / QIF / GLM (Hz)', `${show(r.rateLif)} / ${show(r.rateQif)} / ${show(r.rateGlm)}`],
          ['fraction silent', show(r.fracSilent)], ['ISI CV', show(r.cv)], ['PR binned / filtered', `${show(r.prBins)} / ${show(r.prFiltered)}`],
          ['ms per simulated second', show(r.timing.msPerSimulatedSecond)],
        );
        return `rnnkit spiking\n${table.toString()}`;
      });
    }),
  );
}

/** Parameters `sweep --measure spiking` may vary. */
export const SPIKING_SWEEP_PARAMETERS = ['jc', 'fracQif', 'n', 'p', 'dt'] as const;

/**
 * `rnnkit sweep --measure spiking --param jc --values …`: one row per (value, mix) with the
 * summary of `rnnkit spiking`; mixes from --frac-qif-values (default 0, 0.5, 1) unless the swept
 * parameter is fracQif itself.
 */
/** One point of a spiking sweep: the options with the swept value (and mix) set, and the seed. */
interface SpikingPoint {
  options: SpikingCliOptions;
  seed: number | string;
}

/** The summary at one point of `rnnkit sweep --measure spiking` (a worker runs the same function). */
export const spikingPoint = pointTask(import.meta.url, 'spikingPoint', async (rt: Runtime, { options, seed }: SpikingPoint) =>
  (await spikingMeasure(rt, options, seed)).summary);

type SpikingSweepOptions = SpikingCliOptions & ParallelCliOptions & { param: string; values: number[]; fracQifValues?: number[] };

/** One row per value and mix, in that order (all values at the first mix, then the next mix). */
export async function spikingSweep(o: SpikingSweepOptions): Promise<void> {
  if (!(SPIKING_SWEEP_PARAMETERS as readonly string[]).includes(o.param)) {
    throw new RangeError(`--param must be one of ${SPIKING_SWEEP_PARAMETERS.join(', ')} with --measure spiking (got ${JSON.stringify(o.param)})`);
  }
  const mixes = o.param === 'fracQif' ? [undefined] : (o.fracQifValues ?? [0, 0.5, 1]);
  const rt = await load();
  const seed = seedOf(o);
  const { workers: _w, shard: _s, merge: _m, json: _j, ...options } = o;
  const all = mixes.flatMap((mix) => o.values.map((value) => ({ value, mix })));
  const slice = shardPoints(all, o);
  const points = slice.points.map(({ value, mix }) => ({
    options: { ...options, ...(mix === undefined ? {} : { fracQif: mix }), [o.param]: value } as SpikingCliOptions, seed,
  }));
  const bar = progressBar(o, `sweep ${o.param}`, points.length);
  const summaries = await runPoints(rt, spikingPoint, points, o, bar, (p) => `${o.param} = ${(p.options as unknown as Record<string, unknown>)[o.param]}` +
    (p.options.fracQif === undefined ? '' : `, fracQif = ${p.options.fracQif}`));
  bar.stop();
  const rows = summaries.map((summary, i) => {
    const { value, mix } = slice.points[i];
    return { [o.param]: value, ...(mix === undefined ? {} : { fracQif: mix }), ...summary };
  });
  if (o.shard) {
    process.stdout.write(`${JSON.stringify(shardResult({ ...o, shard: o.shard }, all.length, { param: o.param, measure: 'spiking', seed, values: o.values, options }, rows))}\n`);
    return;
  }
  printSpikingSweep(o, o.param, rows);
}

/** The rows of a spiking sweep: the array with --json, else a table (warnings on stderr). */
export function printSpikingSweep(o: { json?: boolean }, param: string, rows: Record<string, unknown>[]): void {
  if (o.json) {
    process.stdout.write(`${JSON.stringify(rows)}\n`);
    return;
  }
  const keys = [param, ...(param === 'fracQif' ? [] : ['fracQif']), 'rate', 'cv', 'prBins', 'prFiltered', 'fracSilent'];
  const table = new Table({ head: keys, style: { head: [], border: [] } });
  for (const row of rows) table.push(keys.map((k) => show(row[k] as number | null)));
  warn([...new Set(rows.flatMap((row) => (row.warnings as string[]).map((w) => `${param} = ${row[param]}: ${w}`)))]);
  process.stdout.write(`rnnkit sweep: spiking vs ${param}\n${table.toString()}\n`);
}

