/**
 * Random-mode network (Clark, Abbott & Litwin-Kumar 2023, "Dimension of activity in random
 * neural networks"): J = Σ_a s_a u_a v_aᵀ, so J·x = Σ_a s_a u_a (v_a · x). Modes have i.i.d.
 * N(0, 1/N) entries (E‖u_a‖² = 1) or are exactly orthonormal; v_a = ρ u_a + √(1−ρ²) w_a gives
 * E[u_a · v_a] = ρ (the overlap). The spectrum — a list, a power law s_a ∝ a^−α or an exponential
 * s_a ∝ e^{−α(a−1)} — is scaled so that Σ s_a² = N g², the Frobenius norm of a Gaussian network of
 * gain g. With orthonormal modes J v_a = s_a u_a: the singular values of J are the s_a.
 */
import { FactoredOperator } from '../linalg/factored.js';
import type { Seed } from '../random/seed.js';
import type { Runtime } from '../runtime.js';
import { requireBoolean, requireFinite, requireFiniteArray, requireInt, requireOneOf, requireOptions } from '../validate.js';
import { mixModes } from './modes.js';
import { randomModeSpectralLaw } from '../theory/spectral-laws.js';
import { MAX_DENSE_N, Network, requireCorrelation, requireSize } from './network.js';
import { DEFAULT_SEED } from './options.js';

export type SpectrumShape = 'power' | 'exponential';

export interface RandomModeOptions {
  n: number;
  /** Gain g (default 1): Σ s_a² = N g². */
  g?: number;
  /** Number of modes R (default n; taken from the list when `spectrum` is one). */
  rank?: number;
  /** 'power' (default), 'exponential', or the strengths s_1 … s_R (rescaled). */
  spectrum?: SpectrumShape | ArrayLike<number>;
  /** Decay exponent α of the power law, or rate of the exponential (default 1). */
  alpha?: number;
  /** Overlap ρ ∈ [−1, 1] between u_a and v_a (default 0). */
  overlap?: number;
  /** Exactly orthonormal modes (default false): needs R ≤ n, or 2R ≤ n when 0 < |ρ| < 1. */
  orthonormal?: boolean;
  /** Materialise the dense J (default true; needs n ≤ 11585). Products use the factors either way. */
  dense?: boolean;
  seed?: Seed;
}

const KEYS = ['n', 'g', 'rank', 'spectrum', 'alpha', 'overlap', 'orthonormal', 'dense', 'seed'];

/** The mode strengths, scaled so that Σ s² = N g². */
export function modeSpectrum(where: string, spectrum: SpectrumShape | ArrayLike<number>, rank: number, alpha: number,
                             n: number, g: number): Float64Array {
  const raw = typeof spectrum === 'string'
    ? Float64Array.from({ length: rank }, (_, a) => (spectrum === 'power' ? (a + 1) ** -alpha : Math.exp(-alpha * a)))
    : Float64Array.from(spectrum);
  const sumSquares = raw.reduce((s, x) => s + x * x, 0);
  if (!(sumSquares > 0) || !Number.isFinite(sumSquares)) {
    throw new RangeError(`${where}: spectrum must have a finite, nonzero Σ s² (got ${sumSquares})`);
  }
  const c = Math.sqrt((n * g * g) / sumSquares);
  return raw.map((x) => x * c);
}

/** (Σ s²)² / Σ s⁴: R for a flat spectrum, 1 for a single mode. */
export function effectiveRank(s: ArrayLike<number>): number {
  let s2 = 0;
  let s4 = 0;
  for (let a = 0; a < s.length; a++) {
    s2 += s[a] ** 2;
    s4 += s[a] ** 4;
  }
  return s4 > 0 ? (s2 * s2) / s4 : 0;
}

function resolveSpectrum(where: string, options: RandomModeOptions, n: number) {
  const spectrum = options.spectrum ?? 'power';
  if (typeof spectrum === 'string') {
    requireOneOf(where, 'spectrum', spectrum, ['power', 'exponential']);
    return { spectrum, rank: requireInt(where, 'rank', options.rank ?? n, 1, n) };
  }
  requireFiniteArray(where, 'spectrum', spectrum);
  for (let a = 0; a < spectrum.length; a++) requireFinite(where, `spectrum[${a}]`, spectrum[a], 0);
  const rank = requireInt(where, 'spectrum.length', spectrum.length, 1, n);
  if (options.rank !== undefined && options.rank !== rank) {
    throw new RangeError(`${where}: rank = ${String(options.rank)} disagrees with the spectrum list of length ${rank}`);
  }
  return { spectrum: Array.from(spectrum), rank };
}

/**
 * J = Σ_a s_a u_a v_aᵀ with Σ s² = N g²; `factors` is the matrix-free operator, `matrix` the dense
 * J (unless `dense: false`), `info.effectiveRank` = (Σ s²)²/Σ s⁴.
 * @example using net = randomModeNetwork(rt, { n: 500, spectrum: 'power', alpha: 1, orthonormal: true });
 */
export function randomModeNetwork(rt: Runtime, options: RandomModeOptions): Network {
  const where = 'randomModeNetwork';
  requireOptions(where, options, KEYS);
  const materialise = requireBoolean(where, 'dense', options.dense ?? true);
  const n = requireSize(where, options.n, materialise ? MAX_DENSE_N : undefined);
  const g = requireFinite(where, 'g', options.g ?? 1, 0);
  const alpha = requireFinite(where, 'alpha', options.alpha ?? 1, 0);
  const overlap = requireCorrelation(where, 'overlap', options.overlap ?? 0);
  const orthonormal = requireBoolean(where, 'orthonormal', options.orthonormal ?? false);
  const { spectrum, rank } = resolveSpectrum(where, options, n);
  const joint = orthonormal && overlap !== 0 && Math.abs(overlap) !== 1;
  if (joint && 2 * rank > n) {
    throw new RangeError(`${where}: orthonormal modes with 0 < |overlap| < 1 need 2·rank ≤ n (got rank = ${rank}, n = ${n})`);
  }
  const seed = options.seed ?? DEFAULT_SEED;
  const s = modeSpectrum(where, spectrum, rank, alpha, n, g);
  const { core } = rt;
  const modes = rt.scope(() => {
    const rng = rt.rng(seed);
    // Rows 0…R−1: u_a; rows R…2R−1: w_a (v_a before mixing).
    const both = rng.normal(2 * rank * n, 0, 1 / Math.sqrt(n));
    const qr = rt.f64(3 * 2 * rank); // R_jj, h and scratch of the QR kernel
    const orthonormalise = (ptr: number, rows: number) => {
      const failed = core.orth_qr_rows_f64(ptr, rows, n, qr.ptr, qr.ptr + 16 * rank, qr.ptr + 32 * rank);
      if (failed >= 0) throw new Error(`${where}: mode ${failed} is numerically dependent on the earlier ones`);
    };
    if (joint) orthonormalise(both.ptr, 2 * rank);
    else if (orthonormal) {
      orthonormalise(both.ptr, rank);
      orthonormalise(both.ptr + rank * n * 8, rank);
    }
    const view = both.view();
    const u = rt.f64From(view.subarray(0, rank * n));
    const v = mixModes(rt, u, rt.f64From(both.view().subarray(rank * n)), overlap);
    return { u, v, s: rt.f64From(s) };
  });
  const factors = new FactoredOperator(core, rt.arena, n, modes.u, modes.s, modes.v);
  const matrix = materialise ? factors.toDense() : null;
  const theory = randomModeSpectralLaw(g, overlap);
  return new Network({
    rt, model: 'random-mode', n, seed, matrix, factors, theory,
    params: { n, g, rank, spectrum, alpha, overlap, orthonormal, dense: materialise },
    info: { effectiveRank: effectiveRank(s) },
  });
}
