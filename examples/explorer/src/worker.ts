/**
 * The compute worker: one rnnkit runtime, one task at a time. The page sends
 * { id, task, params }; the worker answers { id, result } for each stage the task yields, then
 * { id, done: true }, or { id, error }. A stale task is not cancelled here: the page terminates
 * the worker (WASM calls cannot be interrupted) and starts a fresh one.
 */
import { load } from 'rnnkit';
import { TASKS, type TaskName } from './compute.js';
import type { Params } from './params.js';

const runtime = load();

self.onmessage = async (event: MessageEvent<{ id: number; task: TaskName; params: Params }>) => {
  const { id, task, params } = event.data;
  try {
    const rt = await runtime;
    for await (const result of TASKS[task](rt, params)) self.postMessage({ id, result });
    self.postMessage({ id, done: true });
  } catch (error) {
    self.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
