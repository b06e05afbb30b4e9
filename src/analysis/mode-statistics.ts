/**
 * ε = N tr[(JJᵀ)²]/(tr JJᵀ)² − 2 and the effective rank (tr JJᵀ)²/tr[(JJᵀ)²] = (Σσ²)²/Σσ⁴ of any
 * square connectivity: the one number through which random-mode connectivity changes the
 * dimension of activity (theory/dimension.ts). i.i.d. Gaussian J: ε → 0; J = gO (O orthogonal):
 * ε = −1; orthonormal modes with strengths s: N/PR_s − 2; Gaussian modes: ≈ N/PR_s.
 * JJᵀ comes from the Gram kernel (rows of J dotted in WASM), its traces from the moments kernel.
 */
import type { LinearOperator } from '../linalg/operator.js';
import { denseFromOperator, requireSquare } from '../linalg/operators.js';
import type { Runtime } from '../runtime.js';
import { modeEpsilon } from '../theory/dimension.js';
import { F64Buffer } from '../wasm/arena.js';

export interface ModeStatistics {
  n: number;
  epsilon: number;
  effectiveRank: number;
  /** tr JJᵀ = ‖J‖_F² and tr[(JJᵀ)²] = ‖JJᵀ‖_F². */
  traceJJt: number;
  traceJJt2: number;
}

/** ε and the effective rank of the n×n operator J (dense, CSR, factored or any LinearOperator). */
export function modeStatistics(rt: Runtime, connectivity: LinearOperator): ModeStatistics {
  const where = 'modeStatistics';
  const n = requireSquare(where, 'connectivity', connectivity);
  using rows = new F64Buffer(rt.arena, n * n, where);
  rows.view().set(denseFromOperator(rt, connectivity));
  using gram = new F64Buffer(rt.arena, n * n, where);
  using moments = new F64Buffer(rt.arena, 2, where);
  rt.core.stats_gram_f64(n, n, rows.ptr, gram.ptr); // JJᵀ, upper triangle
  rt.core.stats_sym_trace_moments_f64(n, gram.ptr, moments.ptr);
  const [traceJJt, traceJJt2] = moments.toArray();
  return { n, ...modeEpsilon(n, traceJJt, traceJJt2), traceJJt, traceJJt2 };
}
