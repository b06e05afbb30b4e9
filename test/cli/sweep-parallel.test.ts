/** `rnnkit sweep --workers N`, `--shard i/n` and `--merge FILES…`: the same rows as one serial run. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rnnkit } from '../helpers/cli.js';

const sweep = ['sweep', '--param', 'g', '--values', '0.6:2.4:0.6', '--n', '80', '--t', '40', '--transient', '10', '--json'];

describe('rnnkit sweep in parallel and in shards', () => {
  it('--workers 2 prints exactly what --workers 1 prints', async () => {
    const [serial, parallel] = [await rnnkit(...sweep, '--workers', '1'), await rnnkit(...sweep, '--workers', '2')];
    expect(serial.code).toBe(0);
    expect(parallel.code).toBe(0);
    expect(parallel.stdout).toBe(serial.stdout);
    expect(JSON.parse(serial.stdout).map((r: { g: number }) => r.g)).toEqual([0.6, 1.2, 1.8, 2.4]);
  });

  it('--merge of the --shard i/3 files (in any order) prints exactly what one run prints', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rnnkit-shards-'));
    const files = [];
    for (const i of [1, 2, 3]) {
      const r = await rnnkit(...sweep, '--shard', `${i}/3`);
      expect(r.code).toBe(0);
      const file = join(dir, `shard-${i}.json`);
      await writeFile(file, r.stdout);
      files.push(file);
    }
    const whole = await rnnkit(...sweep, '--workers', '1');
    const merged = await rnnkit('sweep', '--merge', files[2], files[0], files[1], '--json');
    expect(merged.code).toBe(0);
    expect(merged.stdout).toBe(whole.stdout);
    const missing = await rnnkit('sweep', '--merge', files[0], files[2]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/missing shard\(s\) 2\/3/);
    const other = await rnnkit('sweep', ...sweep.slice(1).map((a) => (a === '80' ? '81' : a)), '--shard', '2/3');
    await writeFile(join(dir, 'other.json'), other.stdout);
    const foreign = await rnnkit('sweep', '--merge', files[0], join(dir, 'other.json'), files[2]);
    expect(foreign.stderr).toMatch(/comes from a different sweep/);
    await writeFile(join(dir, 'bad.json'), 'not json');
    expect((await rnnkit('sweep', '--merge', join(dir, 'bad.json'))).stderr).toMatch(/--merge: cannot read .*bad\.json/);
  }, 120_000);

  it('a spiking sweep gives the same rows (timings aside) on 2 workers and from merged shards', async () => {
    const spiking = ['sweep', '--measure', 'spiking', '--param', 'jc', '--values', '2,8', '--frac-qif-values', '0,1', '--n', '100', '--t', '300', '--json'];
    // simMs and msPerSimulatedSecond are wall-clock times: everything else must agree bit for bit.
    const untimed = (stdout: string) => JSON.stringify(JSON.parse(stdout).map(({ timing: _t, ...row }: { timing: unknown }) => row));
    const serial = await rnnkit(...spiking, '--workers', '1');
    expect(serial.code).toBe(0);
    expect(JSON.parse(serial.stdout).map((r: { jc: number; fracQif: number }) => [r.jc, r.fracQif])).toEqual([[2, 0], [8, 0], [2, 1], [8, 1]]);
    const parallel = await rnnkit(...spiking, '--workers', '2');
    expect(untimed(parallel.stdout)).toBe(untimed(serial.stdout));
    const dir = await mkdtemp(join(tmpdir(), 'rnnkit-spiking-shards-'));
    const files = [];
    for (const i of [1, 2]) {
      const file = join(dir, `shard-${i}.json`);
      await writeFile(file, (await rnnkit(...spiking, '--shard', `${i}/2`)).stdout);
      files.push(file);
    }
    const merged = await rnnkit('sweep', '--merge', ...files, '--json');
    expect(untimed(merged.stdout)).toBe(untimed(serial.stdout));
  }, 120_000);

  it.each([
    [['--shard', '4/3'], /--shard must be i\/n with 1 ≤ i ≤ n/],
    [['--workers', '0'], /--workers must be an integer ≥ 1/],
  ])('bad input %j exits non-zero naming the option', async (args, message) => {
    const r = await rnnkit(...sweep, ...args);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(message);
  });
});
