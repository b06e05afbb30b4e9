/**
 * sweepSpikingForce: the per-point spreads are those of the runs, the untrained control Ω has no
 * motifs beyond the i.i.d. level, and the verdicts follow from the measurements (theta network, n = 300).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { load, type Runtime, sweepSpikingForce } from '../../src/index.js';

describe('sweepSpikingForce', () => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await load();
  });

  // Measured (n = 300, every neuron trained, 2 s of training): test NRMSE 0.094, 0.101; ΔJ reciprocal 0.098 and
  // 0.077 (i.i.d. level √2/n = 0.0047); Ω + ΔJ has 2 outliers, Ω none.
  it('theta network, 5 Hz sines (2 seeds): reciprocal ΔJ motifs and outliers from training; Ω at the i.i.d. level', async () => {
    const done: number[] = [];
    const sweep = await sweepSpikingForce(rt, { param: 'fracQif', values: [1], targets: ['sines'], seeds: [1, 2], n: 300, onRun: (k) => done.push(k) });
    expect(done).toEqual([1, 2]);
    expect(sweep.runs).toHaveLength(2);
    const [point] = sweep.points;
    expect(point.learned).toBe(2);
    const reciprocal = sweep.runs.map((r) => r.motifs.dJ.reciprocal);
    const mean = (reciprocal[0] + reciprocal[1]) / 2;
    expect(point.motifs.dJ.reciprocal.mean).toBeCloseTo(mean, 14);
    expect(point.motifs.dJ.reciprocal.sd).toBeCloseTo(Math.abs(reciprocal[0] - reciprocal[1]) / Math.SQRT2, 14);
    // Untrained control: Ω's entries are independent, each statistic 0 ± √2/n; 5 sd.
    for (const run of sweep.runs) {
      for (const m of ['reciprocal', 'divergent', 'chain'] as const) expect(Math.abs(run.motifs.J0[m])).toBeLessThan(5 * sweep.motifNoise);
      expect(run.outliers.J0).toBe(0);
    }
    const claim = (id: string) => sweep.claims.find((c) => c.id === id);
    expect(claim('C2')?.holds).toBe(true);
    expect(claim('C3')?.holds).toBe(true);
    expect(claim('C3')?.evidence).toMatch(/sines fracQif = 1/);
    // Not testable from this sweep: one composition (C1, C4), no sequence (C5) or OU (C6) target.
    for (const id of ['C1', 'C4', 'C5', 'C6']) expect(claim(id)?.holds).toBeNull();
    expect(sweep.warnings).toEqual([]);
  }, 120_000);

  it('a point whose runs do not learn is left out of the verdicts, and the warnings say so', async () => {
    const sweep = await sweepSpikingForce(rt, { param: 'tauDecayMs', values: [20], targets: ['sines'], seeds: [1], n: 60, trainPeriods: 1, testPeriods: 1 });
    expect(sweep.points[0].learned).toBe(0);
    expect(sweep.warnings.join(' ')).toMatch(/1 of 1 runs not learned/);
    for (const c of sweep.claims) expect(c.holds).toBeNull();
  }, 60_000);

  it('rejects bad input naming the option', async () => {
    await expect(sweepSpikingForce(rt, { param: 'g' as never, values: [1] })).rejects.toThrow(/param must be one of/);
    await expect(sweepSpikingForce(rt, { param: 'fracQif', values: [] })).rejects.toThrow(/values must not be empty/);
    await expect(sweepSpikingForce(rt, { param: 'fracQif', values: [1.5] })).rejects.toThrow(/fracQif values must lie in \[0, 1\]/);
    await expect(sweepSpikingForce(rt, { param: 'fracQif', values: [0.5], fracQif: 0.2 })).rejects.toThrow(/fracQif is what the sweep varies/);
    await expect(sweepSpikingForce(rt, { param: 'tauMs', values: [10], targets: ['chirp' as never] })).rejects.toThrow(/targets\[\] must be one of/);
  });
});
