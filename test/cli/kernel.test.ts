import { describe, expect, it } from 'vitest';
import { nonlinearity } from '../../src/dynamics/nonlinearity.js';
import { load } from '../../src/index.js';
import { parseExperiment } from '../../src/report/config.js';
import { runExperiment } from '../../src/report/experiment.js';
import { REPRODUCTIONS } from '../../src/report/presets.js';
import { equalTimeKernel } from '../../src/theory/kernels.js';
import { rnnkit } from '../helpers/cli.js';

describe('rnnkit kernel', () => {
  it('--json prints the recursion the library computes, the agreement and the spread exponents', async () => {
    const r = await rnnkit('kernel', '--widths', '32,64', '--draws', '40', '--steps', '4', '--seed', '3', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const theory = equalTimeKernel({ phi: nonlinearity('tanh'), sigmaW: 1.5, sigmaB: 0.5, steps: 4, input: { qa: 1, qb: 0.8, c: 0.4 } });
    expect(out.theory.equalTime).toEqual(theory);
    expect(out.widths).toEqual([32, 64]);
    expect(out.agreement).toBe('agrees');
    expect(out.deep).toHaveLength(2);
    expect(Number.isFinite(out.spreadExponent.recurrent)).toBe(true);
    const again = await rnnkit('kernel', '--widths', '32,64', '--draws', '40', '--steps', '4', '--seed', '3', '--json');
    expect(again.stdout).toBe(r.stdout);
  }, 60_000);

  it('bad options name themselves', async () => {
    const bad = await rnnkit('kernel', '--widths', '32,1');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--widths/);
    const c = await rnnkit('kernel', '--c', '5', '--widths', '8,16', '--draws', '2');
    expect(c.code).toBe(1);
    expect(c.stderr).toMatch(/input\.c/);
  });
});

describe('kernel report section', () => {
  it('runs from a config, with theory beside simulation in its summary; the preset parses', async () => {
    const rt = await load();
    const experiment = parseExperiment({ kernels: { widths: [16, 32], draws: 20, steps: 3 } });
    const { figures, summary, results } = await runExperiment(rt, experiment);
    expect(figures.map((f) => f.id)).toEqual(['kernel-equal-time', 'kernel-two-time', 'kernel-spread']);
    expect(summary.filter((s) => s.section === 'kernels')).toHaveLength(4);
    expect(results.kernels?.widths).toEqual([16, 32]);
    expect(() => parseExperiment(REPRODUCTIONS.kernels.experiment)).not.toThrow();
    expect(() => parseExperiment({ kernels: { widths: [1, 2] } })).toThrow(/kernels\.widths\[0\]/);
  });
});
