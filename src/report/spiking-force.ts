/**
 * The report's spiking FORCE section (Nicola & Clopath 2017; THEORY.md §6; learning/spiking-force.ts):
 *  1. readout FORCE on LIF, theta and mixed networks learning a sine: the trained output against the
 *     target over the frozen test window, the test NRMSE and its status (DRIFT_NRMSE, LEARNED_NRMSE);
 *  2. recurrent FORCE swept over the QIF fraction with several seeds (sweepSpikingForce): the RMS of
 *     ΔJ by population pair, and the motif statistics of ΔJ and J as z-scores against the untrained
 *     control Ω of the same seed,
 *        z = (s(M) − s(Ω)) / (√2/n),
 *     with √2/n the i.i.d. standard deviation of a motif statistic (analysis/motifs.ts), so |z| ≲ 2 is
 *     what an untrained random matrix would give; mean ± sd over the learned runs of each point.
 */
import { z } from 'zod';
import { type Spread, spread } from '../analysis/statistics.js';
import { POPULATION_PAIRS, type PopulationPair } from '../learning/analysis.js';
import { LEARNED_NRMSE } from '../learning/force.js';
import { DRIFT_NRMSE, SPIKING_FORCE_NEURONS, type SpikingForceNeuron, trainSpikingForce } from '../learning/spiking-force.js';
import { type Motif, type SpikingSweepRun, sweepSpikingForce } from '../learning/spiking-force-sweep.js';
import { sinesTarget } from '../learning/targets.js';
import { deriveSeed } from '../random/seed.js';
import type { Runtime } from '../runtime.js';
import { fmt } from './format.js';
import { outputTracesSpec, type PlotSpec, sweepSpec } from './plots.js';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const fraction = finite.refine((v) => v >= 0 && v <= 1, 'must be in [0, 1]');
const periods = (min: number, fallback: number) => z.int().min(min).max(1000).default(fallback);

export const SpikingForceSectionSchema = z.strictObject({
  /** Period of the sine target (ms; 200 = 5 Hz, the paper's). */
  periodMs: finite.refine((v) => v >= 10, 'must be ≥ 10 ms').default(200),
  /** Readout FORCE on each network type (trained output against the target). */
  readout: z.strictObject({
    n: z.int().min(10).default(2000),
    neurons: z.array(z.enum(SPIKING_FORCE_NEURONS)).min(1).max(3).default(['lif', 'qif', 'mixed']),
    /** Fraction of theta neurons of 'mixed'. */
    fracQif: fraction.default(0.5),
    warmUpPeriods: periods(0, 5),
    trainPeriods: periods(1, 25),
    testPeriods: periods(1, 10),
  }).default({ n: 2000, neurons: ['lif', 'qif', 'mixed'], fracQif: 0.5, warmUpPeriods: 5, trainPeriods: 25, testPeriods: 10 }),
  /** Recurrent FORCE over the QIF fraction (every neuron trained on a phase-shifted sine). */
  sweep: z.strictObject({
    n: z.int().min(10).default(300),
    fracQif: z.array(fraction).min(1).max(11).default([0, 0.5, 1]),
    seeds: z.int().min(2).max(20).default(3),
    warmUpPeriods: periods(0, 2),
    trainPeriods: periods(1, 10),
    testPeriods: periods(1, 2),
  }).default({ n: 300, fracQif: [0, 0.5, 1], seeds: 3, warmUpPeriods: 2, trainPeriods: 10, testPeriods: 2 }),
});
export type SpikingForceSection = z.output<typeof SpikingForceSectionSchema>;

const MOTIFS: readonly Motif[] = ['reciprocal', 'convergent', 'divergent', 'chain'];
const NEURON_LABEL: Record<SpikingForceNeuron, string> = { lif: 'LIF', qif: 'theta', mixed: 'mixed' };

export interface SpikingForceReadoutRow {
  neuron: SpikingForceNeuron;
  fracQif: number;
  testError: number;
  testErrorFirstPeriod: number;
  learned: boolean;
  /** 'ok' (≤ DRIFT_NRMSE), 'above 0.1' (learned, ≤ LEARNED_NRMSE) or 'NOT LEARNED'. */
  status: 'ok' | 'above 0.1' | 'NOT LEARNED';
  warnings: string[];
}

export interface SpikingForceSweepRow {
  fracQif: number;
  runs: number;
  learned: number;
  testError: Spread;
  /** RMS of diag(1/c)·ΔJ by population pair over the learned runs. */
  strength: Partial<Record<PopulationPair, Spread>>;
  /** Motif z-scores (file comment) of ΔJ and J over the learned runs. */
  zScores: { dJ: Record<Motif, Spread>; J: Record<Motif, Spread> };
}

/** Status of a readout run from its test error. */
function statusOf(testError: number): SpikingForceReadoutRow['status'] {
  return testError <= DRIFT_NRMSE ? 'ok' : testError <= LEARNED_NRMSE ? 'above 0.1' : 'NOT LEARNED';
}

/** z-scores of the motifs of M against the untrained Ω of the same run (file comment), per learned run. */
function motifZScores(runs: SpikingSweepRun[], key: 'J' | 'dJ', noise: number): Record<Motif, Spread> {
  return Object.fromEntries(MOTIFS.map((m) => [m, spread(runs.map((r) => (r.motifs[key][m] - r.motifs.J0[m]) / noise))])) as Record<Motif, Spread>;
}

export async function runSpikingForceSection(rt: Runtime, spec: SpikingForceSection, seed: string, onProgress: (done: number, total: number) => void) {
  const { readout, sweep, periodMs } = spec;
  const total = readout.neurons.length + sweep.fracQif.length * sweep.seeds;
  const dtMs = 0.05;
  const target = sinesTarget({ dt: dtMs, period: periodMs, amplitudes: [1], scale: 1 });
  const readoutRows: SpikingForceReadoutRow[] = [];
  const traces: { t: number; y: number; network: string; series: string }[] = [];
  // One trace sample per ms keeps the figure's data small (2·10 periods·200 samples at the defaults).
  const every = Math.max(1, Math.round(1 / dtMs));
  for (const [i, neuron] of readout.neurons.entries()) {
    onProgress(i, total);
    const run = await trainSpikingForce(rt, {
      target, neuron, n: readout.n, dtMs, ...(neuron === 'mixed' ? { fracQif: readout.fracQif } : {}),
      warmUpPeriods: readout.warmUpPeriods, trainPeriods: readout.trainPeriods, testPeriods: readout.testPeriods,
      seed: deriveSeed(seed, 'spikingForce', neuron),
    });
    const fracQif = neuron === 'lif' ? 0 : neuron === 'qif' ? 1 : readout.fracQif;
    readoutRows.push({
      neuron, fracQif, testError: run.testError, testErrorFirstPeriod: run.testErrorFirstPeriod, learned: run.learned,
      status: statusOf(run.testError), warnings: run.warnings,
    });
    const { warmUpSteps, trainSteps, testSteps, output, target: recorded } = run.traces;
    const network = neuron === 'mixed' ? `mixed (p_QIF = ${readout.fracQif})` : NEURON_LABEL[neuron];
    for (let k = warmUpSteps + trainSteps; k < warmUpSteps + trainSteps + testSteps; k += every) {
      const t = (k - warmUpSteps - trainSteps) * dtMs;
      traces.push({ t, y: output[k], network, series: 'output z' }, { t, y: recorded[k], network, series: 'target' });
    }
  }
  const seeds = Array.from({ length: sweep.seeds }, (_, s) => deriveSeed(seed, 'spikingForce', 'sweep', s + 1));
  const swept = await sweepSpikingForce(rt, {
    param: 'fracQif', values: sweep.fracQif, targets: ['sines'], seeds, n: sweep.n, periodMs,
    warmUpPeriods: sweep.warmUpPeriods, trainPeriods: sweep.trainPeriods, testPeriods: sweep.testPeriods,
    onRun: (done) => onProgress(readout.neurons.length + done, total),
  });
  onProgress(total, total);
  const noise = swept.motifNoise;
  const sweepRows: SpikingForceSweepRow[] = swept.points.map((p) => {
    const learnedRuns = swept.runs.filter((r) => r.value === p.value && r.learned);
    const strength: SpikingForceSweepRow['strength'] = {};
    for (const [pair, s] of Object.entries(p.strength) as [PopulationPair, { dJ: Spread }][]) strength[pair] = s.dJ;
    return {
      fracQif: p.value, runs: p.runs, learned: p.learned, testError: p.testError, strength,
      zScores: { dJ: motifZScores(learnedRuns, 'dJ', noise), J: motifZScores(learnedRuns, 'J', noise) },
    };
  });
  const withErr = (series: string, x: number, s: Spread | undefined) =>
    (s === undefined || !Number.isFinite(s.mean) ? [] : [{ series, x, y: s.mean, err: s.sd }]);
  const sweepCaption = `Recurrent spiking FORCE, every neuron's input trained on a ${1000 / periodMs} Hz sine with phases tiling the period ` +
    `(N = ${sweep.n}, ${sweep.trainPeriods} training periods), ${sweep.seeds} seeds per point; mean ± sd over the learned runs ` +
    '(rows in target units, diag(1/c)·M).';
  const figures: { id: string; title: string; caption: string; spec: PlotSpec }[] = [
    {
      id: 'spiking-force-output', title: 'Spiking FORCE: trained output against the target over the test window',
      caption: `Readout FORCE (N = ${readout.n}, Nicola & Clopath presets, ${readout.trainPeriods} training periods), output z = Φᵀr with Φ frozen ` +
        `over the ${readout.testPeriods}-period test window; test NRMSE ${readoutRows.map((r) => `${NEURON_LABEL[r.neuron]} ${fmt(r.testError)} (${r.status})`).join(', ')}.`,
      spec: outputTracesSpec('output z and target over the test window', traces),
    },
    {
      id: 'spiking-force-strength', title: 'Spiking FORCE: strength of the learned connectivity by population against the QIF fraction',
      caption: `RMS of ΔJ by population pair, presynaptic → postsynaptic. ${sweepCaption}`,
      spec: sweepSpec({
        title: 'RMS ΔJ by population', xTitle: 'fraction of QIF (theta) neurons', yTitle: 'RMS ΔJ (target units per Hz)',
        points: POPULATION_PAIRS.flatMap((pair) => sweepRows.flatMap((r) => withErr(pair, r.fracQif, r.strength[pair]))),
      }),
    },
    {
      id: 'spiking-force-motifs', title: 'Spiking FORCE: motif z-scores of ΔJ and J against the untrained control',
      caption: `z = (s(M) − s(Ω))/(√2/N) for the reciprocal, convergent, divergent and chain statistics of M = ΔJ (solid) and J = Ω + ΔJ, ` +
        `against Ω of the same seed; |z| ≲ 2 is what an untrained random matrix gives. ${sweepCaption}`,
      spec: sweepSpec({
        title: 'motif z-scores', xTitle: 'fraction of QIF (theta) neurons', yTitle: 'z vs untrained Ω', zeroLine: true,
        points: (['dJ', 'J'] as const).flatMap((key) => MOTIFS.flatMap((m) =>
          sweepRows.flatMap((r) => withErr(`${key === 'dJ' ? 'ΔJ' : 'J'} ${m}`, r.fracQif, r.zScores[key][m])))),
      }),
    },
  ];
  const summary = [
    ...readoutRows.map((r) => ({
      section: 'spikingForce', item: `readout ${NEURON_LABEL[r.neuron]}${r.neuron === 'mixed' ? ` (p_QIF = ${r.fracQif})` : ''}: test NRMSE (first period)`,
      value: `${fmt(r.testError)} (${fmt(r.testErrorFirstPeriod)}): ${r.status}${r.warnings.some((w) => w.includes('drifts')) ? ', drifting' : ''}`,
    })),
    ...sweepRows.map((r) => ({
      section: 'spikingForce', item: `recurrent p_QIF = ${r.fracQif}: learned runs; test NRMSE; ΔJ reciprocal z`,
      value: `${r.learned}/${r.runs}; ${fmt(r.testError.mean)} ± ${fmt(r.testError.sd, 2)}; ${fmt(r.zScores.dJ.reciprocal.mean)} ± ${fmt(r.zScores.dJ.reciprocal.sd, 2)}`,
    })),
    ...swept.claims.filter((c) => c.id === 'C1' || c.id === 'C3' || c.id === 'C4').map((c) => ({
      section: 'spikingForce', item: `${c.id}: ${c.claim}`, value: c.holds === null ? 'not testable here' : c.holds ? 'holds' : 'does not hold',
    })),
  ];
  return {
    results: {
      periodMs, readout: { n: readout.n, rows: readoutRows },
      sweep: {
        n: sweep.n, motifNoise: noise, rows: sweepRows, claims: swept.claims,
        runs: swept.runs.map((r) => ({ fracQif: r.value, seed: r.seed, testError: r.testError, learned: r.learned, motifs: r.motifs })),
      },
      warnings: [...readoutRows.flatMap((r) => r.warnings), ...swept.warnings],
    },
    figures, summary,
  };
}
