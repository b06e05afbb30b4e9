/**
 * The worker thread of the Node sweep pool (node-pool.ts): one runtime per worker, loaded on the
 * first point; each job names the module and export of a point function (sweep.ts `pointTask`).
 */
import { workerData } from 'node:worker_threads';
import { load, type LoadOptions } from '../load.js';
import type { Runtime } from '../runtime.js';
import type { PointJob, PointTask } from './sweep.js';

let runtime: Promise<Runtime> | undefined;

export default async function runPoint(job: PointJob): Promise<unknown> {
  runtime ??= load((workerData as { load?: LoadOptions } | null)?.load ?? {});
  const module = (await import(job.moduleUrl)) as Record<string, unknown>;
  const task = module[job.exportName] as PointTask<unknown, unknown> | undefined;
  if (!task || typeof task.run !== 'function') throw new TypeError(`sweep worker: ${job.moduleUrl} exports no point task '${job.exportName}'`);
  return task.run(await runtime, job.point, {});
}
