import { describe, expect, it } from 'vitest';
import { rnnkit } from '../helpers/cli.js';

describe('rnnkit fixed-points and correlations', () => {
  it('fixed-points --json: one object, fixed points with residuals at rounding level, theory beside the radii', async () => {
    const run = await rnnkit('fixed-points', '--n', '120', '--g', '1.5', '--starts', '6', '--seed', 'cli-fp', '--json');
    expect(run.code, run.stderr).toBe(0);
    const r = JSON.parse(run.stdout);
    expect(r.fixedCount).toBeGreaterThan(0);
    expect(r.starts.total).toBe(6);
    expect(r.starts.toFixed + r.starts.toSlow + r.starts.failed).toBe(6);
    for (const p of r.points.filter((q: { kind: string }) => q.kind === 'fixed')) expect(p.residualOverEps).toBeLessThanOrEqual(64 * Math.sqrt(120));
    // The chaotic radius Δ0 (SCS DMFT) and the static shell q_fp are reported beside the radii.
    expect(r.theory.chaoticRadius).toBeGreaterThan(0);
    expect(r.theory.staticShell).toBeGreaterThan(0);
  });

  it('correlations --json: population variance and mean cross-covariance beside the prediction', async () => {
    const run = await rnnkit('correlations', '--n', '100', '--g', '2', '--j0', '1', '--t', '150', '--replicates', '2', '--seed', 'cli-pc', '--json');
    expect(run.code, run.stderr).toBe(0);
    const r = JSON.parse(run.stdout);
    expect(r.replicates).toBe(2);
    expect(r.theory.status).toBe('paramagnetic');
    expect(r.theory.loopGain).toBeCloseTo(0.4868, 3); // J0⟨φ′⟩ with ⟨φ′⟩ = 0.48682 at g = 2 (THEORY.md §4)
    expect(r.populationVariance.stdErr).not.toBeNull();
    expect(r.population.length).toBe(r.lags.length);
    expect(r.pairs.exhaustive).toBe(true); // 4950 pairs ≤ 20 000
  });

  it('bad input names the option', async () => {
    const a = await rnnkit('fixed-points', '--starts', '0');
    expect(a.code).not.toBe(0);
    expect(a.stderr).toMatch(/--starts/);
    const b = await rnnkit('correlations', '--replicates', 'x');
    expect(b.code).not.toBe(0);
    expect(b.stderr).toMatch(/--replicates/);
  });
});
