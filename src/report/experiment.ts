/**
 * Runs an experiment (src/report/config.ts) and collects every number a report shows, with the
 * figure specifications built from them. Pure data in, plain data out: rendering is html.ts.
 */
import { pointTask, runSweep, type SweepPool } from '../parallel/sweep.js';
import { deriveSeed } from '../random/seed.js';
import { lyapunovExponents } from '../analysis/lyapunov.js';
import { modeStatistics } from '../analysis/mode-statistics.js';
import { participationRatio } from '../analysis/participation-ratio.js';
import { quantile, spearman } from '../analysis/statistics.js';
import { intrinsicTimescales } from '../analysis/timescales.js';
import { network, type NetworkOptions, randomModeNetwork } from '../connectivity/index.js';
import type { Network } from '../connectivity/network.js';
import { yieldNow } from '../dynamics/driver.js';
import { type RateRecording, type RecordSpec, simulateRate } from '../dynamics/run.js';
import { networkInDegrees } from '../connectivity/stats.js';
import { eigDense } from '../linalg/eigen/dense.js';
import { denseFromOperator } from '../linalg/operators.js';
import type { Runtime } from '../runtime.js';
import { DIMENSION_THEORY_PHIS, scsCorrelations, scsDimension } from '../theory/dimension.js';
import { ellipticLawSemiAxes } from '../theory/spectral-laws.js';
import { NONLINEARITY_TABLE, type NonlinearityName } from '../dynamics/nonlinearity.js';
import type { DynamicsOf, Experiment, NetworkSpecOf } from './config.js';
import { lyapunovTheory, measuredOnset, runMeanFieldSection } from './mean-field.js';
import { runSpikingSection, type SpikingResults } from './spiking.js';
import { runSpikingGainSection, type SpikingGainResults } from './spiking-gain.js';
import { runCorrelationSection } from './correlations.js';
import { runSpikingTimescalesSection } from './spiking-timescales.js';
import { runFixedPointSection } from './fixed-points.js';
import { runKernelSection } from './kernels.js';
import { runInferenceSection } from './inference.js';
import { runSpikingForceSection } from './spiking-force.js';
import {
  histogramSpec, type PlotSpec, scatterSpec, spectrumSpec, type SweepPoint, sweepSpec, tracesSpec,
} from './plots.js';
import { fmt } from './format.js';

export interface Figure {
  id: string;
  title: string;
  caption: string;
  spec: PlotSpec;
}

export interface SummaryRow {
  section: string;
  item: string;
  value: string;
}

export interface ExperimentResults {
  spectra?: { label: string; n: number; spectralRadius: number; theoryRadius: number | null; law: string; eigenvalues: { re: number; im: number }[] }[];
  lyapunov?: { param: string; series: { label: string; criticalValue: number | null; points: { value: number; lambdaMax: number; lambdaStdErr: number }[] }[] };
  traces?: { label: string; sampleDt: number; units: { index: number; inDegree: number; group: 'low' | 'high'; x: number[] }[] };
  timescales?: {
    label: string; median: number; medianStdErr: number; p10: number; p90: number; tailRatio: number; degreeSpearman: number | null;
    tauIntegrated: number[]; inDegrees: number[]; warnings: string[];
  }[];
  participation?: {
    param: string;
    series: {
      label: string;
      points: ({ value: number } & MeasuredDimension)[];
    }[];
    /** The N → ∞ prediction at each swept g, where the theory applies (Gaussian, η = J0 = 0, φ with a mean-field solution). */
    theory: { label: string; points: { value: number; prXOverN: number; prPhiOverN: number }[] }[];
  };
  effectiveRank?: {
    n: number; g: number;
    networks: ({ label: string; modes: 'gaussian' | 'orthogonal'; designRank: number; epsilon: number; matrixRank: number;
      theoryXOverN: number | null; theoryPhiOverN: number | null } & MeasuredDimension)[];
  };
  spiking?: SpikingResults;
  meanField?: Awaited<ReturnType<typeof runMeanFieldSection>>['results'];
  spikingGain?: SpikingGainResults;
  fixedPoints?: Awaited<ReturnType<typeof runFixedPointSection>>['results'];
  correlations?: Awaited<ReturnType<typeof runCorrelationSection>>['results'];
  kernels?: Awaited<ReturnType<typeof runKernelSection>>['results'];
  inference?: Awaited<ReturnType<typeof runInferenceSection>>['results'];
  spikingTimescales?: Awaited<ReturnType<typeof runSpikingTimescalesSection>>['results'];
  spikingForce?: Awaited<ReturnType<typeof runSpikingForceSection>>['results'];
}

/** PR^x (pr, prOverN, …) and PR^φ of one recording, cross-block estimates with their plain counterparts. */
export interface MeasuredDimension {
  pr: number | null; prOverN: number | null; prOverNStdErr: number | null; plainPrOverN: number | null;
  prPhiOverN: number | null; prPhiOverNStdErr: number | null; status: string; warnings: string[];
}

/** PR^x and PR^φ = PR of φ(x) (the same run) of a recording. */
function measureDimension(rt: Runtime, rec: RateRecording, phi: NonlinearityName): MeasuredDimension {
  const x = participationRatio(rt, rec);
  const f = NONLINEARITY_TABLE[phi].phi;
  const activity = phi === 'linear' ? x : participationRatio(rt, { ...rec, values: rec.values.map(f) });
  return {
    pr: x.pr, prOverN: x.prOverN, prOverNStdErr: x.prOverNStdErr, plainPrOverN: x.plainPr === null ? null : x.plainPr / x.nUnits,
    prPhiOverN: activity.prOverN, prPhiOverNStdErr: activity.prOverNStdErr, status: x.status, warnings: [...new Set([...x.warnings, ...activity.warnings])],
  };
}

/** Whether the SCS dimension theory describes a network spec under φ (Gaussian with η = J0 = 0). */
const scsTheoryApplies = (spec: NetworkSpecOf, phi: NonlinearityName) =>
  spec.model === 'gaussian' && Number(spec.eta ?? 0) === 0 && Number(spec.j0 ?? 0) === 0 && (DIMENSION_THEORY_PHIS as readonly string[]).includes(phi);

const errOf = (err: number | null) => (err === null ? {} : { err });

export type ProgressCallback = (section: string, done: number, total: number) => void;

const DYNAMICS_KEYS = ['t', 'transient', 'dt', 'noise'] as const;

/** The network a spec describes, with `param` set to `value` when given (network or dynamics key). */
function buildNetwork(rt: Runtime, spec: NetworkSpecOf, seed: string, sweep?: { param: string; value: number }): Network {
  const { label: _label, ...options } = spec;
  const params: Record<string, unknown> = { ...options, seed };
  if (sweep && !(DYNAMICS_KEYS as readonly string[]).includes(sweep.param)) params[sweep.param] = sweep.value;
  try {
    return network(rt, params as unknown as NetworkOptions);
  } catch (error) {
    throw new RangeError(`network '${spec.label}': ${(error as Error).message}`);
  }
}

function dynamicsAt(dynamics: DynamicsOf, sweep?: { param: string; value: number }): DynamicsOf {
  return sweep && (DYNAMICS_KEYS as readonly string[]).includes(sweep.param) ? { ...dynamics, [sweep.param]: sweep.value } : dynamics;
}

const axisTitle = (param: string): string => (param === 'g' ? 'g (coupling gain)' : param);

/**
 * The difference of two median timescales, labelled by whether it exceeds twice its standard error
 * (√(SE₁² + SE₂²)): a short (quick) run must not read as a claim its own noise could reverse.
 */
function medianDifferenceRow(base: { label: string; median: number; medianStdErr: number }, other: typeof base): SummaryRow {
  const difference = other.median - base.median;
  const stdErr = Math.hypot(base.medianStdErr, other.medianStdErr);
  const verdict = !Number.isFinite(difference) || !Number.isFinite(stdErr) ? 'undefined'
    : Math.abs(difference) > 2 * stdErr ? `resolved: ${other.label} ${difference > 0 ? 'slower' : 'faster'} (|Δ| > 2 SE)`
      : 'not resolved (|Δ| ≤ 2 SE): no claim; lengthen t';
  return {
    section: 'timescales', item: `median τ_int, ${other.label} − ${base.label}`,
    value: `${difference >= 0 ? '+' : ''}${fmt(difference)} ± ${fmt(stdErr, 2)} τ, ${verdict}`,
  };
}

/** Simulates `net` under a dynamics block, recording `units` (default all) every `recordEvery` steps. */
async function recordRun(rt: Runtime, net: Network, d: DynamicsOf, seed: string, units: RecordSpec['units'] = 'all'): Promise<RateRecording> {
  const run = await simulateRate(rt, { connectivity: net, phi: d.phi, noise: d.noise }, {
    t: d.t, transient: d.transient, dt: d.dt, integrator: d.integrator, seed, record: { units, every: d.recordEvery },
  });
  if (!run.recording) throw new Error('report: the run recorded nothing');
  return run.recording;
}

interface SweepSection {
  networks: NetworkSpecOf[];
  sweep: { param: string; values: number[] };
  dynamics: DynamicsOf;
}

/** One point of a report sweep: the network spec, its seeds and the swept value (all a worker needs). */
interface ReportSweepPoint {
  section: 'lyapunov' | 'participation';
  spec: NetworkSpecOf;
  networkSeed: string;
  runSeed: string;
  at: { param: string; value: number };
  dynamics: DynamicsOf;
}

/** Builds the network (and dynamics) of one sweep point and measures it; runs serially or in a worker. */
export const reportSweepPoint = pointTask(import.meta.url, 'reportSweepPoint', async (rt: Runtime, p: ReportSweepPoint) => {
  using net = buildNetwork(rt, p.spec, p.networkSeed, p.at);
  const d = dynamicsAt(p.dynamics, p.at);
  if (p.section === 'participation') return { bulkRadius: net.theory.bulkRadius, measured: measureDimension(rt, await recordRun(rt, net, d, p.runSeed), d.phi) };
  const ly = await lyapunovExponents(rt, { connectivity: net, phi: d.phi, noise: d.noise }, {
    t: d.t, transient: d.transient, dt: d.dt, integrator: d.integrator, seed: p.runSeed,
  });
  return { bulkRadius: net.theory.bulkRadius, measured: { lambdaMax: ly.lambdaMax, lambdaStdErr: ly.lambdaStdErr } };
});

/** Where the report's sweeps run: serially (default) or on a pool of workers, with the same numbers. */
export interface ExperimentRunOptions {
  pool?: SweepPool;
  signal?: AbortSignal;
}

/**
 * For each network and each swept value: builds the network (and dynamics) at that value and
 * measures it. Each series also carries the bulk radius the model predicts at the first value.
 */
async function sweepNetworks<S extends ReportSweepPoint['section']>(
  rt: Runtime, section: S, { networks, sweep, dynamics }: SweepSection, seed: string, onProgress: ProgressCallback, run: ExperimentRunOptions,
) {
  type Measured = S extends 'lyapunov' ? { lambdaMax: number; lambdaStdErr: number } : MeasuredDimension;
  const points = networks.flatMap((spec) => sweep.values.map((value): ReportSweepPoint => ({
    section, spec, networkSeed: deriveSeed(seed, section, spec.label), runSeed: deriveSeed(seed, section, spec.label, value),
    at: { param: sweep.param, value }, dynamics,
  })));
  onProgress(section, 0, points.length);
  const measured = await runSweep(rt, reportSweepPoint, points, {
    ...run, onProgress: (done, total) => onProgress(section, done, total), describe: (p) => `network '${p.spec.label}', ${p.at.param} = ${p.at.value}`,
  });
  return networks.map((s, i) => {
    const own = measured.slice(i * sweep.values.length, (i + 1) * sweep.values.length);
    return { label: s.label, firstBulkRadius: own[0]?.bulkRadius ?? null, points: own.map((m, j) => ({ value: sweep.values[j], ...(m.measured as Measured) })) };
  });
}

export async function runExperiment(rt: Runtime, experiment: Experiment, onProgress: ProgressCallback = () => {}, run: ExperimentRunOptions = {}) {
  const seed = String(experiment.seed);
  const results: ExperimentResults = {};
  const figures: Figure[] = [];
  const summary: SummaryRow[] = [];
  const timingMs: Record<string, number> = {};
  const timed = async (section: string, fn: () => Promise<void>) => {
    const start = performance.now();
    await fn();
    timingMs[section] = performance.now() - start;
  };

  if (experiment.spectra) {
    const spec = experiment.spectra;
    await timed('spectra', async () => {
      results.spectra = [];
      for (const [i, s] of spec.networks.entries()) {
        onProgress('spectra', i, spec.networks.length);
        await yieldNow();
        using net = buildNetwork(rt, s, deriveSeed(seed, 'spectra', s.label));
        const eig = eigDense(rt, { n: net.n, values: denseFromOperator(rt, net) });
        const radius = Math.max(...eig.eigenvalues.map((l) => Math.hypot(l.re, l.im)));
        const bulk = net.theory.bulkRadius;
        const g = Number(net.params.g ?? 1);
        const eta = Number(net.params.eta ?? 0);
        const axes = ellipticLawSemiAxes(g, eta);
        const law = net.model === 'gaussian'
          ? { a: axes.real, b: axes.imaginary, label: eta === 0 ? `circular law, radius g = ${g}` : `elliptic law, semi-axes (1 ± η)g` }
          : bulk === null ? null : { a: bulk, b: bulk, label: `predicted radius ${fmt(bulk)}` };
        results.spectra.push({
          label: s.label, n: net.n, spectralRadius: radius, theoryRadius: net.theory.spectralRadius, law: net.theory.law,
          eigenvalues: eig.eigenvalues,
        });
        figures.push({
          id: `spectrum-${i}`, title: `Eigenvalues of J: ${s.label}`,
          caption: `All ${net.n} eigenvalues (dense Hessenberg–QR in WASM); red: ${law?.label ?? 'no law for this model'}.`,
          spec: spectrumSpec({ title: s.label, eigenvalues: eig.eigenvalues, law }),
        });
        summary.push({ section: 'spectra', item: `${s.label}: spectral radius (theory)`, value: `${fmt(radius)} (${fmt(net.theory.spectralRadius)})` });
      }
      onProgress('spectra', spec.networks.length, spec.networks.length);
    });
  }

  if (experiment.lyapunov) {
    const section = experiment.lyapunov;
    const { param, values } = section.sweep;
    await timed('lyapunov', async () => {
      const measured = await sweepNetworks(rt, 'lyapunov', section, seed, onProgress, run);
      // The bulk radius scales with g: the law puts the onset of chaos where it reaches 1.
      const series = measured.map(({ label, firstBulkRadius, points }) => ({
        label, points, criticalValue: param === 'g' && firstBulkRadius ? values[0] / firstBulkRadius : null,
      }));
      for (const s of series) summary.push({ section: 'chaos', item: `${s.label}: critical ${param} (spectral threshold, theory)`, value: fmt(s.criticalValue) });
      results.lyapunov = { param, series };
      const points: SweepPoint[] = series.flatMap((s) => s.points.map((p) => ({ series: s.label, x: p.value, y: p.lambdaMax, err: p.lambdaStdErr })));
      // Theory overlay: the DMFT λ(g) of the SCS network, and the measured onset beside the spectral threshold.
      if (param === 'g') points.push(...lyapunovTheory(values, section.dynamics.phi));
      for (const s of series) summary.push({ section: 'chaos', item: `${s.label}: measured onset (first ${param} with λ_max > 2 SE)`, value: fmt(measuredOnset(s.points)) });
      const markers = series.filter((s) => s.criticalValue !== null).map((s) => ({ series: s.label, x: s.criticalValue as number, label: 'spectral threshold' }));
      figures.push({
        id: 'lyapunov', title: `Largest Lyapunov exponent against ${param}`,
        caption: `λ_max by tangent dynamics (± standard error over segments)${param === 'g' ? ', beside the DMFT λ(g) of the Gaussian (SCS) network' : ''}; ` +
          `dashed: the spectral threshold (critical ${param} where the predicted bulk radius reaches 1), not the measured chaos onset (summary table).`,
        spec: sweepSpec({ title: `λ_max vs ${param}`, xTitle: axisTitle(param), yTitle: 'λ_max (1/τ)', points, markers, zeroLine: true }),
      });
    });
  }

  if (experiment.traces) {
    const { network: s, dynamics: d, perGroup } = experiment.traces;
    await timed('traces', async () => {
      onProgress('traces', 0, 1);
      using net = buildNetwork(rt, s, deriveSeed(seed, 'traces', s.label));
      const degrees = networkInDegrees(net) ?? new Int32Array(net.n);
      const order = Array.from(degrees.keys()).sort((a, b) => degrees[a] - degrees[b] || a - b);
      const picked = [...order.slice(0, perGroup).map((i) => [i, 'low'] as const), ...order.slice(-perGroup).map((i) => [i, 'high'] as const)];
      const rec = await recordRun(rt, net, d, deriveSeed(seed, 'traces'), picked.map(([i]) => i));
      const units = picked.map(([index, group], u) => ({
        index, inDegree: degrees[index], group,
        x: Array.from({ length: rec.nSamples }, (_, k) => rec.values[k * rec.nUnits + u]),
      }));
      results.traces = { label: s.label, sampleDt: rec.sampleDt, units };
      const rows = units.flatMap((u) => u.x.map((x, k) => ({
        t: rec.times[k], x, unit: `neuron ${u.index} (k_in = ${u.inDegree})`, group: `${u.group} in-degree`,
      })));
      figures.push({
        id: 'traces', title: `Activity of low- and high-degree neurons: ${s.label}`,
        caption: `x_i(t) of the ${perGroup} neurons with the lowest and the ${perGroup} with the highest in-degree.`,
        spec: tracesSpec(s.label, rows),
      });
      const amplitude = (group: string) => {
        const xs = units.filter((u) => u.group === group).flatMap((u) => u.x);
        return Math.sqrt(xs.reduce((a, x) => a + x * x, 0) / xs.length);
      };
      summary.push({ section: 'traces', item: `${s.label}: rms x, low / high in-degree`, value: `${fmt(amplitude('low'))} / ${fmt(amplitude('high'))}` });
      onProgress('traces', 1, 1);
    });
  }

  if (experiment.timescales) {
    const { networks, dynamics: d, replicates } = experiment.timescales;
    await timed('timescales', async () => {
      results.timescales = [];
      for (const [i, s] of networks.entries()) {
        const medians: number[] = [];
        const tauIntegrated: number[] = [];
        const inDegrees: number[] = [];
        const warnings = new Set<string>();
        for (let r = 0; r < replicates; r++) {
          onProgress('timescales', i * replicates + r, networks.length * replicates);
          const runSeed = r === 0 ? deriveSeed(seed, 'timescales', s.label) : deriveSeed(seed, 'timescales', s.label, r);
          using net = buildNetwork(rt, s, runSeed);
          const degrees = networkInDegrees(net);
          if (!degrees) throw new RangeError(`timescales: network '${s.label}' must be sparse (its in-degrees are plotted)`);
          const rec = await recordRun(rt, net, d, runSeed);
          const ts = intrinsicTimescales(rt, rec, { sampleDt: rec.sampleDt, degrees });
          medians.push(ts.summary.tauIntegrated.median);
          tauIntegrated.push(...ts.tauIntegrated);
          inDegrees.push(...degrees);
          for (const warning of ts.warnings) warnings.add(warning);
        }
        // Each replicate is a new network and run: the spread of their medians is the honest error
        // (units of one run share its slow fluctuations, so their spread understates it).
        const median = medians.reduce((a, m) => a + m, 0) / replicates;
        const medianStdErr = Math.sqrt(medians.reduce((a, m) => a + (m - median) ** 2, 0) / (replicates - 1) / replicates);
        const pooled = Float64Array.from(tauIntegrated).filter(Number.isFinite).sort();
        const degreeSpearman = spearman(tauIntegrated, inDegrees);
        results.timescales.push({
          label: s.label, median, medianStdErr, p10: quantile(pooled, 0.1), p90: quantile(pooled, 0.9),
          tailRatio: quantile(pooled, 0.9) / quantile(pooled, 0.5), degreeSpearman: Number.isFinite(degreeSpearman) ? degreeSpearman : null,
          tauIntegrated, inDegrees, warnings: [...warnings],
        });
        summary.push({
          section: 'timescales', item: `${s.label}: median τ_int ± SE over ${replicates} networks [p10, p90]`,
          value: `${fmt(median)} ± ${fmt(medianStdErr, 2)} [${fmt(quantile(pooled, 0.1))}, ${fmt(quantile(pooled, 0.9))}] τ`,
        });
        summary.push({ section: 'timescales', item: `${s.label}: Spearman(τ_int, in-degree)`, value: fmt(degreeSpearman) });
        if (warnings.size > 0) {
          const [first] = warnings;
          summary.push({ section: 'timescales', item: `${s.label}: warnings (all in report.json)`, value: `${warnings.size} over ${replicates} runs, e.g. ${first}` });
        }
      }
      onProgress('timescales', networks.length * replicates, networks.length * replicates);
      const all = results.timescales;
      for (const other of all.slice(1)) summary.push(medianDifferenceRow(all[0], other));
      figures.push({
        id: 'timescale-distribution', title: 'Distribution of intrinsic timescales',
        caption: 'τ_int = ∫ρ_i(τ)² dτ per neuron (autocorrelation by FFT), log10 scale.',
        spec: histogramSpec('intrinsic timescales', 'log10 τ_int (τ)', all.flatMap((r) => r.tauIntegrated.filter((v) => v > 0).map((v) => ({ series: r.label, value: Math.log10(v) })))),
      });
      figures.push({
        id: 'timescale-degree', title: 'Timescale against in-degree',
        caption: 'Each point is a neuron; the Spearman correlation is in the summary table.',
        spec: scatterSpec('τ_int vs in-degree', 'in-degree k_in', 'τ_int (τ)', all.flatMap((r) => r.tauIntegrated.map((v, j) => ({ series: r.label, x: r.inDegrees[j], y: v })).filter((p) => p.y > 0))),
      });
    });
  }

  if (experiment.participation) {
    const section = experiment.participation;
    const { param } = section.sweep;
    await timed('participation', async () => {
      const measured = await sweepNetworks(rt, 'participation', section, seed, onProgress, run);
      const series = measured.map(({ label, points }) => ({ label, points }));
      const phi = section.dynamics.phi;
      const theory = param === 'g'
        ? section.networks.filter((spec) => scsTheoryApplies(spec, phi)).map((spec) => ({
          label: spec.label,
          points: section.sweep.values.flatMap((g) => {
            const r = scsDimension(g, { phi });
            return r.prXOverN === null || r.prPhiOverN === null ? [] : [{ value: g, prXOverN: r.prXOverN, prPhiOverN: r.prPhiOverN }];
          }),
        }))
        : [];
      for (const s of series) {
        const last = s.points.at(-1);
        summary.push({
          section: 'dimension', item: `${s.label}: PR/N at ${param} = ${last?.value} (cross-block ± s.e.; plain)`,
          value: last?.prOverN == null ? `undefined (${last?.status})` : `${fmt(last.prOverN)} ± ${fmt(last.prOverNStdErr, 2)}; ${fmt(last.plainPrOverN)}`,
        });
        const flagged = s.points.filter((p) => p.warnings.length > 0 || p.status !== 'ok');
        if (flagged.length > 0) {
          summary.push({ section: 'dimension', item: `${s.label}: points with warnings (${param})`, value: flagged.map((p) => p.value).join(', ') });
        }
      }
      for (const t of theory) {
        const last = t.points.at(-1);
        if (last) summary.push({ section: 'dimension', item: `${t.label}: theory PR^x/N, PR^φ/N at ${param} = ${last.value} (N → ∞)`, value: `${fmt(last.prXOverN)}, ${fmt(last.prPhiOverN)}` });
      }
      results.participation = { param, series, theory };
      figures.push({
        id: 'participation', title: `Participation ratio against ${param}`,
        caption: 'PR = (tr C)²/tr C² of the covariance of x and of φ(x), divided by N: the fraction of dimensions activity explores. ' +
          'Cross-block estimate over 10 time blocks (unbiased by sampling noise) ± jackknife standard error; dashed: the N → ∞ theory ' +
          '(Clark, Abbott & Litwin-Kumar 2023), which finite networks approach from above.',
        spec: sweepSpec({
          title: `PR/N vs ${param}`, xTitle: axisTitle(param), yTitle: 'PR / N',
          points: series.flatMap((s) => s.points.flatMap((p) => [
            ...(p.prOverN === null ? [] : [{ series: `${s.label}: x`, x: p.value, y: p.prOverN, ...errOf(p.prOverNStdErr) }]),
            ...(p.prPhiOverN === null ? [] : [{ series: `${s.label}: φ`, x: p.value, y: p.prPhiOverN, ...errOf(p.prPhiOverNStdErr) }]),
          ])),
          curves: theory.flatMap((t) => t.points.flatMap((p) => [
            { series: `theory: x`, x: p.value, y: p.prXOverN }, { series: `theory: φ`, x: p.value, y: p.prPhiOverN },
          ])),
        }),
      });
    });
  }

  if (experiment.effectiveRank) {
    const { n, g, ranks, orthogonal, dynamics: d } = experiment.effectiveRank;
    await timed('effectiveRank', async () => {
      const specs = [
        ...ranks.map((rank) => ({ label: `Gaussian modes, R = ${rank}`, modes: 'gaussian' as const, rank, orthonormal: false })),
        ...(orthogonal ? [{ label: 'J = gO (orthogonal)', modes: 'orthogonal' as const, rank: n, orthonormal: true }] : []),
      ];
      for (const spec of specs) {
        if (spec.rank > n) throw new RangeError(`effectiveRank.ranks: rank ${spec.rank} exceeds n = ${n}`);
      }
      const theoryApplies = (DIMENSION_THEORY_PHIS as readonly string[]).includes(d.phi);
      const correlations = theoryApplies ? scsCorrelations(g, { phi: d.phi }) : null;
      const networks: NonNullable<ExperimentResults['effectiveRank']>['networks'] = [];
      for (const [i, spec] of specs.entries()) {
        onProgress('effectiveRank', i, specs.length);
        const netSeed = deriveSeed(seed, 'effectiveRank', spec.label);
        using net = randomModeNetwork(rt, { n, g, spectrum: new Array(spec.rank).fill(1), orthonormal: spec.orthonormal, seed: netSeed });
        const stats = modeStatistics(rt, net);
        const theory = theoryApplies ? scsDimension(g, { phi: d.phi, epsilon: stats.epsilon, correlations }) : null;
        networks.push({
          label: spec.label, modes: spec.modes, designRank: spec.rank, epsilon: stats.epsilon, matrixRank: stats.effectiveRank,
          theoryXOverN: theory?.prXOverN ?? null, theoryPhiOverN: theory?.prPhiOverN ?? null,
          ...measureDimension(rt, await recordRun(rt, net, d, netSeed), d.phi),
        });
      }
      onProgress('effectiveRank', specs.length, specs.length);
      results.effectiveRank = { n, g, networks };
      for (const r of networks) {
        summary.push({
          section: 'dimension', item: `${r.label}: ε; PR^x/N measured (theory)`,
          value: `${fmt(r.epsilon)}; ${r.prOverN === null ? `undefined (${r.status})` : `${fmt(r.prOverN)} ± ${fmt(r.prOverNStdErr, 2)}`} (${fmt(r.theoryXOverN)})`,
        });
      }
      const gaussianModes = networks.filter((r) => r.modes === 'gaussian');
      const point = (series: string, r: (typeof networks)[number], y: number | null, err: number | null) =>
        (y === null ? [] : [{ series, x: r.designRank, y, ...errOf(err) }]);
      figures.push({
        id: 'effective-rank', title: `Dimension against the effective rank of J (random-mode networks, N = ${n}, g = ${g})`,
        caption: 'J = Σ_a s_a u_a v_aᵀ with R equal strengths (Σ s² = N g²): Gaussian modes (ε ≈ N/R) and J = gO (ε = −1, drawn at R = N). ' +
          'Points: cross-block PR/N ± s.e.; dashed: the mean-field prediction through ε = N tr[(JJᵀ)²]/(tr JJᵀ)² − 2 measured on each matrix.',
        spec: sweepSpec({
          title: 'PR/N vs effective rank', xTitle: 'effective rank R of the mode spectrum', yTitle: 'PR / N', logX: true,
          points: [
            ...gaussianModes.flatMap((r) => [...point('Gaussian modes: x', r, r.prOverN, r.prOverNStdErr), ...point('Gaussian modes: φ', r, r.prPhiOverN, r.prPhiOverNStdErr)]),
            ...networks.filter((r) => r.modes === 'orthogonal').flatMap((r) => [...point('gO: x', r, r.prOverN, r.prOverNStdErr), ...point('gO: φ', r, r.prPhiOverN, r.prPhiOverNStdErr)]),
          ],
          curves: gaussianModes.flatMap((r) => [
            ...(r.theoryXOverN === null ? [] : [{ series: 'theory: x', x: r.designRank, y: r.theoryXOverN }]),
            ...(r.theoryPhiOverN === null ? [] : [{ series: 'theory: φ', x: r.designRank, y: r.theoryPhiOverN }]),
          ]),
        }),
      });
    });
  }

  if (experiment.meanField) {
    const spec = experiment.meanField;
    await timed('meanField', async () => {
      const section = await runMeanFieldSection(rt, spec, seed, (done, total) => onProgress('meanField', done, total));
      results.meanField = section.results;
      figures.push(...section.figures);
      summary.push(...section.summary);
    });
  }

  if (experiment.spiking) {
    const spec = experiment.spiking;
    await timed('spiking', async () => {
      const section = await runSpikingSection(rt, spec, seed, (done, total) => onProgress('spiking', done, total));
      results.spiking = section.results;
      figures.push(...section.figures);
      summary.push(...section.summary);
    });
  }

  if (experiment.spikingGain) {
    const spec = experiment.spikingGain;
    await timed('spikingGain', async () => {
      const section = await runSpikingGainSection(rt, spec, seed, (done, total) => onProgress('spikingGain', done, total));
      results.spikingGain = section.results;
      figures.push(...section.figures);
      summary.push(...section.summary);
    });
  }

  /** A self-contained section: its runner gives results, figures and summary lines for its spec. */
  const runStandalone = async <K extends 'fixedPoints' | 'correlations' | 'kernels' | 'inference' | 'spikingTimescales' | 'spikingForce', S>(
    key: K, spec: S | undefined,
    run: (rt: Runtime, spec: S, seed: string, onProgress: (done: number, total: number) => void) =>
      Promise<{ results: NonNullable<ExperimentResults[K]>; figures: Figure[]; summary: SummaryRow[] }>,
  ) => {
    if (spec === undefined) return;
    await timed(key, async () => {
      const section = await run(rt, spec, seed, (done, total) => onProgress(key, done, total));
      results[key] = section.results;
      figures.push(...section.figures);
      summary.push(...section.summary);
    });
  };
  await runStandalone('fixedPoints', experiment.fixedPoints, runFixedPointSection);
  await runStandalone('correlations', experiment.correlations, runCorrelationSection);
  await runStandalone('kernels', experiment.kernels, runKernelSection);
  await runStandalone('inference', experiment.inference, runInferenceSection);
  await runStandalone('spikingTimescales', experiment.spikingTimescales, runSpikingTimescalesSection);
  await runStandalone('spikingForce', experiment.spikingForce, runSpikingForceSection);

  return { results, figures, summary, timingMs };
}
