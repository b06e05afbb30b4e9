/** Build facts the host reads after loading any binary: bit 0 = compiled with SIMD, bit 1 = with relaxed SIMD (FMA). */
export function core_features(): i32 {
  return (ASC_FEATURE_SIMD ? 1 : 0) | (ASC_FEATURE_RELAXED_SIMD ? 2 : 0);
}
