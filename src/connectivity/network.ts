/**
 * A generated or loaded network: its matrix (row i = postsynaptic, column j = presynaptic, so
 * J_ij is the weight from j to i), the parameters and seed that made it, and what theory predicts
 * for its spectrum. It owns WASM buffers: dispose() it (or `using`).
 */
import { CsrMatrix } from '../linalg/csr.js';
import { DenseMatrix } from '../linalg/dense.js';
import { CsrMatrixF32, DenseMatrixF32, type Dtype, DTYPES } from '../linalg/f32.js';
import type { FactoredOperator } from '../linalg/factored.js';
import type { LinearOperator } from '../linalg/operator.js';
import type { Seed } from '../random/seed.js';
import type { Runtime } from '../runtime.js';
import { F32Buffer, F64Buffer, LARGE_BLOCK_BYTES, MAX_BLOCK_BYTES, MAX_MEMORY_BYTES, type I32Buffer } from '../wasm/arena.js';
import type { Rng } from '../random/rng.js';
import { requireFinite, requireInt, requireOneOf } from '../validate.js';
import { NO_THEORY, type SpectralTheory } from '../theory/spectral-laws.js';

export const MODELS = ['gaussian', 'lognormal', 'random-mode', 'ei', 'lowrank', 'sparse-gaussian'] as const;
export type ModelName = (typeof MODELS)[number];

export interface NetworkInit {
  rt: Runtime;
  model: ModelName | 'file';
  n: number;
  seed: Seed | null;
  params: Record<string, unknown>;
  matrix: NetworkMatrix | null;
  factors?: FactoredOperator | null;
  theory?: SpectralTheory;
  info?: Record<string, number>;
  warnings?: string[];
}

/** The matrix a network holds: f64 or f32 values, dense or CSR. */
export type NetworkMatrix = DenseMatrix | CsrMatrix | DenseMatrixF32 | CsrMatrixF32;

/** A CSR matrix of either value type. */
export type AnyCsrMatrix = CsrMatrix | CsrMatrixF32;

/** The matrix if its values are f64; a TypeError naming `where` for an f32 one (for analyses with f64-only kernels). */
export function requireF64Matrix(where: string, matrix: NetworkMatrix): DenseMatrix | CsrMatrix {
  if (matrix instanceof DenseMatrix || matrix instanceof CsrMatrix) return matrix;
  if (matrix instanceof CsrMatrixF32 || matrix instanceof DenseMatrixF32) {
    throw new TypeError(`${where}: needs f64 weights (a DenseMatrix or CsrMatrix); build the network with dtype 'f64'`);
  }
  throw new TypeError(`${where}: matrix must be a DenseMatrix or CsrMatrix (got ${matrix === null ? 'null' : typeof matrix})`);
}

/** The dtype option: 'f64' when omitted. */
export function requireDtype(where: string, dtype: unknown): Dtype {
  return dtype === undefined ? 'f64' : requireOneOf(where, 'dtype', dtype, DTYPES);
}

/** A zeroed buffer for the values of nnz edges: f64 or f32. */
export function valuesBuffer(rt: Runtime, dtype: Dtype, nnz: number, where: string): F64Buffer | F32Buffer {
  return dtype === 'f32' ? new F32Buffer(rt.arena, nnz, where) : new F64Buffer(rt.arena, nnz, where);
}

/**
 * Pair-correlated normal weights (conn_pair_normal_*) of the n×n CSR structure (rowPtr, colIdx;
 * columns strictly increasing per row), written straight into `values` (f64 or f32: the f64 values
 * rounded, from the same draws). The reverse edges are found during the pass by a cursor per row
 * (n-sized scratch), so nothing edge-sized is allocated. Returns the number of edges that have a
 * reverse edge.
 */
export function fillPairNormalValues(
  rt: Runtime, rng: Rng, n: number, rowPtr: I32Buffer, colIdx: I32Buffer, values: F64Buffer | F32Buffer,
  mean: number, std: number, eta: number,
): number {
  const kernel = values instanceof F32Buffer ? rt.core.conn_pair_normal_f32 : rt.core.conn_pair_normal_f64;
  using cursor = rt.i32(n);
  return kernel(rng.statePtr, n, rowPtr.ptr, colIdx.ptr, cursor.ptr, values.ptr, mean, std, eta);
}

/** nnz draws of N(mean, std²) (rng_normal_*) written straight into a new values buffer of `dtype` (f32: the f64 draws rounded). */
export function normalValues(rt: Runtime, dtype: Dtype, rng: Rng, nnz: number, mean: number, std: number): F64Buffer | F32Buffer {
  const values = dtype === 'f32' ? new F32Buffer(rt.arena, nnz, 'normalValues') : rt.f64(nnz);
  const kernel = dtype === 'f32' ? rt.core.rng_normal_f32 : rt.core.rng_normal_f64;
  kernel(rng.statePtr, values.ptr, nnz, mean, std);
  return values;
}

/** The n×n CSR matrix that takes ownership of the three buffers, its class set by the values' type. */
export function csrOfValues(rt: Runtime, n: number, rowPtr: I32Buffer, colIdx: I32Buffer, values: F64Buffer | F32Buffer): AnyCsrMatrix {
  return values instanceof F32Buffer
    ? new CsrMatrixF32(rt.core, rt.arena, n, n, rowPtr, colIdx, values)
    : new CsrMatrix(rt.core, rt.arena, n, n, rowPtr, colIdx, values);
}

/** A connectivity matrix with its model, parameters, seed, spectral theory and warnings; a LinearOperator. */
export class Network implements LinearOperator, Disposable {
  /** The runtime that owns its buffers. */
  readonly rt: Runtime;
  readonly model: ModelName | 'file';
  readonly n: number;
  readonly nRows: number;
  readonly nCols: number;
  /** The seed that made it (null for loaded networks). */
  readonly seed: Seed | null;
  /** The resolved parameters (defaults filled in): plain data. */
  readonly params: Readonly<Record<string, unknown>>;
  /** The materialised matrix: dense or CSR; null for a random-mode network built with `dense: false`. */
  readonly matrix: NetworkMatrix | null;
  /** Factor form Σ_a s_a u_a v_aᵀ: all of J for random-mode, the structured part m nᵀ/N for lowrank. */
  readonly factors: FactoredOperator | null;
  readonly theory: SpectralTheory;
  /** Model-specific numbers: generation diagnostics, effective rank. */
  readonly info: Readonly<Record<string, number>>;
  /** Where the network differs from what was asked (e.g. edges that could not be placed); empty when it does not. */
  readonly warnings: readonly string[];

  constructor(init: NetworkInit) {
    this.rt = init.rt;
    this.model = init.model;
    this.n = this.nRows = this.nCols = init.n;
    this.seed = init.seed;
    this.params = init.params;
    this.matrix = init.matrix;
    this.factors = init.factors ?? null;
    this.theory = init.theory ?? NO_THEORY;
    this.info = init.info ?? {};
    this.warnings = init.warnings ?? [];
  }

  /** The operator for products J·x: the matrix, or the factors when nothing is materialised. */
  get operator(): LinearOperator {
    const op = this.matrix ?? this.factors;
    if (op === null) throw new Error('Network: no matrix and no factors');
    return op;
  }

  /** y = J·x through the operator. */
  multiply(x: F64Buffer, y?: F64Buffer): F64Buffer {
    return this.operator.multiply(x, y);
  }

  /** The matrix's one-pass product for several vectors, when it has one (dense and CSR; factors do not). */
  get multiplyRows(): LinearOperator['multiplyRows'] {
    const op = this.operator;
    return op.multiplyRows ? (x: F64Buffer, m: number, y: F64Buffer) => (op.multiplyRows as NonNullable<LinearOperator['multiplyRows']>).call(op, x, m, y) : undefined;
  }

  get disposed(): boolean {
    return (this.matrix ?? this.factors)?.disposed ?? true;
  }

  dispose(): void {
    this.matrix?.dispose();
    this.factors?.dispose();
  }

  [Symbol.dispose](): void {
    this.dispose();
  }
}

/** Largest n of a dense n×n f64 matrix in one WASM block (1 GiB). */
export const MAX_DENSE_N = 11_585;

/** Largest n of a dense n×n f32 matrix in the same 1 GiB (16384² · 4 bytes would be 16 bytes over). */
export const MAX_DENSE_N_F32 = 16_383;

/** The network size: an integer in [1, max]. */
export function requireSize(where: string, n: unknown, max = 2 ** 31 - 2): number {
  return requireInt(where, 'n', n, 1, max);
}

/** A correlation-like parameter in [−1, 1]. */
export function requireCorrelation(where: string, name: string, value: unknown): number {
  return requireFinite(where, name, value, -1, 1);
}

/** A mean degree K with 0 < K < n. */
export function requireMeanDegree(where: string, k: unknown, n: number): number {
  requireFinite(where, 'k', k);
  if ((k as number) <= 0 || (k as number) >= n) {
    throw new RangeError(`${where}: k must satisfy 0 < k < n = ${n} (got ${k as number})`);
  }
  return k as number;
}

/** Most edges with f64 values: the values (8 bytes each) must fit one WASM block (2 GiB). */
export const MAX_EDGES = Math.floor(MAX_BLOCK_BYTES / 8);

/**
 * Most edges with f32 values: the column indices and values (4 + 4 bytes per edge) must fit in the
 * 4 GiB of linear memory beside the heap's reserve (LARGE_BLOCK_BYTES, which holds the n-sized
 * arrays); each of the two buffers then stays below the 2 GiB block limit. Networks near the limit
 * with large n may still fail to allocate (a RangeError naming the caller, from the arena).
 */
export const MAX_EDGES_F32 = Math.floor((MAX_MEMORY_BYTES - LARGE_BLOCK_BYTES) / 8);

/** Refuses `edges` (the n·k a generator asks for) beyond MAX_EDGES or MAX_EDGES_F32, before anything is allocated. */
export function requireEdgeCount(where: string, edges: number, dtype: Dtype = 'f64'): void {
  const max = dtype === 'f32' ? MAX_EDGES_F32 : MAX_EDGES;
  if (edges > max) {
    const why = dtype === 'f32'
      ? `8 bytes per edge (i32 column index, f32 weight) in ${MAX_MEMORY_BYTES / 2 ** 30} GiB beside the ${LARGE_BLOCK_BYTES / 2 ** 20} MiB heap`
      : `the f64 weights in one buffer of at most ${MAX_BLOCK_BYTES} bytes (2 GiB); dtype 'f32' allows ${MAX_EDGES_F32}`;
    throw new RangeError(`${where}: n·k = ${edges} edges exceed the ${max} that fit in WASM memory (${why})`);
  }
}
