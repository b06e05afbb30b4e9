/**
 * The consumer matrix (npm run test:consumers; .ci/run runs it after npm test): the packed
 * package (npm pack) installed from its tarball into fresh folders, as an app would, then
 *   - Node ESM (import) and CommonJS (require), from an install of rnnkit alone, whose size is the
 *     footprint the library adds (< 5 MB, only its own dependencies);
 *   - Vite 8 (build, and the dev server), webpack 5, esbuild (wasmBase + the copied binaries) and
 *     a page with an import map and no bundler, each in Debian's headless Chromium on the main
 *     thread and in a module Web Worker.
 * Every one must give the same seeded numbers (hex of the float64 bits) as the checkout's sources
 * in Node, for the SIMD and the scalar binary. The tools come from the npm registry at the
 * versions pinned in test/consumers/package.json.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyNonlinearity, load } from '../../src/index.js';
import { hasChromium, launchChromium, requireChromium } from '../helpers/chromium.js';
import { serveDirectory } from '../helpers/static-server.js';
import { seededNumbers } from './shared/seeded.js';

const run = promisify(execFile);
const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const HERE = join(ROOT, 'test/consumers');
const APPS = ['shared', 'node', 'vite', 'webpack', 'esbuild', 'importmap', 'build.mjs', 'package.json'];
/** The footprint target of issue 18 for the library's install (node_modules, bytes). */
const MAX_INSTALL_BYTES = 5 * 1024 * 1024;

requireChromium('consumer matrix');

async function du(path: string): Promise<number> {
  let bytes = 0;
  for (const entry of await readdir(path, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) bytes += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return bytes;
}

/** Installed packages (node_modules/NAME and node_modules/@scope/NAME, hidden folders aside). */
async function installedPackages(modules: string): Promise<string[]> {
  const names: string[] = [];
  for (const name of await readdir(modules)) {
    if (name.startsWith('.')) continue;
    if (name.startsWith('@')) for (const sub of await readdir(join(modules, name))) names.push(`${name}/${sub}`);
    else names.push(name);
  }
  return names.sort();
}

const npmInstall = (cwd: string, ...args: string[]) =>
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...args], { cwd, maxBuffer: 2 ** 24 });

type Numbers = Awaited<ReturnType<typeof seededNumbers>>;

describe('the packed package in apps', () => {
  let work = '';
  let reference: Numbers;
  let browser: Browser | undefined;
  const servers: Server[] = [];
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    reference = await seededNumbers({ load, applyNonlinearity });
    work = await mkdtemp(join(tmpdir(), 'rnnkit-consumers-'));
    const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: ROOT });
    const tarball = join(work, (JSON.parse(stdout) as { filename: string }[])[0]?.filename ?? '');
    // Apps and tools in work/apps; the library alone in work/lib (its footprint, and the Node apps).
    await mkdir(join(work, 'apps'));
    for (const entry of APPS) await cp(join(HERE, entry), join(work, 'apps', entry), { recursive: true });
    await mkdir(join(work, 'lib'));
    await cp(join(HERE, 'node'), join(work, 'lib', 'node'), { recursive: true });
    await cp(join(HERE, 'shared'), join(work, 'lib', 'shared'), { recursive: true });
    await Promise.all([npmInstall(join(work, 'lib'), tarball), npmInstall(join(work, 'apps'), tarball)]);
    if (hasChromium) browser = await launchChromium();
  }, 900_000);

  afterAll(async () => {
    for (const child of children) child.kill();
    await browser?.close();
    await Promise.all(servers.map((server) => new Promise((ok) => server.close(ok))));
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('installing rnnkit adds only its own dependencies, under 5 MB', async () => {
    const modules = join(work, 'lib', 'node_modules');
    expect(await installedPackages(modules)).toEqual(['@assemblyscript/loader', 'rnnkit', 'seedrandom']);
    const bytes = await du(modules);
    console.log(`consumer matrix: rnnkit's install adds ${(bytes / 1024 / 1024).toFixed(2)} MB of node_modules`);
    expect(bytes).toBeLessThan(MAX_INSTALL_BYTES);
  });

  it('Node ESM: import { load } from "rnnkit" gives the same bits; build: "debug" says it is not shipped', async () => {
    const { stdout } = await run(process.execPath, ['node/esm.mjs'], { cwd: join(work, 'lib') });
    const out = JSON.parse(stdout) as { numbers: Numbers; debug: string; io: string };
    expect(out.numbers).toEqual(reference);
    expect(out.io).toBe('function');
    expect(out.debug).toMatch(/debug binaries are not shipped in the package/);
  });

  it('Node CommonJS: require("rnnkit") gives the same bits', async () => {
    const { stdout } = await run(process.execPath, ['node/cjs.cjs'], { cwd: join(work, 'lib') });
    const out = JSON.parse(stdout) as { numbers: Numbers; io: string };
    expect(out.numbers).toEqual(reference);
    expect(out.io).toBe('function');
  });

  /** The page's numbers (main thread and worker) from `url`. */
  async function pageNumbers(url: string): Promise<{ main: Numbers; worker: Numbers }> {
    if (!browser) throw new Error('no browser');
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    try {
      await page.goto(url);
      await page.waitForFunction(() => (window as { __results?: unknown }).__results !== undefined, undefined, { timeout: 60_000 });
      const results = await page.evaluate(() => (window as unknown as { __results: Record<string, unknown> }).__results);
      if (results.error) throw new Error(`${url}: ${String(results.error)}`);
      expect(errors).toEqual([]);
      return results as { main: Numbers; worker: Numbers };
    } finally {
      await page.close();
    }
  }

  async function serve(folder: string): Promise<string> {
    const { server, origin } = await serveDirectory(join(work, 'apps', folder));
    servers.push(server);
    return origin;
  }

  const build = (tool: string) => run(process.execPath, ['build.mjs', tool], { cwd: join(work, 'apps'), maxBuffer: 2 ** 24 });

  describe.skipIf(!hasChromium)('in Chromium, main thread and Web Worker', () => {
    it('Vite build', async () => {
      await build('vite');
      const results = await pageNumbers(`${await serve('vite/dist')}/`);
      expect(results).toEqual({ main: reference, worker: reference });
    });

    it('Vite dev server', async () => {
      const child = spawn(process.execPath, ['build.mjs', 'vite-dev'], { cwd: join(work, 'apps'), stdio: ['ignore', 'pipe', 'inherit'] });
      children.push(child);
      const url = await new Promise<string>((ok, fail) => {
        child.stdout?.on('data', (chunk: Buffer) => ok(chunk.toString().trim()));
        child.on('exit', (code) => fail(new Error(`vite dev server exited (${code})`)));
      });
      const results = await pageNumbers(url);
      expect(results).toEqual({ main: reference, worker: reference });
    });

    it('webpack 5', async () => {
      await build('webpack');
      expect(await pageNumbers(`${await serve('webpack/dist')}/`)).toEqual({ main: reference, worker: reference });
    });

    it('esbuild (wasmBase, binaries copied from rnnkit/wasm/*.wasm)', async () => {
      await build('esbuild');
      expect(await pageNumbers(`${await serve('esbuild/dist')}/`)).toEqual({ main: reference, worker: reference });
    });

    it('no bundler: <script type="module"> with an import map and the package’s browser build', async () => {
      expect(await pageNumbers(`${await serve('.')}/importmap/`)).toEqual({ main: reference, worker: reference });
    });
  });
});
