/**
 * load(): a fresh core instance with its own memory, wrapped in a Runtime. This sits above every
 * capability because the optional warm-up exercises them all; nothing below imports it. The
 * warm-up is imported on demand, so apps that never ask for it do not load (or bundle eagerly) it.
 */
import { Runtime } from './runtime.js';
import { instantiateCore, type LoadOptions as CoreLoadOptions } from './wasm/loader.js';

/** Options of {@link load}: which binary and from where (`build`, `simd`, `wasm`, `wasmBase`), and the warm-up. */
export interface LoadOptions extends CoreLoadOptions {
  /**
   * Run every kernel once on small data before returning (default false), so that first calls in
   * timed code do not pay for V8's lazy compilation. Benchmarks turn it on; it costs ~0.1 s.
   */
  warmUp?: boolean;
}

/**
 * Loads a fresh core instance (own memory; independent of every other `load()`).
 *
 * @example
 * const rt = await load();                          // the packaged binary, SIMD when the engine has it
 * const rt2 = await load({ wasmBase: '/assets/' }); // binaries the app serves itself
 */
export async function load(options: LoadOptions = {}): Promise<Runtime> {
  const { warmUp: wantWarmUp = false, ...core } = options;
  const { exports, simd, build } = await instantiateCore(core);
  const rt = new Runtime(exports, simd, build);
  if (wantWarmUp) (await import('./warm-up.js')).warmUp(rt);
  return rt;
}
