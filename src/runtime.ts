/**
 * A loaded rnnkit core: one WASM instance with its own memory. It makes buffers, matrices and
 * generators; everything it makes belongs to it and cannot be mixed with another runtime's.
 */
import { CsrMatrix, type CsrArrays } from './linalg/csr.js';
import { CsrMatrix16 } from './linalg/csr16.js';
import { DenseMatrix } from './linalg/dense.js';
import { CsrMatrixF32, DenseMatrixF32, toF32 } from './linalg/f32.js';
import { Rng } from './random/rng.js';
import type { Seed } from './random/seed.js';
import type { CoreExports } from './wasm/abi.js';
import { Arena, F64Buffer, I32Buffer } from './wasm/arena.js';
import type { BuildName } from './wasm/loader.js';
import type { ThreadPool } from './wasm/threads.js';

/** One WASM core instance (from load()): creates its buffers, matrices and generators, and scopes their lifetime. */
export class Runtime {
  /** The raw kernels (pointers, lengths, scalars): for capability modules, not for users. */
  readonly core: CoreExports;
  readonly arena: Arena;
  /** Whether the loaded binary uses WebAssembly SIMD. */
  readonly simd: boolean;
  readonly build: BuildName | 'custom';
  readonly #pool: ThreadPool | undefined;

  /** `threaded`: the arena made for `core`'s memory and the workers splitting its products (load({ threads })). */
  constructor(core: CoreExports, simd: boolean, build: BuildName | 'custom', threaded?: { arena: Arena; pool: ThreadPool }) {
    this.core = core;
    this.arena = threaded?.arena ?? new Arena(core);
    this.simd = simd;
    this.build = build;
    this.#pool = threaded?.pool;
  }

  /** Threads that share this runtime's products (1 unless loaded with `threads`). */
  get threads(): number {
    return this.#pool?.threads ?? 1;
  }

  /**
   * Stops this runtime's worker threads (idempotent; nothing to do for a one-thread runtime). The
   * runtime and its buffers stay usable: products then run on the calling thread alone (same bits).
   */
  dispose(): void {
    this.#pool?.close();
  }

  [Symbol.dispose](): void {
    this.dispose();
  }

  /** A zero-filled f64 buffer of length n. */
  f64(n: number): F64Buffer {
    return new F64Buffer(this.arena, n, 'rt.f64');
  }

  /** A buffer holding a copy of `values` (finite numbers). */
  f64From(values: ArrayLike<number>): F64Buffer {
    return this.#copied('rt.f64From', values, (n) => new F64Buffer(this.arena, n, 'rt.f64From'));
  }

  /** A zero-filled i32 buffer of length n. */
  i32(n: number): I32Buffer {
    return new I32Buffer(this.arena, n, 'rt.i32');
  }

  /** A buffer holding a copy of `values` (integers in the i32 range). */
  i32From(values: ArrayLike<number>): I32Buffer {
    return this.#copied('rt.i32From', values, (n) => new I32Buffer(this.arena, n, 'rt.i32From'));
  }

  /** A dense nRows×nCols matrix: zeros, or a copy of row-major `values`. */
  dense(nRows: number, nCols: number, values?: ArrayLike<number>): DenseMatrix {
    return new DenseMatrix(this.core, this.arena, nRows, nCols, values);
  }

  /** A CSR matrix from its three arrays (validated, then copied into WASM memory). */
  csr(arrays: CsrArrays): CsrMatrix {
    return CsrMatrix.fromArrays(this.core, this.arena, arrays);
  }

  /** A dense nRows×nCols matrix of f32 entries: zeros, or row-major `values` rounded to f32 (f64 products). */
  denseF32(nRows: number, nCols: number, values?: ArrayLike<number>): DenseMatrixF32 {
    return new DenseMatrixF32(this.core, this.arena, nRows, nCols, values);
  }

  /** A CSR matrix with f32 values from its three arrays (validated, values rounded to f32). */
  csrF32(arrays: CsrArrays): CsrMatrixF32 {
    return CsrMatrixF32.fromArrays(this.core, this.arena, arrays);
  }

  /** An f32 copy of a dense or CSR matrix (half the bytes of a dense one; see linalg/f32.ts). */
  toF32(matrix: DenseMatrix): DenseMatrixF32;
  toF32(matrix: CsrMatrix): CsrMatrixF32;
  toF32(matrix: DenseMatrix | CsrMatrix): DenseMatrixF32 | CsrMatrixF32;
  toF32(matrix: DenseMatrix | CsrMatrix): DenseMatrixF32 | CsrMatrixF32 {
    return toF32(this.core, this.arena, matrix);
  }

  /**
   * A CSR16 copy of a CSR matrix (u16 column deltas, rows sorted by column; f64 or f32 values as the
   * source has): fewer bytes per entry for products at 10⁷ entries and more (see linalg/csr16.ts).
   */
  toCsr16(matrix: CsrMatrix): CsrMatrix16<'f64'>;
  toCsr16(matrix: CsrMatrixF32): CsrMatrix16<'f32'>;
  toCsr16(matrix: CsrMatrix | CsrMatrixF32): CsrMatrix16;
  toCsr16(matrix: CsrMatrix | CsrMatrixF32): CsrMatrix16 {
    return CsrMatrix16.of(this.core, this.arena, matrix);
  }

  /** A seeded generator (xoshiro256** in WASM); same seed, same bits everywhere. */
  rng(seed: Seed): Rng {
    return new Rng(this.core, this.arena, seed);
  }

  /** Runs `fn`, then disposes every buffer/matrix it created except those it returns. */
  scope<T>(fn: () => T): T {
    return this.arena.scope(fn);
  }

  /** A new buffer holding `values` (validated by its `set`); freed again if they are refused. */
  #copied<B extends F64Buffer | I32Buffer>(where: string, values: ArrayLike<number>, make: (n: number) => B): B {
    const source = this.arena.detachSafe(values);
    const buffer = make(lengthOf(where, source));
    try {
      buffer.set(source);
    } catch (error) {
      buffer.dispose();
      throw error;
    }
    return buffer;
  }

  /** Current size of this runtime's WASM memory in bytes. */
  get memoryBytes(): number {
    return this.arena.memoryBytes;
  }

  /** Handles (buffers, and the buffers inside matrices and generators) neither disposed nor collected yet. */
  get liveHandles(): number {
    return this.arena.liveHandles;
  }
}

function lengthOf(where: string, values: unknown): number {
  if (values === null || typeof values !== 'object' || typeof (values as ArrayLike<number>).length !== 'number') {
    throw new TypeError(`${where}: values must be an array or typed array (got ${values === null ? 'null' : typeof values})`);
  }
  return (values as ArrayLike<number>).length;
}
