/**
 * The report's test of the spiking gain rescaling (THEORY.md §5): for mixed LIF/QIF networks at
 * several couplings J_c, the measured dimension of spike counts (cross-block PR of 50 ms bins)
 * against the linear model rescaled by the neurons' gains, PR/N ≈ (1 − g_eff²)² with
 * g_eff² = τ_s² Σ_ij γ_i² w_ij²/N, γ_i the first-passage gain at the operating point (μ_i, σ_i)
 * that the measured input rates give each neuron.
 */
import { z } from 'zod';
import { participationRatio } from '../analysis/participation-ratio.js';
import { spikeCountMatrix } from '../analysis/spikes.js';
import { sparseGaussianNetwork } from '../connectivity/sparse-gaussian.js';
import { SpikingNetwork } from '../dynamics/spiking.js';
import { TYPE_DEFAULTS } from '../dynamics/spiking-params.js';
import type { CsrMatrix } from '../linalg/csr.js';
import { deriveSeed } from '../random/seed.js';
import type { Runtime } from '../runtime.js';
import { gainRescaledDimension, type IfNeuron, neuronGain, operatingPoints } from '../theory/spiking-gain.js';
import { type PlotSpec, sweepSpec } from './plots.js';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const fraction = finite.refine((v) => v >= 0 && v <= 1, 'must be in [0, 1]');

export const SpikingGainSectionSchema = z.strictObject({
  n: z.int().min(10).default(500),
  p: fraction.refine((v) => v > 0, 'must be > 0').default(0.1),
  couplings: z.array(finite.refine((v) => v >= 0, 'must be ≥ 0')).min(1).max(50),
  mixes: z.array(fraction).min(1).max(10).default([0, 0.5, 1]),
  /** Recorded time after the 200 ms transient (ms): 50 ms bins give tMs/50 samples. */
  tMs: finite.refine((v) => v >= 1000, 'must be ≥ 1000 ms (20 bins)').default(5000),
  binMs: finite.refine((v) => v > 0, 'must be > 0').default(50),
});
export type SpikingGainSection = z.output<typeof SpikingGainSectionSchema>;

export interface SpikingGainPoint {
  jc: number;
  prOverN: number | null;
  prOverNStdErr: number | null;
  gEffSquared: number;
  predictedPrOverN: number | null;
  status: string;
}

export interface SpikingGainResults {
  n: number;
  series: { fracQif: number; points: SpikingGainPoint[] }[];
}

/** The default neuron types as the gain theory takes them (τ_s filters the LIF's input). */
const neuronOf = (kind: 'lif' | 'qif'): IfNeuron => {
  const p = TYPE_DEFAULTS[kind];
  return { kind, tauMs: p.tauMs, thetaMv: p.thetaMv, vResetMv: p.vResetMv, refractoryMs: p.refractoryMs, vTMv: p.vTMv, deltaVMv: p.deltaVMv, tauSynMs: p.tauSynMs };
};

export async function runSpikingGainSection(rt: Runtime, spec: SpikingGainSection, seed: string, onProgress: (done: number, total: number) => void) {
  const total = spec.mixes.length * spec.couplings.length;
  const series: SpikingGainResults['series'] = [];
  const kinds = [neuronOf('lif'), neuronOf('qif')];
  const tauSyn = TYPE_DEFAULTS.lif.tauSynMs;
  for (const [i, fracQif] of spec.mixes.entries()) {
    const points: SpikingGainPoint[] = [];
    for (const [j, jc] of spec.couplings.entries()) {
      onProgress(i * spec.couplings.length + j, total);
      const runSeed = deriveSeed(seed, 'spikingGain', fracQif, jc);
      using weights = sparseGaussianNetwork(rt, { n: spec.n, p: spec.p, g: jc, seed: runSeed });
      using net = new SpikingNetwork(rt, { weights, fracQif, seed: runSeed });
      const run = await net.run({ tMs: spec.tMs + 200 });
      const trains = run.spikes as NonNullable<typeof run.spikes>;
      const counts = spikeCountMatrix(trains, { binMs: spec.binMs });
      const pr = participationRatio(rt, counts);
      // Rates (kHz) over the counted window, and the operating point each neuron's inputs give it.
      const rates = new Float64Array(spec.n);
      for (let b = 0; b < counts.nSamples; b++) for (let k = 0; k < spec.n; k++) rates[k] += counts.values[b * spec.n + k] / (counts.nSamples * spec.binMs);
      const arrays = (weights.matrix as CsrMatrix).toArrays();
      const types = net.types;
      const muExt = Float64Array.from(types, (t) => (t ? TYPE_DEFAULTS.qif.muMv : TYPE_DEFAULTS.lif.muMv));
      const op = operatingPoints(arrays, rates, muExt, tauSyn, Float64Array.from(types, (t) => kinds[t].tauMs));
      // A neuron without input fluctuations (σ = 0) has the noiseless gain; 1e-3 mV approximates it.
      const gains = Float64Array.from(types, (t, k) => neuronGain(kinds[t], op.mu[k], Math.max(op.sigma[k], 1e-3)));
      const prediction = gainRescaledDimension(arrays, gains, tauSyn);
      points.push({ jc, prOverN: pr.prOverN, prOverNStdErr: pr.prOverNStdErr, gEffSquared: prediction.gEffSquared, predictedPrOverN: prediction.prOverN, status: pr.status });
    }
    series.push({ fracQif, points });
  }
  onProgress(total, total);
  const label = (f: number) => `p_QIF = ${f}`;
  const figures: { id: string; title: string; caption: string; spec: PlotSpec }[] = [{
    id: 'spiking-gain', title: 'Dimension of spiking activity against the gain-rescaled linear model',
    caption: `Cross-block PR/N of ${spec.binMs} ms spike counts (N = ${spec.n}, p = ${spec.p}, ${spec.tMs} ms after 200 ms) ± s.e.; dashed: ` +
      '(1 − g_eff²)² with g_eff² = τ_s² Σ γ_i² w_ij²/N and γ_i the LIF (Siegert, Fourcaud–Brunel) or QIF (numerical) gain at each neuron\'s operating point.',
    spec: sweepSpec({
      title: 'PR/N vs J_c', xTitle: 'J_c (coupling)', yTitle: 'PR / N',
      points: series.flatMap((s) => s.points.flatMap((p) => (p.prOverN === null ? [] : [{
        series: label(s.fracQif), x: p.jc, y: p.prOverN, ...(p.prOverNStdErr === null ? {} : { err: p.prOverNStdErr }),
      }]))),
      curves: series.flatMap((s) => s.points.flatMap((p) => (p.predictedPrOverN === null ? [] : [{ series: `${label(s.fracQif)}: (1 − g_eff²)²`, x: p.jc, y: p.predictedPrOverN }]))),
    }),
  }];
  const fmt = (x: number | null) => (x === null ? '–' : Number(x.toPrecision(3)).toString());
  const summary = series.map((s) => {
    const last = s.points.at(-1) as SpikingGainPoint;
    return {
      section: 'spiking', item: `p_QIF = ${s.fracQif}: PR/N measured (1 − g_eff²)² at J_c = ${last.jc}`,
      value: `${fmt(last.prOverN)} ± ${fmt(last.prOverNStdErr)} (${fmt(last.predictedPrOverN)}; g_eff² = ${fmt(last.gEffSquared)})`,
    };
  });
  return { results: { n: spec.n, series } satisfies SpikingGainResults, figures, summary };
}
