/**
 * Browser (and bundler) side of the loader's two platform needs: the `default` condition of
 * `#platform` in package.json "imports". Node gets platform-node.ts.
 */
import type { ThreadInit, ThreadWorker } from './thread-protocol.js';
import type { BrowserWorkerStart } from './thread-worker-browser.js';

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
  return watchedWorker(() => new Worker(new URL('./thread-worker-browser.js', import.meta.url), { type: 'module' }), init as ThreadInit);
}

/**
 * A thread worker made by `startWorker`, as a ThreadWorker once it answered `init`. A Web Worker
 * has no exit event and no synchronous liveness query, and its 'error' event reaches the owner only
 * between products (the owner's poll keeps the page's event loop from running during one). So the
 * worker holds a Web Lock of its own for its life, and a second worker of the same script (a
 * monitor, whose event loop is free) waits for that lock: it is granted once the thread worker has
 * ended (terminated, out of memory, crashed; with or without an 'error' event), and the monitor
 * then sets a flag in shared memory that stopped() reads at once and tells the owner's event loop.
 * Without Web Locks (navigator.locks) only the 'error' event counts.
 */
export async function watchedWorker(startWorker: () => Worker, init: ThreadInit): Promise<ThreadWorker> {
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  const lock = locks ? `rnnkit-thread-${crypto.randomUUID()}` : null;
  const worker = startWorker();
  await new Promise<void>((resolveReady, reject) => {
    worker.onmessage = () => resolveReady();
    worker.onerror = (event) => reject(new Error(`load: a thread worker failed to start (${event.message ?? 'no message'}): is thread-worker-browser.js served beside the library?`));
    worker.postMessage({ thread: init, lock } satisfies BrowserWorkerStart);
  });
  let reason: string | null = null;
  const listeners: ((reason: string) => void)[] = [];
  const stop = (why: string) => {
    if (reason !== null) return;
    reason = why;
    for (const listener of listeners) listener(why);
  };
  worker.onerror = (event) => stop(`error: ${event.message ?? 'no message'}`);
  // The worker answers only once it holds its lock, so the monitor cannot take the lock first.
  const gone = new Int32Array(new SharedArrayBuffer(4));
  const monitor = lock === null ? null : await watchLock(startWorker(), lock, gone, () => stop('it ended: its Web Lock was released'));
  return {
    terminate: () => {
      worker.terminate();
      monitor?.terminate();
    },
    stopped: () => reason !== null || Atomics.load(gone, 0) === 1,
    onStop: (listener) => void listeners.push(listener),
  };
}

/**
 * `monitor` (a worker of thread-worker-browser.js) once it has asked for `lock`: awaited, since a
 * module worker's script may load only while the page's event loop runs, which it does not during
 * a product. It then sets gone[0] = 1 and calls `onGone` when the lock is released.
 */
async function watchLock(monitor: Worker, lock: string, gone: Int32Array, onGone: () => void): Promise<Worker> {
  await new Promise<void>((resolveWatching) => {
    monitor.onmessage = () => {
      monitor.onmessage = onGone;
      resolveWatching();
    };
    monitor.postMessage({ watch: lock, gone } satisfies BrowserWorkerStart);
  });
  return monitor;
}

/**
 * Whether this thread may block in Atomics.wait: not a page's main thread (the owner then polls
 * while workers finish their share, which takes about as long as its own), yes inside a worker.
 */
export const mainThreadCanBlock = typeof (globalThis as { document?: unknown }).document === 'undefined';
