/**
 * Node side of the loader's two platform needs (package.json "imports" maps `#platform` here under
 * the `node` condition; browsers and bundlers get platform-browser.ts, which has no node: import).
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ThreadWorker } from './thread-protocol.js';

/** The bytes of a file: URL. */
export async function readFileUrl(url: URL): Promise<Uint8Array> {
  return new Uint8Array(await readFile(url));
}

/** A relative location as a user of Node means it: a file path against the working directory. */
export function resolveRelative(source: string): URL {
  return pathToFileURL(resolve(source));
}

/** A worker that runs thread-worker-node.js: posts `init`, resolves once it is ready. */
export async function spawnThreadWorker(init: unknown): Promise<ThreadWorker> {
  // Run from the sources (vitest), this file is platform-node.ts and the worker is the compiled one
  // in dist/ (npm test builds first): Node cannot run a .ts worker.
  const here = import.meta.url;
  return watchedWorker(new Worker(new URL(here.endsWith('.ts') ? '../../dist/wasm/thread-worker-node.js' : './thread-worker-node.js', here)), init);
}

/**
 * `worker` as a ThreadWorker once it is online and answered `init`. stopped() is synchronous (the
 * owner asks while it waits for a part, when no event can reach it): Node's worker handle reports an
 * event-loop idle time of −1 as soon as the thread has stopped (node_worker.cc LoopIdleTime), and the
 * 'exit' and 'error' events count too. Node 20's worker.performance.eventLoopUtilization() gives
 * that idle time only once the owner has seen the 'online' event and once it has read the worker's
 * loop start time, which it can read only while the thread runs (lib/internal/worker.js; before,
 * and on a first read after a death, it returns zeros, forever): so both happen here, at start.
 */
export async function watchedWorker(worker: Worker, init: unknown): Promise<ThreadWorker> {
  // A runtime that is never disposed must not keep the process alive (its workers sleep in Atomics.wait).
  worker.unref();
  const failed = new Promise<never>((_, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code: number) => reject(new Error(`load: a thread worker exited (code ${code}) before it was ready`)));
  });
  const online = new Promise((resolveOnline) => worker.once('online', resolveOnline));
  const ready = new Promise((resolveReady) => worker.once('message', resolveReady));
  worker.postMessage(init);
  await Promise.race([Promise.all([online, ready]), failed]);
  // Zero active time: the loop start time could not be read, so the thread had already stopped.
  const startSeen = worker.performance.eventLoopUtilization().active > 0;
  let reason: string | null = null;
  const listeners: ((reason: string) => void)[] = [];
  const stop = (why: string) => {
    if (reason !== null) return;
    reason = why;
    for (const listener of listeners) listener(why);
  };
  worker.on('error', (error: Error) => stop(`error: ${error.message}`));
  worker.on('exit', (code: number) => stop(`exit code ${code}`));
  return {
    terminate: () => void worker.terminate(),
    stopped: () => reason !== null || !startSeen || worker.performance.eventLoopUtilization().idle === -1,
    onStop: (listener) => void listeners.push(listener),
  };
}

/** Whether this thread may block in Atomics.wait: always in Node. */
export const mainThreadCanBlock = true;
