/**
 * Runs panel tasks in Web Workers, at most MAX_RUNNING at a time (the machine has two cores):
 * a new request for a task replaces its queued one and terminates its running worker, so only
 * the latest parameters are ever computed and a stale result never reaches a panel.
 */
import type { TaskName } from './compute.js';
import type { Params } from './params.js';

const MAX_RUNNING = 2;

export interface JobHandlers {
  onResult(task: TaskName, result: unknown): void;
  onError(task: TaskName, message: string): void;
}

interface Running {
  id: number;
  worker: Worker;
}

export class JobQueue {
  readonly #handlers: JobHandlers;
  readonly #queue: { task: TaskName; params: Params }[] = [];
  readonly #running = new Map<TaskName, Running>();
  /**
   * Each task's idle worker, reused for that task only: V8 starts WASM in its baseline compiler and
   * optimises the hot functions as they run, so a worker that already ran a task runs it again faster
   * (the dense N = 1000 spectrum: ~6 s on first use, ~2 s warm, in Node on this machine).
   */
  readonly #idle = new Map<TaskName, Worker>();
  #nextId = 1;

  constructor(handlers: JobHandlers) {
    this.#handlers = handlers;
  }

  /** Asks for `task` under `params`; earlier requests for it are dropped. */
  request(task: TaskName, params: Params): void {
    const queued = this.#queue.findIndex((job) => job.task === task);
    if (queued >= 0) this.#queue.splice(queued, 1);
    const running = this.#running.get(task);
    if (running) {
      running.worker.terminate();
      this.#running.delete(task);
    }
    this.#queue.push({ task, params });
    this.#pump();
  }

  #pump(): void {
    while (this.#running.size < MAX_RUNNING && this.#queue.length > 0) {
      const { task, params } = this.#queue.shift() as { task: TaskName; params: Params };
      const worker = this.#idle.get(task) ?? new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
      this.#idle.delete(task);
      const id = this.#nextId++;
      this.#running.set(task, { id, worker });
      worker.onmessage = (event: MessageEvent<{ id: number; result?: unknown; done?: boolean; error?: string }>) => {
        const message = event.data;
        if (this.#running.get(task)?.id !== message.id) return;
        if (message.result !== undefined) this.#handlers.onResult(task, message.result);
        if (message.done || message.error !== undefined) {
          this.#running.delete(task);
          this.#idle.set(task, worker);
          if (message.error !== undefined) this.#handlers.onError(task, message.error);
          this.#pump();
        }
      };
      worker.onerror = (event) => {
        event.preventDefault();
        if (this.#running.get(task)?.id !== id) return;
        this.#running.delete(task);
        worker.terminate();
        this.#handlers.onError(task, event.message || 'the worker failed');
        this.#pump();
      };
      worker.postMessage({ id, task, params });
    }
  }
}
