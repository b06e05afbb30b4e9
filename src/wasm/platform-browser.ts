/**
 * Browser (and bundler) side of the loader's two platform needs: the `default` condition of
 * `#platform` in package.json "imports". Node gets platform-node.ts.
 */
import type { ThreadWorker } from './thread-protocol.js';

/** file: URLs exist only in Node; a browser page cannot read them. */
export async function readFileUrl(url: URL): Promise<Uint8Array> {
  throw new Error(
    `load: cannot read ${url.href} in this environment (file: URLs need Node); serve the .wasm over http(s) and pass load({ wasmBase })`,
  );
}

/** A relative location as a page means it: against the page's URL (or a worker's). */
export function resolveRelative(source: string): URL {
  const page = (globalThis as { location?: { href: string } }).location?.href;
  if (page === undefined) throw new RangeError(`load: a relative location (${source}) needs a page URL; give an absolute URL`);
  return new URL(source, page);
}

/** A module Web Worker that runs thread-worker-browser.js: posts `init`, resolves once it is ready. */
export async function spawnThreadWorker(init: unknown): Promise<ThreadWorker> {
  if (!(globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated) {
    throw new Error(
      'load: threads need a cross-origin isolated page (serve it with Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp), so that WebAssembly memory can be shared with workers',
    );
  }
  return watchedWorker(new Worker(new URL('./thread-worker-browser.js', import.meta.url), { type: 'module' }), init);
}

/**
 * `worker` as a ThreadWorker once it answered `init`. A Web Worker has no exit event and no
 * synchronous liveness query: it counts as stopped once its 'error' event arrives, which happens
 * between products (the owner's poll keeps the page's event loop from running during one).
 */
export async function watchedWorker(worker: Worker, init: unknown): Promise<ThreadWorker> {
  await new Promise<void>((resolveReady, reject) => {
    worker.onmessage = () => resolveReady();
    worker.onerror = (event) => reject(new Error(`load: a thread worker failed to start (${event.message ?? 'no message'}): is thread-worker-browser.js served beside the library?`));
    worker.postMessage(init);
  });
  let reason: string | null = null;
  const listeners: ((reason: string) => void)[] = [];
  worker.onerror = (event) => {
    if (reason !== null) return;
    reason = `error: ${event.message ?? 'no message'}`;
    for (const listener of listeners) listener(reason);
  };
  return {
    terminate: () => worker.terminate(),
    stopped: () => reason !== null,
    onStop: (listener) => void listeners.push(listener),
  };
}

/**
 * Whether this thread may block in Atomics.wait: not a page's main thread (the owner then polls
 * while workers finish their share, which takes about as long as its own), yes inside a worker.
 */
export const mainThreadCanBlock = typeof (globalThis as { document?: unknown }).document === 'undefined';
