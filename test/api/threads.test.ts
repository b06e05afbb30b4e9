/**
 * load({ threads: 2 }): the products split between the main thread and a worker must give the bits
 * of the one-thread runtime (every split is of whole rows or vectors, and no row's sum depends on
 * another row: see src/wasm/threads.ts), so every comparison here is toEqual / Object.is, not a
 * bound. threadMinWork: 0 splits even the smallest products, so tails (n = 1…9, 17, odd column
 * counts, panels of 4 rows cut at the split) are exercised; the one-thread reference is the
 * release SIMD binary, which the kernel tests compare with src/reference within error bounds.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import seedrandom from 'seedrandom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gaussianNetwork, load, RecursiveLeastSquares, Runtime, simulateRate, sinesTarget, trainReadoutForce } from '../../src/index.js';
import { Arena } from '../../src/wasm/arena.js';
import { instantiateCore } from '../../src/wasm/loader.js';
import { watchedWorker } from '../../src/wasm/platform-node.js';
import {
  DONE, HEADER_BYTES, MAX_WORKERS, OFFER, SEQ, SLOT_BYTES, THREAD_KERNELS, type ThreadInit, type ThreadKernel,
} from '../../src/wasm/thread-protocol.js';
import { ThreadPool, threadedCore } from '../../src/wasm/threads.js';

const SIZES = [1, 2, 3, 4, 5, 7, 8, 9, 17, 64, 257, 1001];

let one: Runtime;
let two: Runtime;
beforeAll(async () => {
  one = await load();
  two = await load({ threads: 2, threadMinWork: 0 });
});
afterAll(() => two.dispose());

const random = (label: string, n: number) => {
  const rng = seedrandom(label);
  return Float64Array.from({ length: n }, () => 2 * rng() - 1);
};

/** Sparse rows with lognormal-like spread of lengths (some empty), so the entry-balanced split is uneven in rows. */
function randomCsr(label: string, nRows: number, nCols: number) {
  const rng = seedrandom(label);
  const rowPtr = [0];
  const colIdx: number[] = [];
  for (let i = 0; i < nRows; i++) {
    const density = rng() ** 3;
    for (let c = 0; c < nCols; c++) if (rng() < density) colIdx.push(c);
    rowPtr.push(colIdx.length);
  }
  return { nRows, nCols, rowPtr, colIdx, values: random(`${label}-v`, colIdx.length) };
}

describe('load({ threads: 2 }) equals one thread bit for bit', () => {
  it('reports its threads and the SIMD build', () => {
    expect(two.threads).toBe(2);
    expect(two.simd).toBe(true);
    expect(one.threads).toBe(1);
  });

  it.each(SIZES)('dense multiply (f64 and f32), n = %i rows × n + 1 columns', (n) => {
    const values = random(`dense-${n}`, n * (n + 1));
    const x = random(`dense-x-${n}`, n + 1);
    for (const make of ['dense', 'denseF32'] as const) {
      using a1 = one[make](n, n + 1, values);
      using a2 = two[make](n, n + 1, values);
      using x1 = one.f64From(x);
      using x2 = two.f64From(x);
      expect(a2.multiply(x2).toArray()).toEqual(a1.multiply(x1).toArray());
    }
  });

  it.each([[9, 1], [17, 3], [64, 2], [257, 5], [1001, 8]])('dense multiplyRows, n = %i, m = %i vectors', (n, m) => {
    const values = random(`rows-${n}`, n * n);
    const x = random(`rows-x-${n}-${m}`, m * n);
    using a1 = one.dense(n, n, values);
    using a2 = two.dense(n, n, values);
    using x1 = one.f64From(x);
    using x2 = two.f64From(x);
    using y1 = one.f64(m * n);
    using y2 = two.f64(m * n);
    expect(a2.multiplyRows(x2, m, y2).toArray()).toEqual(a1.multiplyRows(x1, m, y1).toArray());
  });

  it.each(SIZES)('CSR multiply (f64 and f32) and multiplyRows, n = %i', (n) => {
    const arrays = randomCsr(`csr-${n}`, n, n + 2);
    const x = random(`csr-x-${n}`, 3 * (n + 2));
    for (const make of ['csr', 'csrF32'] as const) {
      using a1 = one[make](arrays);
      using a2 = two[make](arrays);
      using x1 = one.f64From(x);
      using x2 = two.f64From(x);
      using y1 = one.f64(3 * n);
      using y2 = two.f64(3 * n);
      expect(a2.multiplyRows(x2, 3, y2).toArray()).toEqual(a1.multiplyRows(x1, 3, y1).toArray());
    }
  });

  it.each([1, 3, 8, 9, 17, 130])('RLS: 20 updates of P (n = %i) and W (m = 2) equal, c for c', (n) => {
    using l1 = new RecursiveLeastSquares(one, { n, m: 2, alpha: 0.5 });
    using l2 = new RecursiveLeastSquares(two, { n, m: 2, alpha: 0.5 });
    for (let t = 0; t < 20; t++) {
      const r = random(`rls-r-${n}-${t}`, n);
      const e = random(`rls-e-${n}-${t}`, 2);
      using r1 = one.f64From(r);
      using e1 = one.f64From(e);
      using r2 = two.f64From(r);
      using e2 = two.f64From(e);
      expect(l2.update(r2, e2)).toBe(l1.update(r1, e1));
    }
    expect(l2.covariance()).toEqual(l1.covariance());
    expect(l2.weights.toArray()).toEqual(l1.weights.toArray());
  });

  it('a dense RK4 rate simulation (N = 300) records the same trajectory', async () => {
    const run = async (rt: Runtime) => {
      using net = gaussianNetwork(rt, { n: 300, g: 1.5, seed: 'threads-rate' });
      const result = await simulateRate(rt, { connectivity: net }, { t: 20, dt: 0.1, seed: 4, record: { units: 300, every: 5 } });
      return result.recording!;
    };
    const [a, b] = [await run(one), await run(two)];
    expect(b.values.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
  });

  it('readout FORCE (N = 200) learns the same weights and traces', async () => {
    const options = { n: 200, target: sinesTarget(), trainPeriods: 1, testPeriods: 1, seed: 'threads-force' } as const;
    const a = await trainReadoutForce(one, options);
    const b = await trainReadoutForce(two, options);
    expect(b.updates).toBeGreaterThan(0);
    expect(b.weights).toEqual(a.weights);
    expect(b.traces).toEqual(a.traces);
    expect(b.trainError).toBe(a.trainError);
  }, 60_000);
});

describe('threads: options, lifetime, shutdown', () => {
  it('rejects bad options with errors naming them', async () => {
    await expect(load({ threads: 0 })).rejects.toThrow(/threads must be an integer in \[1, 13\]/);
    await expect(load({ threads: 1.5 })).rejects.toThrow(/threads/);
    await expect(load({ threads: 2, threadMinWork: -1 })).rejects.toThrow(/threadMinWork/);
    await expect(load({ threads: 2, simd: false })).rejects.toThrow(/release SIMD binary/);
    await expect(load({ threads: 2, build: 'debug' })).rejects.toThrow(/release SIMD binary/);
  });

  it('after dispose() products run on the calling thread, with the same bits', async () => {
    const rt = await load({ threads: 2, threadMinWork: 0 });
    const values = random('after-dispose', 33 * 33);
    const x = random('after-dispose-x', 33);
    using a = rt.dense(33, 33, values);
    using xs = rt.f64From(x);
    const before = a.multiply(xs).toArray();
    rt.dispose();
    rt.dispose();
    expect(a.multiply(xs).toArray()).toEqual(before);
  });

  it('a process whose threaded runtime is never disposed still exits (workers are unref’d)', async () => {
    const script = `
      const { load } = await import(${JSON.stringify(new URL('../../dist/index.js', import.meta.url).href)});
      const rt = await load({ threads: 2, threadMinWork: 0 });
      const a = rt.dense(64, 64); a.multiply(rt.f64(64));
      console.log('done', rt.threads);`;
    const file = join(await mkdtemp(join(tmpdir(), 'rnnkit-threads-')), 'undisposed.mjs');
    await writeFile(file, script);
    const { stdout } = await promisify(execFile)(process.execPath, [file], { timeout: 20_000 });
    expect(stdout.trim()).toBe('done 2');
  });
});

/**
 * A stand-in worker that speaks the protocol's first half only: it leaves parts of other kernels on
 * offer (the owner takes them), claims its first part of `kernel` (the offer's compare-and-swap),
 * scribbles NaN over that part's output rows as a half-finished product would (slot entries
 * output = [row count, output pointer]), and exits. mode 'idle' exits right after starting instead,
 * mode 'unready' before it reports ready.
 * claimed[0] = 1 once it claimed a part.
 */
const DYING_WORKER = `
  const { parentPort, workerData } = require('node:worker_threads');
  const { SEQ, OFFER, HEADER_BYTES, SLOT_BYTES, mode, kernel, output, claimed } = workerData;
  parentPort.once('message', (init) => {
    const flags = new Int32Array(init.control, 0, HEADER_BYTES / 4);
    const slot = new Float64Array(init.control, HEADER_BYTES + init.slot * SLOT_BYTES, 9);
    let seen = Atomics.load(flags, SEQ);
    if (mode === 'unready') process.exit(5);
    parentPort.postMessage('ready');
    if (mode === 'idle') process.exit(7);
    for (;;) {
      while (Atomics.load(flags, SEQ) === seen);
      seen = Atomics.load(flags, SEQ);
      if (slot[0] === kernel && Atomics.compareExchange(flags, OFFER + init.slot, seen, 0) === seen) break;
    }
    new Int32Array(claimed)[0] = 1;
    if (output) new Float64Array(init.memory.buffer, slot[output[1]], slot[output[0]]).fill(NaN);
    process.exit(3);
  });`;

/**
 * A thread that, unless cancelled within `ms`, marks every offer of `control` done and rings the
 * doorbell: an owner that waits forever for a dead worker then returns (with a wrong product)
 * instead of hanging vitest, and fired() says why the test failed.
 */
function startWatchdog(control: SharedArrayBuffer, ms: number) {
  const state = new Int32Array(new SharedArrayBuffer(8)); // [cancelled, fired]
  const source = `
    const { workerData: { control, state, ms, SEQ, DONE, OFFER, MAX_WORKERS, HEADER_BYTES } } = require('node:worker_threads');
    const flags = new Int32Array(control, 0, HEADER_BYTES / 4);
    if (Atomics.wait(state, 0, 0, ms) === 'timed-out') {
      Atomics.store(state, 1, 1);
      for (let w = 0; w < MAX_WORKERS; w++) Atomics.store(flags, OFFER + w, -Atomics.load(flags, SEQ));
      Atomics.add(flags, DONE, 1);
      Atomics.notify(flags, DONE);
    }`;
  const thread = new Worker(source, { eval: true, workerData: { control, state, ms, SEQ, DONE, OFFER, MAX_WORKERS, HEADER_BYTES } });
  thread.unref();
  return {
    fired: () => Atomics.load(state, 1) === 1,
    cancel: () => {
      Atomics.store(state, 0, 1);
      Atomics.notify(state, 0);
    },
  };
}

/** Slot entries [row count, output pointer] of the kernels whose parts the stand-in scribbles over. */
const OUTPUT_SLOTS: Partial<Record<ThreadKernel, readonly [number, number]>> = { gemv_f64: [2, 5], spmv_csr_f64: [4, 6] };

/**
 * A two-thread runtime whose worker is DYING_WORKER, under a 20 s watchdog; `claimed` tells whether
 * it claimed a part before exiting.
 */
async function runtimeWithDyingWorker(mode: 'unready' | 'idle' | 'mid-part', kernel: ThreadKernel = 'gemv_f64') {
  const { exports, simd, build, shared } = await instantiateCore({}, true);
  const arena = new Arena(exports);
  const claimed = new SharedArrayBuffer(4);
  const output = OUTPUT_SLOTS[kernel] ?? null;
  const workerData = { SEQ, OFFER, HEADER_BYTES, SLOT_BYTES, mode, kernel: THREAD_KERNELS.indexOf(kernel), output, claimed };
  let control = new SharedArrayBuffer(0);
  const spawnWorker = (init: unknown) => {
    control = (init as ThreadInit).control;
    return watchedWorker(new Worker(DYING_WORKER, { eval: true, workerData }), init);
  };
  const pool = await ThreadPool.start(exports, 2, { ...(shared as NonNullable<typeof shared>), spawnWorker }, arena);
  const rt = new Runtime(threadedCore(exports, arena, pool, 0), simd, build, { arena, pool });
  return { rt, claimed: () => new Int32Array(claimed)[0] === 1, watchdog: startWatchdog(control, 20_000) };
}

/** Products until the stand-in claimed one (the owner takes parts the worker is too late for). */
const UNTIL_CLAIMED = 200;
const BROKEN = /thread worker 1 of 1 stopped during (\w+); this runtime's threads are unusable: dispose it and load\(\) a new one/;

describe('threads: a worker that stops', () => {
  it('before it is ready: load fails, naming the exit code, instead of waiting forever', async () => {
    await expect(runtimeWithDyingWorker('unready')).rejects.toThrow(/a thread worker exited \(code 5\) before it was ready/);
  });

  it('between products: the exit is noticed and the next product throws, naming the exit code', async () => {
    const { rt, watchdog } = await runtimeWithDyingWorker('idle');
    using a = rt.dense(64, 64, random('idle-a', 64 * 64));
    using xs = rt.f64From(random('idle-x', 64));
    await new Promise((resolve) => setTimeout(resolve, 200)); // the 'exit' event reaches the owner's event loop
    expect(() => a.multiply(xs)).toThrow(/thread worker 1 of 1 stopped \(exit code 7\); this runtime's threads are unusable: dispose it and load\(\) a new one/);
    watchdog.cancel();
    rt.dispose();
  });

  /** The products a stand-in dies in the middle of: a dense 1000×1000 gemv and a CSR SpMV with ~2.5·10⁵ entries. */
  const MATRICES = {
    gemv_f64: (rt: Runtime) => rt.dense(1000, 1000, random('mid-gemv-a', 1000 * 1000)),
    spmv_csr_f64: (rt: Runtime) => rt.csr(randomCsr('mid-spmv', 1000, 1000)),
  };

  it.each(['gemv_f64', 'spmv_csr_f64'] as const)('during its part of %s (n = 1000): the owner redoes the part, the bits equal one thread; later products throw', async (kernel) => {
    const { rt, claimed, watchdog } = await runtimeWithDyingWorker('mid-part', kernel);
    const x = random(`mid-${kernel}-x`, 1000);
    using a1 = MATRICES[kernel](one);
    using x1 = one.f64From(x);
    const expected = a1.multiply(x1).toArray();
    using a2 = MATRICES[kernel](rt);
    using x2 = rt.f64From(x);
    for (let t = 0; t < UNTIL_CLAIMED && !claimed(); t++) {
      const y = a2.multiply(x2).toArray();
      expect(watchdog.fired(), 'the owner waited 20 s for a dead worker').toBe(false);
      expect(y).toEqual(expected);
    }
    expect(claimed()).toBe(true);
    expect(() => a2.multiply(x2)).toThrow(BROKEN);
    expect(() => a2.multiply(x2)).toThrow(new RegExp(`stopped during ${kernel}`));
    watchdog.cancel();
    rt.dispose();
  }, 30_000);

  it('during its part of an RLS update (n = 400): that update throws naming rls_gain_rows_f64 (P is half updated), and so does every later product', async () => {
    const { rt, claimed, watchdog } = await runtimeWithDyingWorker('mid-part', 'rls_gain_rows_f64');
    const n = 400;
    using rls = new RecursiveLeastSquares(rt, { n, m: 1, alpha: 1 });
    using a = rt.dense(n, n, random('mid-rls-a', n * n));
    let error: Error | undefined;
    for (let t = 0; t < UNTIL_CLAIMED && !error; t++) {
      using r = rt.f64From(random(`mid-rls-r-${t}`, n));
      using e = rt.f64From([0.5]);
      try {
        rls.update(r, e);
      } catch (thrown) {
        error = thrown as Error;
      }
      expect(watchdog.fired(), 'the owner waited 20 s for a dead worker').toBe(false);
    }
    expect(claimed()).toBe(true);
    expect(error?.message).toMatch(BROKEN);
    expect(error?.message).toMatch(/stopped during rls_gain_rows_f64.*its part of rls_gain_rows_f64 updates in place/);
    using x = rt.f64From(random('mid-rls-x', n));
    expect(() => a.multiply(x)).toThrow(/stopped during rls_gain_rows_f64/);
    watchdog.cancel();
    rt.dispose();
  }, 30_000);
});
