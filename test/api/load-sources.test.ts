/**
 * Where load() finds the core: an app's own folder (`wasmBase`, as a path or over HTTP), and what
 * it says when the answer is not WebAssembly (a dev server's HTML fallback, a 404). The installed
 * package (no debug binaries, bundlers) is covered by test/consumers.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { load } from '../../src/index.js';

const RELEASE = new URL('../../build/release/', import.meta.url);

/** A server for build/release under /wasm/ that answers every other path as an SPA dev server does. */
function serve(): Promise<Server> {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = /^\/wasm\/(rnnkit\.(simd|scalar)\.wasm)$/.exec(path)?.[1];
    if (file) {
      res.writeHead(200, { 'content-type': 'application/wasm' }).end(await readFile(new URL(file, RELEASE)));
    } else if (path.startsWith('/missing/')) {
      res.writeHead(404).end();
    } else {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html><body>app</body></html>');
    }
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

function draw(rt: Awaited<ReturnType<typeof load>>): number[] {
  using rng = rt.rng('wasm-base');
  using z = rng.normal(64);
  return Array.from(z.toArray());
}

describe('load: where the binaries come from', () => {
  let server: Server;
  let origin = '';
  beforeAll(async () => {
    server = await serve();
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((ok) => server.close(ok)));

  it('wasmBase: a folder path or an http URL gives the packaged binary’s results bit for bit', async () => {
    const reference = draw(await load({ simd: false }));
    for (const wasmBase of ['build/release', 'build/release/', `${origin}/wasm/`, new URL(`${origin}/wasm`)]) {
      const rt = await load({ wasmBase, simd: false });
      expect(rt.simd).toBe(false);
      expect(draw(rt)).toEqual(reference);
    }
    expect((await load({ wasmBase: `${origin}/wasm/`, simd: true })).simd).toBe(true);
  });

  it('says what came back when it is not WebAssembly', async () => {
    await expect(load({ wasmBase: `${origin}/assets/` })).rejects.toThrow(/got an HTML page: is the \.wasm served\?/);
    await expect(load({ wasm: `${origin}/assets/rnnkit.simd.wasm` })).rejects.toThrow(/is not WebAssembly: got an HTML page/);
    await expect(load({ wasmBase: `${origin}/missing/` })).rejects.toThrow(
      /HTTP 404 \(wasmBase must hold rnnkit\.simd\.wasm and rnnkit\.scalar\.wasm\)/,
    );
    await expect(load({ wasmBase: 'no/such/folder' })).rejects.toThrow(/no\/such\/folder\/rnnkit\.(simd|scalar)\.wasm does not exist/);
    await expect(load({ wasm: new Uint8Array(4), wasmBase: 'build/release' })).rejects.toThrow(/give wasm or wasmBase, not both/);
  });
});
