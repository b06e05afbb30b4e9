/**
 * The protocol between the owner of a threaded core (src/wasm/threads.ts, main thread) and its
 * workers (thread-worker-node.ts / thread-worker-browser.ts), and the workers' loop.
 *
 * Control block: a SharedArrayBuffer of its own (not WASM memory, so the arena never sees it).
 *   i32[SEQ]        job number (1, 2, …): the owner sets it to start a job; workers wait for it to change
 *   i32[PENDING]    parts of the current job not finished; whoever finishes the last one notifies
 *   i32[STOP]       1: workers return (dispose)
 *   i32[FAILED]     1: a worker's kernel threw (the owner raises it after the job)
 *   i32[OFFER + w]  the job number while worker w's part is on offer, 0 once someone took it
 *   f64 slot w      at HEADER_BYTES + w·SLOT_BYTES: [kernel index, arguments…] of worker w's part
 * A part is taken by compare-and-swap on its offer, by its worker or, once the owner has done its
 * own part, by the owner: a worker that another process keeps off its core then delays a product
 * by its own lateness only, not by a whole part (the machine may be shared). Either way the part
 * runs the same kernel on the same rows, so the bits do not depend on who ran it.
 * A worker's instance shares the owner's memory and calls only THREAD_KERNELS (pure pointer
 * functions that never allocate): the owner's arena stays the only memory owner.
 */

/** The kernels a worker may run, by index: row (or vector) ranges of the owner's products. */
export const THREAD_KERNELS = [
  'gemv_f64', 'gemv_f32', 'gemm_rows_f64', 'gemm_rows_f32', 'spmv_csr_f64', 'spmv_csr_f32', 'rls_rank1_rows_f64',
] as const;
/** A kernel a worker can run. */
export type ThreadKernel = (typeof THREAD_KERNELS)[number];

export const SEQ = 0;
export const PENDING = 1;
export const STOP = 2;
export const FAILED = 3;
export const OFFER = 4;
/** Workers at most: their offers fill the rest of the header. */
export const MAX_WORKERS = 12;
export const HEADER_BYTES = 4 * (OFFER + MAX_WORKERS);
/** Kernel index + up to 7 arguments. */
export const SLOT_DOUBLES = 8;
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

/** What the owner posts to a new worker. */
export interface ThreadInit {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  control: SharedArrayBuffer;
  slot: number;
  /** This worker's gemv scratch block (GEMV_SCRATCH_BYTES, allocated by the owner's arena). */
  scratch: number;
}

/** Waits until flags[index] differs from `seen` (poll for SPIN_MS, then Atomics.wait); returns the new value. */
export function awaitChange(flags: Int32Array, index: number, seen: number, canBlock: boolean): number {
  const start = performance.now();
  for (let i = 0; ; i++) {
    const value = Atomics.load(flags, index);
    if (value !== seen) return value;
    if ((i & 255) === 255 && performance.now() - start > SPIN_MS) break;
  }
  if (canBlock) {
    for (;;) {
      Atomics.wait(flags, index, seen);
      const value = Atomics.load(flags, index);
      if (value !== seen) return value;
    }
  }
  for (;;) {
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
      kernels[slot[0]](slot[1], slot[2], slot[3], slot[4], slot[5], slot[6], slot[7]);
    } catch {
      Atomics.store(flags, FAILED, 1);
    }
    if (Atomics.sub(flags, PENDING, 1) === 1) Atomics.notify(flags, PENDING);
  }
}
