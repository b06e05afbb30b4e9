/**
 * The arena: the only code that calls arena_alloc/arena_free or touches `memory.buffer`.
 *
 * Handles (`F64Buffer`, `I32Buffer`) own one block each. Views are re-derived from the current
 * `memory.buffer` on every `view()` call, because `memory.grow` (any allocation may grow) detaches
 * every earlier view. A FinalizationRegistry frees blocks of handles that were dropped without
 * `dispose()`; explicit disposal is still the rule, since finalisation timing is up to the engine.
 * The arena holds no strong reference to a live handle (a `Set` of them would keep every dropped
 * handle reachable, so the registry could never fire): it counts them instead.
 */
import type { CoreExports } from './abi.js';
import { requireFiniteArray, requireFits, requireInt, requireIntArray } from '../validate.js';

// `using` and `[Symbol.dispose]` where the engine lacks them (Node 20): the well-known symbol
// that TypeScript's downlevel `using` looks up.
(Symbol as { dispose?: symbol }).dispose ??= Symbol.for('Symbol.dispose');

/** TLSF's largest block (AS `BLOCK_MAXSIZE` = 2³⁰ − 4) rounded down to the 16-byte payload alignment. */
export const HEAP_MAX_BLOCK_BYTES = 2 ** 30 - 16;
/**
 * The largest buffer: 2 GiB − 16. Blocks of LARGE_BLOCK_BYTES or more, and so all above
 * HEAP_MAX_BLOCK_BYTES, are whole pages at the end of memory (arena_alloc_large). Kernels address elements with i32 indices and byte offsets in usize
 * (u32); below 2 GiB every byte offset inside a buffer is also a non-negative i32, so no kernel
 * can be caught by a sign (a buffer above 2 GiB would need every kernel audited for that).
 */
export const MAX_BLOCK_BYTES = 2 ** 31 - 16;
/**
 * Requests of at least this many bytes (64 MiB) get whole pages of their own instead of heap
 * blocks. TLSF grows memory by doubling it (rt/tlsf.ts growMemory: max(pages now, pages needed)),
 * so a heap that holds a large network commits up to twice what it uses; large blocks grow memory
 * by exactly their size and are reused (best fit) once freed. Must not exceed HEAP_MAX_BLOCK_BYTES.
 */
export const LARGE_BLOCK_BYTES = 2 ** 26;
/** wasm32 linear memory: 65 536 pages of 64 KiB. */
export const MAX_MEMORY_BYTES = 2 ** 32;

/** What a buffer holds: f64, f32, i32 or u16 elements. */
export type ElementKind = 'f64' | 'f32' | 'i32' | 'u16';

const ELEMENT_BYTES: Record<ElementKind, number> = { f64: 8, f32: 4, i32: 4, u16: 2 };

/** The allocator of one WASM instance: allocates and frees buffers, counts live handles, gives typed views on memory. */
export class Arena {
  readonly #exports: CoreExports;
  /** Scopes being run (`scope()`): each holds the handles created inside it until it returns. */
  readonly #scopes: Set<Handle>[] = [];
  readonly #leaks = new FinalizationRegistry<number>((ptr) => {
    this.#live--;
    this.#free(ptr);
  });
  #live = 0;
  #buffer: ArrayBuffer;
  #generation = 0;
  /** Blocks above the heap's limit: start → bytes. They never go back to the heap. */
  readonly #large = new Map<number, number>();
  /** Freed large blocks, reused by later large requests (best fit). */
  readonly #largeFree: number[] = [];
  readonly #largeBlockBytes: number;

  /** `largeBlockBytes` (default LARGE_BLOCK_BYTES) is changed only by tests of the large-block path. */
  constructor(exports: CoreExports, largeBlockBytes = LARGE_BLOCK_BYTES) {
    if (!(largeBlockBytes > 0 && largeBlockBytes <= HEAP_MAX_BLOCK_BYTES)) throw new RangeError(`Arena: largeBlockBytes must be in (0, ${HEAP_MAX_BLOCK_BYTES}]`);
    this.#exports = exports;
    this.#buffer = exports.memory.buffer;
    this.#largeBlockBytes = largeBlockBytes;
  }

  /** Bytes held in large blocks (live or free for reuse): memory the heap does not use. */
  get largeBlockBytes(): number {
    let total = 0;
    for (const bytes of this.#large.values()) total += bytes;
    return total;
  }

  /** Increments whenever linear memory grew (and so every earlier view was detached). */
  get generation(): number {
    this.#refresh();
    return this.#generation;
  }

  /** Current size of linear memory in bytes. */
  get memoryBytes(): number {
    return this.#exports.memory.buffer.byteLength;
  }

  /** Number of live handles: allocated, and neither disposed nor collected (finalised) yet. */
  get liveHandles(): number {
    return this.#live;
  }

  /** Allocates `count` zeroed elements; `where` names the calling API in errors. */
  allocate(kind: ElementKind, count: number, where: string): number {
    requireInt(where, 'n', count);
    const bytes = count * ELEMENT_BYTES[kind];
    if (bytes > MAX_BLOCK_BYTES) {
      throw new RangeError(
        `${where}: n = ${count} needs ${bytes} bytes, but one WASM buffer holds at most ${MAX_BLOCK_BYTES} bytes (2 GiB)`,
      );
    }
    return bytes >= this.#largeBlockBytes ? this.#allocateLarge(bytes, count, where) : this.#allocateInHeap(bytes, count, where);
  }

  #allocateInHeap(bytes: number, count: number, where: string): number {
    let ptr: number;
    try {
      ptr = this.#exports.arena_alloc(bytes) >>> 0;
    } catch (error) {
      if (error instanceof WebAssembly.RuntimeError) {
        throw new RangeError(
          `${where}: cannot allocate ${bytes} bytes for n = ${count}: WASM memory (${this.memoryBytes} bytes in use) ` +
            `cannot grow past ${MAX_MEMORY_BYTES} bytes (4 GiB) or the engine refused to grow it`,
        );
      }
      throw error;
    }
    this.#refresh();
    return ptr;
  }

  /** A large block: a freed one that fits (best fit, zeroed), else new pages at the end of memory. */
  #allocateLarge(bytes: number, count: number, where: string): number {
    let best = -1;
    for (const [i, ptr] of this.#largeFree.entries()) {
      const size = this.#large.get(ptr) as number;
      if (size >= bytes && (best < 0 || size < (this.#large.get(this.#largeFree[best]) as number))) best = i;
    }
    if (best >= 0) {
      const [ptr] = this.#largeFree.splice(best, 1);
      this.#exports.arena_zero(ptr, bytes);
      return ptr;
    }
    // The heap keeps room for blocks below the threshold (LARGE_BLOCK_BYTES): reserved once, before the first large block.
    const ptr = this.#exports.arena_alloc_large(bytes, this.#largeBlockBytes) >>> 0;
    // Memory cannot grow, but the heap may still hold a free block that fits.
    if (ptr === 0 && bytes <= HEAP_MAX_BLOCK_BYTES) return this.#allocateInHeap(bytes, count, where);
    if (ptr === 0) {
      throw new RangeError(
        `${where}: cannot allocate ${bytes} bytes for n = ${count}: WASM memory (${this.memoryBytes} bytes in use) ` +
          `cannot grow past ${MAX_MEMORY_BYTES} bytes (4 GiB) or the engine refused to grow it`,
      );
    }
    this.#large.set(ptr, Math.ceil(bytes / 65_536) * 65_536);
    this.#refresh();
    return ptr;
  }

  track(handle: Handle, ptr: number): void {
    this.#live++;
    this.#scopes.at(-1)?.add(handle);
    this.#leaks.register(handle, ptr, handle);
  }

  release(handle: Handle, ptr: number): void {
    this.#leaks.unregister(handle);
    this.#live--;
    for (const scope of this.#scopes) scope.delete(handle);
    this.#free(ptr);
  }

  /** Back to the heap, or (a large block) to the list of large blocks to reuse. */
  #free(ptr: number): void {
    if (this.#large.has(ptr)) this.#largeFree.push(ptr);
    else this.#exports.arena_free(ptr);
  }

  /**
   * `values` itself, or a copy when it is a view on this WASM memory: such a view is detached by
   * the next allocation, so data headed for a new buffer must be copied out first.
   */
  detachSafe<T extends ArrayLike<number>>(values: T): T {
    if (ArrayBuffer.isView(values) && values.buffer === this.#exports.memory.buffer) {
      return (values as unknown as { slice(): T }).slice();
    }
    return values;
  }

  f64View(ptr: number, length: number): Float64Array {
    this.#refresh();
    return new Float64Array(this.#buffer, ptr, length);
  }

  f32View(ptr: number, length: number): Float32Array {
    this.#refresh();
    return new Float32Array(this.#buffer, ptr, length);
  }

  i32View(ptr: number, length: number): Int32Array {
    this.#refresh();
    return new Int32Array(this.#buffer, ptr, length);
  }

  u16View(ptr: number, length: number): Uint16Array {
    this.#refresh();
    return new Uint16Array(this.#buffer, ptr, length);
  }

  u32View(ptr: number, length: number): Uint32Array {
    this.#refresh();
    return new Uint32Array(this.#buffer, ptr, length);
  }

  /**
   * Runs `fn` and disposes every handle created during it, except those reachable from its
   * result (the result itself, or the entries of a returned array or plain object). If `fn`
   * throws, everything it created is disposed.
   */
  scope<T>(fn: () => T): T {
    const created = new Set<Handle>();
    this.#scopes.push(created);
    let result: T;
    try {
      result = fn();
    } catch (error) {
      for (const handle of created) handle.dispose();
      throw error;
    } finally {
      this.#scopes.pop();
    }
    // A typed array (a toArray() copy) holds numbers only: listing its entries would cost O(length).
    const keep = new Set<unknown>(
      result instanceof Handle ? [result] : result && typeof result === 'object' && !ArrayBuffer.isView(result) ? Object.values(result) : [],
    );
    for (const handle of created) if (!keep.has(handle)) handle.dispose();
    const outer = this.#scopes.at(-1);
    if (outer) for (const handle of keep) if (handle instanceof Handle && !handle.disposed) outer.add(handle);
    return result;
  }

  #refresh(): void {
    const current = this.#exports.memory.buffer;
    if (current !== this.#buffer) {
      this.#buffer = current;
      this.#generation++;
    }
  }
}

/** Disposes each of `items` (handles, matrices, generators). */
export function disposeAll(items: Iterable<Disposable>): void {
  for (const item of items) item[Symbol.dispose]();
}

/** Base of the owning handles: one WASM block, freed once. */
export abstract class Handle implements Disposable {
  readonly length: number;
  protected readonly arena: Arena;
  #ptr: number;
  #disposed = false;

  protected constructor(arena: Arena, kind: ElementKind, length: number, where: string) {
    this.arena = arena;
    this.length = length;
    this.#ptr = arena.allocate(kind, length, where);
    arena.track(this, this.#ptr);
  }

  /** Byte offset of the first element in WASM memory (16-byte aligned). Throws after dispose(). */
  get ptr(): number {
    if (this.#disposed) throw new Error(`${this.constructor.name} used after dispose()`);
    return this.#ptr;
  }

  get disposed(): boolean {
    return this.#disposed;
  }

  /** Throws unless this handle is live and was allocated by `arena` (buffers never cross runtimes). */
  requireOwner(arena: Arena, where: string, name: string): number {
    const ptr = this.#disposed ? -1 : this.#ptr;
    if (ptr < 0) throw new Error(`${where}: ${name} (${this.constructor.name}) used after dispose()`);
    if (arena !== this.arena) throw new Error(`${where}: ${name} belongs to another rnnkit runtime`);
    return ptr;
  }

  /** Frees the block. Idempotent. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.arena.release(this, this.#ptr);
  }

  [Symbol.dispose](): void {
    this.dispose();
  }
}

/**
 * The pointer of `value` after checking that it is a live `kind` buffer of `arena`: a plain array,
 * another object or a buffer of the other element type (whose bytes would be misread) is refused.
 */
export function requireBuffer(kind: typeof F64Buffer | typeof I32Buffer, value: unknown, arena: Arena, where: string, name: string): number {
  if (!(value instanceof kind)) {
    const got = value instanceof Handle ? value.constructor.name : Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value;
    throw new TypeError(`${where}: ${name} must be an ${kind.name} (got ${got})`);
  }
  return value.requireOwner(arena, where, name);
}

/** An owning handle on f64[length] in WASM memory. */
export class F64Buffer extends Handle {
  constructor(arena: Arena, length: number, where = 'rt.f64') {
    super(arena, 'f64', length, where);
  }

  /** Zero-copy view; valid until the next allocation on this runtime (which may grow memory). */
  view(): Float64Array {
    return this.arena.f64View(this.ptr, this.length);
  }

  /** A copy of the contents. */
  toArray(): Float64Array {
    return this.view().slice();
  }

  /** Copies `values` (finite numbers) into the buffer starting at `offset`. */
  set(values: ArrayLike<number>, offset = 0): this {
    requireFiniteArray('F64Buffer.set', 'values', values);
    requireFits('F64Buffer.set', values.length, offset, this.length);
    this.view().set(values, offset);
    return this;
  }

  fill(value: number): this {
    if (!Number.isFinite(value)) throw new RangeError(`F64Buffer.fill: value must be a finite number (got ${value})`);
    this.view().fill(value);
    return this;
  }
}

/**
 * An owning handle on f32[length] in WASM memory (f32 weights: half the bytes of f64). Values are
 * rounded to the nearest f32 when set; one beyond the f32 range (|v| > 3.4028235e38) is refused.
 */
export class F32Buffer extends Handle {
  constructor(arena: Arena, length: number, where = 'rt.f32') {
    super(arena, 'f32', length, where);
  }

  /** Zero-copy view; valid until the next allocation on this runtime. */
  view(): Float32Array {
    return this.arena.f32View(this.ptr, this.length);
  }

  toArray(): Float32Array {
    return this.view().slice();
  }

  /** Copies `values` (finite, within the f32 range), rounded to nearest f32, starting at `offset`. */
  set(values: ArrayLike<number>, offset = 0): this {
    requireF32Array('F32Buffer.set', 'values', values);
    requireFits('F32Buffer.set', values.length, offset, this.length);
    this.view().set(values, offset);
    return this;
  }
}

/** Throws unless every value is finite and stays finite when rounded to f32. */
export function requireF32Array(where: string, name: string, values: ArrayLike<number>): void {
  requireFiniteArray(where, name, values);
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(Math.fround(values[i]))) {
      throw new RangeError(`${where}: ${name}[${i}] = ${values[i]} is beyond the f32 range (|v| ≤ 3.4028235e38)`);
    }
  }
}

/** An owning handle on i32[length] in WASM memory. */
export class I32Buffer extends Handle {
  constructor(arena: Arena, length: number, where = 'rt.i32') {
    super(arena, 'i32', length, where);
  }

  /** Zero-copy view; valid until the next allocation on this runtime. */
  view(): Int32Array {
    return this.arena.i32View(this.ptr, this.length);
  }

  toArray(): Int32Array {
    return this.view().slice();
  }

  /** Copies `values` (integers in the i32 range) starting at `offset`. */
  set(values: ArrayLike<number>, offset = 0): this {
    requireIntArray('I32Buffer.set', 'values', values, -(2 ** 31), 2 ** 31 - 1);
    requireFits('I32Buffer.set', values.length, offset, this.length);
    this.view().set(values, offset);
    return this;
  }
}

/** An owning handle on u16[length] in WASM memory (CSR16's column deltas: half the bytes of i32 indices). */
export class U16Buffer extends Handle {
  constructor(arena: Arena, length: number, where = 'rt.u16') {
    super(arena, 'u16', length, where);
  }

  /** Zero-copy view; valid until the next allocation on this runtime. */
  view(): Uint16Array {
    return this.arena.u16View(this.ptr, this.length);
  }

  toArray(): Uint16Array {
    return this.view().slice();
  }

  /** Copies `values` (integers in [0, 65535]) starting at `offset`. */
  set(values: ArrayLike<number>, offset = 0): this {
    requireIntArray('U16Buffer.set', 'values', values, 0, 0xffff);
    requireFits('U16Buffer.set', values.length, offset, this.length);
    this.view().set(values, offset);
    return this;
  }
}
