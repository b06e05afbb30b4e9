/**
 * The Node sweep pool: worker threads (piscina), one runtime each, for `runSweep` (sweep.ts).
 * Node only, so the library entry (`import 'rnnkit'`) never imports it; the CLI and the report do.
 * piscina is an optional peer dependency of rnnkit (`npm install piscina` to use `rnnkit/parallel`;
 * rnnkit-cli depends on it), so that an app that never runs a pool does not install it.
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { LoadOptions } from '../load.js';
import type { PointJob, SweepPool } from './sweep.js';

export interface NodePoolOptions {
  /** Worker threads (default: the cores available to this process, os.availableParallelism()). */
  workers?: number;
  /** How each worker loads its runtime (give the caller's build so that results match a serial run). */
  load?: LoadOptions;
}

/** The default worker count: the cores this process may use. */
export const defaultWorkers = (): number => availableParallelism();

/** A pool of `workers` threads, each loading one runtime on its first point. Close it when done. */
export function createNodePool(options: NodePoolOptions = {}): SweepPool {
  const workers = options.workers ?? defaultWorkers();
  if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`workers must be an integer ≥ 1 (got ${workers})`);
  const { wasm, ...load } = options.load ?? {};
  if (wasm !== undefined) throw new RangeError('createNodePool: load.wasm cannot be sent to workers; give build and simd');
  const piscina = new Piscina({
    filename: fileURLToPath(new URL('./node-worker.js', import.meta.url)),
    minThreads: workers, maxThreads: workers, idleTimeout: Number.POSITIVE_INFINITY, atomics: 'async', workerData: { load },
  });
  return {
    workers,
    runPoint: (job: PointJob, signal?: AbortSignal) => piscina.run(job, signal ? { signal } : {}),
    close: () => piscina.destroy(),
  };
}
