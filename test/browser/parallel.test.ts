/**
 * Parallel sweeps in headless Chromium (src/parallel/web-pool.ts): a pool of two module Web Workers
 * gives the same Lyapunov exponents, bit for bit, as a serial run in the page and as Node; a
 * failing point names its index; cancellation ends the running worker and the pool stays usable.
 * Without chromium it fails in CI and is skipped locally (test/helpers/chromium.ts).
 */
import { execFile } from 'node:child_process';
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { load, runSweep } from '../../dist/index.js';
import { hasChromium, launchChromium, requireChromium } from '../helpers/chromium.js';
import { serveDirectory } from '../helpers/static-server.js';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
requireChromium('parallel sweeps in Web Workers');

const points = [0.6, 1.4, 2.2, 3].map((g, i) => ({ g, n: 60, t: 30 + 5 * i, seed: `web-${i}` }));
const bits = (value: unknown): string => JSON.stringify(value, (_key, v) =>
  (typeof v === 'number' ? Array.from(new Uint32Array(Float64Array.of(v).buffer)).join(':') : v));

describe.skipIf(!hasChromium)('in headless Chromium', () => {
  let server: Server;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    await promisify(execFile)(process.execPath, [resolve(ROOT, 'scripts/build-browser.mjs')], { cwd: ROOT });
    ({ server, origin } = await serveDirectory(ROOT));
    browser = await launchChromium();
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
