/** `rnnkit spectrum`: JSON keys, agreement of --all with Arnoldi, theory beside numbers, option errors. */
import { describe, expect, it } from 'vitest';
import { rnnkit } from '../helpers/cli.js';

describe('rnnkit spectrum', () => {
  it('--json prints one object with the issue\'s keys; Arnoldi agrees with --all on the spectral radius', async () => {
    const arnoldi = await rnnkit('spectrum', '--n', '300', '--g', '1.2', '--nev', '4', '--vectors', '--json', '--seed', 's');
    expect(arnoldi.code).toBe(0);
    expect(arnoldi.stdout.trim().split('\n')).toHaveLength(1);
    const a = JSON.parse(arnoldi.stdout);
    for (const key of ['eigenvalues', 'status', 'iterations', 'matvecs', 'residuals', 'spectralRadius', 'theory', 'ipr', 'timing']) {
      expect(a).toHaveProperty(key);
    }
    expect(a.status).toBe('converged');
    expect(a.eigenvalues).toHaveLength(4);
    expect(a.ipr).toHaveLength(4);
    expect(a.timing.solveMs).toBeGreaterThan(0);
    const magnitudes = a.eigenvalues.map((e: { re: number; im: number }) => Math.hypot(e.re, e.im));
    expect(magnitudes).toEqual([...magnitudes].sort((x, y) => y - x));
    const all = JSON.parse((await rnnkit('spectrum', '--n', '300', '--g', '1.2', '--all', '--json', '--seed', 's')).stdout);
    expect(all.eigenvalues).toHaveLength(300);
    // Residuals ≤ 1e-10·|λ| and edge condition numbers κ ≈ 2–12 (eigen-krylov tests): radii agree within 1e-8.
    expect(Math.abs(all.spectralRadius - a.spectralRadius)).toBeLessThan(1e-8);
    // Circular law radius g; Rider's finite-N edge (N = 300) lies within 20% (see test/science/spectra.test.ts).
    expect(a.theory.bulkRadius).toBe(1.2);
    expect(Math.abs(a.spectralRadius / 1.2 - 1)).toBeLessThan(0.2);
  });

  it('Jacobian at x = 0 is shifted by −1; the symmetric part uses Lanczos with the semicircle edge', async () => {
    const jac = JSON.parse((await rnnkit('spectrum', '--n', '200', '--operator', 'jacobian', '--which', 'LR', '--nev', '2', '--json')).stdout);
    expect(jac.solver).toBe('arnoldi');
    expect(jac.theory.center).toBe(-1);
    expect(jac.eigenvalues[0].re).toBeGreaterThan(-1);
    const sym = JSON.parse((await rnnkit('spectrum', '--n', '200', '--operator', 'symmetric', '--which', 'LA', '--nev', '2', '--json')).stdout);
    expect(sym.solver).toBe('lanczos');
    expect(sym.eigenvalues.every((e: { im: number }) => e.im === 0)).toBe(true);
    expect(sym.theory.edge).toBeCloseTo(Math.SQRT2, 12);
  });

  it.each([
    [['--operator', 'symmetric', '--which', 'LI'], /--which LI does not apply to a symmetric operator/],
    [['--which', 'BE'], /--which BE applies to --operator symmetric only/],
    [['--n', '10', '--nev', '9'], /k must be an integer in \[1, 8\]/],
    [['--which', 'XX'], /Allowed choices are LM, LR, SR, LI, SI, LA, SA, BE/],
    [['--ncv', '1'], /--ncv must be an integer ≥ 2/],
  ])('%j fails with a message naming the option', async (args, message) => {
    const r = await rnnkit('spectrum', ...args);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(message);
  });
});
