/** Entry of a Web Worker of a threaded core (spawned by platform-browser.ts; a module worker). */
import { serveThread, type ThreadInit } from './thread-protocol.js';

const scope = globalThis as unknown as { onmessage: ((event: { data: ThreadInit }) => void) | null; postMessage(message: unknown): void };
scope.onmessage = (event) => {
  scope.onmessage = null;
  serveThread(event.data, () => scope.postMessage('ready'));
};
