import { describe, expect, it } from 'vitest';
import { rnnkit } from '../helpers/cli.js';

const small = ['--n', '120', '--g', '2', '--seed', 'cli-dyn'];

describe('rnnkit simulate / lyapunov / sweep', () => {
  it('simulate --json reports q, mean activity, PR and timescales, reproducibly', async () => {
    const a = await rnnkit('simulate', ...small, '--t', '60', '--transient', '10', '--json');
    expect(a.code).toBe(0);
    const r = JSON.parse(a.stdout);
    for (const key of ['q', 'meanActivity', 'pr', 'prOverN']) expect(Number.isFinite(r[key])).toBe(true);
    for (const key of ['median', 'p10', 'p90']) expect(r.timescales[key]).toBeGreaterThan(0);
    expect(r.timescales.degreeSpearman).toBeNull(); // dense network: no degrees
    expect(r.prOverN).toBeCloseTo(r.pr / 120, 12);
    // The cross-block estimate with its standard error; 50 τ is short, so the plain one is flagged as biased low.
    expect(r.prStatus).toBe('ok');
    expect(r.prEstimator).toBe('cross-block');
    expect(r.prOverNStdErr).toBeGreaterThan(0);
    expect(r.prPlainOverN).toBeLessThan(r.prOverN);
    expect(r.prWarnings.join(' ')).toMatch(/biased low by about/);
    const b = JSON.parse((await rnnkit('simulate', ...small, '--t', '60', '--transient', '10', '--json')).stdout);
    expect(b.q).toBe(r.q);
  });

  it('simulate says when PR is undefined: a decayed network (g = 0.5) has no activity, not PR ≈ 1', async () => {
    const a = await rnnkit('simulate', '--n', '80', '--g', '0.5', '--t', '120', '--transient', '60', '--json');
    expect(a.code).toBe(0);
    const r = JSON.parse(a.stdout);
    expect(r.prStatus).toBe('no-activity');
    expect(r.pr).toBeNull();
    expect(r.prOverN).toBeNull();
    expect(r.prWarnings[0]).toMatch(/no activity/);
    const human = await rnnkit('simulate', '--n', '80', '--g', '0.5', '--t', '120', '--transient', '60');
    expect(human.stderr + human.stdout).toMatch(/participation ratio undefined \(no-activity\)/);
  });

  it('simulate on a sparse lognormal network gives the timescale–degree correlation', async () => {
    const r = JSON.parse((await rnnkit('simulate', '--model', 'lognormal', '--n', '300', '--k', '30', '--cv', '1', '--g', '2',
      '--t', '60', '--transient', '10', '--json')).stdout);
    expect(r.timescales.degreeSpearman).toBeGreaterThanOrEqual(-1);
    expect(r.timescales.degreeSpearman).toBeLessThanOrEqual(1);
  });

  it('lyapunov --json gives lambdaMax, its standard error and k exponents in decreasing order', async () => {
    const r = JSON.parse((await rnnkit('lyapunov', ...small, '--t', '80', '--transient', '20', '--exponents', '3', '--json')).stdout);
    expect(r.exponents).toHaveLength(3);
    expect(r.lambdaMax).toBe(r.exponents[0]);
    expect(r.exponents[0]).toBeGreaterThanOrEqual(r.exponents[1]);
    expect(r.exponents[1]).toBeGreaterThanOrEqual(r.exponents[2]);
    expect(r.lambdaStdErr).toBeGreaterThan(0);
  });

  it('sweep --json prints an array with one row per value', async () => {
    const r = await rnnkit('sweep', '--param', 'g', '--values', '0.5:1.5:0.5', '--measure', 'q', '--n', '100', '--t', '40', '--transient', '20', '--json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout);
    expect(rows.map((row: { g: number }) => row.g)).toEqual([0.5, 1, 1.5]);
    expect(rows[0].q).toBeLessThan(1e-6); // g < 1 relaxes to x = 0
    expect(rows[2].q).toBeGreaterThan(rows[0].q);
  });

  it.each([
    [['simulate', '--t', '10', '--transient', '20'], /t must exceed transient/],
    [['simulate', '--phi', 'softsign'], /--phi <name>' argument 'softsign' is invalid/],
    [['simulate', '--dt', '1.5', '--integrator', 'euler', '--n', '10'], /dt must be < tau \(got dt = 1.5, tau = 1\)/],
    [['simulate', '--dt', '2', '--n', '10'], /dt must be < tau \(got dt = 2, tau = 1\)/],
    // Issue 19: this exploding relu run used to exit 0 with q = 3.1e163.
    [['simulate', '--g', '5', '--phi', 'relu', '--integrator', 'euler', '--n', '200', '--t', '100'], /blew up at t = .*reached the state limit/],
    [['simulate', '--state-limit', '0'], /stateLimit must be > 0/],
    [['simulate', '--model', 'gaussian', '--cv', '1'], /--cv do\(es\) not apply to --model gaussian/],
    [['lyapunov', '--exponents', '0'], /--exponents must be an integer ≥ 1/],
    [['sweep', '--param', 'colour', '--values', '1,2'], /--param must be one of/],
    [['sweep', '--param', 'g', '--values', '2:1:0.5'], /--values a:b:step needs finite a ≤ b/],
    [['sweep', '--values', '1,2'], /required option '--param <name>' not specified/],
  ])('bad input %j exits non-zero naming the parameter', async (args, message) => {
    const r = await rnnkit(...(args as string[]));
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(message);
  });
});
