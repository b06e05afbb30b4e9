import { describe, expect, it } from 'vitest';
import { load } from '../../src/index.js';
import { parseExperiment } from '../../src/report/config.js';
import { runExperiment } from '../../src/report/experiment.js';
import { REPRODUCTIONS } from '../../src/report/presets.js';
import { glmBlockTheory, glmNeuronTimescale } from '../../src/theory/spiking-timescales.js';
import { rnnkit } from '../helpers/cli.js';

describe('rnnkit spiking-timescales', () => {
  // A small network (300 neurons, 1.2 s): the check is the CLI's plumbing; agreement at full size is test/science.
  it('--json prints the library theory beside the simulation, reproducibly', async () => {
    const args = ['spiking-timescales', '--n-e', '240', '--n-i', '60', '--t', '1200', '--seed', '5', '--json'];
    const r = await rnnkit(...args);
    expect([0, 1]).toContain(r.code);
    const out = JSON.parse(r.stdout);
    const theory = glmBlockTheory({
      neuron: out.params.neuron, muMv: [6, 4], inDegree: [[80, 20], [80, 20]], weightMv: [[1, -4], [1, -4]], populationSizes: [240, 60], lagStepMs: 1, maxLagMs: 150,
    });
    expect(out.status).toBe('converged');
    expect(out.blocks[0].rateMeanHz.theory).toBe(theory.blocks[0].rate.meanHz);
    expect(out.blocks[1].medianTimescaleMs).toBe(theory.blocks[1].medianTimescaleMs);
    expect(out.blocks[0].rateMeanHz.simulation).toBeGreaterThan(0);
    expect(['agrees', 'disagrees']).toContain(out.agreement);
    // Per-neuron autocorrelations by rate group: 3 groups of 80 E neurons, theory from the library.
    expect(out.blocks[0].byRate).toHaveLength(3);
    expect(out.blocks[0].byRate.map((g: { neurons: number }) => g.neurons)).toEqual([80, 80, 80]);
    expect(out.blocks[0].byRate[1].theoryTauIntMs).toBeCloseTo(glmNeuronTimescale(theory, 0, out.blocks[0].byRate[1].rateHz.mean), 10);
    expect(out.blocks[0].timescalesMs[3].rateHz).toBe(theory.blocks[0].timescales[3].rateHz);
    expect(r.code).toBe(out.agreement === 'agrees' ? 0 : 1);
    const again = await rnnkit(...args);
    expect(again.stdout).toBe(r.stdout);
  }, 120_000);

  it('bad options name themselves', async () => {
    const width = await rnnkit('spiking-timescales', '--width', '-1', '--json');
    expect(width.code).not.toBe(0);
    expect(width.stderr).toMatch(/--width/);
    const n = await rnnkit('spiking-timescales', '--n-e', '1.5');
    expect(n.code).not.toBe(0);
    expect(n.stderr).toMatch(/--n-e/);
    const bins = await rnnkit('spiking-timescales', '--n-e', '40', '--n-i', '40', '--rate-bins', '5', '--t', '400');
    expect(bins.code).not.toBe(0);
    expect(bins.stderr).toMatch(/rateBins must be an integer in \[1, 4\]/);
  });
});

describe('spiking-timescales report section', () => {
  it('runs from a small config with theory beside simulation and a verdict per quantity; the preset parses', async () => {
    const rt = await load();
    const experiment = parseExperiment({ seed: 2, spikingTimescales: { sizes: [160, 40], tMs: 700, lagsMs: [2, 5] } });
    const { figures, summary, results } = await runExperiment(rt, experiment);
    expect(figures.map((f) => f.id)).toEqual(['spiking-timescales-autocovariance', 'spiking-timescales-amplitude-by-rate', 'spiking-timescales-correlation-time-by-rate']);
    const rows = summary.filter((s) => s.section === 'spikingTimescales');
    expect(rows).toHaveLength(9);
    expect(rows[3].value).toMatch(/amplitude agrees in \d of 4 groups/);
    expect(results.spikingTimescales?.blocks[1].byRate).toHaveLength(4);
    expect(rows[0].value).toMatch(/(agree|DISAGREE) within 3 s\.e\./);
    expect(results.spikingTimescales?.status).toBe('converged');
    expect(results.spikingTimescales?.blocks[0].rateMeanHz.theory).toBeCloseTo(results.spikingTimescales?.theory[0].rate.meanHz as number, 12);
    expect(() => parseExperiment(REPRODUCTIONS['spiking-timescales'].experiment)).not.toThrow();
    expect(() => parseExperiment({ spikingTimescales: { tMs: 10 } })).toThrow(/tMs/);
  }, 120_000);
});
