/**
 * What training did to the connectivity: eigenvalue outliers of the trained J beyond the bulk of
 * the untrained one, the motif statistics of J0, J and ΔJ = J − J0, and for spiking networks the
 * connection strength of each population pair (LIF→LIF, LIF→QIF, QIF→LIF, QIF→QIF).
 */
import { connectivityMotifs, type MotifStatistics } from '../analysis/motifs.js';
import { type EigenvalueOutliers, type EigenvalueSolver, eigenvalueOutliers, krylovEigenvalues } from '../analysis/outliers.js';
import type { Runtime } from '../runtime.js';
import type { ReadoutForceResult, RecurrentForceResult } from './force.js';
import type { RecurrentSpikingForceResult, SpikingForceResult } from './spiking-force.js';

/** Population pairs, presynaptic → postsynaptic (type 0 = LIF, 1 = QIF/theta). */
export const POPULATION_PAIRS = ['LIF→LIF', 'LIF→QIF', 'QIF→LIF', 'QIF→QIF'] as const;
export type PopulationPair = (typeof POPULATION_PAIRS)[number];

/** Entries W_ij (i ≠ j) with j of the first type and i of the second: how many, their mean and RMS. */
export interface BlockStrength {
  count: number;
  mean: number;
  rms: number;
}

/** Strength of each present population pair of J0, J and ΔJ. */
export type PopulationStrengths = Partial<Record<PopulationPair, { J0: BlockStrength; J: BlockStrength; dJ: BlockStrength }>>;

export interface ForceConnectivityAnalysis {
  outliers: EigenvalueOutliers;
  motifs: { J0: MotifStatistics; J: MotifStatistics; dJ: MotifStatistics };
  /** Spiking results only. */
  populations?: PopulationStrengths;
}

/**
 * Mean and RMS of the off-diagonal entries of a dense n×n row-major W (row = postsynaptic) in each
 * block (presynaptic type, postsynaptic type) of `types` (0 = LIF, 1 = QIF); absent pairs are left out.
 */
export function blockStrengths(W: Float64Array, types: Int32Array): Partial<Record<PopulationPair, BlockStrength>> {
  const n = types.length;
  if (W.length !== n * n) throw new RangeError(`blockStrengths: W has ${W.length} entries, expected n² = ${n * n} for ${n} types`);
  const count = new Float64Array(4);
  const sum = new Float64Array(4);
  const squares = new Float64Array(4);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const block = 2 * types[j] + types[i];
      const w = W[i * n + j];
      count[block]++;
      sum[block] += w;
      squares[block] += w * w;
    }
  }
  const out: Partial<Record<PopulationPair, BlockStrength>> = {};
  POPULATION_PAIRS.forEach((pair, block) => {
    if (count[block] > 0) out[pair] = { count: count[block], mean: sum[block] / count[block], rms: Math.sqrt(squares[block] / count[block]) };
  });
  return out;
}

/**
 * Outliers of J (bulk radius: `bulkRadius`, default the gain g of a rate run or the static bulk
 * radius of a spiking run; solver default krylovEigenvalues, the dense solver for n < 64), motifs of
 * J0, J, ΔJ, and for spiking results the population strengths. Needs a result trained with
 * keepConnectivity (the default for rate FORCE).
 */
export function analyseForceConnectivity(
  rt: Runtime, result: ReadoutForceResult | RecurrentForceResult | SpikingForceResult | RecurrentSpikingForceResult,
  options: { solver?: EigenvalueSolver; bulkRadius?: number; margin?: number } = {},
): ForceConnectivityAnalysis {
  const where = 'analyseForceConnectivity';
  const connectivity = result.connectivity;
  if (connectivity === null) throw new RangeError(`${where}: the result has no connectivity (train with keepConnectivity: true)`);
  const gain = 'bulkRadius' in result ? result.bulkRadius : result.params.g;
  const bulkRadius = options.bulkRadius ?? (typeof gain === 'number' ? gain : undefined);
  if (bulkRadius === undefined) throw new RangeError(`${where}: bulkRadius is required when the connectivity was given (no gain g to default to)`);
  const { n, J0, J, dJ } = connectivity;
  const motifsOf = (values: Float64Array) => rt.scope(() => connectivityMotifs(rt, rt.dense(n, n, values)));
  const analysis: ForceConnectivityAnalysis = {
    outliers: eigenvalueOutliers(rt, { n, values: J }, { bulkRadius, margin: options.margin, solver: options.solver ?? krylovEigenvalues }),
    motifs: { J0: motifsOf(J0), J: motifsOf(J), dJ: motifsOf(dJ) },
  };
  if ('types' in result) {
    const [before, after, delta] = [J0, J, dJ].map((W) => blockStrengths(W, result.types));
    const populations: PopulationStrengths = {};
    for (const pair of POPULATION_PAIRS) {
      const [b, a, d] = [before[pair], after[pair], delta[pair]];
      if (b && a && d) populations[pair] = { J0: b, J: a, dJ: d };
    }
    analysis.populations = populations;
  }
  return analysis;
}
