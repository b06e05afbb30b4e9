/**
 * Parameter sweeps over a list of points, run one after another on a runtime or spread over a
 * pool of workers (one runtime each), with the results in the order of the points either way.
 *
 * A point function is a named export of a module (its URL and export name travel to the worker,
 * which imports the module and calls the same function), so it must compute its result from the
 * point alone: the point carries every parameter and seed. Then a point gives the same numbers,
 * bit for bit, in any runtime, and parallel = serial (structured clone copies numbers exactly).
 *
 * Browser-safe: nothing here imports Node. The Node pool is `src/parallel/node-pool.ts`; a Web
 * Worker pool implements the same `SweepPool` interface (a worker that loads a runtime once and
 * answers `runPoint` jobs by importing `job.moduleUrl`, as node-worker.ts does).
 */
import type { Runtime } from '../runtime.js';

/** What a point function is given besides the runtime and the point. */
export interface PointContext {
  /** Aborted when the sweep is cancelled (serial runs; a pool ends the worker instead). */
  signal?: AbortSignal;
}

/** A point function a worker can find again: the module that exports it and the export's name. */
export interface PointTask<P, R> {
  readonly moduleUrl: string;
  readonly exportName: string;
  run(rt: Runtime, point: P, context: PointContext): Promise<R>;
}

/**
 * Declares a point function. Call it as `export const NAME = pointTask(import.meta.url, 'NAME', fn)`
 * at the top level of a module without side effects, so that a worker importing the module finds it.
 */
export function pointTask<P, R>(
  moduleUrl: string, exportName: string, run: (rt: Runtime, point: P, context: PointContext) => Promise<R>,
): PointTask<P, R> {
  return { moduleUrl, exportName, run };
}

/** One point sent to a worker. */
export interface PointJob {
  moduleUrl: string;
  exportName: string;
  point: unknown;
}

/** A pool of workers, each with its own runtime (Node: createNodePool; browser: Web Workers). */
export interface SweepPool {
  /** How many points run at once. */
  readonly workers: number;
  /** Runs one point on a free worker (queued until one is free); rejects with `signal.reason` when aborted. */
  runPoint(job: PointJob, signal?: AbortSignal): Promise<unknown>;
  /** Ends the workers. */
  close(): Promise<void>;
}

export interface SweepOptions<P> {
  /** Run the points on this pool; without it they run one after another on the given runtime. */
  pool?: SweepPool;
  /** Cancels the sweep: it rejects with the signal's reason and no further point starts. */
  signal?: AbortSignal;
  /** Called after each point with the number finished so far (any order across workers). */
  onProgress?: (done: number, total: number) => void;
  /** The point's parameters as errors name them (default: its JSON). */
  describe?: (point: P) => string;
}

/** A point that failed, with the index and parameters of the point and the original error as `cause`. */
export class SweepPointError extends Error {
  constructor(readonly index: number, readonly point: unknown, description: string, cause: unknown) {
    super(`sweep point ${index} (${description}): ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'SweepPointError';
  }
}

const defaultDescription = (point: unknown): string => {
  const text = JSON.stringify(point) ?? String(point);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
};

/**
 * Runs `task` at every point, serially on `rt` or on `options.pool`, and returns the results in
 * the order of `points`. The first failure cancels the points still queued and rejects with a
 * SweepPointError; cancellation through `options.signal` rejects with the signal's reason.
 */
export async function runSweep<P, R>(rt: Runtime, task: PointTask<P, R>, points: readonly P[], options: SweepOptions<P> = {}): Promise<R[]> {
  const { pool, signal, onProgress, describe = defaultDescription } = options;
  signal?.throwIfAborted();
  const fail = (index: number, error: unknown) => new SweepPointError(index, points[index], describe(points[index]), error);
  let done = 0;
  if (!pool) {
    const results: R[] = [];
    for (const [index, point] of points.entries()) {
      signal?.throwIfAborted();
      try {
        results.push(await task.run(rt, point, { signal }));
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        throw fail(index, error);
      }
      onProgress?.(++done, points.length);
    }
    return results;
  }
  // One controller per point (a signal shared by every queued point would collect one listener
  // each); the caller's abort or the first failure ends them all, queued or running.
  const controllers = points.map(() => new AbortController());
  let stopped = false;
  const stop = (reason: unknown) => {
    stopped = true;
    for (const c of controllers) c.abort(reason);
  };
  const forward = () => stop(signal?.reason);
  signal?.addEventListener('abort', forward, { once: true });
  let firstFailure: SweepPointError | undefined;
  try {
    const settled = await Promise.allSettled(points.map(async (point, index) => {
      try {
        const result = (await pool.runPoint({ moduleUrl: task.moduleUrl, exportName: task.exportName, point }, controllers[index].signal)) as R;
        onProgress?.(++done, points.length);
        return result;
      } catch (error) {
        if (!stopped) {
          firstFailure = fail(index, error);
          stop(firstFailure);
        }
        throw error;
      }
    }));
    if (signal?.aborted) throw signal.reason;
    if (firstFailure) throw firstFailure;
    return settled.map((s) => (s as PromiseFulfilledResult<R>).value);
  } finally {
    signal?.removeEventListener('abort', forward);
  }
}

/** The i-th (1-based) of n contiguous slices of a sweep: points [start, end). */
export interface Shard {
  index: number;
  count: number;
}

/** Parses `i/n` (1 ≤ i ≤ n), naming `name` in the error. */
export function parseShard(raw: string, name = '--shard'): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(raw);
  const index = match ? Number(match[1]) : Number.NaN;
  const count = match ? Number(match[2]) : Number.NaN;
  if (!match || count < 1 || index < 1 || index > count) throw new RangeError(`${name} must be i/n with 1 ≤ i ≤ n (got ${JSON.stringify(raw)})`);
  return { index, count };
}

/** The points of `shard` of a sweep of `total` points: [⌊(i−1)·total/n⌋, ⌊i·total/n⌋), balanced to within one point. */
export function shardRange(total: number, { index, count }: Shard): { start: number; end: number } {
  return { start: Math.floor(((index - 1) * total) / count), end: Math.floor((index * total) / count) };
}

/** What one shard of a sweep writes: its slice of the rows, and what identifies the sweep. */
export interface ShardResult<Row> {
  shard: Shard & { start: number; end: number; total: number };
  /** Everything that determines the rows (parameters, seed, values); equal in every shard of one sweep. */
  sweep: unknown;
  rows: Row[];
}

/**
 * Joins the shards of one sweep (in any order) into the rows of the whole sweep, in order. Throws
 * if they come from different sweeps, if one is missing or given twice, or if a slice is malformed.
 */
export function mergeShards<Row>(shards: readonly ShardResult<Row>[]): { sweep: unknown; rows: Row[] } {
  if (shards.length === 0) throw new RangeError('merge: no shard files given');
  for (const [i, s] of shards.entries()) {
    const ok = s && typeof s === 'object' && s.shard && Array.isArray(s.rows) && Number.isInteger(s.shard.index) && Number.isInteger(s.shard.count) &&
      Number.isInteger(s.shard.total) && s.rows.length === s.shard.end - s.shard.start;
    if (!ok) throw new RangeError(`merge: input ${i + 1} is not a shard of a sweep (rnnkit sweep --shard i/n --json)`);
  }
  const [first] = shards;
  const identity = JSON.stringify(first.sweep);
  const { count, total } = first.shard;
  for (const s of shards) {
    if (JSON.stringify(s.sweep) !== identity || s.shard.count !== count || s.shard.total !== total) {
      throw new RangeError(`merge: shard ${s.shard.index}/${s.shard.count} comes from a different sweep than shard ${first.shard.index}/${count}`);
    }
  }
  const byIndex = new Map<number, ShardResult<Row>>();
  for (const s of shards) {
    if (byIndex.has(s.shard.index)) throw new RangeError(`merge: shard ${s.shard.index}/${count} is given twice`);
    const expected = shardRange(total, s.shard);
    if (s.shard.start !== expected.start || s.shard.end !== expected.end) throw new RangeError(`merge: shard ${s.shard.index}/${count} has a malformed range`);
    byIndex.set(s.shard.index, s);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0) throw new RangeError(`merge: missing shard(s) ${missing.map((i) => `${i}/${count}`).join(', ')}`);
  const rows = Array.from({ length: count }, (_, i) => (byIndex.get(i + 1) as ShardResult<Row>).rows).flat();
  return { sweep: first.sweep, rows };
}
