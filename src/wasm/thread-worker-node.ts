/** Entry of a Node worker_threads worker of a threaded core (spawned by platform-node.ts). */
import { parentPort } from 'node:worker_threads';
import { serveThread, type ThreadInit } from './thread-protocol.js';

parentPort?.once('message', (init: ThreadInit) => {
  serveThread(init, () => parentPort?.postMessage('ready'));
  parentPort?.close();
});
