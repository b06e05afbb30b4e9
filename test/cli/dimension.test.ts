import { describe, expect, it } from 'vitest';
import { rnnkit } from '../helpers/cli.js';

describe('rnnkit dimension', () => {
  it('--json gives the N → ∞ theory: the published g = 2 values, ε = 0', async () => {
    const run = await rnnkit('dimension', '--g', '2', '--json');
    expect(run.code, run.stderr).toBe(0);
    const r = JSON.parse(run.stdout);
    expect(Math.abs(r.prXOverN - 0.0159148)).toBeLessThan(5e-8);
    expect(Math.abs(r.prPhiOverN - 0.0197407)).toBeLessThan(5e-8);
    expect(r.epsilon).toBe(0);
    expect(r.effectiveRank).toBeNull();
    expect(r.theoryStatus).toBe('chaotic');
  });

  it('random-mode networks: ε and the effective rank of the built matrix enter the theory', async () => {
    // 25 equal Gaussian modes (power law with α = 0) at N = 200: ε ≈ N/R = 8, matrix effective rank ≈ N/(ε + 2) = 20.
    const r = JSON.parse((await rnnkit('dimension', '--model', 'random-mode', '--n', '200', '--rank', '25', '--alpha', '0', '--json')).stdout);
    expect(r.designEffectiveRank).toBeCloseTo(25, 10);
    expect(Math.abs(r.epsilon / 8 - 1)).toBeLessThan(0.1); // seed spread ≈ 3 % at this size (numpy, 20 seeds)
    expect(r.effectiveRank).toBeCloseTo(200 / (r.epsilon + 2), 10);
    expect(r.prXOverN).toBeLessThan(0.0159148); // fewer effective modes, lower dimension
  });

  it('--phi linear gives the long-window closed form, this matrix\'s long-window and equal-time (Lyapunov) PRs', async () => {
    const r = JSON.parse((await rnnkit('dimension', '--phi', 'linear', '--g', '0.5', '--n', '200', '--json')).stdout);
    expect(r.prLongWindowOverN).toBe(0.5625);
    // numpy at N = 200 (10 seeds): 0.566 ± 0.006.
    expect(Math.abs(r.prLongWindowMatrixOverN - 0.5625)).toBeLessThan(0.025);
    // The equal-time covariance is closer to isotropic than the long-window one (it weights fast modes too).
    expect(r.prEqualTimeOverN).toBeGreaterThan(r.prLongWindowMatrixOverN);
    expect(r.prEqualTimeOverN).toBeLessThanOrEqual(1);
  });

  it('--simulate measures PR^x and PR^φ with standard errors beside the theory', async () => {
    const run = await rnnkit('dimension', '--simulate', '--g', '3', '--n', '150', '--t', '200', '--transient', '50', '--dt', '0.1',
      '--record-every', '5', '--seed', 'cli-dim', '--json');
    expect(run.code, run.stderr).toBe(0);
    const r = JSON.parse(run.stdout);
    for (const m of [r.measured.x, r.measured.phi]) {
      expect(m.status).toBe('ok');
      expect(m.prOverNStdErr).toBeGreaterThan(0);
    }
    // Finite networks lie above the N → ∞ value (0.031 at g = 3); at N = 150 by a factor of one to three.
    expect(r.measured.x.prOverN).toBeGreaterThan(r.prXOverN);
    expect(r.measured.x.prOverN).toBeLessThan(3 * r.prXOverN + 3 * r.measured.x.prOverNStdErr);
  });

  it('says when the PR is undefined or has no theory, and exits non-zero', async () => {
    const quiet = await rnnkit('dimension', '--g', '0.8', '--json');
    expect(quiet.code).toBe(1);
    const q = JSON.parse(quiet.stdout);
    expect(q.prXOverN).toBeNull();
    expect(q.notes.join(' ')).toMatch(/quiescent .* PR is undefined/);
    const sigmoid = await rnnkit('dimension', '--phi', 'sigmoid');
    expect(sigmoid.code).toBe(1);
    expect(sigmoid.stderr + sigmoid.stdout).toMatch(/no dimension theory for φ = sigmoid/);
    const bad = await rnnkit('dimension', '--epsilon', '-3');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--epsilon must be a finite number ≥ -1/);
  });
});
