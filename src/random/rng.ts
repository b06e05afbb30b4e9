/**
 * A seeded generator whose state (xoshiro256**, 48 bytes) lives in WASM memory, so that WASM
 * kernels (connectivity, noise) draw from it directly. Same seed → same bits in Node and browsers.
 */
import { RNG_STATE_BYTES } from '../wasm/abi.js';
import type { CoreExports } from '../wasm/abi.js';
import { type Arena, F64Buffer, requireBuffer } from '../wasm/arena.js';
import { requireFinite, requireInt, requirePositive } from '../validate.js';
import { type Seed, seedWords } from './seed.js';

/** Lognormal parameters as the science states them: mean and coefficient of variation std/mean. */
export interface LognormalParams {
  mean: number;
  cv: number;
}

/** log-space (μ, σ) of a lognormal with the given mean m and CV c: σ² = ln(1 + c²), μ = ln m − σ²/2. */
export function lognormalLogParams({ mean, cv }: LognormalParams, where = 'lognormal'): { mu: number; sigma: number } {
  requirePositive(where, 'mean', mean);
  requireFinite(where, 'cv', cv, 0);
  const sigma2 = Math.log1p(cv * cv);
  return { mu: Math.log(mean) - sigma2 / 2, sigma: Math.sqrt(sigma2) };
}

/** A seeded xoshiro256** generator in WASM memory: uniforms, normals and lognormals, the same bits on every engine. */
export class Rng implements Disposable {
  readonly seed: Seed;
  readonly #core: CoreExports;
  readonly #arena: Arena;
  readonly #state: F64Buffer;

  constructor(core: CoreExports, arena: Arena, seed: Seed) {
    const w = seedWords(seed, 'rt.rng');
    this.seed = seed;
    this.#core = core;
    this.#arena = arena;
    this.#state = new F64Buffer(arena, RNG_STATE_BYTES / 8, 'rt.rng');
    core.rng_seed_xoshiro(this.#state.ptr, w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]);
  }

  /** Pointer to the state block, for kernels that draw from this generator. Throws after dispose(). */
  get statePtr(): number {
    return this.#state.ptr;
  }

  /** n draws from U[0, 1) (53-bit resolution). */
  uniform(n: number): F64Buffer {
    return this.uniformInto(new F64Buffer(this.#arena, requireInt('Rng.uniform', 'n', n), 'Rng.uniform'));
  }

  uniformInto(out: F64Buffer): F64Buffer {
    const ptr = requireBuffer(F64Buffer, out, this.#arena, 'Rng.uniformInto', 'out');
    this.#core.rng_uniform_f64(this.statePtr, ptr, out.length);
    return out;
  }

  /** n draws from N(mean, std²) (Marsaglia's polar method). */
  normal(n: number, mean = 0, std = 1): F64Buffer {
    requireInt('Rng.normal', 'n', n);
    this.#checkNormal('Rng.normal', mean, std);
    return this.normalInto(new F64Buffer(this.#arena, n, 'Rng.normal'), mean, std);
  }

  normalInto(out: F64Buffer, mean = 0, std = 1): F64Buffer {
    const ptr = requireBuffer(F64Buffer, out, this.#arena, 'Rng.normalInto', 'out');
    this.#checkNormal('Rng.normalInto', mean, std);
    this.#core.rng_normal_f64(this.statePtr, ptr, out.length, mean, std);
    return out;
  }

  /** n draws from the lognormal with the given mean and coefficient of variation. */
  lognormal(n: number, params: LognormalParams): F64Buffer {
    requireInt('Rng.lognormal', 'n', n);
    const { mu, sigma } = lognormalLogParams(params, 'Rng.lognormal');
    const out = new F64Buffer(this.#arena, n, 'Rng.lognormal');
    this.#core.rng_lognormal_f64(this.statePtr, out.ptr, n, mu, sigma);
    return out;
  }

  lognormalInto(out: F64Buffer, params: LognormalParams): F64Buffer {
    const ptr = requireBuffer(F64Buffer, out, this.#arena, 'Rng.lognormalInto', 'out');
    const { mu, sigma } = lognormalLogParams(params, 'Rng.lognormalInto');
    this.#core.rng_lognormal_f64(this.statePtr, ptr, out.length, mu, sigma);
    return out;
  }

  /** The next n raw 64-bit outputs as (low, high) u32 pairs: for interop and bit-level tests. */
  rawWords(n: number): Uint32Array {
    requireInt('Rng.rawWords', 'n', n);
    using out = new F64Buffer(this.#arena, n, 'Rng.rawWords');
    this.#core.rng_raw_u32x2(this.statePtr, out.ptr, n);
    return new Uint32Array(out.toArray().buffer);
  }

  dispose(): void {
    this.#state.dispose();
  }

  [Symbol.dispose](): void {
    this.dispose();
  }

  #checkNormal(where: string, mean: number, std: number): void {
    requireFinite(where, 'mean', mean);
    requireFinite(where, 'std', std, 0);
  }
}
