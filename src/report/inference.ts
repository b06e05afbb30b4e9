/**
 * The report's inference section (van Meegen, Kühn & Helias, arXiv 2009.08889; analysis/inference.ts):
 * noisy Gaussian rate networks with known (g, D) are simulated (Euler, every step recorded) and
 * (g, D) are estimated back from the recordings; the innovation periodogram is shown beside the
 * fitted mean-field spectrum.
 */
import { z } from 'zod';
import { inferParameters } from '../analysis/inference.js';
import { gaussianNetwork } from '../connectivity/gaussian.js';
import { simulateRate } from '../dynamics/run.js';
import { deriveSeed } from '../random/seed.js';
import type { Runtime } from '../runtime.js';
import { type PlotSpec, sweepSpec } from './plots.js';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const positive = finite.refine((v) => v > 0, 'must be > 0');

export const InferenceSectionSchema = z.strictObject({
  n: z.int().min(10).default(400),
  /** Recorded units (the first k). */
  units: z.int().min(1).default(100),
  networks: z.array(z.strictObject({ g: positive, D: positive })).min(1).max(20).default([{ g: 0.8, D: 0.2 }, { g: 1.5, D: 0.1 }, { g: 2, D: 0.05 }]),
  t: positive.default(1000),
  dt: positive.default(0.05),
});
export type InferenceSection = z.output<typeof InferenceSectionSchema>;

export async function runInferenceSection(rt: Runtime, spec: InferenceSection, seed: string, onProgress: (done: number, total: number) => void) {
  const rows = [];
  const spectra: { series: string; x: number; y: number }[] = [];
  const fits: { series: string; x: number; y: number }[] = [];
  for (const [i, { g, D }] of spec.networks.entries()) {
    onProgress(i, spec.networks.length);
    const runSeed = deriveSeed(seed, 'inference', g, D);
    using net = gaussianNetwork(rt, { n: spec.n, g, seed: runSeed });
    const run = await simulateRate(rt, { connectivity: net, noise: Math.sqrt(2 * D) }, {
      t: spec.t + 50, transient: 50, dt: spec.dt, integrator: 'euler', seed: runSeed, record: { units: Math.min(spec.units, spec.n), every: 1 },
    });
    const recording = run.recording as NonNullable<typeof run.recording>;
    const r = inferParameters(rt, recording, { integrator: 'euler', every: 1 });
    rows.push({ g, D, gHat: r.g, gStdErr: r.stdErr.g, dHat: r.D, dStdErr: r.stdErr.D, status: r.status, divergence: r.divergence });
    const label = `g = ${g}, D = ${D}`;
    for (let k = 0; k < r.omega.length && r.omega[k] <= 10; k++) {
      spectra.push({ series: label, x: r.omega[k], y: r.periodogram[k] });
      fits.push({ series: `${label}: fit`, x: r.omega[k], y: r.fitted[k] });
    }
  }
  onProgress(spec.networks.length, spec.networks.length);
  const figures: { id: string; title: string; caption: string; spec: PlotSpec }[] = [{
    id: 'inference-spectra', title: 'Innovation spectra and the fitted mean-field spectrum',
    caption: `Periodogram of (x_{n+1} − (1 − dt)x_n)/dt averaged over ${spec.units} units and segments (N = ${spec.n}, T = ${spec.t}, dt = ${spec.dt}); ` +
      'dashed: g²Ĉ_φ(ω) + 2D at the Whittle estimate (through the segment\'s lag window).',
    spec: sweepSpec({ title: 'innovation spectrum', xTitle: 'ω (1/τ)', yTitle: 'power', points: spectra, curves: fits }),
  }];
  const fmt = (x: number) => Number(x.toPrecision(4)).toString();
  const summary = rows.map((r) => ({
    section: 'inference', item: `g = ${r.g}, D = ${r.D}: estimated g, D (± s.e.)`,
    value: `${fmt(r.gHat)} ± ${fmt(r.gStdErr)}, ${fmt(r.dHat)} ± ${fmt(r.dStdErr)}${r.status === 'converged' ? '' : ` (${r.status})`}`,
  }));
  return { results: { n: spec.n, t: spec.t, rows }, figures, summary };
}
