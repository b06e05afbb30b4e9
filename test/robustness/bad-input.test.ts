/**
 * Table-driven bad input (cases.ts) over the API and the CLI. Every case must end in a typed error
 * (API) or a non-zero exit (CLI) whose message names the parameter, or the file and line; within
 * CASE_MS (CLI: of CPU time); and without growing WASM memory or JS array buffers by more than
 * CASE_BYTES (API), or a peak RSS beyond CLI_RSS_BYTES (CLI).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { load, type Runtime } from '../../src/index.js';
import { API_CASES, CLI_CASES } from './cases.js';

/** A refusal is a check, not work: 3 s leaves room for a loaded 2-core machine (typical: < 50 ms). */
const CASE_MS = 3000;
/** What a refused request may allocate on the way: far below the gigabytes the bad inputs ask for. */
const CASE_BYTES = 64 * 2 ** 20;
const CLI = new URL('../../dist/cli/main.js', import.meta.url).pathname;
/**
 * Preloaded into each CLI child: at exit it reports its own CPU time and peak RSS on stderr, so the
 * bounds hold however loaded the machine is (wall time is left to the kill timeout, for hangs).
 */
const USAGE_SCRIPT = "process.on('exit', () => { const u = process.resourceUsage(); " +
  "const usage = { cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssKb: u.maxRSS }; " +
  "process.stderr.write('\\nRNNKIT_USAGE ' + JSON.stringify(usage) + '\\n'); });";
const USAGE = `data:text/javascript,${encodeURIComponent(USAGE_SCRIPT)}`;
/** Peak RSS of a refused CLI call: Node and the loaded core take ~100 MB; the bad inputs ask for gigabytes. */
const CLI_RSS_BYTES = 384 * 2 ** 20;

describe('bad input through the API', () => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await load();
  });

  it('has at least 120 API cases with distinct names', () => {
    expect(API_CASES.length).toBeGreaterThanOrEqual(120);
    expect(new Set(API_CASES.map((c) => c.name)).size).toBe(API_CASES.length);
  });

  it.each(API_CASES.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const wasmBefore = rt.memoryBytes;
    const buffersBefore = process.memoryUsage().arrayBuffers;
    const started = performance.now();
    let error: unknown;
    try {
      await c.run(rt);
    } catch (e) {
      error = e;
    }
    const elapsed = performance.now() - started;
    expect(error, 'no error thrown').toBeInstanceOf(c.type);
    expect(error).not.toBeInstanceOf(WebAssembly.RuntimeError);
    if (c.type === Error) expect((error as Error).name).not.toBe('RuntimeError');
    expect((error as Error).message).toMatch(c.message);
    expect(elapsed).toBeLessThan(CASE_MS);
    expect(rt.memoryBytes - wasmBefore).toBeLessThanOrEqual(CASE_BYTES);
    expect(process.memoryUsage().arrayBuffers - buffersBefore).toBeLessThanOrEqual(CASE_BYTES);
  });
});

describe.concurrent('bad input through the CLI', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rnnkit-robust-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('has at least 40 CLI cases with distinct names', () => {
    expect(CLI_CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CLI_CASES.map((c) => c.name)).size).toBe(CLI_CASES.length);
  });

  it.each(CLI_CASES.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    let args = c.args;
    if (c.file) {
      const path = join(dir, c.file.name);
      await writeFile(path, c.file.text);
      args = args.map((a) => (a === 'FILE' ? path : a));
    }
    const result = await new Promise<{ code: number | null; stderr: string; killed: boolean }>((resolve) => {
      execFile(process.execPath, ['--import', USAGE, CLI, ...args], { timeout: 10 * CASE_MS }, (error, _stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stderr, killed: error?.killed ?? false });
      });
    });
    expect(result.killed, 'the command hung').toBe(false);
    expect(result.code, result.stderr).not.toBe(0);
    expect(result.stderr).toMatch(c.message);
    expect(result.stderr).not.toMatch(/RuntimeError|unreachable|at .*\.js:\d+/); // a message, not a trap or a stack
    const usage = JSON.parse(result.stderr.match(/RNNKIT_USAGE (.*)/)?.[1] ?? 'null') as { cpuMs: number; maxRssKb: number };
    expect(usage.cpuMs).toBeLessThan(CASE_MS);
    expect(usage.maxRssKb * 1024).toBeLessThan(CLI_RSS_BYTES);
  });
});
