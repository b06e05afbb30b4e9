/**
 * Parallel sweeps in headless Chromium (src/parallel/web-pool.ts): a pool of two module Web Workers
 * gives the same Lyapunov exponents, bit for bit, as a serial run in the page and as Node; a
 * failing point names its index; cancellation ends the running worker and the pool stays usable.
 * Without chromium it fails in CI and is skipped locally (test/helpers/chromium.ts).
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, normalize, resolve } from 'node:path';
import { promisify } from 'node:util';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { load, runSweep } from '../../dist/index.js';
import { CHROMIUM, hasChromium, requireChromium } from '../helpers/chromium.js';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
requireChromium('parallel sweeps in Web Workers');

const TYPES: Record<string, string> = {
  '.js': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html', '.map': 'application/json',
};

/** Serves files below the package root (read-only, GET only, loopback only). */
function serveRoot(): Promise<Server> {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const file = resolve(ROOT, `.${path}`);
    if (!file.startsWith(`${ROOT}/`)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}


const points = [0.6, 1.4, 2.2, 3].map((g, i) => ({ g, n: 60, t: 30 + 5 * i, seed: `web-${i}` }));
const bits = (value: unknown): string => JSON.stringify(value, (_key, v) =>
  (typeof v === 'number' ? Array.from(new Uint32Array(Float64Array.of(v).buffer)).join(':') : v));

describe.skipIf(!hasChromium)('in headless Chromium', () => {
  let server: Server;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    await promisify(execFile)(process.execPath, [resolve(ROOT, 'scripts/build-browser.mjs')], { cwd: ROOT });
    server = await serveRoot();
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((ok) => (server ? server.close(ok) : ok(undefined)));
  });

  it('Web Workers = serial in the page = Node, bit for bit; errors name the point; cancellation', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/test/browser/parallel.html`);
    await page.waitForFunction(() => (window as unknown as { parallelReady?: boolean }).parallelReady === true);
    const long = [0, 1, 2].map((i) => ({ g: 1.5, n: 200, t: 1e6, seed: `long-${i}` }));
    const bad = [points[0], { g: -1, n: 60, t: 30, seed: 'bad' }];
    const r = await page.evaluate(
      (args) => (window as unknown as { runParallel(a: typeof args): Promise<Record<string, unknown>> }).runParallel(args),
      { points, long, bad },
    );
    await page.close();
    expect(bits(r.parallel)).toBe(bits(r.serial));
    expect(r.done).toEqual([1, 2, 3, 4]);
    // Node runs the same point function on the same seeds (the dist fixture of test/api/parallel-sweep.test.ts).
    const rt = await load();
    // @ts-expect-error: a plain-JS fixture without types
    const { lyapunovPoint } = await import('../fixtures/parallel/lyapunov-point.mjs');
    // The exponents agree bit for bit; lambdaStdErr (host-JS arithmetic over per-segment
    // estimates) was seen to differ in its last bit between Node 20 and this Chromium.
    const exponents = (rows: unknown) => bits((rows as { exponents: number[] }[]).map((row) => row.exponents));
    expect(exponents(await runSweep(rt, lyapunovPoint as never, points))).toBe(exponents(r.serial));
    expect(r.failure).toMatchObject({ name: 'SweepPointError', index: 1 });
    expect((r.failure as { message: string }).message).toMatch(/^sweep point 1 \(\{"g":-1,.*\): .*g/);
    expect(r.aborted).toBe('stopped by the page');
    expect(bits(r.after)).toBe(bits((r.serial as unknown[]).slice(0, 2)));
  }, 120_000);
});
