/**
 * The only allocator of the module. Blocks come from the runtime's TLSF heap (`--runtime minimal`,
 * unmanaged: no GC ever runs because nothing managed is allocated). Payloads are 16-byte aligned
 * (TLSF AL_SIZE), so f64x2 loads at buffer starts are aligned.
 *
 * Failure modes the host must translate: a block over 1 GiB aborts ("allocation too large"), and
 * a failed `memory.grow` traps (`unreachable`) before the heap is modified, so the heap stays valid.
 */

/** A zero-filled block of at least `bytes` bytes (a zero-byte request still gets a distinct block). */
export function arena_alloc(bytes: usize): usize {
  const size = bytes > 0 ? bytes : 16;
  const ptr = heap.alloc(size);
  memory.fill(ptr, 0, size);
  return ptr;
}

export function arena_free(ptr: usize): void {
  heap.free(ptr);
}
