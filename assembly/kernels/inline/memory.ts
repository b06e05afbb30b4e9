/**
 * Element access by index on raw pointers: f64 at ptr + 8k, i32 at ptr + 4k. Inlined, so they
 * cost nothing over a hand-written load/store; they only keep the shift arithmetic in one place.
 */

// @ts-ignore: decorator
@inline export function f64At(ptr: usize, k: i32): f64 {
  return load<f64>(ptr + (<usize>k << 3));
}

// @ts-ignore: decorator
@inline export function setF64(ptr: usize, k: i32, v: f64): void {
  store<f64>(ptr + (<usize>k << 3), v);
}

// @ts-ignore: decorator
@inline export function i32At(ptr: usize, k: i32): i32 {
  return load<i32>(ptr + (<usize>k << 2));
}

// @ts-ignore: decorator
@inline export function setI32(ptr: usize, k: i32, v: i32): void {
  store<i32>(ptr + (<usize>k << 2), v);
}

/** Address of the f64 at index k of the array at ptr. */
// @ts-ignore: decorator
@inline export function f64Addr(ptr: usize, k: i32): usize {
  return ptr + (<usize>k << 3);
}
