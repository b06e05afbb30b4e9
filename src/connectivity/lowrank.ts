/**
 * Low-rank plus random network (Mastrogiuseppe & Ostojic 2018): J = g χ + Σ_r m_r n_rᵀ / N with
 * χ_ij ~ N(0, 1/N) (χ_ii = 0 unless selfCoupling) and rank-R structure. Vectors are given, or
 * drawn with i.i.d. N(0, 1) entries and n_r = ρ m_r + √(1−ρ²) ξ_r (so n_r·m_r/N ≈ ρ). The dense J
 * is the operator; the structured part stays available in factor form (`factors`).
 */
import { FactoredOperator } from '../linalg/factored.js';
import type { Seed } from '../random/seed.js';
import type { Runtime } from '../runtime.js';
import { requireBoolean, requireFinite, requireFiniteArray, requireInt, requireOptions } from '../validate.js';
import { mixModes } from './modes.js';
import { lowRankSpectralLaw, rankOneOutlier } from '../theory/spectral-laws.js';
import { MAX_DENSE_N, Network, requireCorrelation, requireSize } from './network.js';
import { DEFAULT_SEED } from './options.js';

export interface LowRankOptions {
  n: number;
  /** Gain g of the random part (default 1). */
  g?: number;
  /** Rank R of the structure (default 1; taken from `vectors` when given). */
  rank?: number;
  /** Overlap ρ of drawn vectors (default 0). */
  overlap?: number;
  /** Chosen structure: R left vectors m_r and R right vectors n_r, each of length n. */
  vectors?: { m: ArrayLike<number>[]; n: ArrayLike<number>[] };
  selfCoupling?: boolean;
  seed?: Seed;
}

const KEYS = ['n', 'g', 'rank', 'overlap', 'vectors', 'selfCoupling', 'seed'];

function flatVectors(where: string, name: string, vectors: unknown, n: number): Float64Array {
  if (!Array.isArray(vectors) || vectors.length === 0) {
    throw new TypeError(`${where}: vectors.${name} must be a non-empty array of vectors`);
  }
  const flat = new Float64Array(vectors.length * n);
  vectors.forEach((vector, r) => {
    requireFiniteArray(where, `vectors.${name}[${r}]`, vector);
    if ((vector as ArrayLike<number>).length !== n) {
      throw new RangeError(`${where}: vectors.${name}[${r}] has length ${(vector as ArrayLike<number>).length}, expected n = ${n}`);
    }
    flat.set(vector as ArrayLike<number>, r * n);
  });
  return flat;
}

/**
 * Dense J = gχ + Σ_r m_r n_rᵀ/N; `factors` holds the structured part (u = m, s = 1/N, v = n).
 * @example using net = lowRankNetwork(rt, { n: 1000, g: 0.8, rank: 1, overlap: 0.9 });
 */
export function lowRankNetwork(rt: Runtime, options: LowRankOptions): Network {
  const where = 'lowRankNetwork';
  requireOptions(where, options, KEYS);
  const n = requireSize(where, options.n, MAX_DENSE_N);
  const g = requireFinite(where, 'g', options.g ?? 1, 0);
  const overlap = requireCorrelation(where, 'overlap', options.overlap ?? 0);
  const selfCoupling = requireBoolean(where, 'selfCoupling', options.selfCoupling ?? false);
  const chosen = options.vectors;
  const given = chosen === undefined ? null : {
    m: flatVectors(where, 'm', chosen.m, n),
    n: flatVectors(where, 'n', chosen.n, n),
  };
  if (given !== null && given.m.length !== given.n.length) {
    throw new RangeError(`${where}: vectors.m and vectors.n must hold the same number of vectors`);
  }
  const rank = given === null ? requireInt(where, 'rank', options.rank ?? 1, 1, n) : given.m.length / n;
  const seed = options.seed ?? DEFAULT_SEED;
  const { core } = rt;
  const J = rt.dense(n, n);
  const built = rt.scope(() => {
    const rng = rt.rng(seed);
    core.conn_gaussian_dense_f64(rng.statePtr, J.data.ptr, n, 0, g / Math.sqrt(n), 0, selfCoupling ? 1 : 0);
    const m = given === null ? rng.normal(rank * n) : rt.f64From(given.m);
    const right = given === null ? mixModes(rt, m, rng.normal(rank * n), overlap) : rt.f64From(given.n);
    return { m, right, s: rt.f64(rank).fill(1 / n) };
  });
  const factors = new FactoredOperator(core, rt.arena, n, built.m, built.s, built.right);
  factors.addTo(J);
  const rankOneValue = rank === 1 ? rankOneOutlier(built.m.view(), built.right.view()) / n : null;
  return new Network({
    rt, model: 'lowrank', n, seed, matrix: J, factors,
    theory: lowRankSpectralLaw(g, rankOneValue),
    params: { n, g, rank, overlap: given === null ? overlap : null, selfCoupling, vectors: given === null ? 'random' : 'given' },
  });
}

