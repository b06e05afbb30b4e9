/**
 * `rnnkit theory`: the mean-field predictions for a model's parameters (no simulation), and
 * `rnnkit compare`: theory and simulation side by side on the same network, with the differences
 * and the size a finite network is expected to show.
 */
import Table from 'cli-table3';
import { type Command, Option } from 'commander';
import { ensembleAutocorrelation, unitAverage } from '../../analysis/correlation-ensemble.js';
import { lyapunovExponents } from '../../analysis/lyapunov.js';
import { autocorrelation } from '../../analysis/timescales.js';
import type { Network } from '../../connectivity/network.js';
import { networkInDegrees, degreesOf } from '../../connectivity/stats.js';
import { NONLINEARITIES, type NonlinearityName } from '../../dynamics/nonlinearity.js';
import { simulateRate } from '../../dynamics/run.js';
import type { CsrMatrix } from '../../linalg/csr.js';
import { load } from '../../load.js';
import { degreeMeanField, lognormalDegreeClasses, networkDegreeClasses } from '../../theory/dmft/degree.js';
import { scsLyapunov } from '../../theory/dmft/lyapunov.js';
import { memoryMeanField, reciprocalBulkEdge, reciprocalCriticalGain } from '../../theory/dmft/memory.js';
import { type DegreeClasses, SINGLE_CLASS } from '../../theory/dmft/mean-field.js';
import { action, emit, intArg, numberArg, seedOf, withCommonOptions } from '../common.js';
import { type NetworkCliOptions, networkFromOptions, withNetworkOptions } from '../network-options.js';

const THEORY_MODELS = ['gaussian', 'lognormal'] as const;

/** A prediction that is no state (diverged) or unfinished (maxIter): the CLI exits non-zero. */
const isFailure = (status: string): boolean => status === 'diverged' || status === 'maxIter';

interface TheoryCliOptions {
  json?: boolean;
  model: (typeof THEORY_MODELS)[number];
  g: number;
  phi: NonlinearityName;
  cv: number;
  degreeCorr: number;
  eta: number;
  nodes: number;
  paths: number;
  seed: string;
}

const finite = (x: number | null | undefined): number | null => (x !== null && x !== undefined && Number.isFinite(x) ? x : null);

/** The mean-field prediction (η = 0) for a class structure. */
function predict(g: number, classes: DegreeClasses, phi: NonlinearityName, lyapunov: boolean) {
  const r = degreeMeanField(g, classes, { phi, tauMax: 100, dtau: 0.05 });
  const chaotic = r.status === 'chaotic';
  const lambdaMax = lyapunov && chaotic ? scsLyapunov(g, { phi }).lambdaMax : null;
  return {
    status: r.status,
    ...(r.message ? { message: r.message } : {}),
    delta0: finite(r.delta0),
    deltaInf: finite(r.deltaInf),
    criticalG: r.criticalG,
    // degreeCriticalGain returns null when x = 0 is not a fixed point with a non-zero slope (relu: φ′(0) = 0).
    ...(r.criticalG === null ? { criticalGNote: `no spectral threshold at x = 0 for ${phi}: φ(0) ≠ 0 or φ′(0) = 0, so the linearisation at rest never destabilises` } : {}),
    criticalGMeaning: 'spectral threshold: the gain where the Jacobian bulk at x = 0 reaches Re λ = 0 (g_c = E[κ_in κ_out]^(−1/2)/φ′(0)); the chaos onset is measured, not implied',
    lambdaMax: finite(lambdaMax),
    tauHalf: finite(r.timescales.tauHalf),
    tau1e: finite(r.timescales.tau1e),
    tauIntegrated: finite(r.timescales.tauIntegrated),
    classes: r.classes.map((c) => ({
      kappaIn: c.kappaIn, kappaOut: c.kappaOut, weight: c.weight, varX: finite(c.varX), varPhi: finite(c.varPhi), tauHalf: finite(c.tauHalf),
      tauHalfPhi: finite(c.tauHalfPhi),
    })),
    tau: r.tau,
    delta: r.delta,
  };
}

export function registerTheory(program: Command): void {
  const command = program.command('theory')
    .description('mean-field (DMFT) predictions: variance Δ0, critical g, λ_max, timescales, per-degree-class variance')
    .addOption(new Option('--model <model>', 'gaussian (SCS) or lognormal degrees').choices(THEORY_MODELS).default('gaussian'))
    .option('--g <g>', 'gain g', numberArg('--g', 0), 2)
    .addOption(new Option('--phi <name>', 'nonlinearity φ').choices(NONLINEARITIES).default('tanh'))
    .option('--cv <cv>', 'coefficient of variation of the degrees (lognormal)', numberArg('--cv', 0), 1)
    .option('--degree-corr <rho>', 'correlation of log in- and out-degree (lognormal)', numberArg('--degree-corr', -1, 1), 0)
    .option('--eta <eta>', 'corr(J_ij, J_ji): η ≠ 0 runs the memory-term Monte-Carlo DMFT (undirected degrees)', numberArg('--eta', -1, 1), 0)
    .option('--nodes <n>', 'Gauss–Hermite classes for the lognormal law', intArg('--nodes', 1, 200), 40)
    .option('--paths <p>', 'Monte-Carlo noise paths per class for η ≠ 0', intArg('--paths', 2, 100_000), 200);
  withCommonOptions(command).action(action('theory', async (o: TheoryCliOptions) => {
    if (o.eta !== 0) {
      emitMemory(o);
      return;
    }
    const classes = o.model === 'gaussian' ? SINGLE_CLASS : lognormalDegreeClasses({ cv: o.cv, degreeCorrelation: o.degreeCorr, nodes: o.nodes });
    const { tau: _tau, delta: _delta, ...prediction } = predict(o.g, classes, o.phi, o.model === 'gaussian');
    const result = {
      model: o.model, g: o.g, phi: o.phi, eta: o.eta, ...(o.model === 'lognormal' ? { cv: o.cv, degreeCorrelation: o.degreeCorr } : {}),
      ...prediction,
    };
    emit(o, result, (r) => [
      `rnnkit theory: ${r.model}, g = ${r.g}, φ = ${r.phi}: ${r.status}${r.message ? ` (${r.message})` : ''}`,
      `  Δ0 = ${r.delta0}, Δ∞ = ${r.deltaInf}, critical g (spectral threshold) = ${r.criticalG ?? `none (${r.criticalGNote})`}`,
      `  λ_max = ${r.lambdaMax ?? '–'}, τ½ = ${r.tauHalf ?? '–'}, τ_1/e = ${r.tau1e ?? '–'}, τ_int = ${r.tauIntegrated ?? '–'}`,
      ...(r.model === 'lognormal' ? [`  ${r.classes.length} degree classes (κ_in from ${r.classes[0]?.kappaIn.toPrecision(3)} to ${r.classes.at(-1)?.kappaIn.toPrecision(3)}); var x = κ_in·Δ0`] : []),
    ].join('\n'));
    if (isFailure(prediction.status)) process.exitCode = 1;
  }));
}

/**
 * η ≠ 0: the memory-term theory (undirected degrees, k_in = k_out): the linearised bulk edge's g_c
 * and the Monte-Carlo DMFT per class (a few Gauss–Hermite classes: each costs a full path ensemble).
 */
function emitMemory(o: TheoryCliOptions): void {
  const classes = o.model === 'gaussian' ? SINGLE_CLASS : lognormalDegreeClasses({ cv: o.cv, degreeCorrelation: 1, nodes: Math.min(o.nodes, 6) });
  const mc = memoryMeanField(o.g, o.eta, classes, { phi: o.phi, paths: o.paths, seed: seedOf(o) });
  const result = {
    model: o.model, g: o.g, phi: o.phi, eta: o.eta, ...(o.model === 'lognormal' ? { cv: o.cv, undirected: true } : {}),
    status: mc.status, iterations: mc.iterations, monteCarloError: mc.monteCarloError,
    criticalG: reciprocalCriticalGain(o.eta, classes),
    criticalGMeaning: 'spectral threshold of the linearised equations (bulk edge with reciprocal correlations reaches Re λ = 1)',
    unstableAtRest: o.g * reciprocalBulkEdge(1, o.eta, classes) > 1,
    lambdaMax: null,
    delta0: classes.weight.reduce((s, w, c) => s + w * mc.classes[c].varX, 0),
    tauHalf: finite(mc.classes.reduce((s, c) => s + c.weight * c.timescales.tauHalf, 0)),
    integratedResponse: mc.integratedResponse,
    degreeTimescaleCorrelation: mc.degreeTimescaleCorrelation,
    classes: mc.classes.map((c) => ({
      kappaIn: c.kappa, weight: c.weight, varX: c.varX, varXError: c.varXError, tauHalf: finite(c.timescales.tauHalf), selfCoupling: c.selfCoupling,
    })),
  };
  emit(o, result, (r) => [
    `rnnkit theory: ${r.model}, g = ${r.g}, η = ${r.eta} (memory term, Monte-Carlo DMFT: ${r.status} after ${r.iterations} iterations)`,
    `  critical g (spectral threshold) = ${r.criticalG}; mean ⟨x²⟩ = ${r.delta0}; τ½ = ${r.tauHalf}; ∫R̄ = ${r.integratedResponse}`,
    ...r.classes.map((c) => `  κ = ${c.kappaIn.toPrecision(3)}: var x = ${c.varX.toPrecision(4)} ± ${c.varXError.toPrecision(2)}, τ½ = ${c.tauHalf}, s_κ = ${c.selfCoupling.toPrecision(3)}`),
  ].join('\n'));
  if (mc.status === 'maxIter') process.exitCode = 1;
}

interface CompareCliOptions extends NetworkCliOptions {
  t: number;
  dt: number;
  transient: number;
  phi: NonlinearityName;
  lyapunov?: boolean;
  bins: number;
}

interface Row {
  quantity: string;
  theory: number | null;
  simulation: number | null;
  difference: number | null;
  relativeDifference: number | null;
  /** The size a finite network and run are expected to show (statistical error or O(N^{-1/2}) scale). */
  expected: number | null;
}

function row(quantity: string, theory: number | null, simulation: number | null, expected: number | null): Row {
  const ok = theory !== null && simulation !== null;
  return {
    quantity, theory, simulation, expected,
    difference: ok ? simulation - theory : null,
    relativeDifference: ok && theory !== 0 ? simulation / theory - 1 : null,
  };
}

/** Per-neuron ⟨x²⟩ over the recording (no mean removed: DMFT's Δ_i(0)). */
function secondMoments(values: Float64Array, nSamples: number, n: number): Float64Array {
  const m = new Float64Array(n);
  for (let s = 0; s < nSamples; s++) for (let u = 0; u < n; u++) m[u] += values[s * n + u] ** 2 / nSamples;
  return m;
}

/** Population ⟨x²⟩ in `blocks` consecutive time blocks: their spread estimates the run's statistical error. */
function blockError(values: Float64Array, nSamples: number, n: number, blocks: number): number {
  const per = Math.floor(nSamples / blocks);
  const means = Array.from({ length: blocks }, (_, b) => {
    let s = 0;
    for (let k = b * per; k < (b + 1) * per; k++) for (let u = 0; u < n; u++) s += values[k * n + u] ** 2;
    return s / (per * n);
  });
  const m = means.reduce((a, b) => a + b, 0) / blocks;
  return Math.sqrt(means.reduce((a, b) => a + (b - m) ** 2, 0) / (blocks - 1) / blocks);
}

export async function compareRun(rt: Awaited<ReturnType<typeof load>>, net: Network, o: CompareCliOptions, seed: number | string) {
  const g = Number(net.params.g ?? 1);
  const k = Number(net.params.k ?? 0);
  const n = net.n;
  const degrees = net.model === 'lognormal' ? degreesOf(rt, net.matrix as CsrMatrix) : null;
  const classes = degrees ? networkDegreeClasses({ inDegrees: degrees.inDegree, outDegrees: degrees.outDegree, k }) : SINGLE_CLASS;
  const theory = predict(g, classes, o.phi, net.model === 'gaussian');
  const run = await simulateRate(rt, { connectivity: net, phi: o.phi }, {
    t: o.t, dt: o.dt, transient: o.transient, seed, record: { units: 'all', every: Math.max(1, Math.round(0.2 / o.dt)) },
  });
  const rec = run.recording;
  if (!rec) throw new Error('compare: the run recorded nothing');
  const inDegrees = networkInDegrees(net);
  const kappa = Float64Array.from({ length: n }, (_, i) => (inDegrees && degrees ? inDegrees[i] / k : 1));
  const meanKappa = kappa.reduce((a, b) => a + b, 0) / n;
  const rows: Row[] = [];
  const qTheory = theory.delta0 === null ? null : meanKappa * theory.delta0;
  const qError = blockError(rec.values, rec.nSamples, n, 4);
  rows.push(row('q = ⟨x²⟩', qTheory, run.summary.q, Math.hypot(qError, (qTheory ?? 0) / Math.sqrt(n))));
  const maxLag = Math.min(Math.floor(rec.nSamples / 2), Math.round(40 / rec.sampleDt));
  const ac = autocorrelation(rt, rec, { sampleDt: rec.sampleDt, maxLag, removeMean: false });
  const all = ensembleAutocorrelation([ac.population], rec.sampleDt);
  rows.push(row('τ½ of Δ(τ)', theory.tauHalf, finite(all.timescales.tauHalf.mean), null));
  let classRows: { bin: number; meanInDegree: number; varTheory: number | null; varSimulation: number; tauHalfSimulation: number | null }[] = [];
  if (degrees) {
    const m2 = secondMoments(rec.values, rec.nSamples, n);
    const order = Array.from(kappa.keys()).sort((a, b) => kappa[a] - kappa[b]);
    classRows = Array.from({ length: o.bins }, (_, b) => {
      const idx = order.slice(Math.floor((b * n) / o.bins), Math.floor(((b + 1) * n) / o.bins));
      const meanK = idx.reduce((s, i) => s + kappa[i], 0) / idx.length;
      const c = ensembleAutocorrelation([unitAverage(ac, idx)], rec.sampleDt);
      return {
        bin: b, meanInDegree: meanK * k,
        varTheory: theory.delta0 === null ? null : meanK * theory.delta0,
        varSimulation: idx.reduce((s, i) => s + m2[i], 0) / idx.length,
        tauHalfSimulation: finite(c.timescales.tauHalf.mean),
      };
    });
    for (const c of classRows) {
      rows.push(row(`var x, in-degree bin ${c.bin} (k̄_in = ${c.meanInDegree.toFixed(1)})`, c.varTheory, c.varSimulation,
        c.varTheory === null ? null : c.varTheory * Math.sqrt(o.bins / n)));
    }
  }
  if (o.lyapunov) {
    const ly = await lyapunovExponents(rt, { connectivity: net, phi: o.phi }, { t: o.t, dt: o.dt, transient: o.transient, seed });
    rows.push(row('λ_max', theory.lambdaMax, ly.lambdaMax, ly.lambdaStdErr));
  }
  return {
    network: { model: net.model, n, params: net.params }, seed, t: o.t, dt: o.dt, transient: o.transient, phi: o.phi,
    theoryStatus: theory.status, criticalG: theory.criticalG, rows, classes: classRows,
    delta: { tau: Array.from(all.lags), simulation: Array.from(all.mean), theory: Array.from(all.lags, (t) => theory.delta[Math.round(t / 0.05)] ?? null) },
    notes: 'simulation autocovariance without per-unit mean removal (as DMFT defines Δ); expected: block-bootstrap error ⊕ O(N^(−1/2)) scale for q, the error over segments for λ_max',
  };
}

export function registerCompare(program: Command): void {
  const command = program.command('compare')
    .description('run theory and simulation side by side on the same network: q, τ½, per-degree variance, λ_max')
    .option('--t <T>', 'total time in units of τ, transient included', numberArg('--t', 0), 250)
    .option('--dt <dt>', 'time step in units of τ', numberArg('--dt', 0), 0.1)
    .option('--transient <T0>', 'time discarded before measuring', numberArg('--transient', 0), 50)
    .addOption(new Option('--phi <name>', 'nonlinearity φ').choices(NONLINEARITIES).default('tanh'))
    .option('--lyapunov', 'also measure λ_max by tangent dynamics (slow)')
    .option('--bins <b>', 'in-degree bins for the per-class comparison', intArg('--bins', 1, 100), 5);
  withCommonOptions(withNetworkOptions(command)).action(action('compare', async (o: CompareCliOptions) => {
    const rt = await load();
    const seed = seedOf(o);
    if (o.model !== undefined && o.model !== 'gaussian' && o.model !== 'lognormal') {
      throw new RangeError(`--model must be gaussian or lognormal for compare (got ${o.model})`);
    }
    using net = await networkFromOptions(rt, o, seed, 'gaussian');
    if (Number(net.params.eta ?? 0) !== 0) throw new RangeError('--eta ≠ 0: compare covers the η = 0 theory');
    const result = await compareRun(rt, net, o, seed);
    emit(o, result, (r) => {
      const table = new Table({ head: ['quantity', 'theory', 'simulation', 'difference', 'expected size'], style: { head: [], border: [] } });
      const f = (x: number | null) => (x === null ? '–' : String(Number(x.toPrecision(4))));
      for (const x of r.rows) table.push([x.quantity, f(x.theory), f(x.simulation), f(x.difference), f(x.expected)]);
      return `rnnkit compare: ${r.network.model}, n = ${r.network.n}, t = ${r.t} (${r.theoryStatus})\n${table.toString()}`;
    });
  }));
}
