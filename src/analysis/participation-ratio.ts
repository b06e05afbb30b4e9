/**
 * Participation ratio PR = (tr C)² / tr(C²) = (Σλ)²/Σλ² of the equal-time covariance C of
 * activity over units: 1 when one direction carries all variance, N when all N carry it equally.
 *
 * The plain estimate from one finite recording is biased low: sampling noise δC adds
 * E‖δC‖_F² ≈ ((tr C)² + tr C²)/n_eff to tr C² (Gaussian activity, n_eff effective samples), so
 * 1/PR_plain ≈ 1/PR + 1/n_eff. The cross-block estimator splits the recording into B blocks (or
 * takes B independent trajectories) with covariances C_a about the common mean and uses
 *   PR = (tr C̄)² / mean_{a≠b} tr(C_a C_b),
 * whose denominator has no noise term because δC_a and δC_b are independent. Time blocks that
 * touch share the correlation time at their boundary, so for time blocks only pairs |a − b| ≥ 2
 * enter (they are a whole block apart). The standard error is the delete-one-block jackknife.
 * What remains is the second-order bias of a ratio of unbiased means, ≈ PR·Var(P̂)/P̂² (≲ 1 % in
 * the tests, upward), against the plain estimate's first-order (PR + 1)/(n_eff + PR + 1).
 *
 * Everything comes from the B×B table P_ab = tr(C_a C_b) and the traces t_a = tr C_a: when
 * T ≥ N from per-block covariances (N² each, accumulated in WASM), when T < N from the T×T Gram
 * matrix of the centred samples, whose (a, b) block gives tr(C_a C_b) = ‖X_a X_bᵀ‖_F²/(n_a n_b).
 */
import { requireSampleMatrix, type SampleMatrix } from '../dynamics/run.js';
import type { Runtime } from '../runtime.js';
import { F64Buffer, MAX_BLOCK_BYTES } from '../wasm/arena.js';
import { requireFinite, requireInt, requireOneOf } from '../validate.js';

export const PR_ESTIMATORS = ['auto', 'cross-block', 'plain'] as const;
export type PrEstimator = (typeof PR_ESTIMATORS)[number];
export type PrMethod = 'covariance' | 'gram';

/**
 * ok: pr is a measurement. no-activity: the recording does not fluctuate (PR undefined).
 * non-stationary: the variance changes by more than NON_STATIONARY_RATIO between the two halves
 * (a decaying or growing transient, not a state with a covariance). too-few-samples: the cross-block
 * estimator was asked for but the recording cannot be split into enough blocks.
 */
export type PrStatus = 'ok' | 'no-activity' | 'non-stationary' | 'too-few-samples';

export interface ParticipationRatioOptions {
  /** 'auto' (default): covariance form when T ≥ N, Gram form otherwise; both give the same numbers. */
  method?: 'auto' | PrMethod;
  /** 'auto' (default): cross-block when the recording has ≥ 10 samples (or ≥ 3 trajectories), else plain. */
  estimator?: PrEstimator;
  /** Number of time blocks for the cross-block estimator (default 10; ≥ 5, each ≥ 2 samples). */
  blocks?: number;
  /**
   * RMS fluctuation per unit (in the recording's units) at or below which the recording counts as
   * silent (default 1e-8; rate-network activity is O(1)).
   */
  activityFloor?: number;
}

export interface ParticipationRatio {
  status: PrStatus;
  /** Why the PR is undefined and what would make it defined (absent when status is 'ok'). */
  reason?: string;
  /** The estimate (cross-block or plain, see `estimator`); null unless status is 'ok'. */
  pr: number | null;
  /** PR / number of units. */
  prOverN: number | null;
  /** Jackknife standard error over blocks (null for the plain estimator). */
  prStdErr: number | null;
  prOverNStdErr: number | null;
  estimator: 'cross-block' | 'plain';
  /** The plain (tr C)²/tr C² of the whole recording, for comparison (null without activity). */
  plainPr: number | null;
  /**
   * Samples' worth of independent information in the recording (≤ nSamples): the n_eff for which
   * Gaussian sampling noise would give the measured excess of tr(C_a²) over tr(C_a C_b).
   */
  effectiveSamples: number | null;
  /** Predicted relative downward bias of plainPr, (PR + 1)/(n_eff + PR + 1). */
  plainBias: number | null;
  /** Blocks (time blocks or trajectories) used; 1 for the plain estimator. */
  blocks: number;
  warnings: string[];
  method: PrMethod;
  nSamples: number;
  nUnits: number;
}

/** A plain estimate biased by more than this (relative) is flagged. */
export const PLAIN_BIAS_WARNING = 0.03;
/** Ratio of the two halves' variance beyond which a recording is not stationary. */
export const NON_STATIONARY_RATIO = 10;
const MIN_TIME_BLOCKS = 5;
const MIN_TRAJECTORIES = 3;
const MIN_BLOCK_SAMPLES = 2;

/**
 * The covariance form costs O(T·N²) time and B·N² memory, the Gram form O(T²·N) and T·N + T²: take
 * the cheaper one, unless its matrices do not fit in one WASM buffer and the other's do.
 */
function cheaperForm(t: number, n: number, blocks: number): PrMethod {
  const fits = (elements: number) => elements * 8 <= MAX_BLOCK_BYTES;
  const preferred = t >= n ? 'covariance' : 'gram';
  if (preferred === 'covariance' && !fits(blocks * n * n) && fits(t * Math.max(t, n))) return 'gram';
  if (preferred === 'gram' && !fits(t * Math.max(t, n)) && fits(blocks * n * n)) return 'covariance';
  return preferred;
}

/** Traces t_a = tr C_a, products P_ab = tr(C_a C_b) (B×B, symmetric) and block sizes n_a. */
export interface BlockMoments {
  traces: Float64Array;
  products: Float64Array;
  sizes: Float64Array;
  /** Whether blocks are consecutive pieces of one recording (then neighbours are not paired). */
  contiguous: boolean;
}

interface CrossBlock {
  pr: number;
  stdErr: number;
  /** Mean of tr C_a and of the paired tr(C_a C_b), and mean tr(C_a²). */
  meanTrace: number;
  meanCross: number;
  meanSelf: number;
}

/** Pairs that enter the cross-block mean: all a ≠ b, or |a − b| ≥ 2 for time blocks. */
const paired = (a: number, b: number, contiguous: boolean) => (contiguous ? Math.abs(a - b) >= 2 : a !== b);

function crossBlockWithout(m: BlockMoments, skip: number): { pr: number; meanTrace: number; meanCross: number; meanSelf: number } {
  const nb = m.traces.length;
  let trace = 0, self = 0, cross = 0, blocks = 0, pairs = 0;
  for (let a = 0; a < nb; a++) {
    if (a === skip) continue;
    blocks++;
    trace += m.traces[a];
    self += m.products[a * nb + a];
    for (let b = 0; b < nb; b++) {
      if (b === skip || !paired(a, b, m.contiguous)) continue;
      cross += m.products[a * nb + b];
      pairs++;
    }
  }
  const meanTrace = trace / blocks;
  const meanCross = cross / pairs;
  return { pr: (meanTrace * meanTrace) / meanCross, meanTrace, meanCross, meanSelf: self / blocks };
}

/** The cross-block PR of block moments and its delete-one-block jackknife standard error. */
export function crossBlockEstimate(m: BlockMoments): CrossBlock {
  const nb = m.traces.length;
  const all = crossBlockWithout(m, -1);
  const leaveOut = Array.from({ length: nb }, (_, a) => crossBlockWithout(m, a).pr);
  const mean = leaveOut.reduce((s, x) => s + x, 0) / nb;
  const variance = ((nb - 1) / nb) * leaveOut.reduce((s, x) => s + (x - mean) ** 2, 0);
  return { pr: all.pr, stdErr: Math.sqrt(variance), meanTrace: all.meanTrace, meanCross: all.meanCross, meanSelf: all.meanSelf };
}

/** (Σ n_a t_a)² / Σ_ab n_a n_b P_ab: the plain PR of the whole recording about its mean. */
export function plainEstimate(m: BlockMoments): number {
  const nb = m.traces.length;
  let trace = 0, square = 0;
  for (let a = 0; a < nb; a++) {
    trace += m.sizes[a] * m.traces[a];
    for (let b = 0; b < nb; b++) square += m.sizes[a] * m.sizes[b] * m.products[a * nb + b];
  }
  return (trace * trace) / square;
}

interface Segment {
  values: Float64Array;
  start: number; // first sample
  count: number;
}

/** The blocks' sample ranges: each recording whole, or one recording cut into nb near-equal pieces. */
function blockSegments(recordings: readonly SampleMatrix[], nb: number): Segment[] {
  if (recordings.length > 1) return recordings.map((r) => ({ values: r.values, start: 0, count: r.nSamples }));
  const { values, nSamples: t } = recordings[0];
  return Array.from({ length: nb }, (_, a) => {
    const start = Math.floor((a * t) / nb);
    return { values, start, count: Math.floor(((a + 1) * t) / nb) - start };
  });
}

/** Mean of every unit over all samples, and the RMS of the values (for the rounding floor). */
function pooledMean(recordings: readonly SampleMatrix[], n: number): { mean: Float64Array; rms: number } {
  const mean = new Float64Array(n);
  let total = 0, squares = 0;
  for (const r of recordings) {
    for (let s = 0; s < r.nSamples; s++) {
      for (let j = 0; j < n; j++) {
        const v = r.values[s * n + j];
        mean[j] += v;
        squares += v * v;
      }
    }
    total += r.nSamples;
  }
  for (let j = 0; j < n; j++) mean[j] /= total;
  return { mean, rms: Math.sqrt(squares / (total * n)) };
}

function covarianceMoments(rt: Runtime, where: string, segments: Segment[], n: number, centreValues: Float64Array, contiguous: boolean): BlockMoments {
  const nb = segments.length;
  using centre = new F64Buffer(rt.arena, n, where);
  centre.view().set(centreValues);
  using blocks = new F64Buffer(rt.arena, nb * n * n, where);
  using row = new F64Buffer(rt.arena, n, where);
  using moments = new F64Buffer(rt.arena, 2, where);
  const traces = new Float64Array(nb);
  const products = new Float64Array(nb * nb);
  const sizes = Float64Array.from(segments, (s) => s.count);
  const blockPtr = (a: number) => blocks.ptr + a * n * n * 8;
  for (const [a, seg] of segments.entries()) {
    for (let s = seg.start; s < seg.start + seg.count; s++) {
      row.view().set(seg.values.subarray(s * n, (s + 1) * n));
      rt.core.stats_cov_accumulate_f64(n, row.ptr, centre.ptr, blockPtr(a));
    }
    rt.core.stats_sym_trace_moments_f64(n, blockPtr(a), moments.ptr);
    traces[a] = moments.view()[0] / seg.count;
    for (let b = 0; b <= a; b++) {
      const p = rt.core.stats_sym_trace_product_f64(n, blockPtr(a), blockPtr(b)) / (seg.count * segments[b].count);
      products[a * nb + b] = p;
      products[b * nb + a] = p;
    }
  }
  return { traces, products, sizes, contiguous };
}

function gramMoments(rt: Runtime, where: string, segments: Segment[], n: number, centre: Float64Array, contiguous: boolean): BlockMoments {
  const nb = segments.length;
  const t = segments.reduce((s, seg) => s + seg.count, 0);
  using centred = new F64Buffer(rt.arena, t * n, where);
  using gram = new F64Buffer(rt.arena, t * t, where);
  const c = centred.view();
  const owner = new Int32Array(t);
  let k = 0;
  for (const [a, seg] of segments.entries()) {
    for (let s = seg.start; s < seg.start + seg.count; s++, k++) {
      owner[k] = a;
      for (let j = 0; j < n; j++) c[k * n + j] = seg.values[s * n + j] - centre[j];
    }
  }
  rt.core.stats_gram_f64(t, n, centred.ptr, gram.ptr);
  const g = gram.view(); // upper triangle: entry (s, u), u ≥ s, stands for itself and (u, s)
  const traces = new Float64Array(nb);
  const sums = new Float64Array(nb * nb);
  for (let s = 0; s < t; s++) {
    const a = owner[s];
    traces[a] += g[s * t + s];
    sums[a * nb + a] += g[s * t + s] ** 2;
    for (let u = s + 1; u < t; u++) {
      const b = owner[u];
      const v = g[s * t + u] ** 2;
      sums[a * nb + b] += v;
      sums[b * nb + a] += v;
    }
  }
  const sizes = Float64Array.from(segments, (seg) => seg.count);
  // Each off-diagonal pair (s, u) of the Gram matrix appears once in the upper triangle and is added to
  // cells (a, b) and (b, a): for a ≠ b each then holds ‖X_a X_bᵀ‖_F², and a diagonal cell gets its
  // off-diagonal entries twice, as ‖X_a X_aᵀ‖_F² counts them.
  const products = sums.map((v, i) => v / (sizes[Math.floor(i / nb)] * sizes[i % nb]));
  return { traces: traces.map((v, a) => v / sizes[a]), products, sizes, contiguous };
}

const sig = (x: number) => Number(x.toPrecision(3));

/**
 * PR of the samples in `recording` (or of several independent trajectories of the same units).
 * By default the cross-block estimate with its jackknife standard error, the plain estimate
 * beside it, the effective number of samples, and a warning when the plain estimate's bias
 * exceeds PLAIN_BIAS_WARNING. A recording without activity, or whose variance drifts by more
 * than NON_STATIONARY_RATIO, gets a status and a reason instead of a number.
 */
export function participationRatio(
  rt: Runtime, recording: SampleMatrix | readonly SampleMatrix[], options: ParticipationRatioOptions = {},
): ParticipationRatio {
  const where = 'participationRatio';
  const recordings: readonly SampleMatrix[] = Array.isArray(recording) ? recording : [recording as SampleMatrix];
  if (recordings.length === 0) throw new RangeError(`${where}: recording must hold at least one sample matrix (got an empty list)`);
  const n = recordings[0]?.nUnits;
  for (const [i, r] of recordings.entries()) {
    requireSampleMatrix(where, r);
    if (r.nUnits !== n) throw new RangeError(`${where}: recording[${i}].nUnits = ${r.nUnits} differs from recording[0].nUnits = ${n}`);
  }
  const method = requireOneOf(where, 'method', options.method ?? 'auto', ['auto', 'covariance', 'gram']);
  const estimatorAsked = requireOneOf(where, 'estimator', options.estimator ?? 'auto', PR_ESTIMATORS);
  const blocksAsked = requireInt(where, 'blocks', options.blocks ?? 10, MIN_TIME_BLOCKS);
  const floor = requireFinite(where, 'activityFloor', options.activityFloor ?? 1e-8, 0);
  const t = recordings.reduce((s, r) => s + r.nSamples, 0);
  const trajectories = recordings.length > 1;

  // How many blocks the recording allows.
  const possible = trajectories ? recordings.length : Math.min(blocksAsked, Math.floor(t / MIN_BLOCK_SAMPLES));
  const enough = possible >= (trajectories ? MIN_TRAJECTORIES : MIN_TIME_BLOCKS);
  const warnings: string[] = [];
  const base = { nSamples: t, nUnits: n };
  const undefinedResult = (status: PrStatus, reason: string, estimator: ParticipationRatio['estimator'], chosen: PrMethod, blocks: number, plainPr: number | null = null): ParticipationRatio => ({
    status, reason, pr: null, prOverN: null, prStdErr: null, prOverNStdErr: null, estimator, plainPr, effectiveSamples: null,
    plainBias: null, blocks, warnings: [...warnings, reason], method: chosen, ...base,
  });
  if (estimatorAsked === 'cross-block' && !enough) {
    const need = trajectories ? `at least ${MIN_TRAJECTORIES} trajectories` : `at least ${MIN_TIME_BLOCKS * MIN_BLOCK_SAMPLES} samples`;
    return undefinedResult('too-few-samples', `${where}: the cross-block estimate needs ${need} (got ${trajectories ? recordings.length : t}); record longer or use estimator 'plain'`,
      'cross-block', t >= n ? 'covariance' : 'gram', possible);
  }
  const crossBlock = estimatorAsked === 'cross-block' || (estimatorAsked === 'auto' && enough);
  // The plain estimator still uses ≥ 2 blocks (when there are ≥ 4 samples) to measure the drift.
  const nb = crossBlock ? possible : trajectories ? recordings.length : Math.max(1, Math.min(2, Math.floor(t / MIN_BLOCK_SAMPLES)));
  const chosen = method === 'auto' ? cheaperForm(t, n, nb) : method;
  const needed = chosen === 'covariance' ? nb * n * n : t * Math.max(t, n);
  if (needed * 8 > MAX_BLOCK_BYTES) {
    throw new RangeError(
      `${where}: the ${chosen} form needs ${needed * 8} bytes for ${t} samples × ${n} units${chosen === 'covariance' ? ` in ${nb} blocks` : ''}, ` +
        `over the ${MAX_BLOCK_BYTES} bytes a WASM buffer holds; record fewer units or fewer samples`,
    );
  }
  const { mean, rms } = pooledMean(recordings, n);
  const segments = blockSegments(recordings, nb);
  const moments = chosen === 'covariance'
    ? covarianceMoments(rt, where, segments, n, mean, !trajectories)
    : gramMoments(rt, where, segments, n, mean, !trajectories);

  const totalTrace = moments.traces.reduce((s, v, a) => s + v * moments.sizes[a], 0) / t;
  const fluctuation = Math.sqrt(Math.max(totalTrace, 0) / n);
  const silentBelow = Math.max(floor, 1e-12 * rms);
  if (!(fluctuation > silentBelow)) {
    return undefinedResult('no-activity',
      `${where}: the recording has no activity (RMS fluctuation per unit ${fluctuation.toExponential(2)} ≤ ${silentBelow.toExponential(2)}), so PR is undefined; ` +
        'record a state that fluctuates (chaos, input or noise) or record before the activity decays',
      crossBlock ? 'cross-block' : 'plain', chosen, nb);
  }
  const plainPr = plainEstimate(moments);
  if (nb >= 2) {
    const half = Math.floor(nb / 2);
    const halfMean = (from: number, to: number) => {
      let s = 0, w = 0;
      for (let a = from; a < to; a++) {
        s += moments.traces[a] * moments.sizes[a];
        w += moments.sizes[a];
      }
      return s / w;
    };
    const first = halfMean(0, half);
    const second = halfMean(half, nb);
    const ratio = Math.max(first / second, second / first);
    if (!trajectories && !(ratio <= NON_STATIONARY_RATIO)) {
      return undefinedResult('non-stationary',
        `${where}: the variance changes by a factor ${sig(ratio)} between the first and second half of the recording (> ${NON_STATIONARY_RATIO}), ` +
          'so it is a transient, not a state with one covariance; discard a longer transient or record a stationary state',
        crossBlock ? 'cross-block' : 'plain', chosen, nb, plainPr);
    }
  }
  if (!crossBlock) {
    if (estimatorAsked === 'auto') warnings.push(`${where}: ${t} samples are too few for the cross-block estimate (it needs ${MIN_TIME_BLOCKS * MIN_BLOCK_SAMPLES}); ` +
      'the plain estimate is biased low by about PR/(effective samples); record longer');
    return {
      status: 'ok', pr: plainPr, prOverN: plainPr / n, prStdErr: null, prOverNStdErr: null, estimator: 'plain', plainPr,
      effectiveSamples: null, plainBias: null, blocks: 1, warnings, method: chosen, ...base,
    };
  }
  const cb = crossBlockEstimate(moments);
  // E tr(C_a²) − E tr(C_a C_b) = ((tr C)² + tr C²)/n_block for Gaussian samples.
  const noise = cb.meanSelf - cb.meanCross;
  const perBlock = noise > 0 ? (cb.meanTrace ** 2 + cb.meanCross) / noise : Number.POSITIVE_INFINITY;
  const effectiveSamples = Math.min(t, perBlock * nb);
  const plainBias = (cb.pr + 1) / (effectiveSamples + cb.pr + 1);
  if (plainBias > PLAIN_BIAS_WARNING) {
    const longer = Math.ceil((cb.pr + 1) * (1 / PLAIN_BIAS_WARNING - 1) / effectiveSamples);
    warnings.push(`${where}: the plain estimate (tr C)²/tr C² = ${sig(plainPr)} of this recording is biased low by about ${sig(100 * plainBias)}% ` +
      `(${sig(effectiveSamples)} effective samples); the cross-block estimate ${sig(cb.pr)} corrects it (a recording ${longer}× longer would bring the plain bias under ${100 * PLAIN_BIAS_WARNING}%)`);
  }
  if (effectiveSamples / nb < 2) {
    warnings.push(`${where}: each of the ${nb} blocks holds only ${sig(effectiveSamples / nb)} effective samples, so blocks are not much longer than the ` +
      'correlation time and the cross-block estimate may still be biased; record longer');
  }
  return {
    status: 'ok', pr: cb.pr, prOverN: cb.pr / n, prStdErr: cb.stdErr, prOverNStdErr: cb.stdErr / n, estimator: 'cross-block', plainPr,
    effectiveSamples, plainBias, blocks: nb, warnings, method: chosen, ...base,
  };
}
