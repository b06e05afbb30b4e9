/**
 * What each panel computes, as async generators that yield a coarse result first and refined ones
 * after. They run in a Web Worker (worker.ts) on a runtime of their own and use only rnnkit's
 * public API. Results are plain, structured-cloneable data: the page draws them and the JSON
 * export writes them (the shapes follow report.json's `results` where they overlap).
 */
import {
  autocorrelation, CsrMatrix, type Complex, DenseMatrix, degreesOf, deriveSeed, denseFromOperator, eigDense, eigs,
  eigenvectorDegreeCorrelation, intrinsicTimescales, inverseParticipationRatio, lyapunovExponents, type Network, network,
  NONLINEARITY_TABLE, participationRatio, type Runtime, scsDimension, scsLyapunov, scsMeanField, SpikingNetwork,
  spikeStatistics, spectralRadiusOf, sparseGaussianNetwork, simulateRate, ellipticLawSemiAxes, DIMENSION_THEORY_PHIS,
} from 'rnnkit';
import { networkOptions, type Params } from './params.js';

export type Stage = 'coarse' | 'full';

/** The boundary a model's law draws in the complex plane, or null when it has none. */
export interface LawCurve {
  /** Semi-axes along Re and Im (a circle when equal). */
  a: number;
  b: number;
  label: string;
}

export interface SpectrumResult {
  stage: Stage;
  n: number;
  law: string;
  lawCurve: LawCurve | null;
  theoryRadius: number | null;
  outliers: number[];
  eigenvalues: Complex[];
  /** max |λ| of the eigenvalues shown (all of them in the full stage). */
  spectralRadius: number;
  /** Leading eigenvectors: IPR = Σ|v_i|⁴ and corr(|v_i|², k_in,i); the weights of the first. */
  leading: { re: number; im: number; ipr: number; degreeCorrelation: number | null }[];
  leadingWeights: Float64Array;
  inDegrees: Int32Array | null;
  solver: string;
  ms: number;
}

const rateNetwork = (rt: Runtime, p: Params, overrides: { n?: number; g?: number } = {}): Network =>
  network(rt, networkOptions(p, overrides) as Parameters<typeof network>[1]);

/** In-degrees of a sparse network; null for dense ones (every in-degree N − 1). */
function inDegreesOf(rt: Runtime, net: Network): Int32Array | null {
  return net.matrix instanceof CsrMatrix ? degreesOf(rt, net.matrix).inDegree : null;
}

/** The curve the law draws: the ellipse (1 ± η)g for Gaussian J, else a circle of the predicted bulk radius. */
function lawCurveOf(net: Network, p: Params): LawCurve | null {
  if (p.model === 'gaussian') {
    const axes = ellipticLawSemiAxes(p.g, p.eta);
    return { a: axes.real, b: axes.imaginary, label: p.eta === 0 ? 'circular law, radius g' : 'elliptic law, (1 ± η)g' };
  }
  const r = net.theory.bulkRadius;
  return r === null ? null : { a: r, b: r, label: 'predicted bulk radius' };
}

export async function* spectrumTask(rt: Runtime, p: Params): AsyncGenerator<SpectrumResult> {
  let started = performance.now();
  using net = rateNetwork(rt, p);
  const inDegrees = inDegreesOf(rt, net);
  const base = {
    n: net.n, law: net.theory.law, lawCurve: lawCurveOf(net, p), theoryRadius: net.theory.spectralRadius,
    outliers: net.theory.outliers, inDegrees,
  };
  // Coarse: the few largest-magnitude eigenpairs by Krylov–Schur (exact eigenvalues of this J).
  const k = Math.min(4, net.n - 2);
  const lead = k >= 1 ? eigs(rt, net, { k, which: 'LM', vectors: true, condition: false, tol: 1e-8, maxRestarts: 300 }) : null;
  const vectors = lead?.vectors ?? [];
  const leading = (lead?.eigenvalues ?? []).map((l, i) => ({
    re: l.re, im: l.im, ipr: inverseParticipationRatio(vectors[i]),
    degreeCorrelation: inDegrees ? eigenvectorDegreeCorrelation(vectors[i], inDegrees) : null,
  }));
  const first = vectors[0];
  const leadingWeights = first ? Float64Array.from(first.re, (re, i) => re * re + first.im[i] * first.im[i]) : new Float64Array(0);
  const coarse = lead?.eigenvalues ?? [];
  yield {
    stage: 'coarse', ...base, eigenvalues: coarse, spectralRadius: coarse.length ? spectralRadiusOf(coarse) : Number.NaN,
    leading, leadingWeights, solver: `eigs (Krylov–Schur), ${coarse.length} largest |λ|, ${lead?.status ?? 'n/a'}`,
    ms: performance.now() - started,
  };
  started = performance.now();
  // Full: every eigenvalue (dense Hessenberg–QR; condition numbers skipped, they cost 1.5×).
  const values = net.matrix instanceof DenseMatrix ? net.matrix : { n: net.n, values: denseFromOperator(rt, net) };
  const all = eigDense(rt, values, { condition: false });
  yield {
    stage: 'full', ...base, eigenvalues: all.eigenvalues, spectralRadius: spectralRadiusOf(all.eigenvalues),
    leading, leadingWeights, solver: `eigDense, all ${net.n}, ${all.status}`, ms: performance.now() - started,
  };
}

export interface ActivityResult {
  stage: Stage;
  n: number;
  /** Simulated time after the transient (τ) and the sample interval. */
  duration: number;
  sampleDt: number;
  /** Six traces: three lowest and three highest in-degree neurons (dense: the first and last three). */
  traces: { index: number; inDegree: number | null; group: 'low' | 'high'; x: Float64Array }[];
  times: Float64Array;
  /**
   * Heat map: units (ordered by in-degree, at most 160; row 0 the lowest) × time bins (at most 300), x averaged
   * over each bin, with its RGBA image (drawn here, so that the page only copies it: ~0.3 s of main-thread
   * work at N = 1000 when Plot's raster mark colours the pixels).
   */
  heat: { units: number; bins: number; values: Float64Array; binDt: number; unitOrder: Int32Array; limit: number; rgba: Uint8ClampedArray };
  /** q = ⟨x²⟩, the cross-block PR of x and its standard error, over all units. */
  q: number;
  pr: number | null;
  prOverN: number | null;
  prOverNStdErr: number | null;
  prStatus: string;
  prWarnings: string[];
  /** Population Δ(τ) = ⟨x_i(t) x_i(t+τ)⟩ with the static part kept (DMFT's definition). */
  deltaTau: Float64Array;
  delta: Float64Array;
  tauIntegrated: Float64Array;
  tauMedian: number;
  timescaleWarnings: string[];
  ms: number;
}

const SAMPLE_EVERY = 4;
export const DT = 0.05;
/** Transient of every rate run: a quarter of T, at most 50 τ. */
export const transientOf = (t: number) => Math.min(50, t / 4);

/** Averages blocks of a units × samples recording into a units × bins image, units in `order`. */
function heatMap(values: Float64Array, nSamples: number, nUnits: number, order: Int32Array, sampleDt: number) {
  const units = Math.min(order.length, 160);
  const bins = Math.min(nSamples, 300);
  const out = new Float64Array(units * bins);
  const unitOrder = new Int32Array(units);
  for (let r = 0; r < units; r++) {
    const u = order[Math.floor((r * order.length) / units)];
    unitOrder[r] = u;
    for (let b = 0; b < bins; b++) {
      const s0 = Math.floor((b * nSamples) / bins);
      const s1 = Math.floor(((b + 1) * nSamples) / bins);
      let sum = 0;
      for (let s = s0; s < s1; s++) sum += values[s * nUnits + u];
      out[r * bins + b] = sum / (s1 - s0);
    }
  }
  let limit = 1e-9;
  for (const v of out) limit = Math.max(limit, Math.abs(v));
  return { units, bins, values: out, binDt: (nSamples / bins) * sampleDt, unitOrder, limit, rgba: divergingImage(out, units, bins, limit) };
}

/** Blue (−limit) – white (0) – red (+limit), linear in each half (ColorBrewer RdBu end points). */
const NEGATIVE = [33, 102, 172];
const ZERO = [247, 247, 247];
const POSITIVE = [178, 24, 43];

/** An RGBA image of a units × bins matrix, row 0 at the bottom (image rows run top-down). */
function divergingImage(values: Float64Array, units: number, bins: number, limit: number): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(units * bins * 4);
  for (let r = 0; r < units; r++) {
    for (let b = 0; b < bins; b++) {
      const u = Math.max(-1, Math.min(1, values[r * bins + b] / limit));
      const end = u < 0 ? NEGATIVE : POSITIVE;
      const w = Math.abs(u);
      const o = ((units - 1 - r) * bins + b) * 4;
      for (let c = 0; c < 3; c++) rgba[o + c] = ZERO[c] + w * (end[c] - ZERO[c]);
      rgba[o + 3] = 255;
    }
  }
  return rgba;
}

export async function* activityTask(rt: Runtime, p: Params): AsyncGenerator<ActivityResult> {
  using net = rateNetwork(rt, p);
  const degrees = inDegreesOf(rt, net);
  const order = Int32Array.from({ length: net.n }, (_, i) => i);
  if (degrees) order.sort((a, b) => degrees[a] - degrees[b] || a - b);
  const picked = [...Array.from(order.slice(0, 3), (i) => [i, 'low'] as const), ...Array.from(order.slice(-3), (i) => [i, 'high'] as const)];
  const transient = transientOf(p.t);
  // Coarse: the first 30 τ after the transient (the same trajectory the full run continues), unless that is all of it.
  const coarseT = transient + 30;
  const stages: [Stage, number][] = coarseT < p.t ? [['coarse', coarseT], ['full', p.t]] : [['full', p.t]];
  for (const [stage, t] of stages) {
    const started = performance.now();
    const run = await simulateRate(rt, { connectivity: net, phi: p.phi }, {
      t, transient, dt: DT, seed: deriveSeed(p.seed, 'activity'), record: { units: 'all', every: SAMPLE_EVERY },
    });
    const rec = run.recording;
    if (!rec) throw new Error('activity: the run recorded nothing');
    const pr = participationRatio(rt, rec);
    const maxLag = Math.min(Math.floor(20 / rec.sampleDt), Math.floor(rec.nSamples / 2));
    const ac = autocorrelation(rt, rec, { sampleDt: rec.sampleDt, removeMean: false, maxLag });
    const ts = intrinsicTimescales(rt, rec, { sampleDt: rec.sampleDt, ...(degrees ? { degrees } : {}) });
    yield {
      stage, n: net.n, duration: t - transient, sampleDt: rec.sampleDt,
      traces: picked.map(([index, group]) => ({
        index, inDegree: degrees ? degrees[index] : null, group,
        x: Float64Array.from({ length: rec.nSamples }, (_, s) => rec.values[s * rec.nUnits + index]),
      })),
      times: rec.times,
      heat: heatMap(rec.values, rec.nSamples, rec.nUnits, order, rec.sampleDt),
      q: run.summary.q, pr: pr.pr, prOverN: pr.prOverN, prOverNStdErr: pr.prOverNStdErr, prStatus: pr.status, prWarnings: pr.warnings,
      deltaTau: Float64Array.from({ length: ac.maxLag }, (_, i) => i * ac.sampleDt), delta: ac.population,
      tauIntegrated: ts.tauIntegrated, tauMedian: ts.summary.tauIntegrated.median, timescaleWarnings: ts.warnings,
      ms: performance.now() - started,
    };
  }
}

export interface ChaosResult {
  stage: Stage;
  /** Size of the swept networks (the sweep is n_sweep = min(N, 200) for speed) and their run length. */
  n: number;
  t: number;
  points: { g: number; lambdaMax: number; lambdaStdErr: number }[];
  /** The spectral threshold: g where the predicted bulk radius times φ′(0) reaches 1 (null without a law). */
  criticalG: number | null;
  ms: number;
}

export const CHAOS_MAX_N = 200;
/** The swept gains: coarse every 0.5 from 0.5 to 3, full every 0.25. */
export const chaosGrid = (stage: Stage) => Array.from({ length: stage === 'coarse' ? 6 : 11 }, (_, i) => 0.5 + i * (stage === 'coarse' ? 0.5 : 0.25));

/** g_c = g / (r(g)·φ′(0)): the bulk radius r is proportional to g in every model here. */
function criticalGain(rt: Runtime, p: Params): number | null {
  using net = rateNetwork(rt, p, { n: Math.min(p.n, CHAOS_MAX_N), g: 1 });
  const r = net.theory.bulkRadius;
  const slope = NONLINEARITY_TABLE[p.phi].slopeAtZero;
  return r === null || r === 0 || slope === 0 ? null : 1 / (r * slope);
}

export async function* chaosTask(rt: Runtime, p: Params): AsyncGenerator<ChaosResult> {
  const n = Math.min(p.n, CHAOS_MAX_N);
  const criticalG = criticalGain(rt, p);
  for (const stage of ['coarse', 'full'] as const) {
    const started = performance.now();
    const t = stage === 'coarse' ? Math.min(p.t, 60) : p.t;
    const points: ChaosResult['points'] = [];
    for (const g of chaosGrid(stage)) {
      using net = rateNetwork(rt, p, { n, g });
      const ly = await lyapunovExponents(rt, { connectivity: net, phi: p.phi }, {
        t, transient: transientOf(t), dt: DT, seed: deriveSeed(p.seed, 'chaos', g),
      });
      points.push({ g, lambdaMax: ly.lambdaMax, lambdaStdErr: ly.lambdaStdErr });
      yield { stage, n, t, points: [...points], criticalG, ms: performance.now() - started };
    }
  }
}

export interface TheoryResult {
  stage: Stage;
  /** Why there is no curve for this model/φ (null when there is one). */
  note: string | null;
  /** DMFT λ_max(g) of the SCS network (null where not chaotic). */
  lambda: { g: number; lambdaMax: number | null }[];
  /** Mean-field Δ(τ) at the chosen g. */
  deltaTau: Float64Array;
  delta: Float64Array;
  delta0: number | null;
  status: string;
  /** PR^x/N and PR^φ/N of the N → ∞ theory (Clark, Abbott & Litwin-Kumar 2023) over g. */
  dimension: { g: number; prXOverN: number | null; prPhiOverN: number | null }[];
  ms: number;
}

/** The SCS mean field covers Gaussian J with η = 0 (and J0 = 0, as here). */
export function theoryApplies(p: Params): string | null {
  if (p.model !== 'gaussian') return `mean-field curves are drawn for the Gaussian (SCS) model; none for ${p.model}`;
  if (p.eta !== 0) return 'the SCS mean field needs η = 0 (η ≠ 0 adds a memory term: rnnkit memoryMeanField, not drawn here)';
  return null;
}

export async function* theoryTask(_rt: Runtime, p: Params): AsyncGenerator<TheoryResult> {
  const note = theoryApplies(p);
  const empty = { lambda: [], deltaTau: new Float64Array(0), delta: new Float64Array(0), delta0: null, dimension: [] };
  if (note !== null) {
    yield { stage: 'full', note, ...empty, status: 'n/a', ms: 0 };
    return;
  }
  const started = performance.now();
  const mf = scsMeanField(p.g, { phi: p.phi, tauMax: 20 });
  const base = { note, deltaTau: mf.tau, delta: mf.delta, delta0: mf.delta0, status: mf.status };
  const lambda = chaosGrid('full').map((g) => ({ g, lambdaMax: scsLyapunov(g, { phi: p.phi }).lambdaMax }));
  yield { stage: 'coarse', ...base, lambda, dimension: [], ms: performance.now() - started };
  const dimensionPhi = (DIMENSION_THEORY_PHIS as readonly string[]).includes(p.phi);
  const dimension: TheoryResult['dimension'] = [];
  if (dimensionPhi) {
    for (const g of [1.25, 1.5, 1.75, 2, 2.5, 3, 4, 5]) {
      const d = scsDimension(g, { phi: p.phi as (typeof DIMENSION_THEORY_PHIS)[number] });
      dimension.push({ g, prXOverN: d.prXOverN, prPhiOverN: d.prPhiOverN });
      yield { stage: 'full', ...base, lambda, dimension: [...dimension], ms: performance.now() - started };
    }
  } else {
    yield { stage: 'full', ...base, lambda, dimension, ms: performance.now() - started };
  }
}

export interface SpikingResult {
  stage: Stage;
  n: number;
  tMs: number;
  jc: number;
  /** Spikes of the shown neurons (the first 60 LIF and the first 60 QIF, LIF rows below). */
  raster: { t: Float32Array; row: Int32Array; type: Uint8Array };
  rows: number;
  rateHz: number;
  rateLif: number | null;
  rateQif: number | null;
  cv: number | null;
  cvLif: number | null;
  cvQif: number | null;
  prFilteredOverN: number | null;
  warnings: string[];
  /** PR/N of filtered trains against J_c (1 s runs). */
  sweep: { jc: number; prFilteredOverN: number | null; rateHz: number }[];
  ms: number;
}

export const SPIKING_P = 0.1;
export const SPIKING_SWEEP = [1, 2, 5, 10, 20];
const RASTER_PER_TYPE = 60;

/** A mixed LIF/QIF network (half QIF) on sparse Gaussian weights J_c ξ/√(pN), run for tMs. */
async function spikingRun(rt: Runtime, p: Params, jc: number, tMs: number) {
  using weights = sparseGaussianNetwork(rt, { n: p.n, p: SPIKING_P, g: jc, seed: deriveSeed(p.seed, 'spiking') });
  using net = new SpikingNetwork(rt, { weights, fracQif: 0.5, seed: deriveSeed(p.seed, 'spiking') });
  const run = await net.run({ tMs });
  const types = net.types.slice();
  return { run, types };
}

export async function* spikingTask(rt: Runtime, p: Params): AsyncGenerator<SpikingResult> {
  for (const stage of ['coarse', 'full'] as const) {
    const started = performance.now();
    const tMs = stage === 'coarse' ? 500 : 2000;
    const { run, types } = await spikingRun(rt, p, p.jc, tMs);
    const spikes = run.spikes;
    if (!spikes) throw new Error('spiking: the run kept no spikes');
    const stats = spikeStatistics(rt, spikes, { types, t0Ms: Math.min(200, tMs / 4) });
    // Rows: the first RASTER_PER_TYPE LIF neurons (rows 0…), then the first QIF ones above them.
    const rowOf = new Int32Array(p.n).fill(-1);
    let lif = 0;
    let qif = 0;
    for (let i = 0; i < p.n; i++) {
      if (types[i] === 0 && lif < RASTER_PER_TYPE) rowOf[i] = lif++;
    }
    for (let i = 0; i < p.n; i++) {
      if (types[i] === 1 && qif < RASTER_PER_TYPE) rowOf[i] = lif + qif++;
    }
    const t: number[] = [];
    const row: number[] = [];
    const type: number[] = [];
    for (let s = 0; s < spikes.neuron.length; s++) {
      const r = rowOf[spikes.neuron[s]];
      if (r < 0) continue;
      t.push(spikes.step[s] * spikes.dtMs);
      row.push(r);
      type.push(types[spikes.neuron[s]]);
    }
    const prOverN = (pr: number | null) => (pr === null ? null : pr / p.n);
    const result: SpikingResult = {
      stage, n: p.n, tMs, jc: p.jc, raster: { t: Float32Array.from(t), row: Int32Array.from(row), type: Uint8Array.from(type) },
      rows: lif + qif, rateHz: stats.rateHz, rateLif: stats.rateByType.lif, rateQif: stats.rateByType.qif,
      cv: stats.cv, cvLif: stats.cvByType.lif, cvQif: stats.cvByType.qif,
      prFilteredOverN: prOverN(stats.prFiltered), warnings: stats.warnings, sweep: [], ms: 0,
    };
    if (stage === 'coarse') {
      yield { ...result, ms: performance.now() - started };
      continue;
    }
    for (const jc of SPIKING_SWEEP) {
      const swept = await spikingRun(rt, p, jc, 1000);
      const s = spikeStatistics(rt, swept.run.spikes as NonNullable<typeof swept.run.spikes>, { types: swept.types });
      result.sweep.push({ jc, prFilteredOverN: prOverN(s.prFiltered), rateHz: s.rateHz });
      yield { ...result, sweep: [...result.sweep], ms: performance.now() - started };
    }
  }
}

export const TASKS = { spectrum: spectrumTask, activity: activityTask, chaos: chaosTask, theory: theoryTask, spiking: spikingTask } as const;
export type TaskName = keyof typeof TASKS;

/** The parameters each task depends on (a change of any other leaves its panel as it is). */
export const TASK_PARAMS: Record<TaskName, readonly (keyof Params)[]> = {
  spectrum: ['model', 'n', 'g', 'eta', 'k', 'cv', 'rho', 'seed'],
  activity: ['model', 'n', 'g', 'eta', 'k', 'cv', 'rho', 'seed', 'phi', 't'],
  chaos: ['model', 'n', 'eta', 'k', 'cv', 'rho', 'seed', 'phi', 't'],
  theory: ['model', 'g', 'eta', 'phi'],
  spiking: ['n', 'seed', 'jc'],
};
