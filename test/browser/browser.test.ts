/**
 * The library in headless Chromium: bundle it for the browser (scripts/build-browser.mjs), serve the package root on
 * 127.0.0.1, load it with the default (fetch) loader, draw seeded normals, run tanh and a CSR
 * product there, and compare the bits with Node's. Without chromium it fails in CI (CI=true) and is
 * skipped with a boxed notice locally (test/helpers/chromium.ts); .ci/run installs Debian's chromium.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, normalize, resolve } from 'node:path';
import { promisify } from 'node:util';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyNonlinearity, load } from '../../src/index.js';
import { CHROMIUM, hasChromium, requireChromium } from '../helpers/chromium.js';
import { randomCsr } from '../helpers/random.js';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
requireChromium('Node↔browser bit identity');

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
