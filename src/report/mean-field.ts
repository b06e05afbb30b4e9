/**
 * The report's mean-field section: theory beside simulation on the same networks.
 * - Δ(τ) of a lognormal network (η = 0): simulated population autocovariance (no mean removed)
 *   against κ̄·D(τ) of the degree-class DMFT on its realised degrees;
 * - variance and τ½ against in-degree (in-degree bins) with the theory (var ∝ κ_in, one τ½);
 * - the memory term: τ½ against degree on undirected networks for η = 0 and η > 0, simulation
 *   against the Monte-Carlo DMFT on in-degree-quantile classes.
 * The DMFT λ(g) overlay of the λ_max figure is `lyapunovTheory` (used by experiment.ts).
 */
import { z } from 'zod';
import { ensembleAutocorrelation, unitAverage } from '../analysis/correlation-ensemble.js';
import { autocorrelation } from '../analysis/timescales.js';
import { lognormalNetwork } from '../connectivity/lognormal.js';
import { degreesOf } from '../connectivity/stats.js';
import { NONLINEARITIES, type NonlinearityName } from '../dynamics/nonlinearity.js';
import { simulateRate } from '../dynamics/run.js';
import type { CsrMatrix } from '../linalg/csr.js';
import { deriveSeed } from '../random/seed.js';
import type { Runtime } from '../runtime.js';
import { degreeMeanField, networkDegreeClasses } from '../theory/dmft/degree.js';
import { scsLyapunov } from '../theory/dmft/lyapunov.js';
import type { DegreeClasses } from '../theory/dmft/mean-field.js';
import { memoryMeanField } from '../theory/dmft/memory.js';
import { type PlotSpec, sweepSpec, type SweepPoint } from './plots.js';
import { fmt } from './format.js';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const positive = finite.refine((v) => v > 0, 'must be > 0');

export const MeanFieldSectionSchema = z.strictObject({
  n: z.int().min(100).default(2000),
  k: positive.default(100),
  cv: finite.refine((v) => v >= 0, 'must be ≥ 0').default(1),
  g: positive.default(2),
  phi: z.enum(NONLINEARITIES).default('tanh'),
  t: positive.default(250),
  transient: finite.refine((v) => v >= 0, 'must be ≥ 0').default(50),
  bins: z.int().min(2).max(20).default(5),
  /** The memory-term figure: undirected networks at these η (0 is the control), Monte-Carlo paths per class. */
  memory: z.strictObject({
    etas: z.array(finite.refine((v) => Math.abs(v) < 1, 'must be in (−1, 1)')).min(1).max(4).default([0, 0.5]),
    // Moderate CV and K ≪ N: hubs of an undirected graph carry localised modes near g√(k_max/K)
    // that the K → ∞ theory leaves out (at N = 1000, K = 50, CV = 1 they tripled the simulated τ½).
    n: z.int().min(100).default(2000),
    k: positive.default(100),
    cv: finite.refine((v) => v >= 0, 'must be ≥ 0').default(0.5),
    g: positive.default(1.5),
    paths: z.int().min(20).max(2000).default(80),
    classes: z.int().min(1).max(8).default(3),
    iterations: z.int().min(1).max(100).default(12),
  }).optional(),
});
export type MeanFieldSection = z.output<typeof MeanFieldSectionSchema>;

/** DMFT λ_max(g) of the SCS network (null where not chaotic): the overlay of the λ_max figure. */
export function lyapunovTheory(values: readonly number[], phi: NonlinearityName): SweepPoint[] {
  return values.flatMap((g) => {
    const lambda = scsLyapunov(g, { phi }).lambdaMax;
    return lambda === null ? [{ series: 'DMFT (SCS)', x: g, y: 0 }] : [{ series: 'DMFT (SCS)', x: g, y: lambda }];
  });
}

/**
 * The measured onset of chaos: the first swept value whose λ_max exceeds two standard errors
 * (null when none does). The spectral threshold is a different statement: where x = 0 loses stability.
 */
export function measuredOnset(points: readonly { value: number; lambdaMax: number; lambdaStdErr: number }[]): number | null {
  const first = points.find((p) => p.lambdaMax > 2 * p.lambdaStdErr && p.lambdaMax > 0);
  return first ? first.value : null;
}

/** Neurons sorted by in-degree, cut into `bins` equal groups. */
function degreeBins(inDegree: Int32Array, bins: number): number[][] {
  const n = inDegree.length;
  const order = Array.from(inDegree.keys()).sort((a, b) => inDegree[a] - inDegree[b] || a - b);
  return Array.from({ length: bins }, (_, b) => order.slice(Math.floor((b * n) / bins), Math.floor(((b + 1) * n) / bins)));
}

/** Classes from in-degree bins: weight, mean κ (k/⟨k⟩) per bin (k_in = k_out: undirected). */
function binClasses(inDegree: Int32Array, bins: number[][]): DegreeClasses {
  const mean = inDegree.reduce((s, d) => s + d, 0) / inDegree.length;
  const kappa = Float64Array.from(bins, (idx) => idx.reduce((s, i) => s + inDegree[i], 0) / idx.length / mean);
  const weight = Float64Array.from(bins, (idx) => idx.length / inDegree.length);
  const norm = weight.reduce((s, w, c) => s + w * kappa[c], 0);
  return { weight, kappaIn: kappa, kappaOut: Float64Array.from(kappa, (v) => v / norm) };
}

export async function runMeanFieldSection(rt: Runtime, spec: MeanFieldSection, seed: string, onProgress: (done: number, total: number) => void) {
  const figures: { id: string; title: string; caption: string; spec: PlotSpec }[] = [];
  const summary: { section: string; item: string; value: string }[] = [];
  const total = 1 + (spec.memory?.etas.length ?? 0);
  onProgress(0, total);
  // 1. Δ(τ) and per-degree statistics, η = 0.
  using net = lognormalNetwork(rt, { n: spec.n, k: spec.k, cv: spec.cv, g: spec.g, seed: deriveSeed(seed, 'mean-field') });
  const { inDegree, outDegree } = degreesOf(rt, net.matrix as CsrMatrix);
  const theory = degreeMeanField(spec.g, networkDegreeClasses({ inDegrees: inDegree, outDegrees: outDegree, k: spec.k }), { phi: spec.phi, tauMax: 40, dtau: 0.1 });
  const run = await simulateRate(rt, { connectivity: net, phi: spec.phi }, {
    t: spec.t, transient: spec.transient, dt: 0.1, seed: deriveSeed(seed, 'mean-field', 'run'), record: { units: 'all', every: 2 },
  });
  const rec = run.recording as NonNullable<typeof run.recording>;
  const maxLag = Math.min(Math.floor(rec.nSamples / 2), Math.round(40 / rec.sampleDt));
  const ac = autocorrelation(rt, rec, { sampleDt: rec.sampleDt, maxLag, removeMean: false });
  const meanKappa = inDegree.reduce((s, d) => s + d, 0) / (spec.n * spec.k);
  const deltaPoints: SweepPoint[] = [];
  for (let k = 0; k < maxLag; k += 2) {
    const t = k * rec.sampleDt;
    deltaPoints.push({ series: 'simulation', x: t, y: ac.population[k] });
    const d = theory.delta[Math.round(t / 0.1)];
    if (d !== undefined) deltaPoints.push({ series: 'DMFT (degree classes)', x: t, y: meanKappa * d });
  }
  figures.push({
    id: 'mean-field-delta', title: `Autocovariance Δ(τ): theory vs simulation (lognormal, CV = ${spec.cv}, g = ${spec.g})`,
    caption: `Population autocovariance without per-unit mean removal (N = ${spec.n}, K = ${spec.k}, T = ${spec.t - spec.transient}) ` +
      'against κ̄·D(τ) of the degree-class DMFT on the realised degrees.',
    spec: sweepSpec({ title: 'Δ(τ)', xTitle: 'τ (time constants)', yTitle: 'Δ(τ)', points: deltaPoints }),
  });
  const bins = degreeBins(inDegree, spec.bins);
  const m2 = new Float64Array(spec.n);
  for (let s = 0; s < rec.nSamples; s++) for (let u = 0; u < spec.n; u++) m2[u] += rec.values[s * spec.n + u] ** 2 / rec.nSamples;
  const varPoints: SweepPoint[] = [];
  const tauPoints: SweepPoint[] = [];
  for (const idx of bins) {
    const kIn = idx.reduce((s, i) => s + inDegree[i], 0) / idx.length;
    varPoints.push({ series: 'simulation', x: kIn, y: idx.reduce((s, i) => s + m2[i], 0) / idx.length });
    varPoints.push({ series: 'DMFT: κ_in·D0', x: kIn, y: (kIn / spec.k) * theory.delta0 });
    tauPoints.push({ series: 'simulation', x: kIn, y: ensembleAutocorrelation([unitAverage(ac, idx)], rec.sampleDt).timescales.tauHalf.mean });
    tauPoints.push({ series: 'DMFT (same for all classes at η = 0)', x: kIn, y: theory.timescales.tauHalf });
  }
  figures.push({
    id: 'mean-field-variance-degree', title: 'Variance against in-degree: theory vs simulation',
    caption: `⟨x²⟩ per in-degree bin (${spec.bins} equal bins) and the DMFT prediction κ_in·D0.`,
    spec: sweepSpec({ title: 'var x vs in-degree', xTitle: 'in-degree k_in', yTitle: '⟨x²⟩', points: varPoints }),
  });
  figures.push({
    id: 'mean-field-timescale-degree', title: 'Half-time against in-degree: theory vs simulation (η = 0)',
    caption: 'τ½ of each bin\'s normalised autocovariance (no mean removed); η = 0 theory predicts one τ½ for every class.',
    spec: sweepSpec({ title: 'τ½ vs in-degree', xTitle: 'in-degree k_in', yTitle: 'τ½ (τ)', points: tauPoints }),
  });
  summary.push({ section: 'mean field', item: `q (theory κ̄·D0 / simulation), CV = ${spec.cv}, g = ${spec.g}`, value: `${fmt(meanKappa * theory.delta0)} / ${fmt(run.summary.q)}` });
  summary.push({ section: 'mean field', item: 'critical g: spectral threshold E[κ_in κ_out]^(−1/2) on realised degrees', value: fmt(theory.criticalG) });
  // 2. The memory term.
  const memory: { eta: number; bins: { kIn: number; tauHalfSimulation: number; tauHalfTheory: number; selfCoupling: number }[] }[] = [];
  if (spec.memory) {
    const m = spec.memory;
    const points: SweepPoint[] = [];
    for (const [i, eta] of m.etas.entries()) {
      onProgress(1 + i, total);
      using u = lognormalNetwork(rt, { n: m.n, k: m.k, cv: m.cv, g: m.g, eta, undirected: true, seed: deriveSeed(seed, 'memory', eta) });
      const degrees = degreesOf(rt, u.matrix as CsrMatrix).inDegree;
      const groups = degreeBins(degrees, m.classes);
      const mc = memoryMeanField(m.g, eta, binClasses(degrees, groups), {
        phi: spec.phi, paths: m.paths, iterations: m.iterations, seed: deriveSeed(seed, 'memory', eta),
      });
      const r = await simulateRate(rt, { connectivity: u, phi: spec.phi }, {
        t: spec.t, transient: spec.transient, dt: 0.1, seed: deriveSeed(seed, 'memory', eta, 'run'), record: { units: 'all', every: 2 },
      });
      const rr = r.recording as NonNullable<typeof r.recording>;
      const lag = Math.min(Math.floor(rr.nSamples / 2), Math.round(60 / rr.sampleDt));
      const acu = autocorrelation(rt, rr, { sampleDt: rr.sampleDt, maxLag: lag, removeMean: false });
      const rows = groups.map((idx, c) => {
        const kIn = idx.reduce((s, j) => s + degrees[j], 0) / idx.length;
        return {
          kIn, tauHalfSimulation: ensembleAutocorrelation([unitAverage(acu, idx)], rr.sampleDt).timescales.tauHalf.mean,
          tauHalfTheory: mc.classes[c].timescales.tauHalf, selfCoupling: mc.classes[c].selfCoupling,
        };
      });
      memory.push({ eta, bins: rows });
      for (const row of rows) {
        points.push({ series: `η = ${eta}: simulation`, x: row.kIn, y: row.tauHalfSimulation });
        points.push({ series: `η = ${eta}: Monte-Carlo DMFT`, x: row.kIn, y: row.tauHalfTheory });
      }
      summary.push({
        section: 'memory term', item: `η = ${eta}: τ½ of the lowest / highest degree bin, simulation (theory); s_κ of the highest`,
        value: `${fmt(rows[0].tauHalfSimulation)} / ${fmt(rows.at(-1)?.tauHalfSimulation)} (${fmt(rows[0].tauHalfTheory)} / ${fmt(rows.at(-1)?.tauHalfTheory)}); s = ${fmt(rows.at(-1)?.selfCoupling)}`,
      });
    }
    figures.push({
      id: 'memory-term', title: 'Memory term: timescale against degree on undirected networks',
      caption: `τ½ per degree bin, simulation (N = ${m.n}, K = ${m.k}, CV = ${m.cv}, g = ${m.g}) against the Monte-Carlo DMFT with the ` +
        'memory term on the same bins; η = 0 is the control without memory.',
      spec: sweepSpec({ title: 'τ½ vs degree', xTitle: 'degree k', yTitle: 'τ½ (τ)', points }),
    });
  }
  onProgress(total, total);
  return {
    results: {
      delta0: theory.delta0, criticalG: theory.criticalG, q: run.summary.q, tauHalfTheory: theory.timescales.tauHalf,
      variance: varPoints, timescale: tauPoints, memory,
    },
    figures, summary,
  };
}
