/**
 * load({ threads: 2 }) in headless Chromium: on a cross-origin isolated page (COOP same-origin,
 * COEP require-corp) a module Web Worker shares the products and the results equal one thread
 * and Node bit for bit; without isolation load() fails with an error naming the requirement.
 * Without chromium it fails in CI and is skipped locally (test/helpers/chromium.ts).
 */
import { execFile } from 'node:child_process';
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { load, RecursiveLeastSquares } from '../../dist/index.js';
import { HEADER_BYTES, OFFER, SEQ, SLOT_BYTES, THREAD_KERNELS, type ThreadKernel } from '../../src/wasm/thread-protocol.js';
import { hasChromium, launchChromium, requireChromium } from '../helpers/chromium.js';
import { serveDirectory } from '../helpers/static-server.js';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const ISOLATION = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };
requireChromium('threads in Web Workers');

type Products = { y: number[]; c: number[]; p: number[] };
type StoppingResult = { equal: boolean[]; claimed: boolean; firstError?: string; laterError?: string };
type PageResult = { isolated: boolean; error?: string; threads?: number; two?: Products; one?: Products };

describe.skipIf(!hasChromium)('in headless Chromium', () => {
  let isolatedServer: Server;
  let plainServer: Server;
  let isolatedOrigin: string;
  let plainOrigin: string;
  let browser: Browser;

  beforeAll(async () => {
    await promisify(execFile)(process.execPath, [resolve(ROOT, 'scripts/build-browser.mjs')], { cwd: ROOT });
    ({ server: isolatedServer, origin: isolatedOrigin } = await serveDirectory(ROOT, ISOLATION));
    ({ server: plainServer, origin: plainOrigin } = await serveDirectory(ROOT));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    for (const server of [isolatedServer, plainServer]) await new Promise((ok) => (server ? server.close(ok) : ok(undefined)));
  });

  const runPage = async (origin: string, n: number): Promise<PageResult> => {
    const page = await browser.newPage();
    await page.goto(`${origin}/test/browser/threads.html`);
    await page.waitForFunction(() => (window as unknown as { threadsReady?: boolean }).threadsReady === true);
    const result = await page.evaluate((size) => (window as unknown as { runThreads(n: number): Promise<PageResult> }).runThreads(size), n);
    await page.close();
    return result;
  };

  it('isolated page: two threads = one thread = Node, bit for bit (gemv n = 203, RLS n = 37)', async () => {
    const r = await runPage(isolatedOrigin, 203);
    expect(r.error).toBeUndefined();
    expect(r.isolated).toBe(true);
    expect(r.threads).toBe(2);
    expect(r.two).toEqual(r.one);
    // Node: the same products on the same data (the page's code, run here).
    const rt = await load();
    const n = 203;
    const a = rt.dense(n, n + 1, Float64Array.from({ length: n * (n + 1) }, (_, i) => ((i * 7919) % 1009) / 997 - 0.5));
    const x = rt.f64From(Float64Array.from({ length: n + 1 }, (_, i) => ((i * 104729) % 1013) / 991 - 0.5));
    expect(r.two?.y).toEqual(Array.from(a.multiply(x).toArray()));
    const rls = new RecursiveLeastSquares(rt, { n: 37, m: 1, alpha: 1 });
    const c = [];
    for (let t = 0; t < 5; t++) c.push(rls.update(rt.f64From(Float64Array.from({ length: 37 }, (_, i) => (((i + 3 * t) * 7907) % 1019) / 1021)), rt.f64From([0.1 * t])));
    expect(r.two?.c).toEqual(c);
    expect(r.two?.p).toEqual(Array.from(rls.covariance()));
  }, 60_000);

  /** runStoppingWorker on the isolated page, failed after 20 s (a hung product blocks the page's thread). */
  const runStopping = async (mode: 'between' | 'mid-part', kernel: ThreadKernel) => {
    const page = await browser.newPage();
    await page.goto(`${isolatedOrigin}/test/browser/threads.html`);
    await page.waitForFunction(() => (window as unknown as { threadsReady?: boolean }).threadsReady === true);
    const options = { mode, kernel: THREAD_KERNELS.indexOf(kernel), SEQ, OFFER, HEADER_BYTES, SLOT_BYTES };
    const run = page.evaluate((o) => (window as unknown as { runStoppingWorker(o: unknown): Promise<StoppingResult> }).runStoppingWorker(o), options);
    let timer: NodeJS.Timeout | undefined;
    const watchdog = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('the page hung for 20 s waiting for a stopped worker')), 20_000);
    });
    try {
      return await Promise.race([run, watchdog]);
    } finally {
      clearTimeout(timer);
      await page.close();
    }
  };

  it('a worker terminated between products (no error event): its Web Lock is released and the next product throws', async () => {
    const r = await runStopping('between', 'gemv_f64');
    expect(r.equal.every(Boolean)).toBe(true);
    expect(r.firstError).toMatch(/thread worker 1 of 1 stopped \(it ended: its Web Lock was released\)/);
    expect(r.laterError).toMatch(/thread worker 1 of 1 stopped \(it ended: its Web Lock was released\); this runtime's threads are unusable/);
  }, 60_000);

  it('a worker that closes itself during its part of a gemv (n = 1000): the product equals one thread; later products throw', async () => {
    const r = await runStopping('mid-part', 'gemv_f64');
    expect(r.claimed).toBe(true);
    expect(r.equal.length).toBeGreaterThan(0);
    expect(r.equal.every(Boolean)).toBe(true);
    expect(r.laterError).toMatch(/thread worker 1 of 1 stopped during gemv_f64/);
  }, 60_000);

  it('a worker that closes itself during its part of an RLS update: that update throws naming rls_gain_rows_f64, and so do later products', async () => {
    const r = await runStopping('mid-part', 'rls_gain_rows_f64');
    expect(r.claimed).toBe(true);
    expect(r.firstError).toMatch(/stopped during rls_gain_rows_f64.*updates in place/);
    expect(r.laterError).toMatch(/stopped during rls_gain_rows_f64/);
  }, 60_000);

  it('page without cross-origin isolation: load({ threads }) names the requirement', async () => {
    const r = await runPage(plainOrigin, 9);
    expect(r.isolated).toBe(false);
    expect(r.error).toMatch(/cross-origin isolated|COOP/);
  }, 60_000);
});
