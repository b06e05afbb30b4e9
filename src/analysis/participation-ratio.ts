/**
 * Participation ratio PR = (tr C)² / tr(C²) = (Σλ)²/Σλ² of the equal-time covariance C of
 * activity over units: 1 when one direction carries all variance, N when all N carry it equally.
 * Computed without an N×N×T object: when T ≥ N, Welford's streaming covariance (N×N) in WASM;
 * when T < N, the T×T Gram matrix of the centred samples, which has the same nonzero spectrum.
 */
import { requireSampleMatrix, type SampleMatrix } from '../dynamics/run.js';
import type { Runtime } from '../runtime.js';
import { F64Buffer, MAX_BLOCK_BYTES } from '../wasm/arena.js';
import { requireOneOf } from '../validate.js';

export interface ParticipationRatio {
  pr: number;
  /** PR / number of units. */
  prOverN: number;
  method: 'covariance' | 'gram';
  nSamples: number;
  nUnits: number;
}

/**
 * The covariance form costs O(T·N²) time and N² memory, the Gram form O(T²·N) and T·N + T²: take
 * the cheaper one, unless its matrix does not fit in one WASM buffer and the other's does.
 */
function cheaperForm(t: number, n: number): ParticipationRatio['method'] {
  const fits = (elements: number) => elements * 8 <= MAX_BLOCK_BYTES;
  const preferred = t >= n ? 'covariance' : 'gram';
  if (preferred === 'covariance' && !fits(n * n) && fits(t * Math.max(t, n))) return 'gram';
  if (preferred === 'gram' && !fits(t * Math.max(t, n)) && fits(n * n)) return 'covariance';
  return preferred;
}

/**
 * PR of the samples in `m`. method 'auto' (default) takes the covariance form when T ≥ N and
 * the Gram form otherwise (the cheaper of O(T·N²) and O(T²·N)); both give the same number.
 */
export function participationRatio(
  rt: Runtime, m: SampleMatrix, method: 'auto' | ParticipationRatio['method'] = 'auto',
): ParticipationRatio {
  const where = 'participationRatio';
  requireSampleMatrix(where, m);
  requireOneOf(where, 'method', method, ['auto', 'covariance', 'gram']);
  const { nSamples: t, nUnits: n, values } = m;
  using moments = new F64Buffer(rt.arena, 2, where);
  const chosen = method === 'auto' ? cheaperForm(t, n) : method;
  const needed = chosen === 'covariance' ? n * n : t * Math.max(t, n);
  if (needed * 8 > MAX_BLOCK_BYTES) {
    throw new RangeError(
      `${where}: the ${chosen} form needs ${needed * 8} bytes for ${t} samples × ${n} units, over the 1 GiB a WASM buffer holds; ` +
        'record fewer units or fewer samples',
    );
  }
  if (chosen === 'covariance') {
    using mean = new F64Buffer(rt.arena, n, where);
    using acc = new F64Buffer(rt.arena, n * n, where);
    using scratch = new F64Buffer(rt.arena, n, where);
    using row = new F64Buffer(rt.arena, n, where);
    for (let s = 0; s < t; s++) {
      row.view().set(values.subarray(s * n, (s + 1) * n));
      rt.core.stats_cov_push_f64(n, row.ptr, s + 1, mean.ptr, acc.ptr, scratch.ptr);
    }
    rt.core.stats_sym_trace_moments_f64(n, acc.ptr, moments.ptr);
  } else {
    using centred = new F64Buffer(rt.arena, t * n, where);
    using gram = new F64Buffer(rt.arena, t * t, where);
    const c = centred.view();
    for (let j = 0; j < n; j++) {
      let mean = 0;
      for (let s = 0; s < t; s++) mean += values[s * n + j];
      mean /= t;
      for (let s = 0; s < t; s++) c[s * n + j] = values[s * n + j] - mean;
    }
    rt.core.stats_gram_f64(t, n, centred.ptr, gram.ptr);
    rt.core.stats_sym_trace_moments_f64(t, gram.ptr, moments.ptr);
  }
  const [trace, frobenius2] = moments.toArray();
  const pr = frobenius2 > 0 ? (trace * trace) / frobenius2 : Number.NaN;
  return { pr, prOverN: pr / n, method: chosen, nSamples: t, nUnits: n };
}
