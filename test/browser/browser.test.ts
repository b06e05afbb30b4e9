/**
 * The library in headless Chromium: bundle it for the browser (scripts/build-browser.mjs), serve the package root on
 * 127.0.0.1, load it with the default (fetch) loader, draw seeded normals, run tanh and a CSR
 * product there, and compare the bits with Node's. Without chromium it fails in CI (CI=true) and is
 * skipped with a boxed notice locally (test/helpers/chromium.ts); .ci/run installs Debian's chromium.
 */
import { execFile } from 'node:child_process';
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyNonlinearity, load } from '../../src/index.js';
import { hasChromium, launchChromium, requireChromium } from '../helpers/chromium.js';
import { serveDirectory } from '../helpers/static-server.js';
import { randomCsr } from '../helpers/random.js';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
requireChromium('Node↔browser bit identity');

function hex(values: Float64Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('hex');
}

const CSR = randomCsr('browser-csr', 300, 1001, 20);

/** What the page computes, also computed in Node for the comparison. */
async function nodeResult(simd: boolean) {
  const rt = await load({ simd });
  using rng = rt.rng('browser-parity');
  using z = rng.normal(1001);
  using t = applyNonlinearity(rt, 'tanh', z);
  using a = rt.csr(CSR);
  using y = a.multiply(z);
  return { simd: rt.simd, z: hex(z.toArray()), t: hex(t.toArray()), y: hex(y.toArray()) };
}

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

  it.each([true, false])('seeded normals, tanh and a CSR product are bit-identical to Node (simd: %s)', async (simd) => {
    const page = await browser.newPage();
    await page.goto(`${origin}/test/browser/parity.html`);
    await page.waitForFunction(() => (window as unknown as { parityReady?: boolean }).parityReady === true);
    const csr = { ...CSR, rowPtr: Array.from(CSR.rowPtr), colIdx: Array.from(CSR.colIdx), values: Array.from(CSR.values) };
    const inPage = await page.evaluate(
      (args) => (window as unknown as { runParity(a: typeof args): Promise<Record<string, string | boolean>> }).runParity(args),
      { simd, csr },
    );
    await page.close();
    expect(inPage.simd).toBe(simd);
    const fromNode = await nodeResult(simd);
    expect(inPage.z).toBe(fromNode.z);
    expect(inPage.t).toBe(fromNode.t);
    expect(inPage.y).toBe(fromNode.y);
  });
});
