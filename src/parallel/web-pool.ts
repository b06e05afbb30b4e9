/**
 * A sweep pool of Web Workers (browsers; any engine with module workers), the browser's
 * counterpart of node-pool.ts: each worker imports the rnnkit module at `libraryUrl`, loads one
 * runtime on its first point, and answers each job by importing `job.moduleUrl` (which must import
 * rnnkit from the same URL, so that worker and point function share one module instance).
 * The worker is a small module from a Blob URL, so no extra file has to be served or bundled.
 */
import type { BuildName } from '../wasm/loader.js';
import type { PointJob, SweepPool } from './sweep.js';

export interface WebWorkerPoolOptions {
  /** Number of workers (default navigator.hardwareConcurrency, else 2). */
  workers?: number;
  /** Absolute URL of the rnnkit module the page imports (e.g. new URL('/build/browser/rnnkit.js', location.href).href). */
  libraryUrl: string;
  /** How each worker loads its runtime: give the page runtime's so that results match a serial run. */
  load?: { build?: BuildName; simd?: boolean };
}

// Runs inside each worker: messages are { id, job } or { init: { libraryUrl, load } }.
const WORKER_SOURCE = `
let library, runtime;
self.onmessage = async ({ data }) => {
  if (data.init) {
    library = import(data.init.libraryUrl);
    runtime = library.then((lib) => lib.load(data.init.load));
    return;
  }
  const { id, job } = data;
  try {
    const module = await import(job.moduleUrl);
    const task = module[job.exportName];
    if (!task || typeof task.run !== 'function') throw new TypeError('sweep worker: ' + job.moduleUrl + " exports no point task '" + job.exportName + "'");
    self.postMessage({ id, result: await task.run(await runtime, job.point, {}) });
  } catch (error) {
    self.postMessage({ id, error: { name: error?.name ?? 'Error', message: error?.message ?? String(error) } });
  }
};`;

interface Pending {
  id: number;
  job: PointJob;
  signal?: AbortSignal;
  resolve(value: unknown): void;
  reject(reason: unknown): void;
  onAbort?: () => void;
}

/** A pool of module Web Workers with one runtime each. Close it when done. */
export function createWebWorkerPool(options: WebWorkerPoolOptions): SweepPool {
  const nav = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
  const workers = options.workers ?? nav?.hardwareConcurrency ?? 2;
  if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`workers must be an integer ≥ 1 (got ${workers})`);
  if (typeof options.libraryUrl !== 'string' || !URL.canParse(options.libraryUrl)) {
    throw new RangeError(`createWebWorkerPool: libraryUrl must be an absolute URL (got ${JSON.stringify(options.libraryUrl)})`);
  }
  const source = URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' }));
  const spawn = () => {
    const worker = new Worker(source, { type: 'module' });
    worker.postMessage({ init: { libraryUrl: options.libraryUrl, load: options.load ?? {} } });
    return worker;
  };
  const slots: { worker: Worker; running: Pending | null }[] = [];
  const queue: Pending[] = [];
  let nextId = 0;
  let closed = false;

  const finish = (slot: (typeof slots)[number]) => {
    const done = slot.running;
    slot.running = null;
    if (done?.onAbort) done.signal?.removeEventListener('abort', done.onAbort);
    dispatch();
    return done;
  };
  const attach = (slot: (typeof slots)[number]) => {
    slot.worker.onmessage = ({ data }: MessageEvent<{ id: number; result?: unknown; error?: { name: string; message: string } }>) => {
      if (slot.running?.id !== data.id) return;
      const done = finish(slot);
      if (!done) return;
      if (data.error) done.reject(Object.assign(new Error(data.error.message), { name: data.error.name }));
      else done.resolve(data.result);
    };
    slot.worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      finish(slot)?.reject(new Error(`sweep worker failed: ${event.message}`));
    };
  };
  const dispatch = () => {
    for (const slot of slots) {
      if (slot.running || queue.length === 0) continue;
      const next = queue.shift() as Pending;
      slot.running = next;
      slot.worker.postMessage({ id: next.id, job: next.job });
    }
  };
  for (let i = 0; i < workers; i++) {
    const slot = { worker: spawn(), running: null };
    attach(slot);
    slots.push(slot);
  }

  return {
    workers,
    runPoint(job: PointJob, signal?: AbortSignal) {
      if (closed) return Promise.reject(new Error('createWebWorkerPool: the pool is closed'));
      if (signal?.aborted) return Promise.reject(signal.reason);
      return new Promise((resolve, reject) => {
        const pending: Pending = { id: nextId++, job, signal, resolve, reject };
        if (signal) {
          // Queued: drop it. Running: end its worker (a point cannot be interrupted) and start a fresh one.
          pending.onAbort = () => {
            const waiting = queue.indexOf(pending);
            if (waiting >= 0) queue.splice(waiting, 1);
            const slot = slots.find((s) => s.running === pending);
            if (slot) {
              slot.worker.terminate();
              slot.worker = spawn();
              attach(slot);
              finish(slot);
            }
            reject(signal.reason);
          };
          signal.addEventListener('abort', pending.onAbort, { once: true });
        }
        queue.push(pending);
        dispatch();
      });
    },
    async close() {
      closed = true;
      for (const slot of slots) slot.worker.terminate();
      for (const pending of queue.splice(0)) pending.reject(new Error('createWebWorkerPool: the pool was closed'));
      URL.revokeObjectURL(source);
    },
  };
}
