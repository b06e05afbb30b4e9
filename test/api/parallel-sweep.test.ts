/**
 * Parallel sweeps (src/parallel): the same points give the same numbers, bit for bit, on a pool of
 * worker threads as serially on one runtime, in the order of the points; cancellation stops
 * queued and running points; a failing point names its parameters. Workers import built modules,
 * so these tests use dist/ (npm test builds first).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { load, type Runtime } from '../../dist/index.js';
import { createNodePool } from '../../dist/parallel/node-pool.js';
import { mergeShards, parseShard, type PointTask, runSweep, shardRange, type SweepPool } from '../../dist/parallel/sweep.js';
// @ts-expect-error: a plain-JS fixture without types
import { lyapunovPoint as untypedPoint } from '../fixtures/parallel/lyapunov-point.mjs';

interface Point { g: number; n: number; t: number; seed: string }
const lyapunovPoint = untypedPoint as PointTask<Point, { g: number; lambdaMax: number; lambdaStdErr: number; exponents: number[] }>;

/** The exact bits of every number in a result (JSON would print −0 as 0). */
const bits = (value: unknown): string => JSON.stringify(value, (_key, v) =>
  (typeof v === 'number' ? Array.from(new Uint32Array(Float64Array.of(v).buffer)).join(':') : v));

const points = [0.6, 1.2, 1.8, 2.4, 3].map((g, i) => ({ g, n: 60, t: 30 + 5 * i, seed: `parallel-${i}` }));

describe('runSweep on a Node worker pool', () => {
  let rt: Runtime;
  let pool: SweepPool;
  beforeAll(async () => {
    rt = await load();
    pool = createNodePool({ workers: 2, load: { build: rt.build as 'release', simd: rt.simd } });
  });
  afterAll(async () => pool.close());

  it('parallel = serial bit for bit, in the order of the points, with progress over all points', async () => {
    const serial = await runSweep(rt, lyapunovPoint, points);
    const done: number[] = [];
    const parallel = await runSweep(rt, lyapunovPoint, points, { pool, onProgress: (d, total) => { expect(total).toBe(points.length); done.push(d); } });
    expect(parallel.map((r) => r.g)).toEqual(points.map((p) => p.g));
    expect(bits(parallel)).toBe(bits(serial));
    expect(done).toEqual([1, 2, 3, 4, 5]);
    // The check can fail: different seeds give different exponents.
    expect(new Set(serial.map((r) => r.lambdaMax)).size).toBe(points.length);
  });

  it('a failing point rejects with its index and parameters, from a worker and serially', async () => {
    const bad = [...points.slice(0, 2), { g: -1, n: 60, t: 30, seed: 'bad' }];
    for (const options of [{ pool }, {}]) {
      const error = await runSweep(rt, lyapunovPoint, bad, options).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'SweepPointError', index: 2, point: { g: -1 } });
      expect((error as Error).message).toMatch(/^sweep point 2 \(\{"g":-1,"n":60,"t":30,"seed":"bad"\}\): .*g/);
    }
  });

  it('cancellation rejects with the abort reason and leaves the pool usable', async () => {
    const long = [0, 1, 2, 3].map((i) => ({ g: 1.5, n: 200, t: 1e6, seed: `long-${i}` }));
    for (const options of [{ pool }, {}]) {
      const controller = new AbortController();
      const reason = new Error('stopped by the test');
      setTimeout(() => controller.abort(reason), 300);
      await expect(runSweep(rt, lyapunovPoint, long, { ...options, signal: controller.signal })).rejects.toBe(reason);
    }
    const after = await runSweep(rt, lyapunovPoint, points.slice(0, 2), { pool });
    expect(bits(after)).toBe(bits(await runSweep(rt, lyapunovPoint, points.slice(0, 2))));
  }, 60_000);

  it('an aborted signal starts nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(runSweep(rt, lyapunovPoint, points, { pool, signal: controller.signal })).rejects.toThrow(/abort/i);
  });

  it('createNodePool rejects a bad worker count', () => {
    expect(() => createNodePool({ workers: 0 })).toThrow(/workers must be an integer ≥ 1/);
  });
});

describe('shards of a sweep', () => {
  it('the n slices are contiguous, cover every point once and differ in size by at most one', () => {
    for (const total of [0, 1, 5, 16, 17]) {
      for (const count of [1, 2, 3, 7, 20]) {
        const ranges = Array.from({ length: count }, (_, i) => shardRange(total, { index: i + 1, count }));
        expect(ranges[0].start).toBe(0);
        expect(ranges.at(-1)?.end).toBe(total);
        for (let i = 1; i < count; i++) expect(ranges[i].start).toBe(ranges[i - 1].end);
        const sizes = ranges.map((r) => r.end - r.start);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }
    }
  });

  it('parseShard takes i/n with 1 ≤ i ≤ n and names the option otherwise', () => {
    expect(parseShard('2/5')).toEqual({ index: 2, count: 5 });
    for (const bad of ['0/3', '4/3', '1/0', 'a/b', '1', '-1/3', '1.5/3']) expect(() => parseShard(bad)).toThrow(/--shard must be i\/n/);
  });

  it('mergeShards joins shards in any order and refuses missing, repeated or foreign ones', () => {
    const rows = [10, 11, 12, 13, 14];
    const sweep = { param: 'g', values: rows };
    const shard = (index: number, count: number, of = sweep) => {
      const { start, end } = shardRange(rows.length, { index, count });
      return { shard: { index, count, start, end, total: rows.length }, sweep: of, rows: rows.slice(start, end) };
    };
    expect(mergeShards([shard(3, 3), shard(1, 3), shard(2, 3)]).rows).toEqual(rows);
    expect(() => mergeShards([shard(1, 3), shard(3, 3)])).toThrow(/missing shard\(s\) 2\/3/);
    expect(() => mergeShards([shard(1, 2), shard(1, 2), shard(2, 2)])).toThrow(/shard 1\/2 is given twice/);
    expect(() => mergeShards([shard(1, 2), shard(2, 2, { param: 'eta', values: rows })])).toThrow(/different sweep/);
    expect(() => mergeShards([{ rows: [] } as never])).toThrow(/input 1 is not a shard/);
    expect(() => mergeShards([])).toThrow(/no shard files/);
  });
});
