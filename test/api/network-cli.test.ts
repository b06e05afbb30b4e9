/** The `rnnkit network` command, run as users run it (the built CLI: `npm run build` first). */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const run = (args: string[]) =>
  promisify(execFile)(process.execPath, [CLI, 'network', ...args]).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rnnkit-cli-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('rnnkit network', () => {
  it('--json prints one JSON object with the issue\'s keys on stdout and nothing else; the seed reproduces it', async () => {
    const args = ['--model', 'lognormal', '--n', '400', '--k', '20', '--cv', '1', '--degree-corr', '0.5', '--eta', '0.3', '--seed', '7', '--json'];
    const first = await run(args);
    expect(first.code).toBe(0);
    expect(first.stderr).toBe('');
    const report = JSON.parse(first.stdout);
    for (const key of ['n', 'nnz', 'weights', 'inDegree', 'outDegree', 'degreeCorrelation', 'reciprocity', 'eta', 'theory']) {
      expect(report).toHaveProperty(key);
    }
    expect(Object.keys(report.weights)).toEqual(['mean', 'std', 'scaledVar']);
    expect(Object.keys(report.inDegree)).toEqual(['mean', 'std', 'cv', 'min', 'max']);
    expect(report.theory.spectralRadius).toBeGreaterThan(0);
    expect(report).toMatchObject({ n: 400, seed: 7, params: { k: 20, cv: 1, degreeCorrelation: 0.5, eta: 0.3 } });
    expect((await run(args)).stdout).toBe(first.stdout);
    const modes = JSON.parse((await run(['--model', 'random-mode', '--n', '50', '--spectrum', 'list:3,2,1', '--orthonormal', '--json'])).stdout);
    expect(modes.effectiveRank).toBeCloseTo(14 ** 2 / 98, 12);
  });

  it('exports and reloads: the statistics of the file equal those of the generated network', async () => {
    const path = join(dir, 'ei.csv');
    const made = JSON.parse((await run(['--model', 'ei', '--n', '300', '--k', '30', '--gamma', '5', '--export', path, '--json'])).stdout);
    const loaded = JSON.parse((await run(['--matrix', path, '--json'])).stdout);
    for (const key of ['n', 'nnz', 'weights', 'inDegree', 'outDegree', 'reciprocity']) expect(loaded[key]).toEqual(made[key]);
    expect(loaded.theory.spectralRadius).toBeNull();
  });

  it.each([
    [['--model', 'gaussian', '--cv', '1'], /--cv do\(es\) not apply to --model gaussian/],
    [['--model', 'smallworld'], /argument 'smallworld' is invalid\. Allowed choices are gaussian, lognormal/],
    [['--model', 'lognormal', '--cv', '-1'], /--cv must be a finite number ≥ 0/],
    [['--model', 'lognormal', '--n', '100', '--k', '100'], /k must satisfy 0 < k < n = 100/],
    [['--model', 'gaussian', '--eta', '2'], /--eta must be a finite number in \[-1, 1\]/],
    [['--model', 'random-mode', '--spectrum', 'list:1,x'], /--spectrum must be power, exponential or list/],
    [[], /give exactly one of --model <model> and --matrix <file>/],
    [['--model', 'lognormal', '--dtype', 'f16'], /argument 'f16' is invalid\. Allowed choices are f64, f32/],
    [['--model', 'ei', '--dtype', 'f32'], /--dtype do\(es\) not apply to --model ei/],
    // The connectivity statistics have f64 kernels only: an f32 network is refused, not misread.
    [['--model', 'lognormal', '--n', '200', '--k', '20', '--dtype', 'f32'], /matrixStats: needs f64 weights/],
    [['--model', 'gaussian', '--n', '50', '--dtype', 'f32'], /matrixStats: needs f64 weights/],
    [['--model', 'sparse-gaussian', '--n', '200', '--dtype', 'f32'], /matrixStats: needs f64 weights/],
  ])('bad input %j exits non-zero with a message naming the parameter', async (args, message) => {
    const { code, stdout, stderr } = await run(args);
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });

  it('an unparsable file reports its line', async () => {
    const path = join(dir, 'bad.mtx');
    await writeFile(path, '%%MatrixMarket matrix coordinate real general\n2 2 1\n1 1 one\n');
    const { code, stderr } = await run(['--matrix', path]);
    expect(code).toBe(1);
    expect(stderr).toContain(`${path}: line 3: weight must be a finite number (got "one")`);
  });
});
