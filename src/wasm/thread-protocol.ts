/**
 * The protocol between the owner of a threaded core (src/wasm/threads.ts, main thread) and its
 * workers (thread-worker-node.ts / thread-worker-browser.ts), and the workers' loop.
 *
 * Control block: a SharedArrayBuffer of its own (not WASM memory, so the arena never sees it).
 *   i32[SEQ]        job number (1, 2, …): the owner sets it to start a job; workers wait for it to change
 *   i32[DONE]       a doorbell: a worker adds 1 and notifies after each part it finishes
 *   i32[STOP]       1: workers return (dispose)
 *   i32[FAILED]     1: a worker's kernel threw (the owner raises it after the job)
 *   i32[OFFER + w]  worker w's part of job j: j while on offer, 0 once someone took it, −j once done
 *   f64 slot w      at HEADER_BYTES + w·SLOT_BYTES: [kernel index, arguments…] of worker w's part
 * A part is taken by compare-and-swap on its offer, by its worker or, once the owner has done its
 * own part, by the owner: a worker that another process keeps off its core then delays a product
 * by its own lateness only, not by a whole part (the machine may be shared). Either way the part
 * runs the same kernel on the same rows, so the bits do not depend on who ran it.
 * A worker that stops (killed, out of memory) never sets −j: the owner, waiting for the doorbell in
 * slices of STALL_CHECK_MS, then asks the platform whether each unfinished worker still runs
 * (threads.ts), so it never waits forever for a part nobody will finish.
 * A worker's instance shares the owner's memory and calls only THREAD_KERNELS (pure pointer
 * functions that never allocate): the owner's arena stays the only memory owner.
 */

/** The kernels a worker may run, by index: row (or vector) ranges of the owner's products. */
export const THREAD_KERNELS = [
  'gemv_f64', 'gemv_f32', 'gemm_rows_f64', 'gemm_rows_f32', 'spmv_csr_f64', 'spmv_csr_f32', 'rls_gain_rows_f64',
] as const;
/** A kernel a worker can run. */
export type ThreadKernel = (typeof THREAD_KERNELS)[number];

export const SEQ = 0;
export const DONE = 1;
export const STOP = 2;
export const FAILED = 3;
export const OFFER = 4;
/** Workers at most: their offers fill the rest of the header. */
export const MAX_WORKERS = 12;
export const HEADER_BYTES = 4 * (OFFER + MAX_WORKERS);
/** Kernel index + up to 8 arguments. */
export const SLOT_DOUBLES = 9;
export const SLOT_BYTES = SLOT_DOUBLES * 8;
/** Bytes of each worker's gemv/gemm_rows scratch (GEMM_ACC_BYTES in assembly/kernels/gemv.ts). */
export const GEMV_SCRATCH_BYTES = 1024;
/**
 * How long a waiting side polls before it sleeps in Atomics.wait (ms). A job then starts within
 * ~1 µs of the owner's notify instead of the ~10–50 µs of a wake-up, which matters next to a
 * gemv at n = 1000 (~120 µs); between the products of one RK4 step the gap is a few µs, so busy
 * workers never sleep, and idle ones stop burning a core after 0.1 ms.
 */
export const SPIN_MS = 0.1;
/**
 * How long the owner waits for the doorbell before it checks that the workers whose parts are
 * unfinished still run (ms): a check costs ~1 µs, a product at n = 1000 ~100 µs, so 20 ms slices
 * cost nothing measurable and bound the time a dead worker goes unnoticed.
 */
export const STALL_CHECK_MS = 20;

/**
 * A started worker, as the owner sees it: `stopped()` answers synchronously (the owner asks while it
 * waits for a part, when no event can reach it) and `onStop` reports a stop between products.
 */
export interface ThreadWorker {
  terminate(): void;
  stopped(): boolean;
  onStop(listener: (reason: string) => void): void;
}

/** What the owner posts to a new worker. */
export interface ThreadInit {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  control: SharedArrayBuffer;
  slot: number;
  /** This worker's gemv scratch block (GEMV_SCRATCH_BYTES, allocated by the owner's arena). */
  scratch: number;
}

/**
 * Waits until flags[index] differs from `seen` (poll for SPIN_MS, then Atomics.wait where the
 * thread may block) or `timeoutMs` have passed; returns the value then (`seen` on a timeout).
 */
export function awaitChange(flags: Int32Array, index: number, seen: number, canBlock: boolean, timeoutMs = Number.POSITIVE_INFINITY): number {
  const start = performance.now();
  for (let i = 0; ; i++) {
    const value = Atomics.load(flags, index);
    if (value !== seen) return value;
    if ((i & 255) === 255 && performance.now() - start > Math.min(SPIN_MS, timeoutMs)) break;
  }
  for (let i = 0; ; i++) {
    if (canBlock || (i & 255) === 255) {
      const left = timeoutMs - (performance.now() - start);
      if (left <= 0) return seen;
      if (canBlock) Atomics.wait(flags, index, seen, left);
    }
    const value = Atomics.load(flags, index);
    if (value !== seen) return value;
  }
}

/**
 * A worker's life: instantiate the core on the shared memory, report ready, then run one slot of
 * every job until STOP. Instantiating re-runs the module's active data segments (static data:
 * constant tables, the owner's gemv scratch); the owner creates workers before it runs anything,
 * so those bytes are rewritten with what they already hold.
 */
export function serveThread(init: ThreadInit, ready: () => void): void {
  const abort = (_message: number, _file: number, line: number, column: number) => {
    throw new Error(`rnnkit thread worker: abort at ${line}:${column}`);
  };
  const instance = new WebAssembly.Instance(init.module, { env: { memory: init.memory, abort } });
  const exports = instance.exports as Record<string, (...args: number[]) => unknown>;
  exports.gemv_set_scratch(init.scratch);
  const kernels = THREAD_KERNELS.map((name) => exports[name]);
  const flags = new Int32Array(init.control, 0, HEADER_BYTES / 4);
  const slot = new Float64Array(init.control, HEADER_BYTES + init.slot * SLOT_BYTES, SLOT_DOUBLES);
  let seen = Atomics.load(flags, SEQ);
  ready();
  for (;;) {
    seen = awaitChange(flags, SEQ, seen, true);
    if (Atomics.load(flags, STOP) === 1) return;
    if (Atomics.compareExchange(flags, OFFER + init.slot, seen, 0) !== seen) continue;
    try {
      kernels[slot[0]](slot[1], slot[2], slot[3], slot[4], slot[5], slot[6], slot[7], slot[8]);
    } catch {
      Atomics.store(flags, FAILED, 1);
    }
    Atomics.store(flags, OFFER + init.slot, -seen);
    Atomics.add(flags, DONE, 1);
    Atomics.notify(flags, DONE);
  }
}
