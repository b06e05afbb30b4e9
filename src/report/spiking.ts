/**
 * The report's spiking section (the founding mixed LIF/QIF study): a raster of LIF and QIF
 * neurons, and rate, ISI CV and participation ratio against the coupling J_c for several mixes
 * p_QIF, on sparse Gaussian Erdős–Rényi networks w = J_c ξ/√(pN).
 */
import { z } from 'zod';
import { spikeStatistics } from '../analysis/spikes.js';
import { sparseGaussianNetwork } from '../connectivity/sparse-gaussian.js';
import { SpikingNetwork } from '../dynamics/spiking.js';
import { deriveSeed } from '../random/seed.js';
import type { Runtime } from '../runtime.js';
import { type PlotSpec, rasterSpec, sweepSpec } from './plots.js';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const positive = finite.refine((v) => v > 0, 'must be > 0');
const fraction = finite.refine((v) => v >= 0 && v <= 1, 'must be in [0, 1]');

export const SpikingSectionSchema = z.strictObject({
  n: z.int().min(2).default(1000),
  p: fraction.refine((v) => v > 0, 'must be > 0').default(0.1),
  couplings: z.array(finite.refine((v) => v >= 0, 'must be ≥ 0')).min(1).max(50),
  mixes: z.array(fraction).min(1).max(10).default([0, 0.5, 1]),
  /** Simulated time per run (ms); statistics drop the first 200 ms. */
  tMs: positive.refine((v) => v > 200, 'must exceed the 200 ms transient').default(1200),
  /** The raster: one network, the first `perType` neurons of each type over the first `tMs`. */
  raster: z.strictObject({ jc: finite.default(10), fracQif: fraction.default(0.5), perType: z.int().min(1).max(500).default(60), tMs: positive.default(500) }).default({ jc: 10, fracQif: 0.5, perType: 60, tMs: 500 }),
});
export type SpikingSection = z.output<typeof SpikingSectionSchema>;

export interface SpikingPoint {
  jc: number;
  rateHz: number;
  cv: number | null;
  cvLif: number | null;
  cvQif: number | null;
  prFiltered: number | null;
  prBins: number | null;
  fracSilent: number;
}

export interface SpikingResults {
  n: number;
  series: { fracQif: number; points: SpikingPoint[] }[];
}

/** Runs the section: the sweep over couplings for each mix, then the raster. */
export async function runSpikingSection(rt: Runtime, spec: SpikingSection, seed: string, onProgress: (done: number, total: number) => void) {
  const total = spec.mixes.length * spec.couplings.length + 1;
  const series: SpikingResults['series'] = [];
  for (const [i, fracQif] of spec.mixes.entries()) {
    const points: SpikingPoint[] = [];
    for (const [j, jc] of spec.couplings.entries()) {
      onProgress(i * spec.couplings.length + j, total);
      const runSeed = deriveSeed(seed, 'spiking', fracQif, jc);
      using weights = sparseGaussianNetwork(rt, { n: spec.n, p: spec.p, g: jc, seed: runSeed });
      using net = new SpikingNetwork(rt, { weights, fracQif, seed: runSeed });
      const run = await net.run({ tMs: spec.tMs });
      const s = spikeStatistics(rt, run.spikes as NonNullable<typeof run.spikes>, { types: net.types });
      points.push({
        jc, rateHz: s.rateHz, cv: s.cv, cvLif: s.cvByType.lif, cvQif: s.cvByType.qif, prFiltered: s.prFiltered, prBins: s.prBins,
        fracSilent: s.fracSilent,
      });
    }
    series.push({ fracQif, points });
  }
  onProgress(total - 1, total);
  const { jc, fracQif, perType, tMs } = spec.raster;
  const rasterSeed = deriveSeed(seed, 'spiking', 'raster');
  using weights = sparseGaussianNetwork(rt, { n: spec.n, p: spec.p, g: jc, seed: rasterSeed });
  using net = new SpikingNetwork(rt, { weights, fracQif, seed: rasterSeed });
  const run = await net.run({ tMs });
  const spikes = run.spikes as NonNullable<typeof run.spikes>;
  // Rows of the raster: the first perType LIF neurons (0…), then the first perType QIF neurons above them.
  const row = new Map<number, { series: string; y: number }>();
  const counts = [0, 0];
  for (let i = 0; i < net.n; i++) {
    const type = net.types[i];
    if (counts[type] < perType) row.set(i, { series: type ? 'QIF' : 'LIF', y: counts[type]++ + (type ? perType : 0) });
  }
  const rasterRows = [];
  for (let k = 0; k < spikes.neuron.length; k++) {
    const r = row.get(spikes.neuron[k]);
    if (r) rasterRows.push({ series: r.series, t: spikes.step[k] * spikes.dtMs, neuron: r.y });
  }
  onProgress(total, total);
  const points = (y: (p: SpikingPoint) => number | null) =>
    series.flatMap((s) => s.points.filter((p) => y(p) !== null).map((p) => ({ series: `p_QIF = ${s.fracQif}`, x: p.jc, y: y(p) as number })));
  const figures: { id: string; title: string; caption: string; spec: PlotSpec }[] = [
    {
      id: 'spiking-raster', title: `Spike raster: J_c = ${jc}, p_QIF = ${fracQif}`,
      caption: `Spikes of the first ${perType} LIF and ${perType} QIF neurons of an N = ${spec.n} network (p = ${spec.p}) over ${tMs} ms, Euler, dt = 0.1 ms.`,
      spec: rasterSpec(`raster, J_c = ${jc}`, rasterRows),
    },
    {
      id: 'spiking-rate', title: 'Population rate against coupling', caption: 'Mean rate (Hz) after a 200 ms transient, per mix of QIF neurons.',
      spec: sweepSpec({ title: 'rate vs J_c', xTitle: 'J_c (coupling)', yTitle: 'rate (Hz)', points: points((p) => p.rateHz) }),
    },
    {
      id: 'spiking-cv', title: 'ISI coefficient of variation against coupling', caption: 'Mean ISI CV over neurons with ≥ 4 spikes.',
      spec: sweepSpec({ title: 'CV vs J_c', xTitle: 'J_c (coupling)', yTitle: 'ISI CV', points: points((p) => p.cv) }),
    },
    {
      id: 'spiking-pr', title: 'Dimension of spiking activity against coupling',
      caption: 'Participation ratio of the spike trains filtered with τ_f = 20 ms and sampled every 1 ms.',
      spec: sweepSpec({ title: 'PR vs J_c', xTitle: 'J_c (coupling)', yTitle: 'PR (filtered trains)', points: points((p) => p.prFiltered) }),
    },
  ];
  const fmt = (x: number | null) => (x === null ? '–' : Number(x.toPrecision(3)).toString());
  const summary = series.map((s) => {
    const last = s.points.at(-1) as SpikingPoint;
    return { section: 'spiking', item: `p_QIF = ${s.fracQif}: rate / CV / PR at J_c = ${last.jc}`, value: `${fmt(last.rateHz)} Hz / ${fmt(last.cv)} / ${fmt(last.prFiltered)}` };
  });
  return { results: { n: spec.n, series } satisfies SpikingResults, figures, summary };
}
