/** A read-only static file server on 127.0.0.1 for the browser tests (GET only, loopback only). */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, normalize, resolve } from 'node:path';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html',
  '.map': 'application/json', '.json': 'application/json',
};

/**
 * Serves the files below `root` (a folder path gives its index.html; missing files are 404), with
 * `headers` on every response (e.g. COOP/COEP for a cross-origin isolated page).
 */
export async function serveDirectory(root: string, headers: Record<string, string> = {}): Promise<{ server: Server; origin: string }> {
  const top = resolve(root);
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    let file = resolve(top, `.${path}`);
    if (file !== top && !file.startsWith(`${top}/`)) {
      res.writeHead(403).end();
      return;
    }
    if (path.endsWith('/')) file = resolve(file, 'index.html');
    try {
      const body = await readFile(file);
      res.writeHead(200, { ...headers, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
