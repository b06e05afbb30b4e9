/**
 * A generated or loaded network: its matrix (row i = postsynaptic, column j = presynaptic, so
 * J_ij is the weight from j to i), the parameters and seed that made it, and what theory predicts
 * for its spectrum. It owns WASM buffers: dispose() it (or `using`).
 */
import type { CsrMatrix } from '../linalg/csr.js';
import type { DenseMatrix } from '../linalg/dense.js';
import type { FactoredOperator } from '../linalg/factored.js';
import type { LinearOperator } from '../linalg/operator.js';
import type { Seed } from '../random/seed.js';
import type { Runtime } from '../runtime.js';
import { MAX_BLOCK_BYTES, type F64Buffer } from '../wasm/arena.js';
import { requireFinite, requireInt } from '../validate.js';
import { NO_THEORY, type SpectralTheory } from '../theory/spectral-laws.js';

export const MODELS = ['gaussian', 'lognormal', 'random-mode', 'ei', 'lowrank', 'sparse-gaussian'] as const;
export type ModelName = (typeof MODELS)[number];

export interface NetworkInit {
  rt: Runtime;
  model: ModelName | 'file';
  n: number;
  seed: Seed | null;
  params: Record<string, unknown>;
  matrix: DenseMatrix | CsrMatrix | null;
  factors?: FactoredOperator | null;
  theory?: SpectralTheory;
  info?: Record<string, number>;
  warnings?: string[];
}

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
  readonly matrix: DenseMatrix | CsrMatrix | null;
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

/** Most edges a network may have: its values (f64) must fit one WASM block, its indices an i32. */
export const MAX_EDGES = Math.floor(MAX_BLOCK_BYTES / 8);

export function requireEdgeCount(where: string, edges: number): void {
  if (edges > MAX_EDGES) {
    throw new RangeError(`${where}: n·k = ${edges} edges exceed the ${MAX_EDGES} that fit in WASM memory (2 GiB of f64 weights in one buffer)`);
  }
}
