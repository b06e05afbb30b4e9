/** Build facts the host reads after loading any binary: bit 0 = compiled with SIMD. */
export function core_features(): i32 {
  return ASC_FEATURE_SIMD ? 1 : 0;
}
