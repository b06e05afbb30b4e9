/**
 * load(): a fresh core instance with its own memory, wrapped in a Runtime. This sits above every
 * capability because the optional warm-up exercises them all; nothing below imports it. The
 * warm-up is imported on demand, so apps that never ask for it do not load (or bundle eagerly) it.
 */
import { Runtime } from './runtime.js';
import { requireInt } from './validate.js';
import { Arena } from './wasm/arena.js';
import { instantiateCore, type LoadOptions as CoreLoadOptions } from './wasm/loader.js';
import { MAX_WORKERS } from './wasm/thread-protocol.js';
import { THREAD_MIN_WORK, ThreadPool, threadedCore } from './wasm/threads.js';

/** Options of {@link load}: which binary and from where (`build`, `simd`, `wasm`, `wasmBase`), and the warm-up. */
export interface LoadOptions extends CoreLoadOptions {
  /**
   * Run every kernel once on small data before returning (default false), so that first calls in
   * timed code do not pay for V8's lazy compilation. Benchmarks turn it on; it costs ~0.1 s.
   */
  warmUp?: boolean;
  /**
   * Threads for the runtime's products (default 1: none started). With 2 or more, the threaded
   * binary runs on shared memory and threads − 1 workers (worker_threads in Node, module Web
   * Workers in browsers) take row ranges of dense and CSR products (multiply, multiplyRows),
   * and of the RLS update (FORCE), with results equal to one thread bit for bit. Opt-in, because
   * the workers spin for 0.1 ms after each product and hold a core while they do. Browsers need a
   * cross-origin isolated page (COOP: same-origin, COEP: require-corp). Needs the release SIMD
   * binary (not `build: 'debug'`, `simd: false` or `wasm`). `rt.dispose()` stops the workers.
   */
  threads?: number;
  /**
   * Products with fewer multiply–adds (rows·cols·vectors, or stored entries·vectors) than this run
   * on one thread (default 2¹⁷ ≈ a 362×362 gemv: waking a worker costs ~1–50 µs). 0 splits every product.
   */
  threadMinWork?: number;
}

/**
 * Loads a fresh core instance (own memory; independent of every other `load()`).
 *
 * @example
 * const rt = await load();                          // the packaged binary, SIMD when the engine has it
 * const rt2 = await load({ wasmBase: '/assets/' }); // binaries the app serves itself
 */
export async function load(options: LoadOptions = {}): Promise<Runtime> {
  const { warmUp: wantWarmUp = false, threads = 1, threadMinWork = THREAD_MIN_WORK, ...core } = options;
  requireInt('load', 'threads', threads, 1, MAX_WORKERS + 1);
  requireInt('load', 'threadMinWork', threadMinWork, 0);
  if (threads > 1) {
    if (core.build === 'debug' || core.simd === false || core.wasm !== undefined) {
      throw new RangeError(`load: threads = ${threads} needs the packaged release SIMD binary (not build: 'debug', simd: false or wasm)`);
    }
    if (typeof SharedArrayBuffer === 'undefined') {
      throw new Error('load: threads need SharedArrayBuffer (in browsers: a cross-origin isolated page, COOP: same-origin and COEP: require-corp)');
    }
  }
  const { exports, simd, build, shared } = await instantiateCore(core, threads > 1);
  let rt: Runtime;
  if (shared) {
    const arena = new Arena(exports);
    const pool = await ThreadPool.start(exports, threads, shared, arena);
    rt = new Runtime(threadedCore(exports, arena, pool, threadMinWork), simd, build, { arena, pool });
  } else {
    rt = new Runtime(exports, simd, build);
  }
  if (wantWarmUp) (await import('./warm-up.js')).warmUp(rt);
  return rt;
}
