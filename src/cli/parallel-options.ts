/**
 * `--workers N`, `--shard i/n` and `--merge FILES…` for sweeping commands: runs the points of a
 * sweep (or of one shard of it) on a pool of worker threads, and joins shard files.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { Runtime } from '../runtime.js';
import { createNodePool, defaultWorkers } from '../parallel/node-pool.js';
import { mergeShards, parseShard, type PointTask, runSweep, type Shard, type ShardResult, shardRange, type SweepPool } from '../parallel/sweep.js';
import { intArg, type Progress } from './common.js';

export interface ParallelCliOptions {
  workers: number;
  shard?: Shard;
  merge?: string[];
}

/** Adds --workers (default: the cores available). */
export function withWorkersOption(command: Command): Command {
  return command.option('--workers <n>', 'worker threads, one runtime each (default: the cores available; 1 runs in this thread)', intArg('--workers', 1), defaultWorkers());
}

/** Adds --workers, --shard and --merge. */
export function withParallelOptions(command: Command): Command {
  return withWorkersOption(command)
    .option('--shard <i/n>', 'run only the i-th of n slices of the points and print it as JSON (for job arrays)', (raw: string) => parseShard(raw))
    .option('--merge <files...>', 'join the JSON of the shards of one sweep into what one run prints');
}

/**
 * Runs `task` at `points` (or at the slice `o.shard` of them) on min(workers, points) workers:
 * serially in this thread for one. Results are in the order of the points, whatever the workers.
 */
export async function runPoints<P, R>(
  rt: Runtime, task: PointTask<P, R>, points: readonly P[], o: ParallelCliOptions, progress: Progress,
  describe: (point: P) => string, signal?: AbortSignal,
): Promise<R[]> {
  const pool = poolFor(rt, Math.min(o.workers, points.length));
  try {
    return await runSweep(rt, task, points, { ...(pool ? { pool } : {}), ...(signal ? { signal } : {}), describe, onProgress: (done) => progress.update(done) });
  } finally {
    await pool?.close();
  }
}

/** A pool of `workers` threads loading the binary `rt` runs, or none (serial) for one worker. */
export function poolFor(rt: Runtime, workers: number): SweepPool | undefined {
  if (workers <= 1) return undefined;
  if (rt.build === 'custom') throw new RangeError('--workers > 1 needs a packaged build (workers load the same binary as this runtime)');
  return createNodePool({ workers, load: { build: rt.build, simd: rt.simd } });
}

/** The slice of `points` that `o.shard` selects (all of them without --shard), with its range. */
export function shardPoints<P>(points: readonly P[], o: ParallelCliOptions): { points: readonly P[]; start: number; end: number } {
  if (!o.shard) return { points, start: 0, end: points.length };
  const { start, end } = shardRange(points.length, o.shard);
  return { points: points.slice(start, end), start, end };
}

/** The JSON one shard prints: its slice of rows and the sweep's identity (which merge checks). */
export function shardResult<Row>(o: ParallelCliOptions & { shard: Shard }, total: number, sweep: unknown, rows: Row[]): ShardResult<Row> {
  const { start, end } = shardRange(total, o.shard);
  return { shard: { ...o.shard, start, end, total }, sweep, rows };
}

/** Reads and joins shard files (rnnkit sweep --shard i/n --json > FILE); errors name the file. */
export async function mergeShardFiles<Row>(files: readonly string[]): Promise<{ sweep: unknown; rows: Row[] }> {
  const shards = await Promise.all(files.map(async (file) => {
    try {
      return JSON.parse(await readFile(file, 'utf8')) as ShardResult<Row>;
    } catch (error) {
      throw new RangeError(`--merge: cannot read ${file}: ${(error as Error).message}`);
    }
  }));
  return mergeShards(shards);
}
