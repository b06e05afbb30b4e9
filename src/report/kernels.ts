/**
 * The report's kernel section (Segadlo et al., arXiv 2112.05589; theory/kernels.ts): the
 * equal-time kernel of wide deep and recurrent networks from the recursion beside the empirical
 * kernels of many weight draws, the recurrent two-time kernel, and the spread of the empirical
 * kernel against the width n with the n^{-1/2} law.
 */
import { z } from 'zod';
import { kernelStudy } from '../analysis/kernels.js';
import { NONLINEARITIES } from '../dynamics/nonlinearity.js';
import type { Runtime } from '../runtime.js';
import { deriveSeed } from '../random/seed.js';
import { type PlotSpec, sweepSpec } from './plots.js';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const nonNegative = finite.refine((v) => v >= 0, 'must be ≥ 0');

export const KernelSectionSchema = z.strictObject({
  phi: z.enum(NONLINEARITIES).default('tanh'),
  sigmaW: nonNegative.default(1.5),
  sigmaB: nonNegative.default(0.5),
  steps: z.int().min(1).max(1000).default(10),
  widths: z.array(z.int().min(2).max(4096)).min(2).max(20).default([32, 64, 128, 256]),
  draws: z.int().min(2).max(100_000).default(200),
  input: z.strictObject({ qa: nonNegative, qb: nonNegative, c: finite }).default({ qa: 1, qb: 0.8, c: 0.4 }),
});
export type KernelSection = z.output<typeof KernelSectionSchema>;

export async function runKernelSection(rt: Runtime, spec: KernelSection, seed: string, onProgress: (done: number, total: number) => void) {
  const study = kernelStudy(rt, { ...spec, seed: deriveSeed(seed, 'kernels'), onProgress });
  const m = spec.steps + 1;
  const big = study.largest;
  const nMax = big.deep.n;
  const steps = Array.from({ length: m }, (_, t) => t);
  const figures: { id: string; title: string; caption: string; spec: PlotSpec }[] = [
    {
      id: 'kernel-equal-time', title: 'Equal-time kernel: deep and recurrent networks against the recursion',
      caption: `K_ab = (1/n) Σ h_i(a) h_i(b) of two inputs over ${spec.draws} weight draws at n = ${nMax} (mean ± std across draws); ` +
        `dashed: the recursion K ← σ_w² E[φ(u)φ(v)] + σ_b² (σ_w = ${spec.sigmaW}, σ_b = ${spec.sigmaB}, φ = ${spec.phi}), the same for both.`,
      spec: sweepSpec({
        title: 'K_ab vs layer / time', xTitle: 'layer l / time t', yTitle: 'K_ab',
        points: (['deep', 'recurrent'] as const).flatMap((a) => steps.map((t) => ({ series: a, x: t, y: big[a].c.mean[t], err: big[a].c.std[t] }))),
        curves: steps.map((t) => ({ series: 'theory', x: t, y: study.theory.equalTime[t].c })),
      }),
    },
    {
      id: 'kernel-two-time', title: 'Two-time kernel K(t, t + 1): shared weights correlate times',
      caption: `Recurrent network: K(t, t+1) = (1/n) Σ h_i^t h_i^{t+1} at n = ${nMax} against its recursion (dashed); ` +
        'the deep network\'s cross-layer kernel, which the theory puts at 0.',
      spec: sweepSpec({
        title: 'K(t, t+1)', xTitle: 't', yTitle: 'K(t, t+1)', zeroLine: true,
        points: (['deep', 'recurrent'] as const).flatMap((a) => steps.slice(0, -1).map((t) => ({
          series: a, x: t, y: big[a].twoTime.mean[t * m + t + 1], err: big[a].twoTime.std[t * m + t + 1],
        }))),
        curves: steps.slice(0, -1).map((t) => ({ series: 'recurrent theory', x: t, y: study.theory.recurrentTwoTime[t * m + t + 1] })),
      }),
    },
    {
      id: 'kernel-spread', title: 'Spread of the empirical kernel against the width',
      caption: `std across draws of K_ab at step ${spec.steps}; dashed: the n^{-1/2} law through the deep network's first point. ` +
        `Fitted exponents ${study.spreadExponent.deep.toFixed(3)} (deep), ${study.spreadExponent.recurrent.toFixed(3)} (recurrent).`,
      spec: sweepSpec({
        title: 'spread vs n', xTitle: 'width n', yTitle: 'std of K_ab', logX: true,
        points: (['deep', 'recurrent'] as const).flatMap((a) => study[a].map((r) => ({ series: a, x: r.n, y: r.spread }))),
        curves: study.widths.map((n) => ({ series: 'n^{-1/2}', x: n, y: study.deep[0].spread * Math.sqrt(study.widths[0] / n) })),
      }),
    },
  ];
  const fmt = (x: number) => Number(x.toPrecision(3)).toString();
  const last = study.theory.equalTime[spec.steps];
  const worst = Math.max(...[...study.deep, ...study.recurrent].map((r) => Math.max(r.maxDeviationSe, r.maxTwoTimeDeviationSe)));
  const summary = [
    {
      section: 'kernels', item: `K_ab at step ${spec.steps}, n = ${nMax}: deep, recurrent (theory)`,
      value: `${fmt(big.deep.c.mean[spec.steps])}, ${fmt(big.recurrent.c.mean[spec.steps])} (${fmt(last.c)})`,
    },
    { section: 'kernels', item: 'largest deviation from the recursions (standard errors, all widths)', value: fmt(worst) },
    { section: 'kernels', item: 'spread ∝ n^a: a deep, recurrent (−0.5)', value: `${fmt(study.spreadExponent.deep)}, ${fmt(study.spreadExponent.recurrent)}` },
    { section: 'kernels', item: 'spread recurrent / deep, per width', value: study.spreadRatio.map(fmt).join(', ') },
  ];
  const results = {
    widths: study.widths, theory: { equalTime: study.theory.equalTime, recurrentTwoTime: Array.from(study.theory.recurrentTwoTime) },
    deep: study.deep, recurrent: study.recurrent, spreadExponent: study.spreadExponent, spreadRatio: study.spreadRatio,
  };
  return { results, figures, summary };
}
