/**
 * The report's spiking FORCE section (src/report/spiking-force.ts) at a size a test affords: the readout
 * rows are trainSpikingForce's runs (same seed → the same numbers, bit for bit), the status follows the
 * thresholds, the trace figure is the recorded test window, and the motif z-scores are those of the
 * sweep's runs against their own untrained Ω.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { load, type Runtime, sinesTarget, trainSpikingForce } from '../../src/index.js';
import { LEARNED_NRMSE } from '../../src/learning/force.js';
import { DRIFT_NRMSE } from '../../src/learning/spiking-force.js';
import { deriveSeed } from '../../src/random/seed.js';
import { parseExperiment } from '../../src/report/config.js';
import { defaultExperiment } from '../../src/report/config.js';
import { runExperiment } from '../../src/report/experiment.js';
import { REPRODUCTIONS } from '../../src/report/presets.js';

describe('spiking FORCE report section', () => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await load();
  });

  it('shows each readout run, its status, the test-window traces and the motif z-scores of the sweep (n = 120 / 80)', async () => {
    const spikingForce = {
      readout: { n: 120, neurons: ['lif', 'qif'], warmUpPeriods: 1, trainPeriods: 2, testPeriods: 2 },
      sweep: { n: 80, fracQif: [0.5, 1], seeds: 2, warmUpPeriods: 1, trainPeriods: 3, testPeriods: 1 },
    };
    const { figures, summary, results } = await runExperiment(rt, parseExperiment({ seed: 3, spikingForce }));
    const section = results.spikingForce;
    if (section === undefined) throw new Error('no spikingForce results');
    expect(figures.map((f) => f.id)).toEqual(['spiking-force-output', 'spiking-force-strength', 'spiking-force-motifs']);

    // Readout rows: the very runs trainSpikingForce gives for the section's derived seed.
    const target = sinesTarget({ dt: 0.05, period: 200, amplitudes: [1], scale: 1 });
    for (const row of section.readout.rows) {
      const direct = await trainSpikingForce(rt, {
        target, neuron: row.neuron, n: 120, warmUpPeriods: 1, trainPeriods: 2, testPeriods: 2, seed: deriveSeed('3', 'spikingForce', row.neuron),
      });
      expect(row.testError).toBe(direct.testError);
      expect(row.warnings).toEqual(direct.warnings);
      const expected = row.testError <= DRIFT_NRMSE ? 'ok' : row.testError <= LEARNED_NRMSE ? 'above 0.1' : 'NOT LEARNED';
      expect(row.status).toBe(expected);
      // A failed run says so in its row: the summary value carries the status.
      const line = summary.find((s) => s.item.startsWith(`readout ${row.neuron === 'lif' ? 'LIF' : 'theta'}`));
      expect(line?.value).toContain(row.status);
      if (row.status === 'NOT LEARNED') expect(row.warnings.join(' ')).toMatch(/not learned/);
      // The figure holds the recorded test window (1 ms samples over 2 periods of 200 ms) of output and target.
      const label = row.neuron === 'lif' ? 'LIF' : 'theta';
      const values = (figures[0].spec as { data: { values: { t: number; y: number; network: string; series: string }[] } }).data.values;
      const mine = values.filter((v) => v.network === label && v.series === 'target');
      expect(mine).toHaveLength(400);
      const { traces } = direct;
      const start = traces.warmUpSteps + traces.trainSteps;
      for (const v of mine.slice(0, 50)) expect(v.y).toBe(traces.target[start + Math.round(v.t / 0.05)]);
      const outputs = values.filter((v) => v.network === label && v.series === 'output z');
      for (const v of outputs.slice(0, 50)) expect(v.y).toBe(traces.output[start + Math.round(v.t / 0.05)]);
    }

    // Sweep rows: z = (s(M) − s(Ω))/(√2/n) of the learned runs, mean and sample sd over seeds.
    const noise = Math.SQRT2 / 80;
    expect(section.sweep.motifNoise).toBe(noise);
    expect(section.sweep.rows.map((r) => r.fracQif)).toEqual([0.5, 1]);
    // Measured: the theta runs learn at this size (so the z-scores below are checked on real values).
    expect(section.sweep.runs.filter((r) => r.learned).length).toBeGreaterThanOrEqual(2);
    for (const row of section.sweep.rows) {
      const runs = section.sweep.runs.filter((r) => r.fracQif === row.fracQif);
      expect(runs).toHaveLength(2);
      const learned = runs.filter((r) => r.learned);
      expect(row.learned).toBe(learned.length);
      for (const key of ['dJ', 'J'] as const) {
        for (const m of ['reciprocal', 'convergent', 'divergent', 'chain'] as const) {
          const z = learned.map((r) => (r.motifs[key][m] - r.motifs.J0[m]) / noise);
          const got = row.zScores[key][m];
          expect(got.count).toBe(z.length);
          if (z.length === 0) continue;
          const mean = z.reduce((a, b) => a + b, 0) / z.length;
          // Sums of ≤ 2 terms: a few ulps of the largest |z|.
          expect(Math.abs(got.mean - mean)).toBeLessThanOrEqual(4e-16 * Math.max(1, ...z.map(Math.abs)));
          if (z.length === 2) expect(Math.abs(got.sd - Math.abs(z[0] - z[1]) / Math.SQRT2)).toBeLessThanOrEqual(1e-15 * Math.max(1, ...z.map(Math.abs)));
        }
      }
    }
    expect(summary.filter((s) => s.section === 'spikingForce')).toHaveLength(2 + 2 + 3);
  }, 240_000);

  it('validates the section naming the entry; the default report and the preset carry it', () => {
    expect(() => parseExperiment({ spikingForce: { readout: { neurons: ['izhikevich'] } } })).toThrow(/spikingForce\.readout\.neurons\[0\]/);
    expect(() => parseExperiment({ spikingForce: { sweep: { seeds: 1 } } })).toThrow(/spikingForce\.sweep\.seeds/);
    const preset = parseExperiment(REPRODUCTIONS['spiking-force'].experiment).spikingForce;
    // The full-size version: the Nicola–Clopath presets at N = 2000 with the CLI's durations (1 s, 5 s, 2 s).
    expect(preset?.readout).toMatchObject({ n: 2000, warmUpPeriods: 5, trainPeriods: 25, testPeriods: 10 });
    expect(preset?.sweep.fracQif).toEqual([0, 0.25, 0.5, 0.75, 1]);
    for (const quick of [false, true]) expect(defaultExperiment(quick).spikingForce?.readout.neurons).toEqual(['lif', 'qif', 'mixed']);
  });
});
