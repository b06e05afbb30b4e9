/**
 * xoshiro256** (Blackman & Vigna 2018, "Scrambled linear pseudorandom number generators"),
 * period 2²⁵⁶ − 1, with its state in linear memory so that any kernel can draw from a generator
 * the host owns. State block (48 bytes, 16-byte aligned):
 *   [0..32)  s0..s3: u64   generator state (never all zero)
 *   [32..40) spare: f64    second normal of the last polar pair
 *   [40..48) hasSpare: u64 1 when `spare` is unused
 * Keeping the spare in the state makes a stream of normals the same whether it is drawn one at a
 * time (by other kernels) or in bulk (rng_normal_f64).
 */

// @ts-ignore: decorator
@inline export const RNG_STATE_BYTES: usize = 48;

// @ts-ignore: decorator
@inline
export function nextU64(state: usize): u64 {
  const s0 = load<u64>(state);
  const s1 = load<u64>(state, 8);
  const s2 = load<u64>(state, 16) ^ s0;
  const s3 = load<u64>(state, 24) ^ s1;
  const result = rotl<u64>(s1 * 5, 7) * 9;
  const t = s1 << 17;
  store<u64>(state, s0 ^ s3);
  store<u64>(state, s1 ^ s2, 8);
  store<u64>(state, s2 ^ t, 16);
  store<u64>(state, rotl<u64>(s3, 45), 24);
  return result;
}

/** Uniform on [0, 1): the top 53 bits times 2⁻⁵³. */
// @ts-ignore: decorator
@inline
export function nextUniform(state: usize): f64 {
  return <f64>(nextU64(state) >> 11) * 1.1102230246251565e-16;
}

/**
 * Standard normal by Marsaglia's polar method: (u, v) uniform in the unit disc,
 * s = u² + v², both u·f and v·f with f = √(−2 ln s / s) are independent N(0, 1).
 * Math.log/Math.sqrt are AssemblyScript's own (musl) compiled into the module: same bits everywhere.
 */
export function nextNormal(state: usize): f64 {
  if (load<u64>(state, 40) != 0) {
    store<u64>(state, 0, 40);
    return load<f64>(state, 32);
  }
  let u = 0.0, v = 0.0, s = 0.0;
  do {
    u = 2.0 * nextUniform(state) - 1.0;
    v = 2.0 * nextUniform(state) - 1.0;
    s = u * u + v * v;
  } while (s >= 1.0 || s == 0.0);
  const f = Math.sqrt(-2.0 * Math.log(s) / s);
  store<f64>(state, v * f, 32);
  store<u64>(state, 1, 40);
  return u * f;
}

/** Uniform integer in [0, bound) without modulo bias (Lemire's multiply-shift with rejection). */
export function nextBelow(state: usize, bound: u32): u32 {
  let m = (nextU64(state) >> 32) * <u64>bound;
  let low = <u32>m;
  if (low < bound) {
    const threshold = (<u32>0 - bound) % bound;
    while (low < threshold) {
      m = (nextU64(state) >> 32) * <u64>bound;
      low = <u32>m;
    }
  }
  return <u32>(m >> 32);
}
