/**
 * The package as published (npm pack of the built checkout): what it ships, publint and
 * arethetypeswrong clean, and the browser build's size budget (scripts/size-budget.mjs). The
 * consumer matrix (test/consumers, npm run test:consumers) installs the same tarball into apps.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const bin = (name: string) => join(ROOT, 'node_modules/.bin', name);

describe('the packed package', () => {
  let dir = '';
  let tarball = '';
  let files: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rnnkit-pack-'));
    const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: ROOT });
    const [packed] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
    tarball = join(dir, packed?.filename ?? '');
    files = packed?.files.map((file) => file.path) ?? [];
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('ships the library, its licence, both builds and the release binaries, and nothing of the CLI', () => {
    for (const file of ['LICENSE', 'README.md', 'package.json', 'dist/index.js', 'dist/index.d.ts', 'dist/cjs/index.js',
      'dist/cjs/index.d.ts', 'dist/io/files.js', 'build/browser/rnnkit.js', 'build/release/rnnkit.simd.wasm',
      'build/release/rnnkit.scalar.wasm', 'build/release/rnnkit.relaxed.wasm', 'build/release/rnnkit.threads.wasm',
      'build/browser/thread-worker-browser.js']) {
      expect(files).toContain(file);
    }
    // Source maps would point at sources that are not shipped; the CLI, report and benchmarks are rnnkit-cli's.
    expect(files.filter((file) => /\.map$|^dist\/(cjs\/)?(cli|report|bench|reference)\/|^build\/debug\//.test(file))).toEqual([]);
  });

  it('publint --strict finds nothing', async () => {
    const { stdout } = await run(bin('publint'), ['--strict', tarball]);
    expect(stdout).toMatch(/All good!/);
  });

  // node10 (moduleResolution "node") predates package.json "exports": it cannot see rnnkit/io.
  it('arethetypeswrong finds no problem (node16 and bundler resolution, ESM and CommonJS)', async () => {
    await expect(run(bin('attw'), ['--profile', 'node16', '--format', 'ascii', tarball])).resolves.toBeDefined();
  });

  it('the browser build and the binaries are within their gzipped size budget', async () => {
    const { stdout } = await run(process.execPath, ['scripts/size-budget.mjs'], { cwd: ROOT });
    expect(stdout).not.toMatch(/OVER BUDGET/);
    // One line per budgeted file: the bundle and every release binary (a new binary without a budget fails here).
    const binaries = (await readdir(join(ROOT, 'build/release'))).filter((file) => file.endsWith('.wasm'));
    expect(stdout.trim().split('\n')).toHaveLength(binaries.length + 1);
  });
});
