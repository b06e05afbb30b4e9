/**
 * Buffers above TLSF's 1 GiB block limit (src/wasm/arena.ts, assembly/mem/arena.ts
 * arena_alloc_large): the cap logic with mocked sizes (no memory is allocated), and the real
 * mechanism at small sizes by lowering the threshold to 1 MiB.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { load, type Runtime } from '../../src/index.js';
import type { CoreExports } from '../../src/wasm/abi.js';
import { Arena, F64Buffer, LARGE_BLOCK_BYTES, MAX_BLOCK_BYTES } from '../../src/wasm/arena.js';

function mockedArena(largeResults: number[]) {
  const core = {
    memory: new WebAssembly.Memory({ initial: 1 }),
    arena_alloc: vi.fn(() => 1024),
    arena_free: vi.fn(),
    arena_alloc_large: vi.fn(() => largeResults.shift() ?? 0),
    arena_zero: vi.fn(),
  };
  return { core, arena: new Arena(core as unknown as CoreExports) };
}

describe('the per-buffer cap (mocked sizes)', () => {
  it('heap blocks below 64 MiB, large blocks up to 2 GiB, beyond that a RangeError naming the size', () => {
    const { core, arena } = mockedArena([2 ** 31, 2 ** 30]);
    expect(arena.allocate('f64', LARGE_BLOCK_BYTES / 8 - 2, 'test')).toBe(1024);
    expect(core.arena_alloc).toHaveBeenCalledWith(LARGE_BLOCK_BYTES - 16);
    expect(core.arena_alloc_large).not.toHaveBeenCalled();
    expect(arena.allocate('f64', 2 ** 27, 'test')).toBe(2 ** 31);
    expect(core.arena_alloc_large).toHaveBeenCalledWith(2 ** 30, LARGE_BLOCK_BYTES);
    expect(arena.largeBlockBytes).toBe(2 ** 30);
    expect(() => arena.allocate('f64', MAX_BLOCK_BYTES / 8 + 1, 'rt.f64')).toThrow(/rt.f64: n = 268435455 needs 2147483640 bytes, but one WASM buffer holds at most 2147483632 bytes/);
    expect(arena.allocate('i32', MAX_BLOCK_BYTES / 4, 'test')).toBeDefined(); // 2 GiB − 16 of i32 is allowed
    expect(core.arena_alloc_large).toHaveBeenCalledWith(MAX_BLOCK_BYTES, LARGE_BLOCK_BYTES);
  });

  it('a freed large block is reused (zeroed) by a request it fits, never given to the heap', () => {
    const { core, arena } = mockedArena([2 ** 30, 2 ** 31 + 2 ** 30]);
    const owner = {};
    const a = arena.allocate('f64', 2 ** 27 + 2 ** 26, 'test'); // 1.5 GiB
    arena.track(owner as never, a);
    arena.release(owner as never, a);
    expect(core.arena_free).not.toHaveBeenCalled();
    expect(arena.allocate('f64', 2 ** 27 + 2 ** 25, 'test')).toBe(a); // 1.25 GiB fits
    expect(core.arena_zero).toHaveBeenCalledWith(a, 2 ** 30 + 2 ** 28);
    // Nothing free fits a second request: new pages.
    expect(arena.allocate('f64', 2 ** 27 + 2 ** 24, 'test')).toBe(2 ** 31 + 2 ** 30);
    expect(core.arena_alloc_large).toHaveBeenCalledTimes(2);
  });

  it('a large request memory cannot grow for falls back to the heap when the heap can hold it', () => {
    const { core, arena } = mockedArena([0]);
    expect(arena.allocate('f64', 2 ** 24, 'test')).toBe(1024); // 128 MiB: large, then the heap
    expect(core.arena_alloc_large).toHaveBeenCalledWith(2 ** 27, LARGE_BLOCK_BYTES);
    expect(core.arena_alloc).toHaveBeenCalledWith(2 ** 27);
  });

  it('memory that cannot grow is a RangeError that says so', () => {
    const { arena } = mockedArena([0]);
    expect(() => arena.allocate('f64', 2 ** 27, 'rt.f64')).toThrow(/rt.f64: cannot allocate 1073741824 bytes for n = 134217728: WASM memory .* cannot grow past 4294967296 bytes/);
  });
});

describe('large blocks in a real runtime (threshold lowered to 1 MiB)', () => {
  let rt: Runtime;
  beforeAll(async () => {
    rt = await load();
  });

  it('the threshold must lie within the heap block limit', () => {
    expect(() => new Arena(rt.core, 2 ** 31)).toThrow(/largeBlockBytes must be in/);
  });

  it('sit outside the heap, are zero, hold data kernels read, and are reused after dispose', () => {
    const arena = new Arena(rt.core, 2 ** 20);
    const n = 3 * 2 ** 17; // 3 MiB of f64: a large block here
    const big = new F64Buffer(arena, n);
    const heapBlocks = Array.from({ length: 4 }, () => new F64Buffer(arena, 2 ** 16)); // 512 KiB each, from TLSF
    expect(big.ptr % 65_536).toBe(0);
    for (const h of heapBlocks) {
      const disjoint = h.ptr + 8 * h.length <= big.ptr || h.ptr >= big.ptr + 8 * n;
      expect(disjoint).toBe(true);
    }
    expect(big.view().every((v) => v === 0)).toBe(true);
    const x = big.view();
    for (let i = 0; i < n; i++) x[i] = ((i % 7) - 3) * 0.5;
    let expected = 0;
    for (let i = 0; i < n; i++) expected += x[i] * x[i];
    // Every term is k²/4 with k ≤ 3, so the sum is exact in f64 whatever the order (SIMD lanes).
    expect(rt.core.blas1_dot_f64(big.ptr, big.ptr, n)).toBe(expected);
    const ptr = big.ptr;
    big.dispose();
    const again = new F64Buffer(arena, n - 10);
    expect(again.ptr).toBe(ptr);
    expect(again.view().every((v) => v === 0)).toBe(true);
    for (const h of [again, ...heapBlocks]) h.dispose();
    expect(arena.liveHandles).toBe(0);
  });
});
