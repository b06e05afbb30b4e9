import { describe, expect, it } from 'vitest';
import { scsLyapunov } from '../../src/theory/dmft/lyapunov.js';
import { scsVariance } from '../../src/theory/dmft/scs.js';
import { rnnkit } from '../helpers/cli.js';

describe('rnnkit theory and compare', () => {
  it('theory --json prints the SCS predictions the library computes', async () => {
    const r = await rnnkit('theory', '--g', '2', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.status).toBe('chaotic');
    expect(out.delta0).toBe(scsVariance(2));
    expect(out.lambdaMax).toBe(scsLyapunov(2).lambdaMax);
    expect(out.criticalG).toBe(1);
    expect(out.tauHalf).toBeGreaterThan(4);
    expect(out.classes).toHaveLength(1);
  });

  it('theory --model lognormal gives g_c = (1 + CV²)^(−ρ/2) and classes with var x = κ_in·Δ0', async () => {
    const out = JSON.parse((await rnnkit('theory', '--model', 'lognormal', '--cv', '1', '--degree-corr', '1', '--g', '0.9', '--nodes', '12', '--json')).stdout);
    expect(out.criticalG).toBeCloseTo(Math.SQRT1_2, 9); // 12 Gauss–Hermite nodes integrate e^{2σz} to ~3e-11
    expect(out.status).toBe('chaotic');
    expect(out.classes).toHaveLength(12);
    for (const c of out.classes) expect(c.varX).toBeCloseTo(c.kappaIn * out.delta0, 12);
  });

  it('a diverged state is reported with its status and a non-zero exit', async () => {
    const r = await rnnkit('theory', '--phi', 'relu', '--g', '2', '--json');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.status).toBe('diverged');
    // relu has φ′(0) = 0: no spectral threshold at rest, and the output says why instead of a bare null
    expect(out.criticalG).toBeNull();
    expect(out.criticalGNote).toMatch(/φ′\(0\) = 0/);
    expect(JSON.parse((await rnnkit('theory', '--g', '2', '--json')).stdout).criticalGNote).toBeUndefined();
  });

  it('theory --eta runs the memory-term solver: elliptic g_c = 1/(1 + η) at CV = 0, a self-coupling s > 0', async () => {
    const out = JSON.parse((await rnnkit('theory', '--g', '1.5', '--eta', '0.3', '--paths', '30', '--json')).stdout);
    expect(out.criticalG).toBeCloseTo(1 / 1.3, 9);
    expect(out.classes[0].selfCoupling).toBeGreaterThan(0);
    expect(out.delta0).toBeGreaterThan(JSON.parse((await rnnkit('theory', '--g', '1.5', '--json')).stdout).delta0);
  }, 120_000);

  it('compare --json puts theory and simulation side by side for a lognormal network', async () => {
    const r = await rnnkit('compare', '--model', 'lognormal', '--n', '600', '--k', '50', '--cv', '1', '--g', '2', '--t', '60', '--transient', '20', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const q = out.rows.find((x: { quantity: string }) => x.quantity.startsWith('q'));
    // N = 600: O(N^(−1/2)) ≈ 4% plus the run's error; 25% only guards the plumbing.
    expect(Math.abs(q.relativeDifference)).toBeLessThan(0.25);
    expect(out.classes).toHaveLength(5);
    expect(out.delta.tau.length).toBe(out.delta.simulation.length);
  });
});
