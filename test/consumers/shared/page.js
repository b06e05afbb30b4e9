// A browser consumer's page: the numbers on the main thread and in a module Web Worker (made by
// the caller, so each bundler sees its own `new Worker(new URL(…), …)`), left in window.__results.
export async function runPage(compute, worker) {
  try {
    const main = await compute();
    const inWorker = await new Promise((resolve, reject) => {
      worker.onmessage = (event) => (event.data.error ? reject(new Error(event.data.error)) : resolve(event.data));
      worker.onerror = (event) => reject(new Error(`worker: ${event.message}`));
      worker.postMessage('go');
    });
    window.__results = { main, worker: inWorker };
  } catch (error) {
    window.__results = { error: String(error?.stack ?? error) };
  }
}

/** The worker's side: compute on request and post the numbers back (or the error). */
export function serveWorker(compute) {
  self.onmessage = async () => {
    try {
      self.postMessage(await compute());
    } catch (error) {
      self.postMessage({ error: String(error?.stack ?? error) });
    }
  };
}
