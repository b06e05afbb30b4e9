/**
 * Two (or more) cores for one runtime: `load({ threads })` instantiates the threaded binary on a
 * shared WebAssembly.Memory, starts threads − 1 workers on the same memory (thread-protocol.ts),
 * and replaces the kernels below with versions that split their rows (or vectors) between the
 * owner and the workers. Every split is of whole rows (gemv: whole 4-row panels), and each row's
 * sum does not depend on the rows around it (gemv.ts, spmv.ts, rls.ts), so the results equal the
 * one-thread kernels bit for bit: no bound is needed because no summation order changes.
 *   gemv_f64/f32        rows, in 4-row panels
 *   gemm_rows_f64/f32   vectors (each vector's product equals gemv's); one vector: gemv's split
 *   spmv_csr_f64/f32    rows, balanced by stored entries
 *   rls_update_f64      the previous step's pending rank-one update of P fused with k = P r,
 *                       split by rows; c and W on the owner: the kernel's three steps in its order
 * Products below `minWork` multiply–adds run on the owner alone (waking a worker costs ~1–50 µs).
 *
 * A worker that stops (killed, out of memory, an error outside a kernel) makes the pool unusable:
 * every later product throws an Error saying so (a runtime that silently lost its threads would
 * run at half speed without saying why). A worker that stops in the middle of its part of a product
 * is found within STALL_CHECK_MS of the platform knowing it (Node: the worker handle's idle time;
 * browsers: the worker's Web Lock; platform-node.ts, platform-browser.ts): the product kernels write their output rows without reading
 * them, so the owner runs that part again and the product is still right; the RLS step updates P
 * in place, so a part a dead worker left half done cannot be redone and that call throws.
 */
import type { CoreExports } from './abi.js';
import { type Arena, F64Buffer } from './arena.js';
import type { LoadedCore } from './loader.js';
import {
  awaitChange, DONE, FAILED, GEMV_SCRATCH_BYTES, HEADER_BYTES, OFFER, SEQ, SLOT_BYTES, SLOT_DOUBLES, STALL_CHECK_MS, STOP,
  THREAD_KERNELS, type ThreadKernel, type ThreadWorker,
} from './thread-protocol.js';

/** Default of `load({ threadMinWork })`: 2¹⁷ multiply–adds (a dense 362×362 gemv, ~25 µs on one core). */
export const THREAD_MIN_WORK = 2 ** 17;

/** One part of a split: [start, end). */
type Range = readonly [number, number];

/** Splits [0, n) into `parts` ranges of nearly equal size whose inner boundaries are multiples of `align`. */
export function splitEven(n: number, parts: number, align: number): Range[] {
  const ranges: Range[] = [];
  let start = 0;
  for (let p = 1; p <= parts; p++) {
    const end = p === parts ? n : Math.min(n, Math.round((n * p) / parts / align) * align);
    ranges.push([start, Math.max(start, end)]);
    start = Math.max(start, end);
  }
  return ranges;
}

/** Splits the rows of a CSR matrix into `parts` ranges holding nearly equal numbers of entries. */
export function splitByEntries(rowPtr: Int32Array, parts: number): Range[] {
  const nRows = rowPtr.length - 1;
  const nnz = rowPtr[nRows] - rowPtr[0];
  const ranges: Range[] = [];
  let start = 0;
  for (let p = 1; p <= parts; p++) {
    let end = nRows;
    if (p < parts) {
      // The first row whose start reaches p/parts of the entries (binary search over rowPtr).
      const target = rowPtr[0] + (nnz * p) / parts;
      let lo = start;
      let hi = nRows;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (rowPtr[mid] < target) lo = mid + 1;
        else hi = mid;
      }
      end = lo;
    }
    ranges.push([start, end]);
    start = end;
  }
  return ranges;
}

/** Kernels that only write their output rows, so that the owner may run a dead worker's part again. */
const REPEATABLE: ReadonlySet<ThreadKernel> = new Set(['gemv_f64', 'gemv_f32', 'gemm_rows_f64', 'gemm_rows_f32', 'spmv_csr_f64', 'spmv_csr_f32']);

/** The owner's side of a threaded core: its workers, the control block, and jobs. */
export class ThreadPool {
  /** Threads in all: the owner and its workers. */
  readonly threads: number;
  readonly #flags: Int32Array;
  readonly #slots: Float64Array[];
  readonly #workers: ThreadWorker[];
  readonly #scratch: F64Buffer[];
  /** The owner's own kernels, by THREAD_KERNELS index. */
  readonly #kernels: ((...args: number[]) => unknown)[];
  /** Whether this thread may block in Atomics.wait (not a page's main thread). */
  readonly #canBlock: boolean;
  #closed = false;
  /** Why the pool is unusable (a worker stopped), or null. */
  #broken: string | null = null;
  /** The last job number (SEQ); 0 is never one, so that a consumed offer (0) matches no job. */
  #job = 0;

  private constructor(
    core: CoreExports, threads: number, control: SharedArrayBuffer, workers: ThreadWorker[], scratch: F64Buffer[], canBlock: boolean,
  ) {
    this.threads = threads;
    this.#canBlock = canBlock;
    this.#kernels = THREAD_KERNELS.map((name) => core[name] as (...args: number[]) => unknown);
    this.#flags = new Int32Array(control, 0, HEADER_BYTES / 4);
    this.#slots = workers.map((_, w) => new Float64Array(control, HEADER_BYTES + w * SLOT_BYTES, SLOT_DOUBLES));
    this.#workers = workers;
    this.#scratch = scratch;
    for (const [w, worker] of workers.entries()) worker.onStop((reason) => this.#lose(w, reason));
  }

  /** Records that worker w stopped and closes the pool (unless it was closed on purpose). */
  #lose(w: number, reason: string): void {
    if (this.#closed) return;
    this.#broken = `rnnkit: thread worker ${w + 1} of ${this.#workers.length} stopped (${reason}); this runtime's threads are unusable: dispose it and load() a new one`;
    this.close();
  }

  /** Starts threads − 1 workers on `memory` (before the owner runs anything: see serveThread). */
  static async start(core: CoreExports, threads: number, shared: NonNullable<LoadedCore['shared']>, arena: Arena): Promise<ThreadPool> {
    const { module, memory, spawnWorker, canBlock } = shared;
    const nWorkers = threads - 1;
    const control = new SharedArrayBuffer(HEADER_BYTES + nWorkers * SLOT_BYTES);
    const scratch = Array.from({ length: nWorkers }, () => new F64Buffer(arena, GEMV_SCRATCH_BYTES / 8, 'load({ threads })'));
    const started = await Promise.allSettled(
      scratch.map((block, slot) => spawnWorker({ module, memory, control, slot, scratch: block.ptr })),
    );
    const workers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failure = started.find((s) => s.status === 'rejected');
    const pool = new ThreadPool(core, threads, control, workers, scratch, canBlock);
    if (failure) {
      pool.close();
      throw (failure as PromiseRejectedResult).reason;
    }
    return pool;
  }

  /**
   * Runs `kernel` with argument list parts[0] on the owner and offers parts[w + 1] to worker w
   * (the owner runs it if the worker has not taken it when the owner's part is done); returns when
   * all are done. A null part is skipped. After close() the owner runs every part; after a worker
   * stopped, it throws (see the file comment).
   */
  run(kernel: ThreadKernel, parts: readonly (readonly number[] | null)[]): void {
    const index = THREAD_KERNELS.indexOf(kernel);
    const own = this.#kernels[index];
    if (this.#broken !== null) throw new Error(this.#broken);
    if (this.#closed) {
      for (const args of parts) if (args) own(...args);
      return;
    }
    const flags = this.#flags;
    this.#job = this.#job === 0x7fffffff ? 1 : this.#job + 1;
    const job = this.#job;
    for (let w = 0; w < this.#slots.length; w++) {
      const args = parts[w + 1];
      if (!args) continue;
      const slot = this.#slots[w];
      slot[0] = index;
      for (let a = 0; a < args.length; a++) slot[a + 1] = args[a];
    }
    for (let w = 0; w < this.#slots.length; w++) if (parts[w + 1]) Atomics.store(flags, OFFER + w, job);
    Atomics.store(flags, SEQ, job);
    Atomics.notify(flags, SEQ);
    if (parts[0]) own(...parts[0]);
    // Parts no worker has taken yet: the owner runs them instead of waiting for a worker to get a core.
    for (let w = 0; w < this.#slots.length; w++) {
      const args = parts[w + 1];
      if (args && Atomics.compareExchange(flags, OFFER + w, job, 0) === job) {
        own(...args);
        Atomics.store(flags, OFFER + w, -job);
      }
    }
    // Wait for the workers' parts (done when their offer reads −job), the doorbell read before each
    // look so that a part finished in between wakes the wait at once.
    for (;;) {
      const bell = Atomics.load(flags, DONE);
      const unfinished = parts.slice(1).flatMap((args, w) => (args && Atomics.load(flags, OFFER + w) !== -job ? [w] : []));
      if (unfinished.length === 0) break;
      if (awaitChange(flags, DONE, bell, this.#canBlock, STALL_CHECK_MS) === bell) this.#redoStopped(kernel, job, parts, unfinished);
    }
    if (this.#broken !== null) this.close();
    if (Atomics.exchange(flags, FAILED, 0) === 1) throw new Error(`rnnkit: ${kernel} failed in a thread worker`);
  }

  /** Runs again, on the owner, the unfinished parts of workers that have stopped (or throws: see the file comment). */
  #redoStopped(kernel: ThreadKernel, job: number, parts: readonly (readonly number[] | null)[], unfinished: number[]): void {
    for (const w of unfinished) {
      if (!this.#workers[w].stopped()) continue;
      this.#broken ??= `rnnkit: thread worker ${w + 1} of ${this.#workers.length} stopped during ${kernel}; this runtime's threads are unusable: dispose it and load() a new one`;
      if (!REPEATABLE.has(kernel)) {
        this.close();
        throw new Error(`${this.#broken} (its part of ${kernel} updates in place and may be half done, so the result is lost)`);
      }
      this.#kernels[THREAD_KERNELS.indexOf(kernel)](...(parts[w + 1] as readonly number[]));
      Atomics.store(this.#flags, OFFER + w, -job);
    }
  }

  /** Stops and terminates the workers and frees their scratch (idempotent). */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    Atomics.store(this.#flags, STOP, 1);
    Atomics.add(this.#flags, SEQ, 1);
    Atomics.notify(this.#flags, SEQ);
    for (const worker of this.#workers) worker.terminate();
    for (const block of this.#scratch) block.dispose();
  }
}

/** `core` with its row-partitionable kernels split across `pool` (see the file comment). */
export function threadedCore(core: CoreExports, arena: Arena, pool: ThreadPool, minWork: number): CoreExports {
  const parts = pool.threads;
  const splitGemv = (kernel: 'gemv_f64' | 'gemv_f32', entryBytes: number) =>
    (aPtr: number, nRows: number, nCols: number, xPtr: number, yPtr: number): void => {
      if (nRows * nCols < minWork || nRows < 4 * parts) {
        core[kernel](aPtr, nRows, nCols, xPtr, yPtr);
        return;
      }
      const args = splitEven(nRows, parts, 4).map(([r0, r1]) =>
        r1 > r0 ? [aPtr + r0 * nCols * entryBytes, r1 - r0, nCols, xPtr, yPtr + 8 * r0] : null);
      pool.run(kernel, args);
    };
  const gemvF64 = splitGemv('gemv_f64', 8);
  const gemvF32 = splitGemv('gemv_f32', 4);
  const splitGemm = (kernel: 'gemm_rows_f64' | 'gemm_rows_f32', gemv: typeof gemvF64) =>
    (aPtr: number, nRows: number, nCols: number, xPtr: number, m: number, yPtr: number): void => {
      if (nRows * nCols * m < minWork) {
        core[kernel](aPtr, nRows, nCols, xPtr, m, yPtr);
      } else if (m < parts) {
        for (let a = 0; a < m; a++) gemv(aPtr, nRows, nCols, xPtr + 8 * a * nCols, yPtr + 8 * a * nRows);
      } else {
        const args = splitEven(m, parts, 1).map(([a0, a1]) =>
          a1 > a0 ? [aPtr, nRows, nCols, xPtr + 8 * a0 * nCols, a1 - a0, yPtr + 8 * a0 * nRows] : null);
        pool.run(kernel, args);
      }
    };
  const splitSpmv = (kernel: 'spmv_csr_f64' | 'spmv_csr_f32') =>
    (rowPtr: number, colIdx: number, vals: number, nRows: number, xPtr: number, yPtr: number): void => {
      const offsets = arena.i32View(rowPtr, nRows + 1);
      if (offsets[nRows] - offsets[0] < minWork || nRows < parts) {
        core[kernel](rowPtr, colIdx, vals, nRows, xPtr, yPtr);
        return;
      }
      const args = splitByEntries(offsets, parts).map(([r0, r1]) =>
        r1 > r0 ? [rowPtr + 4 * r0, colIdx, vals, r1 - r0, xPtr, yPtr + 8 * r0] : null);
      pool.run(kernel, args);
    };
  const rlsUpdate = (
    n: number, m: number, pPtr: number, rPtr: number, wPtr: number, ePtr: number, kPtr: number, qPtr: number, cPending: number, normalised: number,
  ): number => {
    if (n * n < minWork || n < 4 * parts) return core.rls_update_f64(n, m, pPtr, rPtr, wPtr, ePtr, kPtr, qPtr, cPending, normalised);
    // rls_update_f64's steps (assembly/kernels/rls.ts), with the O(n²) one (pending update + k = P r) split by rows.
    const args = splitEven(n, parts, 4).map(([r0, r1]) => (r1 > r0 ? [n, r0, r1, pPtr, rPtr, kPtr, qPtr, cPending] : null));
    pool.run('rls_gain_rows_f64', args);
    const c = 1.0 / (1.0 + core.blas1_dot_f64(rPtr, kPtr, n));
    core.rls_weights_f64(n, m, wPtr, ePtr, kPtr, normalised ? c : 1);
    return c;
  };
  return {
    ...core,
    gemv_f64: gemvF64,
    gemv_f32: gemvF32,
    gemm_rows_f64: splitGemm('gemm_rows_f64', gemvF64),
    gemm_rows_f32: splitGemm('gemm_rows_f32', gemvF32),
    spmv_csr_f64: splitSpmv('spmv_csr_f64'),
    spmv_csr_f32: splitSpmv('spmv_csr_f32'),
    rls_update_f64: rlsUpdate,
  };
}
