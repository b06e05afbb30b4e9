/**
 * What training did to the connectivity: eigenvalue outliers of the trained J beyond the bulk of
 * the untrained one, and the motif statistics of J0, J and ΔJ = J − J0.
 */
import { connectivityMotifs, type MotifStatistics } from '../analysis/motifs.js';
import { type EigenvalueOutliers, type EigenvalueSolver, eigenvalueOutliers } from '../analysis/outliers.js';
import type { Runtime } from '../runtime.js';
import type { ReadoutForceResult, RecurrentForceResult } from './force.js';
import type { SpikingForceResult } from './spiking-force.js';

export interface ForceConnectivityAnalysis {
  outliers: EigenvalueOutliers;
  motifs: { J0: MotifStatistics; J: MotifStatistics; dJ: MotifStatistics };
}

/**
 * Outliers of J (bulk radius: `bulkRadius`, default the gain g of a rate run or the static bulk
 * radius of a spiking run; solver default denseEigenvalues) and motifs of J0, J, ΔJ.
 * Needs a result trained with keepConnectivity (the default for rate FORCE).
 */
export function analyseForceConnectivity(
  rt: Runtime, result: ReadoutForceResult | RecurrentForceResult | SpikingForceResult,
  options: { solver?: EigenvalueSolver; bulkRadius?: number; margin?: number } = {},
): ForceConnectivityAnalysis {
  const where = 'analyseForceConnectivity';
  const connectivity = result.connectivity;
  if (connectivity === null) throw new RangeError(`${where}: the result has no connectivity (train with keepConnectivity: true)`);
  const gain = 'bulkRadius' in result ? result.bulkRadius : result.params.g;
  const bulkRadius = options.bulkRadius ?? (typeof gain === 'number' ? gain : undefined);
  if (bulkRadius === undefined) throw new RangeError(`${where}: bulkRadius is required when the connectivity was given (no gain g to default to)`);
  const { n } = connectivity;
  const motifsOf = (values: Float64Array) => rt.scope(() => connectivityMotifs(rt, rt.dense(n, n, values)));
  return {
    outliers: eigenvalueOutliers(rt, { n, values: connectivity.J }, { bulkRadius, margin: options.margin, solver: options.solver }),
    motifs: { J0: motifsOf(connectivity.J0), J: motifsOf(connectivity.J), dJ: motifsOf(connectivity.dJ) },
  };
}
