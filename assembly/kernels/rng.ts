/**
 * Seeded random fills from an xoshiro256** state block (inline/xoshiro.ts). The host derives the
 * 256-bit seed from a user seed with seedrandom and passes it as eight u32 words (no BigInt at the
 * ABI). out: f64[n], any alignment.
 */
import { nextNormal, nextU64, nextUniform } from "./inline/xoshiro";

/** Seeds the state from eight 32-bit words (w0 lowest); an all-zero seed is replaced (xoshiro's fixed point). */
export function rng_seed_xoshiro(state: usize, w0: u32, w1: u32, w2: u32, w3: u32,
                                 w4: u32, w5: u32, w6: u32, w7: u32): void {
  let s0 = <u64>w0 | (<u64>w1 << 32);
  const s1 = <u64>w2 | (<u64>w3 << 32);
  const s2 = <u64>w4 | (<u64>w5 << 32);
  const s3 = <u64>w6 | (<u64>w7 << 32);
  if ((s0 | s1 | s2 | s3) == 0) s0 = 0x9E3779B97F4A7C15;
  store<u64>(state, s0);
  store<u64>(state, s1, 8);
  store<u64>(state, s2, 16);
  store<u64>(state, s3, 24);
  store<f64>(state, 0.0, 32);
  store<u64>(state, 0, 40);
}

/** out[i] ~ U[0, 1) (53-bit resolution). */
export function rng_uniform_f64(state: usize, outPtr: usize, n: i32): void {
  for (let i = 0; i < n; i++) store<f64>(outPtr + (<usize>i << 3), nextUniform(state));
}

/** out[i] ~ N(mean, std²), formed in f64 and stored as T (f32: the f64 fill's values rounded to nearest, same draws). */
// @ts-ignore: decorator
@inline
function normalFill<T>(state: usize, outPtr: usize, n: i32, mean: f64, std: f64): void {
  for (let i = 0; i < n; i++) store<T>(outPtr + (<usize>i << alignof<T>()), <T>(mean + std * nextNormal(state)));
}

/** out[i] ~ N(mean, std²). */
export function rng_normal_f64(state: usize, outPtr: usize, n: i32, mean: f64, std: f64): void {
  normalFill<f64>(state, outPtr, n, mean, std);
}

/** rng_normal_f64 into out: f32[n] (each value rounded to nearest f32). */
export function rng_normal_f32(state: usize, outPtr: usize, n: i32, mean: f64, std: f64): void {
  normalFill<f32>(state, outPtr, n, mean, std);
}

/** out[i] = exp(mu + sigma·z), z ~ N(0, 1): lognormal with log-mean mu and log-std sigma. */
export function rng_lognormal_f64(state: usize, outPtr: usize, n: i32, mu: f64, sigma: f64): void {
  for (let i = 0; i < n; i++) {
    store<f64>(outPtr + (<usize>i << 3), Math.exp(mu + sigma * nextNormal(state)));
  }
}

/** Raw 64-bit outputs as (low, high) u32 pairs: out u32[2n]; for testing against the reference. */
export function rng_raw_u32x2(state: usize, outPtr: usize, n: i32): void {
  for (let i = 0; i < n; i++) store<u64>(outPtr + (<usize>i << 3), nextU64(state));
}
