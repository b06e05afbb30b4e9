/**
 * The only allocator of the module. Blocks come from the runtime's TLSF heap (`--runtime minimal`,
 * unmanaged: no GC ever runs because nothing managed is allocated). Payloads are 16-byte aligned
 * (TLSF AL_SIZE), so f64x2 loads at buffer starts are aligned.
 *
 * Failure modes the host must translate: a block over 1 GiB aborts ("allocation too large"), and
 * a failed `memory.grow` traps (`unreachable`) before the heap is modified, so the heap stays valid.
 * Larger blocks come from arena_alloc_large (src/wasm/arena.ts decides which).
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

/** Whether the first large block has reserved room in the heap (see arena_alloc_large). */
let heapReserved = false;

/**
 * A large block: whole new pages at the end of linear memory (zero, as grown pages are),
 * page-aligned, for blocks TLSF handles badly (above its 1 GiB limit, or large enough that its
 * growth by doubling would commit twice their size). Before the first one, the heap is initialised
 * (TLSF's initialisation claims all memory present at that moment) and given `heapReserve` bytes
 * of free room: TLSF grows by doubling *all* memory, large blocks included, so it should grow
 * while memory is still small. Afterwards TLSF grows from the current end and leaves these pages
 * alone (rt/tlsf.ts addMemory: "a user might memory.grow manually"). Returns 0 when memory cannot
 * grow. These blocks never return to TLSF: the host reuses them.
 */
export function arena_alloc_large(bytes: usize, heapReserve: usize): usize {
  if (!heapReserved) {
    heap.free(heap.alloc(heapReserve));
    heapReserved = true;
  }
  const pages = <i32>((<u64>bytes + 0xffff) >> 16);
  const before = memory.grow(pages);
  return before < 0 ? 0 : <usize>before << 16;
}

/** Zeroes `bytes` bytes at `ptr` (a reused large block). */
export function arena_zero(ptr: usize, bytes: usize): void {
  memory.fill(ptr, 0, bytes);
}
