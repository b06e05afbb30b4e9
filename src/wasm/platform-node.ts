/**
 * Node side of the loader's two platform needs (package.json "imports" maps `#platform` here under
 * the `node` condition; browsers and bundlers get platform-browser.ts, which has no node: import).
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

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
  const worker = new Worker(new URL(here.endsWith('.ts') ? '../../dist/wasm/thread-worker-node.js' : './thread-worker-node.js', here));
  // A runtime that is never disposed must not keep the process alive (its workers sleep in Atomics.wait).
  worker.unref();
  await new Promise<void>((resolveReady, reject) => {
    worker.once('message', () => resolveReady());
    worker.once('error', reject);
    worker.postMessage(init);
  });
  return { terminate: () => void worker.terminate() };
}

/** Whether this thread may block in Atomics.wait: always in Node. */
export const mainThreadCanBlock = true;

/** A worker of a threaded core, as the owner sees it. */
export interface ThreadWorker {
  terminate(): void;
}
