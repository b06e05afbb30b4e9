import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rnnkit } from '../helpers/cli.js';

describe('rnnkit CLI conventions', () => {
  it('--version prints the package version; --help lists the commands', async () => {
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect((await rnnkit('--version')).stdout.trim()).toBe(pkg.version);
    const help = await rnnkit('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/demo/);
    expect(help.stdout).toMatch(/bench/);
  });

  it('--json prints exactly one JSON object on stdout, and the same seed reproduces it', async () => {
    const a = await rnnkit('demo', '--json', '--n', '200', '--seed', 'cli', '--reps', '2');
    const b = await rnnkit('demo', '--json', '--n', '200', '--seed', 'cli', '--reps', '2');
    expect(a.code).toBe(0);
    expect(a.stderr).toBe('');
    expect(a.stdout.trim().split('\n')).toHaveLength(1);
    const ra = JSON.parse(a.stdout);
    const rb = JSON.parse(b.stdout);
    expect(ra.gainEstimate).toBe(rb.gainEstimate);
    expect(ra.seed).toBe('cli');
    // ‖J r‖/‖r‖ for J_ij ~ N(0, g²/N) has standard deviation ≈ g/√(2N) = 0.075 at N = 200: allow 5 of them.
    expect(Math.abs(ra.gainEstimate - 1.5)).toBeLessThan(0.375);
    const c = JSON.parse((await rnnkit('demo', '--json', '--n', '200', '--seed', 'other', '--reps', '2')).stdout);
    expect(c.gainEstimate).not.toBe(ra.gainEstimate);
  });

  it('human output (the results) goes to stdout, so `rnnkit demo > out.txt` keeps it', async () => {
    const r = await rnnkit('demo', '--n', '100', '--reps', '1');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Gaussian network, n = 100/);
    expect(r.stderr).not.toMatch(/Gaussian network/);
  });

  it.each([
    [['demo', '--n', '0'], /--n must be an integer in \[1, 10000\]/],
    [['demo', '--g', 'NaN'], /--g must be a finite number ≥ 0/],
    [['demo', '--reps', '-3'], /--reps must be an integer ≥ 1/],
    [['bench', '--simd', 'maybe'], /--simd <mode>' argument 'maybe' is invalid/],
    [['frobnicate'], /unknown command 'frobnicate'/],
  ])('bad input %j exits non-zero naming the parameter', async (args, message) => {
    const r = await rnnkit(...(args as string[]));
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('bench --quick --json reports every kernel with ratios and writes the same report to --out', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rnnkit-bench-'));
    const out = join(dir, 'latest.json');
    const r = await rnnkit('bench', '--quick', '--json', '--time-ms', '5', '--out', out);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(JSON.parse(await readFile(out, 'utf8'))).toEqual(report);
    const kernels = new Set(report.results.map((x: { kernel: string }) => x.kernel));
    expect([...kernels].sort()).toEqual(['dot', 'euler-step-csr', 'gemv', 'gemv-f32', 'rk4-step-dense', 'spmv', 'spmv-csr16', 'spmv-f32', 'spmvT', 'tanh']);
    for (const x of report.results) {
      expect(x.wasmMs).toBeGreaterThan(0);
      expect(x.jsMs).toBeGreaterThan(0);
      expect(x.speedup).toBeCloseTo(x.jsMs / x.wasmMs, 10);
      expect(x.baseline).toBe(x.kernel.endsWith('-f32') ? 'f64 weights' : x.kernel === 'spmv-csr16' ? 'CSR i32 indices' : undefined);
    }
    expect(report.env.node).toBe(process.version);
  }, 120_000);
});
