/**
 * The report's fixed-point section (THEORY.md §7): fixed points of a chaotic Gaussian network, their
 * radii |x*|²/N beside the chaotic radius Δ0 and the static shell q_fp, the Jacobian bulk edge at each
 * against g√⟨φ′(x*)²⟩, and how biased the search was (starts converged, discovery curve).
 */
import { z } from 'zod';
import { findFixedPoints } from '../analysis/fixed-points.js';
import { gaussianNetwork } from '../connectivity/gaussian.js';
import { deriveSeed } from '../random/seed.js';
import type { Runtime } from '../runtime.js';
import { scsVariance } from '../theory/dmft/scs.js';
import { staticShell } from '../theory/fixed-points.js';
import { type PlotSpec, sweepSpec, type SweepPoint } from './plots.js';
import { fmt } from './format.js';

const positive = z.number().refine((v) => Number.isFinite(v) && v > 0, 'must be a finite number > 0');

export const FixedPointSectionSchema = z.strictObject({
  n: z.int().min(20).max(2000).default(300),
  g: positive.default(2),
  starts: z.int().min(1).max(1000).default(32),
});
export type FixedPointSection = z.output<typeof FixedPointSectionSchema>;

export async function runFixedPointSection(rt: Runtime, spec: FixedPointSection, seed: string, onProgress: (done: number, total: number) => void) {
  using net = gaussianNetwork(rt, { n: spec.n, g: spec.g, seed: deriveSeed(seed, 'fixed-points', 'network') });
  const search = await findFixedPoints(rt, net, { starts: spec.starts, seed: deriveSeed(seed, 'fixed-points'), gain: spec.g, onProgress });
  const delta0 = scsVariance(spec.g);
  const shell = staticShell(spec.g);
  const fixed = search.points.filter((p) => p.kind === 'fixed');
  const radiusPoints: SweepPoint[] = fixed.flatMap((p, k) => [
    { series: 'fixed points |x*|²/N', x: k + 1, y: p.radius },
    { series: 'chaotic radius Δ0 (DMFT)', x: k + 1, y: delta0 },
    { series: 'static shell q_fp', x: k + 1, y: shell.q },
  ]);
  const edgePoints: SweepPoint[] = fixed.flatMap((p) => p.spectrum?.maxRadius == null || p.spectrum.predictedRadius == null ? [] : [
    { series: 'measured max |λ + 1|', x: p.radius, y: p.spectrum.maxRadius },
    { series: 'g√⟨φ′(x*)²⟩', x: p.radius, y: p.spectrum.predictedRadius },
  ]);
  const discovery: SweepPoint[] = search.discovery.map((d, k) => ({ series: 'distinct fixed points', x: k + 1, y: d }));
  const figures: { id: string; title: string; caption: string; spec: PlotSpec }[] = [
    {
      id: 'fixed-point-radii', title: `Fixed-point radii against the chaotic radius and the static shell (N = ${spec.n}, g = ${spec.g})`,
      caption: 'Each found fixed point (ascending radius) beside Δ0 of the SCS DMFT and the cavity shell q_fp = g²⟨tanh²(√q z)⟩.',
      spec: sweepSpec({ title: 'radii', xTitle: 'fixed point #', yTitle: '|x|²/N', points: radiusPoints }),
    },
    {
      id: 'fixed-point-bulk', title: 'Jacobian bulk edge at each fixed point against the circular law of J·diag φ′(x*)',
      caption: 'max |λ + 1| of the dense Jacobian spectrum and g√⟨φ′(x*)²⟩; at this N the edge overshoots by ~√(ln N/4N).',
      spec: sweepSpec({ title: 'bulk edge', xTitle: '|x*|²/N', yTitle: 'radius', points: edgePoints }),
    },
    {
      id: 'fixed-point-discovery', title: 'Bias of the search: distinct fixed points against the number of starts',
      caption: 'A curve still rising means the count is a lower bound; local searches find the largest basins.',
      spec: sweepSpec({ title: 'discovery', xTitle: 'starts', yTitle: 'distinct fixed points', points: discovery }),
    },
  ];
  const ratio = fixed.flatMap((p) => (p.spectrum?.maxRadius && p.spectrum.predictedRadius ? [p.spectrum.maxRadius / p.spectrum.predictedRadius] : []));
  const s = search.starts;
  const summary = [
    { section: 'fixed points', item: `found (fixed / slow) from ${s.total} starts; starts to fixed / slow / neither; duplicates`, value: `${search.fixedCount} / ${search.slowCount}; ${s.toFixed} / ${s.toSlow} / ${s.failed}; ${s.duplicates}` },
    { section: 'fixed points', item: 'median |x*|²/N against Δ0 (DMFT) and q_fp (static shell)', value: `${fmt(fixed[Math.floor(fixed.length / 2)]?.radius)} vs ${fmt(delta0)} / ${fmt(shell.q)}` },
    { section: 'fixed points', item: 'bulk edge / g√⟨φ′²⟩, mean over points', value: fmt(ratio.reduce((a, b) => a + b, 0) / ratio.length) },
    { section: 'fixed points', item: 'cos(velocity, direction to nearest fixed point): mean (random ±1/√N)', value: `${fmt(search.alignment?.mean)} (±${fmt(search.alignment?.nullScale)})` },
  ];
  return {
    results: {
      n: spec.n, g: spec.g, delta0, staticShell: shell.q, fixedCount: search.fixedCount, slowCount: search.slowCount, starts: s,
      discovery: search.discovery, radii: fixed.map((p) => p.radius), edgeRatios: ratio, alignmentMean: search.alignment?.mean ?? null,
      warnings: search.warnings,
    },
    figures, summary,
  };
}
