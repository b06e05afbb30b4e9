import { beforeAll, describe, expect, it } from 'vitest';
import { inferParameters } from '../../src/analysis/inference.js';
import { gaussianNetwork, load, type Runtime, simulateRate } from '../../src/index.js';
import { noisyVariance } from '../../src/theory/dmft/noisy.js';
import { scsVariance } from '../../src/theory/dmft/scs.js';

let rt: Runtime;
beforeAll(async () => {
  rt = await load();
});

describe('noisy mean-field theory', () => {
  it('reduces to the OU variance D at g = 0 and to SCS as D → 0', () => {
    expect(noisyVariance(0, 0.3)).toBeCloseTo(0.3, 12);
    expect(Math.abs(noisyVariance(2, 1e-6) - scsVariance(2))).toBeLessThan(1e-5);
    expect(() => noisyVariance(1, 0)).toThrow(/D/);
    expect(() => noisyVariance(1, 0.1, 'relu')).toThrow(/phi/);
  });
});

describe('inference of (g, D) from a simulated recording (N = 400, T = 1000)', () => {
  it.each([[1.5, 0.1], [0.8, 0.2]])('g = %f, D = %f recovered within a few percent', async (g, d) => {
    using net = gaussianNetwork(rt, { n: 400, g, seed: 2 });
    const run = await simulateRate(rt, { connectivity: net, noise: Math.sqrt(2 * d) }, {
      t: 1050, transient: 50, dt: 0.05, integrator: 'euler', seed: 2, record: { units: 100, every: 1 },
    });
    const r = inferParameters(rt, { ...run.recording!, sampleDt: run.recording!.sampleDt }, { integrator: 'euler', every: 1 });
    expect(r.status).toBe('converged');
    // Measured over 2 networks × 3 (g, D): |g error| ≤ 4.2%, |D error| ≤ 0.1%; the spread is the network-to-network
    // (quenched) variation at N = 400, which the sandwich s.e. (≈ 0.7%) does not cover. 5% and 1% are the "few percent".
    expect(Math.abs(r.g / g - 1)).toBeLessThan(0.05);
    expect(Math.abs(r.D / d - 1)).toBeLessThan(0.01);
    expect(r.stdErr.g).toBeGreaterThan(0);
  }, 120_000);
});

describe('inference report section', () => {
  it('estimates the configured networks and the preset parses', async () => {
    const { parseExperiment } = await import('../../src/report/config.js');
    const { runExperiment } = await import('../../src/report/experiment.js');
    const { REPRODUCTIONS } = await import('../../src/report/presets.js');
    const { summary, results } = await runExperiment(rt, parseExperiment({ inference: { n: 100, units: 50, t: 300, networks: [{ g: 1.2, D: 0.1 }] } }));
    expect(summary.filter((s) => s.section === 'inference')).toHaveLength(1);
    // D is fixed by the white high-frequency floor (0.1% at N = 400); 2% covers N = 100, T = 300.
    expect(Math.abs((results.inference?.rows[0].dHat ?? 0) / 0.1 - 1)).toBeLessThan(0.02);
    expect(parseExperiment(REPRODUCTIONS.inference.experiment).inference?.n).toBe(400);
  }, 60_000);
});
