/**
 * The report's population-correlation section (THEORY.md §7): N·Var(m) and the mean pairwise
 * cross-covariance of Gaussian networks with mean coupling J0, averaged over independent networks
 * (N·Var(m) is not self-averaging), against the lowest-order C^φ/|1 − J0 S^φ|² approaching the
 * magnetic transition J0⟨φ′⟩ = 1.
 */
import { z } from 'zod';
import { populationCorrelations } from '../analysis/population-correlations.js';
import { gaussianNetwork } from '../connectivity/gaussian.js';
import { deriveSeed } from '../random/seed.js';
import type { Runtime } from '../runtime.js';
import { populationPrediction } from '../theory/population.js';
import { type PlotSpec, sweepSpec, type SweepPoint } from './plots.js';
import { fmt } from './format.js';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const positive = finite.refine((v) => v > 0, 'must be > 0');

export const CorrelationSectionSchema = z.strictObject({
  n: z.int().min(20).max(4000).default(400),
  g: positive.default(2),
  j0s: z.array(finite).min(1).max(10).default([0, 0.5, 1, 1.5]),
  replicates: z.int().min(2).max(50).default(6),
  t: positive.default(450),
});
export type CorrelationSection = z.output<typeof CorrelationSectionSchema>;

function meanAndError(values: number[]): { mean: number; stdErr: number } {
  const m = values.reduce((s, v) => s + v, 0) / values.length;
  return { mean: m, stdErr: Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / Math.max(1, values.length - 1) / values.length) };
}

export async function runCorrelationSection(rt: Runtime, spec: CorrelationSection, seed: string, onProgress: (done: number, total: number) => void) {
  const total = spec.j0s.length * spec.replicates;
  const rows = [];
  const points: SweepPoint[] = [];
  for (const [i, j0] of spec.j0s.entries()) {
    const prediction = populationPrediction(spec.g, j0);
    const variance: number[] = [];
    const cross: number[] = [];
    let excluded = 0;
    for (let r = 0; r < spec.replicates; r++) {
      onProgress(i * spec.replicates + r, total);
      const runSeed = deriveSeed(seed, 'correlations', j0, r);
      using net = gaussianNetwork(rt, { n: spec.n, g: spec.g, j0, seed: runSeed });
      const run = await populationCorrelations(rt, net, { t: spec.t, dt: 0.2, seed: runSeed, maxPairs: 5000 });
      // Networks whose chaos died out (or that ordered) are outside the paramagnetic ensemble the theory describes.
      if (run.warnings.length > 0) {
        excluded++;
        continue;
      }
      variance.push(run.population[0]);
      cross.push(run.scaledMeanCrossCovariance);
    }
    const v = meanAndError(variance);
    const c = meanAndError(cross);
    const theory = prediction.status === 'paramagnetic' ? prediction.population[0] : null;
    rows.push({ j0, loopGain: prediction.loopGain, status: prediction.status, variance: v, crossCovariance: c, theoryVariance: theory,
      theoryCross: prediction.status === 'paramagnetic' ? prediction.crossCovariance[0] : null, excluded });
    points.push({ series: 'simulation (mean over networks)', x: prediction.loopGain, y: v.mean });
    if (theory !== null) points.push({ series: 'C^φ/|1 − J0 S^φ|² (lowest order)', x: prediction.loopGain, y: theory });
  }
  onProgress(total, total);
  const figures: { id: string; title: string; caption: string; spec: PlotSpec }[] = [{
    id: 'population-variance', title: `Population variance N·Var(m) approaching the magnetic transition (N = ${spec.n}, g = ${spec.g})`,
    caption: `Mean over ${spec.replicates} networks per J0 (runs whose chaos died out excluded) against the lowest-order prediction; the transition is at J0⟨φ′⟩ = 1.`,
    spec: sweepSpec({ title: 'N·Var(m)', xTitle: 'J0⟨φ′⟩', yTitle: 'N·Var(m)', points }),
  }];
  // The verdict a reader needs: the lowest-order theory is an approximation, and it has measured
  // 0.5–0.75× too high for g = 2 (issue 14 note), so say when it is outside 2 s.e. of the simulation.
  const verdict = (r: { variance: { mean: number; stdErr: number }; theoryVariance: number | null }) => {
    if (r.theoryVariance === null) return '';
    const ratio = r.variance.mean / r.theoryVariance;
    const agrees = Math.abs(r.variance.mean - r.theoryVariance) <= 2 * r.variance.stdErr;
    return `; simulation/theory ${fmt(ratio, 2)}, ${agrees ? 'within' : 'OUTSIDE'} 2 s.e.`;
  };
  const summary = rows.map((r) => ({
    section: 'population correlations', item: `J0 = ${r.j0} (J0⟨φ′⟩ = ${fmt(r.loopGain)}): N·Var(m), N·c̄ simulation ± s.e. (theory)`,
    value: `${fmt(r.variance.mean)} ± ${fmt(r.variance.stdErr, 2)} (${fmt(r.theoryVariance)}); ${fmt(r.crossCovariance.mean)} ± ${fmt(r.crossCovariance.stdErr, 2)} (${fmt(r.theoryCross)})${verdict(r)}${r.excluded ? `; ${r.excluded} excluded` : ''}`,
  }));
  return { results: { n: spec.n, g: spec.g, rows }, figures, summary };
}
