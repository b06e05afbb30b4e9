/**
 * Entry of a Web Worker of a threaded core (spawned by platform-browser.ts; a module worker). The
 * owner's first message makes it either a thread, which serves the core while it holds the Web Lock
 * `lock` (so that the lock is released when the worker ends, however it ends), or a monitor of such
 * a lock, which says 'watching' once it has asked for the lock, and once it gets it (the thread
 * worker has ended) sets gone[0] = 1 and says 'gone'.
 */
import { serveThread, type ThreadInit } from './thread-protocol.js';

/** The owner's first message to a thread worker (lock null: no Web Locks here) or to a monitor. */
export type BrowserWorkerStart = { thread: ThreadInit; lock: string | null } | { watch: string; gone: Int32Array };

type Scope = {
  onmessage: ((event: { data: BrowserWorkerStart }) => void) | null;
  postMessage(message: unknown): void;
  navigator: { locks: LockManager };
};
const scope = globalThis as unknown as Scope;
scope.onmessage = ({ data }) => {
  scope.onmessage = null;
  if ('watch' in data) {
    void scope.navigator.locks.request(data.watch, () => {
      Atomics.store(data.gone, 0, 1);
      scope.postMessage('gone');
    });
    scope.postMessage('watching');
    return;
  }
  const serve = () => serveThread(data.thread, () => scope.postMessage('ready'));
  if (data.lock === null) serve();
  else {
    // Held until the worker ends (the promise never settles). serve runs in a task of its own, where an
    // error is the worker's 'error' event, not a rejection of the lock's promise.
    void scope.navigator.locks.request(data.lock, () => {
      setTimeout(serve);
      return new Promise<never>(() => {});
    });
  }
};
