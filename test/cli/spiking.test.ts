import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { erf } from '../../src/dynamics/nonlinearity.js';
import { rnnkit } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'rnnkit-spiking-'));
const KEYS = ['rate', 'rateLif', 'rateQif', 'rateGlm', 'fracSilent', 'cv', 'prBins', 'prFiltered', 'nSpikes', 'timing', 'warnings'];

describe('rnnkit spiking', () => {
  it('--json has exactly the documented keys, reproducibly', async () => {
    const args = ['spiking', '--n', '300', '--t', '600', '--jc', '5', '--seed', '3', '--json'];
    const a = await rnnkit(...args);
    expect(a.code).toBe(0);
    const r = JSON.parse(a.stdout);
    expect(Object.keys(r)).toEqual(KEYS);
    expect(Object.keys(r.timing)).toEqual(['simMs', 'msPerSimulatedSecond']);
    expect(r.timing.simMs).toBe(600);
    // 0.4 s after the transient: the PRs are cross-block estimates, and the plain ones' bias is said.
    expect(r.warnings.join('\n')).toMatch(/prFiltered: participationRatio: the plain estimate .* biased low/);
    expect(r.rate).toBeGreaterThan(15);
    expect(r.rateLif).toBeGreaterThan(0);
    expect(r.rateQif).toBeGreaterThan(0);
    const b = JSON.parse((await rnnkit(...args)).stdout);
    expect({ ...b, timing: null }).toEqual({ ...r, timing: null });
  });

  it('--dtype f32 simulates the rounded network as stored: the same run as f64 weights stored in f32', async () => {
    const args = ['spiking', '--n', '300', '--t', '400', '--jc', '5', '--seed', '4', '--json'];
    const f32 = await rnnkit(...args, '--dtype', 'f32');
    expect(f32.code).toBe(0);
    // Both round each generated weight to nearest f32 once, so the spikes (and the summary) agree exactly.
    const stored = JSON.parse((await rnnkit(...args, '--weights', 'f32')).stdout);
    expect({ ...JSON.parse(f32.stdout), timing: null }).toEqual({ ...stored, timing: null });
    expect((await rnnkit('spiking', '--dtype', 'f16')).stderr).toMatch(/--dtype.*f16.*Allowed choices are f64, f32/s);
    expect((await rnnkit('spiking', '--help')).stdout).toMatch(/--dtype <dtype>/);
  });

  it('--matrix, --types and --v0 files reproduce the Brian2 fixture; --spikes-out streams neuron,step', async () => {
    const f = JSON.parse(readFileSync(new URL('../fixtures/spiking/brian2-mixed-n500.json', import.meta.url), 'utf8'));
    const run = f.runs[1];
    const scale = run.jc / Math.sqrt(f.p * f.n);
    const lines = ['post,pre,weight'];
    for (let i = 0; i < f.n; i++) {
      for (let k = f.csr.rowPtr[i]; k < f.csr.rowPtr[i + 1]; k++) lines.push(`${i},${f.csr.colIdx[k]},${(f.csr.xiE4[k] / 1e4) * scale}`);
    }
    writeFileSync(join(dir, 'w.csv'), `${lines.join('\n')}\n`);
    writeFileSync(join(dir, 'types.txt'), `${f.types.join('\n')}\n`);
    writeFileSync(join(dir, 'v0.txt'), `# v(0) in mV\n${f.v0E4.map((k: number) => k / 1e4).join('\n')}\n`);
    const out = join(dir, 'spikes.csv');
    const r = await rnnkit('spiking', '--matrix', join(dir, 'w.csv'), '--types', join(dir, 'types.txt'), '--v0', join(dir, 'v0.txt'),
      '--t', '1000', '--spikes-out', out, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).nSpikes).toBe(run.nSpikes);
    const csv = readFileSync(out, 'utf8').trim().split('\n');
    expect(csv[0]).toBe('neuron,step');
    expect(csv.slice(1)).toEqual(run.neuron.map((i: number, k: number) => `${i},${run.step[k]}`));
  });

  it('--types with GLM neurons (2): uncoupled, they fire at ν_max Φ((μ − θ)/σ_ν) = 100·Φ(−1) Hz', async () => {
    const n = 300;
    writeFileSync(join(dir, 'glm-types.txt'), `${Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 0 : 2)).join('\n')}\n`);
    const r = await rnnkit('spiking', '--n', String(n), '--jc', '0', '--types', join(dir, 'glm-types.txt'), '--t', '2200', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    // GLM defaults μ = 5, θ = 10, σ_ν = 5, ν_max = 100 Hz. 200 Poisson neurons × 2 s: ≈ 6350 spikes, so
    // the mean rate's s.e. is √(15.9/(200·2)) ≈ 0.2 Hz; 4 s.e. plus the ≤ ν·dt/2 = 0.08% one-spike-per-step undercount.
    const expected = 100 * 0.5 * (1 + erf(-1 / Math.SQRT2));
    expect(Math.abs(out.rateGlm - expected)).toBeLessThan(4 * Math.sqrt(expected / (200 * 2)) + 0.001 * expected);
    // The LIF third, uncoupled at the default μ = 20.2 > θ = 20, fires regularly.
    expect(out.rateLif).toBeGreaterThan(0);
    expect(out.rateQif).toBeNull();
    const text = await rnnkit('spiking', '--n', String(n), '--jc', '0', '--types', join(dir, 'glm-types.txt'), '--t', '400');
    expect(text.stdout).toMatch(/neurons \(QIF, GLM\)\s*│?\s*300 \(0, 200\)/);
  });

  it('bad input and runaway rates exit non-zero with a message', async () => {
    writeFileSync(join(dir, 'bad-types.txt'), '0\n1\n3\n');
    const bad = await rnnkit('spiking', '--n', '3', '--types', join(dir, 'bad-types.txt'), '--t', '300');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/bad-types\.txt: line 3: type \(0 = LIF, 1 = QIF, 2 = GLM\) must be an integer in \[0, 2\]/);
    const short = await rnnkit('spiking', '--n', '3', '--types', join(dir, 'bad-types.txt'), '--frac-qif', '0.5');
    expect(short.stderr).toMatch(/only one of --types and --frac-qif/);
    const wrongLength = await rnnkit('spiking', '--n', '4', '--types', join(dir, 'types.txt'), '--t', '300');
    expect(wrongLength.stderr).toMatch(/types must hold one 0 \(LIF\), 1 \(QIF\) or 2 \(GLM\) per neuron \(n = 4\)/);
    const runaway = await rnnkit('spiking', '--n', '100', '--jc', '80', '--frac-qif', '0', '--t', '2000', '--json');
    expect(runaway.code).toBe(1);
    expect(runaway.stdout).toBe('');
    expect(runaway.stderr).toMatch(/spiking network blew up at t = \d+/);
    expect((await rnnkit('spiking', '--window', '5:1')).stderr).toMatch(/--window must be t0:t1/);
  });
});

describe('rnnkit sweep --measure spiking', () => {
  it('gives one row per coupling and mix with the spiking summary', async () => {
    const r = await rnnkit('sweep', '--measure', 'spiking', '--param', 'jc', '--values', '1,8', '--frac-qif-values', '0,1',
      '--n', '200', '--t', '500', '--json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout);
    expect(rows.map((row: { jc: number; fracQif: number }) => [row.jc, row.fracQif])).toEqual([[1, 0], [8, 0], [1, 1], [8, 1]]);
    for (const row of rows) expect(row.prFiltered).toBeGreaterThan(1);
    expect(rows[1].cv).toBeGreaterThan(rows[0].cv);
    const bad = await rnnkit('sweep', '--measure', 'spiking', '--param', 'g', '--values', '1,2');
    expect(bad.stderr).toMatch(/--param must be one of jc, fracQif/);
  });
});
